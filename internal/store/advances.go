package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Sort is an order of the advances list.
type Sort string

// Advance sorts.
const (
	SortParagraph Sort = "paragraph" // by document, then first cited paragraph; uncited advances last
	SortDate      Sort = "date"      // newest event first; undated advances last
	SortUpdated   Sort = "updated"   // last changed first, as a feed lists them
)

// AdvanceFilter selects advances. Zero fields select everything.
type AdvanceFilter struct {
	Slug      string   // one advance
	Bodies    []string // bodies' slugs: the advances of any, including those of their descendants
	Document  string   // a document's slug
	Source    string   // the slug of the document the advances are taken from
	Paragraph int      // a paragraph number cited by the advance, with Document
	Sort      Sort     // SortParagraph when empty
	Lang      string   // the reader's language: titles and summaries come in it where translated
	Limit     int      // 0 means no limit
	Offset    int
}

// AdvanceList is one page of advances and how many match in all. A page past the last has no
// advances, and then Total is 0 too: the caller asked for nothing that exists.
type AdvanceList struct {
	Advances []Advance
	Total    int
}

// advancesQuery selects one page of the advances a filter matches, with the number that match
// in all. The page is chosen first, from the keys the sort needs; the details of each advance
// (its paragraphs, bodies and facts, read as arrays and JSON) only for the page's rows, so a
// page costs one query whatever its length. The body filter walks down from the chosen body
// rather than filtering the whole tree, so it costs the same however many bodies there are.
const advancesQuery = `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@bodies::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
),
matching AS (
    SELECT
        a.id,
        count(*) OVER () AS total,
        row_number() OVER (ORDER BY
            CASE WHEN @sort = 'updated' THEN a.updated_at END DESC,
            CASE WHEN @sort = 'date' THEN a.event_on END DESC NULLS LAST,
            d.slug,
            CASE WHEN @sort = 'paragraph' THEN (
                SELECT min(ap.number) FROM advance_paragraphs ap WHERE ap.advance_id = a.id
            ) END NULLS LAST,
            a.position
        ) AS rank
    FROM advances a
    JOIN documents d ON d.id = a.document_id
    WHERE a.published AND d.published
      AND (@slug = '' OR a.slug = @slug)
      AND (cardinality(@bodies::text[]) = 0 OR EXISTS (
            SELECT 1 FROM advance_bodies ab
            WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))
      AND (@document = '' OR d.slug = @document)
      AND (@source = '' OR a.source_id = (SELECT id FROM documents WHERE slug = @source))
      AND (@paragraph = 0 OR EXISTS (
            SELECT 1 FROM advance_paragraphs ap
            WHERE ap.advance_id = a.id AND ap.number = @paragraph))
),
page AS (
    SELECT id, total, rank FROM matching
    ORDER BY rank
    LIMIT @limit OFFSET @offset
)
SELECT
    a.slug,
    coalesce(tr.title, a.title) AS title,
    coalesce(tr.summary, a.summary) AS summary,
    coalesce(tr.lang, d.lang) AS lang,
    d.lang AS original_lang,
    doc_ref(d, @lang) AS document,
    doc_ref(s, @lang) AS source,
    date_iso(a.event_on, a.event_precision) AS event,
    a.event_confirmed,
    coalesce(nullif(tr.event_why, ''), a.event_why) AS event_why,
    CASE WHEN tr.event_why <> '' THEN tr.lang ELSE d.lang END AS event_why_lang,
    array(
        SELECT ap.number FROM advance_paragraphs ap
        WHERE ap.advance_id = a.id ORDER BY ap.number
    ) AS paragraphs,
    coalesce((
        SELECT json_agg(json_build_object(
            'slug', b.slug, 'name', tr_text(b.translations, @lang, 'name', b.name),
            'short_name', tr_short(b.translations, @lang, b.short_name), 'confirmed', ab.confirmed,
            'why', ab.why, 'why_lang', d.lang, 'lang', tr_lang(b.translations, @lang, b.lang)
        ) ORDER BY tr_text(b.translations, @lang, 'name', b.name))
        FROM advance_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.advance_id = a.id
    ), '[]') AS bodies,
    coalesce((
        SELECT json_agg(json_build_object(
            'text', tr_text(f.translations, @lang, 'text', f.text), 'confirmed', f.confirmed,
            'why', f.why, 'source_url', f.source_url, 'lang', tr_lang(f.translations, @lang, d.lang)
        ) ORDER BY f.position)
        FROM advance_facts f WHERE f.advance_id = a.id
    ), '[]') AS facts,
    a.updated_at,
    page.total
FROM page
JOIN advances a ON a.id = page.id
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id
LEFT JOIN advance_translations tr ON tr.advance_id = a.id AND tr.lang = @lang
ORDER BY page.rank`

// listedAdvance is a row of advancesQuery.
type listedAdvance struct {
	Advance
	Total int `db:"total"`
}

// Advances returns the advances that f selects, in f's order.
func (s *Store) Advances(ctx context.Context, f AdvanceFilter) (list AdvanceList, err error) {
	defer wrap(&err, "store.Advances(%+v)", f)
	switch f.Sort {
	case "":
		f.Sort = SortParagraph
	case SortParagraph, SortDate, SortUpdated:
	default:
		return AdvanceList{}, fmt.Errorf("unknown sort %q", f.Sort)
	}
	rows, err := s.pool.Query(ctx, advancesQuery, pgx.NamedArgs{
		"slug": f.Slug, "bodies": slugs(f.Bodies), "document": f.Document, "source": f.Source, "paragraph": f.Paragraph,
		"sort": f.Sort, "lang": f.Lang, "limit": limit(f.Limit), "offset": f.Offset,
	})
	if err != nil {
		return AdvanceList{}, err
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[listedAdvance])
	if err != nil {
		return AdvanceList{}, err
	}
	list.Advances = make([]Advance, len(got))
	for i, r := range got {
		list.Advances[i] = r.Advance
		list.Total = r.Total
	}
	return list, nil
}

// slugs is a text[] parameter: empty, never NULL, for no slugs.
func slugs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// limit is a LIMIT parameter: no limit (NULL) for 0.
func limit(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}

// Advance returns the advance with the given slug, in lang where it has a translation.
func (s *Store) Advance(ctx context.Context, slug, lang string) (a Advance, err error) {
	defer wrap(&err, "store.Advance(%q, %q)", slug, lang)
	if slug == "" {
		return Advance{}, pgx.ErrNoRows
	}
	list, err := s.Advances(ctx, AdvanceFilter{Slug: slug, Lang: lang})
	if err != nil {
		return Advance{}, err
	}
	if len(list.Advances) != 1 {
		return Advance{}, pgx.ErrNoRows
	}
	return list.Advances[0], nil
}
