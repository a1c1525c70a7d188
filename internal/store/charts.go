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
	// The counts the writes keep (advance_totals, 00012): one row a year, body_id 0 for
	// every advance, year 0 for those without a date.
	rows, err := s.pool.Query(ctx, `
SELECT t.year, t.advances, t.unconfirmed
FROM advance_totals t
WHERE t.year <> 0
  AND t.body_id = CASE WHEN $1 = '' THEN 0 ELSE (SELECT id FROM bodies WHERE slug = $1) END
ORDER BY year`, body)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[YearCount])
}
