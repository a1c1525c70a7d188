package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Advance sorts.
const (
	SortParagraph = "paragraph" // by document, then first cited paragraph; uncited advances last
	SortDate      = "date"      // newest event first; undated advances last
)

// AdvanceFilter selects advances. Zero fields select everything.
type AdvanceFilter struct {
	Body      string // a body's slug; includes the advances of its descendants
	Document  string // a document's slug
	Paragraph int    // a paragraph number cited by the advance, with Document
	Sort      string // SortParagraph (the default) or SortDate
	Limit     int    // 0 means no limit
	Offset    int
}

// AdvanceList is one page of advances and how many match in all.
type AdvanceList struct {
	Advances []Advance
	Total    int
}

// advanceSelect reads an advance with everything a list shows of it in one row, so that a page
// of advances costs one query whatever its length.
const advanceSelect = `
SELECT
    a.slug,
    a.title,
    a.summary,
    d.slug, coalesce(d.symbol, ''), d.title, d.url,
    s.slug, coalesce(s.symbol, ''), s.title, s.url,
    a.event_on,
    coalesce(a.event_precision::text, ''),
    a.event_confirmed,
    array(
        SELECT ap.number FROM advance_paragraphs ap
        WHERE ap.advance_id = a.id ORDER BY ap.number
    ),
    coalesce((
        SELECT json_agg(json_build_object(
            'slug', b.slug, 'name', b.name, 'short_name', b.short_name, 'confirmed', ab.confirmed
        ) ORDER BY b.name)
        FROM advance_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.advance_id = a.id
    ), '[]'),
    coalesce((
        SELECT json_agg(json_build_object(
            'text', f.text, 'confirmed', f.confirmed, 'source_url', f.source_url
        ) ORDER BY f.position)
        FROM advance_facts f WHERE f.advance_id = a.id
    ), '[]'),
    count(*) OVER ()
FROM advances a
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id`

// advanceWhere applies an AdvanceFilter; $1 body, $2 document, $3 paragraph.
const advanceWhere = `
WHERE ($1 = '' OR EXISTS (
        SELECT 1
        FROM advance_bodies ab
        JOIN body_tree t ON t.body_id = ab.body_id
        JOIN bodies anc ON anc.id = t.ancestor_id
        WHERE ab.advance_id = a.id AND anc.slug = $1))
  AND ($2 = '' OR d.slug = $2)
  AND ($3 = 0 OR EXISTS (
        SELECT 1 FROM advance_paragraphs ap
        WHERE ap.advance_id = a.id AND ap.number = $3))`

var advanceOrder = map[string]string{
	SortParagraph: `
ORDER BY d.slug,
    (SELECT min(ap.number) FROM advance_paragraphs ap WHERE ap.advance_id = a.id) NULLS LAST,
    a.position`,
	SortDate: `
ORDER BY a.event_on DESC NULLS LAST, d.slug, a.position`,
}

func scanAdvance(row pgx.CollectableRow) (advanceRow, error) {
	var r advanceRow
	a := &r.Advance
	var event *time.Time
	err := row.Scan(
		&a.Slug, &a.Title, &a.Summary,
		&a.Document.Slug, &a.Document.Symbol, &a.Document.Title, &a.Document.URL,
		&a.Source.Slug, &a.Source.Symbol, &a.Source.Title, &a.Source.URL,
		&event, &a.Event.Precision, &a.EventConfirmed,
		&a.Paragraphs, &a.Bodies, &a.Facts,
		&r.total,
	)
	if event != nil {
		a.Event.Time = *event
	}
	return r, err
}

type advanceRow struct {
	Advance
	total int
}

