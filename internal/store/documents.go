package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// documentSelect reads documents, with the title in the language given by parameter %s where
// it has a translation.
const documentSelect = `
SELECT
    d.slug, coalesce(d.symbol, ''), coalesce(tr.title, d.title), coalesce(tr.lang, d.lang), d.url,
    d.title_confirmed, d.kind,
    coalesce(b.slug, ''), coalesce(b.name, ''),
    d.issued_on, coalesce(d.issued_precision::text, ''), d.issued_confirmed,
    d.about_url, d.lang,
    (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),
    (SELECT count(*) FROM advances a WHERE a.document_id = d.id)
FROM documents d
LEFT JOIN bodies b ON b.id = d.author_id
LEFT JOIN document_translations tr ON tr.document_id = d.id AND tr.lang = %[1]s`

func scanDocument(row pgx.CollectableRow) (Document, error) {
	var d Document
	var issued *time.Time
	err := row.Scan(
		&d.Slug, &d.Symbol, &d.Title, &d.TitleLang, &d.URL,
		&d.TitleConfirmed, &d.Kind,
		&d.AuthorSlug, &d.AuthorName,
		&issued, &d.Issued.Precision, &d.IssuedConfirmed,
		&d.AboutURL, &d.Lang,
		&d.Paragraphs, &d.Advances,
	)
	if issued != nil {
		d.Issued.Time = *issued
	}
	return d, err
}

// Documents lists the documents, newest first, with titles in lang where translated.
// Secondary sources (news) come last.
func (s *Store) Documents(ctx context.Context, lang string) (docs []Document, err error) {
	defer wrap(&err, "store.Documents(%q)", lang)
	rows, err := s.pool.Query(ctx, fmt.Sprintf(documentSelect, "$1")+`
ORDER BY d.kind = 'news', d.issued_on DESC NULLS LAST, d.slug`, lang)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, scanDocument)
}

// Document returns the document with the given slug, its title in lang where translated.
func (s *Store) Document(ctx context.Context, slug, lang string) (d Document, err error) {
	defer wrap(&err, "store.Document(%q, %q)", slug, lang)
	rows, err := s.pool.Query(ctx, fmt.Sprintf(documentSelect, "$2")+"\nWHERE d.slug = $1", slug, lang)
	if err != nil {
		return Document{}, err
	}
	return pgx.CollectExactlyOneRow(rows, scanDocument)
}

// Paragraphs returns a document's paragraphs in number order.
func (s *Store) Paragraphs(ctx context.Context, document string) (ps []Paragraph, err error) {
	defer wrap(&err, "store.Paragraphs(%q)", document)
	rows, err := s.pool.Query(ctx, `
SELECT p.number, p.topic, p.text
FROM paragraphs p
JOIN documents d ON d.id = p.document_id
WHERE d.slug = $1
ORDER BY p.number`, document)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Paragraph])
}

// Paragraph returns paragraph n of a document.
func (s *Store) Paragraph(ctx context.Context, document string, n int) (p Paragraph, err error) {
	defer wrap(&err, "store.Paragraph(%q, %d)", document, n)
	rows, err := s.pool.Query(ctx, `
SELECT p.number, p.topic, p.text
FROM paragraphs p
JOIN documents d ON d.id = p.document_id
WHERE d.slug = $1 AND p.number = $2`, document, n)
	if err != nil {
		return Paragraph{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Paragraph])
}

// Counts returns how much the tracker holds.
func (s *Store) Counts(ctx context.Context) (c Counts, err error) {
	defer wrap(&err, "store.Counts")
	err = s.pool.QueryRow(ctx, `
SELECT
    (SELECT count(*) FROM documents),
    (SELECT count(*) FROM paragraphs),
    (SELECT count(*) FROM advances),
    (SELECT count(*) FROM recommendations),
    (SELECT count(*) FROM quotes),
    (SELECT count(*) FROM bodies)`).Scan(
		&c.Documents, &c.Paragraphs, &c.Advances, &c.Recommendations, &c.Quotes, &c.Bodies)
	return c, err
}
