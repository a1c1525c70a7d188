package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ItemFilter selects recommendations or quotes. Zero fields select everything.
type ItemFilter struct {
	Document  string // a document's slug
	Paragraph int    // a paragraph of Document
	Body      string // for recommendations: an addressee, including its descendants
	Lang      string // the reader's language: titles and texts come in it where translated
}

// recommendationSelect reads recommendations, in the language given by parameter %s where
// they have a translation.
const recommendationSelect = `
SELECT
    r.slug, coalesce(tr.title, r.title), coalesce(tr.text, r.text), coalesce(tr.lang, d.lang),
    d.slug, coalesce(d.symbol, ''), d.title, d.lang, d.url,
    s.slug, coalesce(s.symbol, ''), s.title, s.lang, s.url,
    array(
        SELECT rp.number FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id ORDER BY rp.number
    ),
    coalesce((
        SELECT json_agg(json_build_object(
            'slug', b.slug, 'name', b.name, 'short_name', b.short_name, 'confirmed', true,
            'lang', b.lang
        ) ORDER BY b.name)
        FROM recommendation_addressees ra JOIN bodies b ON b.id = ra.body_id
        WHERE ra.recommendation_id = r.id
    ), '[]')
FROM recommendations r
JOIN documents d ON d.id = r.document_id
JOIN documents s ON s.id = r.source_id
LEFT JOIN recommendation_translations tr ON tr.recommendation_id = r.id AND tr.lang = %s`

func scanRecommendation(row pgx.CollectableRow) (Recommendation, error) {
	var r Recommendation
	err := row.Scan(
		&r.Slug, &r.Title, &r.Text, &r.Lang,
		&r.Document.Slug, &r.Document.Symbol, &r.Document.Title, &r.Document.TitleLang, &r.Document.URL,
		&r.Source.Slug, &r.Source.Symbol, &r.Source.Title, &r.Source.TitleLang, &r.Source.URL,
		&r.Paragraphs, &r.Addressees,
	)
	return r, err
}

// Recommendations returns the recommendations f selects, by document and paragraph.
func (s *Store) Recommendations(ctx context.Context, f ItemFilter) (recs []Recommendation, err error) {
	defer wrap(&err, "store.Recommendations(%+v)", f)
	rows, err := s.pool.Query(ctx, "WITH RECURSIVE"+wantedBodies+fmt.Sprintf(recommendationSelect, "$4")+`
WHERE ($1 = '' OR EXISTS (
        SELECT 1 FROM recommendation_addressees ra
        WHERE ra.recommendation_id = r.id AND ra.body_id IN (SELECT id FROM wanted)))
  AND ($2 = '' OR d.slug = $2)
  AND ($3 = 0 OR EXISTS (
        SELECT 1 FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id AND rp.number = $3))
ORDER BY d.slug, r.position`, f.Body, f.Document, f.Paragraph, f.Lang)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanRecommendation)
}

// Recommendation returns the recommendation with the given slug, in lang where translated.
func (s *Store) Recommendation(ctx context.Context, slug, lang string) (r Recommendation, err error) {
	defer wrap(&err, "store.Recommendation(%q, %q)", slug, lang)
	rows, err := s.pool.Query(ctx, fmt.Sprintf(recommendationSelect, "$2")+"\nWHERE r.slug = $1", slug, lang)
	if err != nil {
		return Recommendation{}, err
	}
	return pgx.CollectExactlyOneRow(rows, scanRecommendation)
}

// Quotes returns the quotes f selects (Body is ignored), in the order their document gives.
func (s *Store) Quotes(ctx context.Context, f ItemFilter) (quotes []Quote, err error) {
	defer wrap(&err, "store.Quotes(%+v)", f)
	rows, err := s.pool.Query(ctx, `
SELECT
    q.slug, q.text, q.lang, d.lang, q.context,
    q.speaker_name, q.speaker_role, q.speaker_organisation,
    d.slug, coalesce(d.symbol, ''), d.title, d.lang, d.url,
    coalesce(q.paragraph_number, 0),
    s.slug, coalesce(s.symbol, ''), s.title, s.lang, s.url
FROM quotes q
JOIN documents d ON d.id = q.document_id
JOIN documents s ON s.id = q.source_id
WHERE ($1 = '' OR d.slug = $1)
  AND ($2 = 0 OR q.paragraph_number = $2)
ORDER BY d.slug, q.position`, f.Document, f.Paragraph)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Quote, error) {
		var q Quote
		err := row.Scan(
			&q.Slug, &q.Text, &q.Lang, &q.OriginalLang, &q.Context,
			&q.SpeakerName, &q.SpeakerRole, &q.SpeakerOrganisation,
			&q.Document.Slug, &q.Document.Symbol, &q.Document.Title, &q.Document.TitleLang, &q.Document.URL,
			&q.Paragraph,
			&q.Source.Slug, &q.Source.Symbol, &q.Source.Title, &q.Source.TitleLang, &q.Source.URL,
		)
		return q, err
	})
}

// Body returns the body with the given slug.
func (s *Store) Body(ctx context.Context, slug string) (b Body, err error) {
	defer wrap(&err, "store.Body(%q)", slug)
	rows, err := s.pool.Query(ctx, `
SELECT b.slug, b.kind, b.name, b.short_name, coalesce(p.slug, ''), coalesce(p.name, ''), b.lang
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.slug = $1`, slug)
	if err != nil {
		return Body{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Body])
}
