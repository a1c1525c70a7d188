package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ItemFilter selects recommendations or quotes. Zero fields select everything.
type ItemFilter struct {
	Slug      string   // one item
	Document  string   // a document's slug
	Source    string   // the slug of the document the items are taken from
	Paragraph int      // a paragraph of Document
	Bodies    []string // for recommendations: addressees, including their descendants
	Lang      string   // the reader's language: titles and texts come in it where translated
}

// recommendationsQuery reads the recommendations an ItemFilter selects, by document and
// position, in @lang where they have a translation.
const recommendationsQuery = `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@bodies::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
)
SELECT
    r.slug,
    coalesce(tr.title, r.title) AS title,
    coalesce(tr.text, r.text) AS text,
    coalesce(tr.lang, d.lang) AS lang,
    doc_ref(d, @lang) AS document,
    doc_ref(s, @lang) AS source,
    array(
        SELECT rp.number FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id ORDER BY rp.number
    ) AS paragraphs,
    coalesce((
        SELECT json_agg(json_build_object(
            'slug', b.slug, 'name', tr_text(b.translations, @lang, 'name', b.name),
            'short_name', tr_short(b.translations, @lang, b.short_name), 'confirmed', true,
            'lang', tr_lang(b.translations, @lang, b.lang)
        ) ORDER BY tr_text(b.translations, @lang, 'name', b.name))
        FROM recommendation_addressees ra JOIN bodies b ON b.id = ra.body_id
        WHERE ra.recommendation_id = r.id
    ), '[]') AS addressees
FROM recommendations r
JOIN documents d ON d.id = r.document_id
JOIN documents s ON s.id = r.source_id
LEFT JOIN recommendation_translations tr ON tr.recommendation_id = r.id AND tr.lang = @lang
WHERE (@slug = '' OR r.slug = @slug)
  AND (cardinality(@bodies::text[]) = 0 OR EXISTS (
        SELECT 1 FROM recommendation_addressees ra
        WHERE ra.recommendation_id = r.id AND ra.body_id IN (SELECT id FROM wanted)))
  AND (@document = '' OR d.slug = @document)
  AND (@source = '' OR s.slug = @source)
  AND (@paragraph = 0 OR EXISTS (
        SELECT 1 FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id AND rp.number = @paragraph))
ORDER BY d.slug, r.position`

// Recommendations returns the recommendations f selects, by document and paragraph.
func (s *Store) Recommendations(ctx context.Context, f ItemFilter) (recs []Recommendation, err error) {
	defer wrap(&err, "store.Recommendations(%+v)", f)
	rows, err := s.pool.Query(ctx, recommendationsQuery, f.args())
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Recommendation])
}

func (f ItemFilter) args() pgx.NamedArgs {
	return pgx.NamedArgs{
		"slug": f.Slug, "bodies": slugs(f.Bodies), "document": f.Document, "source": f.Source, "paragraph": f.Paragraph,
		"lang": f.Lang,
	}
}

// Recommendation returns the recommendation with the given slug, in lang where translated.
func (s *Store) Recommendation(ctx context.Context, slug, lang string) (r Recommendation, err error) {
	defer wrap(&err, "store.Recommendation(%q, %q)", slug, lang)
	if slug == "" {
		return Recommendation{}, pgx.ErrNoRows
	}
	rows, err := s.pool.Query(ctx, recommendationsQuery, ItemFilter{Slug: slug, Lang: lang}.args())
	if err != nil {
		return Recommendation{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Recommendation])
}

// Quotes returns the quotes f selects (Body and Lang are ignored: quotes keep the words as
// said), in the order their document gives.
func (s *Store) Quotes(ctx context.Context, f ItemFilter) (quotes []Quote, err error) {
	defer wrap(&err, "store.Quotes(%+v)", f)
	rows, err := s.pool.Query(ctx, `
SELECT
    q.slug, q.text, q.lang,
    d.lang AS original_lang,
    q.context, q.speaker_name, q.speaker_role, q.speaker_organisation,
    doc_ref(d, @lang) AS document,
    coalesce(q.paragraph_number, 0) AS paragraph,
    doc_ref(s, @lang) AS source,
    doc_ref(w, @lang) AS said_in
FROM quotes q
JOIN documents d ON d.id = q.document_id
JOIN documents s ON s.id = q.source_id
JOIN documents w ON w.id = q.said_in_id
WHERE (@slug = '' OR q.slug = @slug)
  AND (@document = '' OR d.slug = @document)
  AND (@source = '' OR s.slug = @source)
  AND (@paragraph = 0 OR q.paragraph_number = @paragraph)
ORDER BY d.slug, q.position`, f.args())
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Quote])
}
