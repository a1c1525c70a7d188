package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// YearCount is a year with the number of advances whose event falls in it.
type YearCount struct {
	Year        int
	Advances    int
	Unconfirmed int // how many of those have a date that no public page confirms
}

// AdvanceYears counts the advances by the year of their event, oldest year first, counting
// only those of body or its descendants when body is set. Years without advances are left
// out, and so are advances whose date is not known.
func (s *Store) AdvanceYears(ctx context.Context, body string) (years []YearCount, err error) {
	defer wrap(&err, "store.AdvanceYears(%q)", body)
	rows, err := s.pool.Query(ctx, `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = $1
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
)
SELECT
    extract(year FROM a.event_on)::int AS year,
    count(*) AS advances,
    count(*) FILTER (WHERE NOT a.event_confirmed) AS unconfirmed
FROM advances a
JOIN documents d ON d.id = a.document_id
WHERE a.event_on IS NOT NULL AND a.published AND d.published
  AND ($1 = '' OR EXISTS (
        SELECT 1 FROM advance_bodies ab
        WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))
GROUP BY year
ORDER BY year`, body)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[YearCount])
}
