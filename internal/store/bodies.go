package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Body returns the body with the given slug.
func (s *Store) Body(ctx context.Context, slug string) (b Body, err error) {
	defer wrap(&err, "store.Body(%q)", slug)
	rows, err := s.pool.Query(ctx, `
SELECT
    b.slug, b.kind, b.name, b.short_name,
    coalesce(p.slug, '') AS parent_slug,
    coalesce(p.name, '') AS parent_name,
    b.lang
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.slug = $1`, slug)
	if err != nil {
		return Body{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Body])
}

// BodyCounts lists every body with the number of advances that it or its descendants record,
// counting only the advances of document when it is set. Bodies come grouped by kind in the
// order of BodyKinds, each parent before its children.
func (s *Store) BodyCounts(ctx context.Context, document string) (counts []BodyCount, err error) {
	defer wrap(&err, "store.BodyCounts(%q)", document)
	rows, err := s.pool.Query(ctx, `
WITH counted AS (
    SELECT t.ancestor_id AS id, count(DISTINCT ab.advance_id) AS advances
    FROM body_tree t
    JOIN advance_bodies ab ON ab.body_id = t.body_id
    WHERE $1 = '' OR ab.advance_id IN (
        SELECT a.id FROM advances a JOIN documents d ON d.id = a.document_id WHERE d.slug = $1)
    GROUP BY t.ancestor_id
)
SELECT
    b.slug, b.kind, b.name, b.short_name,
    coalesce(p.slug, '') AS parent_slug,
    coalesce(p.name, '') AS parent_name,
    b.lang,
    coalesce(c.advances, 0) AS advances
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
LEFT JOIN counted c ON c.id = b.id
ORDER BY
    array_position($2::text[], b.kind),
    coalesce(p.name, b.name),
    p.id NULLS FIRST,
    b.name`, document, BodyKinds())
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[BodyCount])
}
