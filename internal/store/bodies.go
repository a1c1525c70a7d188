package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Body returns the body with the given slug, its names in lang where translated.
func (s *Store) Body(ctx context.Context, slug, lang string) (b Body, err error) {
	defer wrap(&err, "store.Body(%q, %q)", slug, lang)
	bodies, err := s.Bodies(ctx, []string{slug}, lang)
	if err != nil {
		return Body{}, err
	}
	if len(bodies) != 1 {
		return Body{}, pgx.ErrNoRows
	}
	return bodies[0], nil
}

// Bodies returns the bodies with the given slugs that exist, in the order of slugs, their names
// in lang where translated: a list filtered by several bodies checks them in one query.
func (s *Store) Bodies(ctx context.Context, slugs []string, lang string) (bodies []Body, err error) {
	defer wrap(&err, "store.Bodies(%q, %q)", slugs, lang)
	rows, err := s.pool.Query(ctx, `
SELECT
    b.slug, b.kind,
    tr_text(b.translations, @lang, 'name', b.name) AS name,
    tr_short(b.translations, @lang, b.short_name) AS short_name,
    coalesce(p.slug, '') AS parent_slug,
    coalesce(tr_text(p.translations, @lang, 'name', p.name), '') AS parent_name,
    coalesce(tr_lang(p.translations, @lang, p.lang), '') AS parent_lang,
    tr_lang(b.translations, @lang, b.lang) AS lang
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.slug = ANY(@slugs::text[])
ORDER BY array_position(@slugs::text[], b.slug)`, pgx.NamedArgs{"slugs": slugs, "lang": lang})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Body])
}

// BodyCounts lists every body with the number of advances that it or its descendants record
// (each advance once),
// counting only the advances of document when it is set, with names in lang where
// translated. Bodies come grouped by kind in the order of BodyKinds, each parent before its
// children, by name in lang.
func (s *Store) BodyCounts(ctx context.Context, document, lang string) (counts []BodyCount, err error) {
	defer wrap(&err, "store.BodyCounts(%q, %q)", document, lang)
	rows, err := s.pool.Query(ctx, `
WITH counted AS (
    -- The counts the writes keep (advance_tallies and advance_totals, 00012), summed over
    -- the years: as many rows as bodies and years, however many advances there are.
    SELECT body_id AS id, sum(advances) AS advances FROM advance_totals
    WHERE @document = ''
    GROUP BY body_id
    UNION ALL
    SELECT t.body_id, sum(t.advances) FROM advance_tallies t
    WHERE @document <> '' AND t.document_id = (SELECT id FROM documents WHERE slug = @document)
    GROUP BY t.body_id
)
SELECT
    b.slug, b.kind,
    tr_text(b.translations, @lang, 'name', b.name) AS name,
    tr_short(b.translations, @lang, b.short_name) AS short_name,
    coalesce(p.slug, '') AS parent_slug,
    coalesce(tr_text(p.translations, @lang, 'name', p.name), '') AS parent_name,
    coalesce(tr_lang(p.translations, @lang, p.lang), '') AS parent_lang,
    tr_lang(b.translations, @lang, b.lang) AS lang,
    coalesce(c.advances, 0) AS advances
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
LEFT JOIN counted c ON c.id = b.id
ORDER BY
    array_position(@kinds::text[], b.kind),
    coalesce(tr_text(p.translations, @lang, 'name', p.name), tr_text(b.translations, @lang, 'name', b.name)),
    p.id NULLS FIRST,
    tr_text(b.translations, @lang, 'name', b.name)`, pgx.NamedArgs{"document": document, "kinds": BodyKinds(), "lang": lang})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[BodyCount])
}