// Advances returns the advances that f selects, in f's order.
func (s *Store) Advances(ctx context.Context, f AdvanceFilter) (list AdvanceList, err error) {
	defer wrap(&err, "store.Advances(%+v)", f)
	order, ok := advanceOrder[f.Sort]
	if f.Sort == "" {
		order, ok = advanceOrder[SortParagraph], true
	}
	if !ok {
		return AdvanceList{}, fmt.Errorf("unknown sort %q", f.Sort)
	}
	limit := "ALL"
	if f.Limit > 0 {
		limit = fmt.Sprint(f.Limit)
	}
	q := advanceSelect + advanceWhere + order + "\nLIMIT " + limit + " OFFSET $4"
	rows, err := s.pool.Query(ctx, q, f.Body, f.Document, f.Paragraph, f.Offset)
	if err != nil {
		return AdvanceList{}, err
	}
	got, err := pgx.CollectRows(rows, scanAdvance)
	if err != nil {
		return AdvanceList{}, err
	}
	list.Advances = make([]Advance, len(got))
	for i, r := range got {
		list.Advances[i] = r.Advance
		list.Total = r.total
	}
	return list, nil
}

// Advance returns the advance with the given slug.
func (s *Store) Advance(ctx context.Context, slug string) (a Advance, err error) {
	defer wrap(&err, "store.Advance(%q)", slug)
	rows, err := s.pool.Query(ctx, advanceSelect+"\nWHERE a.slug = $1", slug)
	if err != nil {
		return Advance{}, err
	}
	r, err := pgx.CollectExactlyOneRow(rows, scanAdvance)
	return r.Advance, err
}

// BodyCounts lists every body with the number of advances that it or its descendants record,
// counting only the advances of document when it is set. Bodies come grouped by kind, each
// parent before its children.
func (s *Store) BodyCounts(ctx context.Context, document string) (counts []BodyCount, err error) {
	defer wrap(&err, "store.BodyCounts(%q)", document)
	rows, err := s.pool.Query(ctx, `
SELECT
    b.slug, b.kind, b.name, b.short_name,
    coalesce(p.slug, ''), coalesce(p.name, ''),
    count(DISTINCT a.id)
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
LEFT JOIN body_tree t ON t.ancestor_id = b.id
LEFT JOIN advance_bodies ab ON ab.body_id = t.body_id
LEFT JOIN advances a ON a.id = ab.advance_id
    AND ($1 = '' OR a.document_id = (SELECT id FROM documents WHERE slug = $1))
GROUP BY b.id, p.id
ORDER BY
    array_position($2::text[], b.kind),
    coalesce(p.name, b.name),
    p.id NULLS FIRST,
    b.name`, document, BodyKinds)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (BodyCount, error) {
		var c BodyCount
		err := row.Scan(&c.Slug, &c.Kind, &c.Name, &c.ShortName, &c.ParentSlug, &c.ParentName, &c.Advances)
		return c, err
	})
}

// DocumentCount is a document with the number of its advances a filter selects.
type DocumentCount struct {
	DocRef
	Advances int
}

// DocumentCounts lists the documents that record advances, each with the number of its
// advances recorded by body or its descendants (all of them when body is empty).
func (s *Store) DocumentCounts(ctx context.Context, body string) (counts []DocumentCount, err error) {
	defer wrap(&err, "store.DocumentCounts(%q)", body)
	rows, err := s.pool.Query(ctx, `
SELECT
    d.slug, coalesce(d.symbol, ''), d.title, d.url,
    count(*) FILTER (WHERE $1 = '' OR EXISTS (
        SELECT 1
        FROM advance_bodies ab
        JOIN body_tree t ON t.body_id = ab.body_id
        JOIN bodies anc ON anc.id = t.ancestor_id
        WHERE ab.advance_id = a.id AND anc.slug = $1))
FROM documents d
JOIN advances a ON a.document_id = d.id
GROUP BY d.id
ORDER BY d.issued_on DESC NULLS LAST, d.slug`, body)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (DocumentCount, error) {
		var c DocumentCount
		err := row.Scan(&c.Slug, &c.Symbol, &c.Title, &c.URL, &c.Advances)
		return c, err
	})
}
