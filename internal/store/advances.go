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
	SortUpdated   = "updated"   // last changed first, as a feed lists them
)

// AdvanceFilter selects advances. Zero fields select everything.
type AdvanceFilter struct {
	Body      string // a body's slug; includes the advances of its descendants
	Document  string // a document's slug
	Paragraph int    // a paragraph number cited by the advance, with Document
	Sort      string // SortParagraph (the default) or SortDate
	Lang      string // the reader's language: titles and summaries come in it where translated
	Limit     int    // 0 means no limit
	Offset    int
}

// AdvanceList is one page of advances and how many match in all. A page past the last has no
// advances, and then Total is 0 too: the caller asked for nothing that exists.
type AdvanceList struct {
	Advances []Advance
	Total    int
}

// advanceColumns reads an advance with everything a list shows of it in one row, so that a
// page of advances costs one query whatever its length.
const advanceColumns = `
    a.slug,
    coalesce(tr.title, a.title),
    coalesce(tr.summary, a.summary),
    coalesce(tr.lang, d.lang),
    d.lang,
    d.slug, coalesce(d.symbol, ''), d.title, d.lang, d.url,
    s.slug, coalesce(s.symbol, ''), s.title, s.lang, s.url,
    a.event_on,
    coalesce(a.event_precision::text, ''),
    a.event_confirmed,
    array(
        SELECT ap.number FROM advance_paragraphs ap
        WHERE ap.advance_id = a.id ORDER BY ap.number
    ),
    coalesce((
        SELECT json_agg(json_build_object(
            'slug', b.slug, 'name', b.name, 'short_name', b.short_name, 'confirmed', ab.confirmed,
            'lang', b.lang
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
    a.updated_at`

// advanceFrom joins what advanceColumns reads; the placeholder names the parameter holding
// the reader's language, whose translation is read where there is one.
const advanceFrom = `
FROM advances a
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id
LEFT JOIN advance_translations tr ON tr.advance_id = a.id AND tr.lang = %s`

// wantedBodies is the body whose slug is $1 and all its descendants. It starts from that one
// body rather than filtering the whole tree, so a filter costs the same however many bodies
// the tracker holds.
const wantedBodies = `
wanted (id) AS (
    SELECT id FROM bodies WHERE slug = $1
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
)`

// advancePage selects one page of the advances an AdvanceFilter matches, with the keys they
// sort by and the number matching in all; $1 body, $2 document, $3 paragraph, $4 offset. The
// details of each advance are read only for the page, after the sort and the limit.
const advancePage = `
page AS (
    SELECT
        a.id,
        d.slug AS sort_doc,
        (SELECT min(ap.number) FROM advance_paragraphs ap WHERE ap.advance_id = a.id) AS sort_para,
        a.event_on AS sort_event,
        a.position AS sort_position,
        a.updated_at AS sort_updated,
        count(*) OVER () AS total
    FROM advances a
    JOIN documents d ON d.id = a.document_id
    WHERE ($1 = '' OR EXISTS (
            SELECT 1 FROM advance_bodies ab
            WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))
      AND ($2 = '' OR d.slug = $2)
      AND ($3 = 0 OR EXISTS (
            SELECT 1 FROM advance_paragraphs ap
            WHERE ap.advance_id = a.id AND ap.number = $3))
    ORDER BY %[1]s
    LIMIT %[2]s OFFSET $4
)`

var advanceOrder = map[string]string{
	SortParagraph: `sort_doc, sort_para NULLS LAST, sort_position`,
	SortDate:      `sort_event DESC NULLS LAST, sort_doc, sort_position`,
	SortUpdated:   `sort_updated DESC, sort_doc, sort_position`,
}

func scanAdvance(row pgx.CollectableRow) (advanceRow, error) {
	var r advanceRow
	a := &r.Advance
	var event *time.Time
	err := row.Scan(
		&a.Slug, &a.Title, &a.Summary, &a.Lang, &a.OriginalLang,
		&a.Document.Slug, &a.Document.Symbol, &a.Document.Title, &a.Document.TitleLang, &a.Document.URL,
		&a.Source.Slug, &a.Source.Symbol, &a.Source.Title, &a.Source.TitleLang, &a.Source.URL,
		&event, &a.Event.Precision, &a.EventConfirmed,
		&a.Paragraphs, &a.Bodies, &a.Facts, &a.Updated,
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
	q := "WITH RECURSIVE" + wantedBodies + "," + fmt.Sprintf(advancePage, order, limit) +
		"\nSELECT" + advanceColumns + ", page.total" + fmt.Sprintf(advanceFrom, "$5") +
		"\nJOIN page ON page.id = a.id\nORDER BY " + order
	rows, err := s.pool.Query(ctx, q, f.Body, f.Document, f.Paragraph, f.Offset, f.Lang)
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

// Advance returns the advance with the given slug, in lang where it has a translation.
func (s *Store) Advance(ctx context.Context, slug, lang string) (a Advance, err error) {
	defer wrap(&err, "store.Advance(%q, %q)", slug, lang)
	rows, err := s.pool.Query(ctx, "SELECT"+advanceColumns+", 1"+fmt.Sprintf(advanceFrom, "$2")+"\nWHERE a.slug = $1", slug, lang)
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
    coalesce(p.slug, ''), coalesce(p.name, ''), b.lang,
    coalesce(c.advances, 0)
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
LEFT JOIN counted c ON c.id = b.id
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
		err := row.Scan(&c.Slug, &c.Kind, &c.Name, &c.ShortName, &c.ParentSlug, &c.ParentName, &c.Lang, &c.Advances)
		return c, err
	})
}

// DocumentCount is a document with the number of its advances a filter selects.
type DocumentCount struct {
	DocRef
	Advances int
}

// DocumentCounts lists every document with the number of its advances recorded by body or its
// descendants (all of them when body is empty); a document may have none.
func (s *Store) DocumentCounts(ctx context.Context, body string) (counts []DocumentCount, err error) {
	defer wrap(&err, "store.DocumentCounts(%q)", body)
	rows, err := s.pool.Query(ctx, `
WITH RECURSIVE`+wantedBodies+`
SELECT
    d.slug, coalesce(d.symbol, ''), d.title, d.lang, d.url,
    count(a.id) FILTER (WHERE $1 = '' OR EXISTS (
        SELECT 1 FROM advance_bodies ab
        WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))
FROM documents d
LEFT JOIN advances a ON a.document_id = d.id
GROUP BY d.id
ORDER BY d.issued_on DESC NULLS LAST, d.slug`, body)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (DocumentCount, error) {
		var c DocumentCount
		err := row.Scan(&c.Slug, &c.Symbol, &c.Title, &c.TitleLang, &c.URL, &c.Advances)
		return c, err
	})
}
