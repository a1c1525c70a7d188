package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// The editors' reads: items as their forms show them, drafts included. Public pages never
// use these; they read published items only.

// AdvanceToEdit is an advance as its form shows it: its input, its document and its state.
type AdvanceToEdit struct {
	AdvanceInput
	Document  string `db:"document"`
	Published bool   `db:"published"`
}

// RecommendationToEdit is a recommendation as its form shows it.
type RecommendationToEdit struct {
	RecommendationInput
	Document  string `db:"document"`
	Published bool   `db:"published"`
}

// QuoteToEdit is a quote as its form shows it.
type QuoteToEdit struct {
	QuoteInput
	Document  string `db:"document"`
	Published bool   `db:"published"`
}

// AdvanceToEdit returns the advance with the given slug, draft or not, for its form.
func (s *Store) AdvanceToEdit(ctx context.Context, slug string) (a AdvanceToEdit, err error) {
	defer wrap(&err, "store.AdvanceToEdit(%q)", slug)
	rows, err := s.pool.Query(ctx, `SELECT d.slug AS document, a.published,`+advanceInputColumns+advanceInputTables+`
WHERE a.slug = @slug`, pgx.NamedArgs{"slug": slug})
	if err != nil {
		return AdvanceToEdit{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[AdvanceToEdit])
}

// RecommendationToEdit returns the recommendation with the given slug, draft or not, for its
// form.
func (s *Store) RecommendationToEdit(ctx context.Context, slug string) (r RecommendationToEdit, err error) {
	defer wrap(&err, "store.RecommendationToEdit(%q)", slug)
	rows, err := s.pool.Query(ctx, `SELECT d.slug AS document, r.published,`+recommendationInputColumns+recommendationInputTables+`
WHERE r.slug = @slug`, pgx.NamedArgs{"slug": slug})
	if err != nil {
		return RecommendationToEdit{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[RecommendationToEdit])
}

// QuoteToEdit returns the quote with the given slug, draft or not, for its form.
func (s *Store) QuoteToEdit(ctx context.Context, slug string) (q QuoteToEdit, err error) {
	defer wrap(&err, "store.QuoteToEdit(%q)", slug)
	rows, err := s.pool.Query(ctx, `SELECT d.slug AS document, q.published,`+quoteInputColumns+quoteInputTables+`
WHERE q.slug = @slug`, pgx.NamedArgs{"slug": slug})
	if err != nil {
		return QuoteToEdit{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[QuoteToEdit])
}

// EditorItem is an advance, recommendation or quote in an editor's list.
type EditorItem struct {
	Slug      string    `db:"slug"`
	Label     string    `db:"label"` // its title; a quote's speaker and first words
	Lang      string    `db:"lang"`  // the language of Label
	Document  DocRef    `db:"document"`
	Published bool      `db:"published"` // its own state; its document's may still hide it
	Updated   time.Time `db:"updated_at"`
}

// EditorItemList is one page of an editor's list, and how many items there are in all.
type EditorItemList struct {
	Items []EditorItem
	Total int
}

// editorItemsQueries list the items of each type for editors, drafts first, then the last
// changed first.
var editorItemsQueries = map[ItemType]string{
	AdvanceItem: `
SELECT a.slug, a.title AS label, d.lang, doc_ref(d) AS document, a.published, a.updated_at,
    count(*) OVER () AS total
FROM advances a
JOIN documents d ON d.id = a.document_id
ORDER BY a.published, a.updated_at DESC, a.id DESC
LIMIT @limit OFFSET @offset`,
	RecommendationItem: `
SELECT r.slug, r.title AS label, d.lang, doc_ref(d) AS document, r.published, r.updated_at,
    count(*) OVER () AS total
FROM recommendations r
JOIN documents d ON d.id = r.document_id
ORDER BY r.published, r.updated_at DESC, r.id DESC
LIMIT @limit OFFSET @offset`,
	QuoteItem: `
SELECT q.slug, q.speaker_name || ': ' || left(q.text, 80) AS label, q.lang, doc_ref(d) AS document,
    q.published, q.updated_at, count(*) OVER () AS total
FROM quotes q
JOIN documents d ON d.id = q.document_id
ORDER BY q.published, q.updated_at DESC, q.id DESC
LIMIT @limit OFFSET @offset`,
}

// EditorItems returns a page of the advances, recommendations or quotes (t), drafts
// included: drafts first, then the last changed first.
func (s *Store) EditorItems(ctx context.Context, t ItemType, limit, offset int) (list EditorItemList, err error) {
	defer wrap(&err, "store.EditorItems(%q, %d, %d)", t, limit, offset)
	rows, err := s.pool.Query(ctx, editorItemsQueries[t], pgx.NamedArgs{"limit": limit, "offset": offset})
	if err != nil {
		return EditorItemList{}, err
	}
	type row struct {
		EditorItem
		Total int `db:"total"`
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[row])
	if err != nil {
		return EditorItemList{}, err
	}
	list.Items = make([]EditorItem, len(got))
	for i, r := range got {
		list.Items[i], list.Total = r.EditorItem, r.Total
	}
	return list, nil
}

// BodyChoices lists every body, by name in lang where translated, for the forms that name
// bodies.
func (s *Store) BodyChoices(ctx context.Context, lang string) (bodies []Body, err error) {
	defer wrap(&err, "store.BodyChoices(%q)", lang)
	rows, err := s.pool.Query(ctx, `
SELECT
    b.slug, b.kind,
    tr_text(b.translations, @lang, 'name', b.name) AS name,
    tr_short(b.translations, @lang, b.short_name) AS short_name,
    '' AS parent_slug, '' AS parent_name, '' AS parent_lang,
    tr_lang(b.translations, @lang, b.lang) AS lang
FROM bodies b
ORDER BY 3, b.slug`, pgx.NamedArgs{"lang": lang})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Body])
}
