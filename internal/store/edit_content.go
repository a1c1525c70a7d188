package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// The editors' reads and writes of documents, paragraphs and bodies. Like edit.go's, each
// write runs in one transaction with its record in the change history, made by the editor;
// callers check what they write with the dataset package's Check functions, which apply the
// import's rules, and the schema's constraints refuse whatever slips past.

// EditRefs is what an editor's document or body may refer to, and what it must not take: the
// bodies with their parents, and the documents with their symbols.
type EditRefs struct {
	Bodies    map[string]string `db:"bodies"`    // a body's slug to its parent's, "" for none
	Documents map[string]string `db:"documents"` // a document's slug to its symbol, "" for none
}

// EditRefs returns every body and document, drafts included.
func (s *Store) EditRefs(ctx context.Context) (refs EditRefs, err error) {
	defer wrap(&err, "store.EditRefs")
	rows, err := s.pool.Query(ctx, `
SELECT
    coalesce((SELECT jsonb_object_agg(b.slug, coalesce(p.slug, ''))
              FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id), '{}') AS bodies,
    coalesce((SELECT jsonb_object_agg(d.slug, coalesce(d.symbol, '')) FROM documents d), '{}') AS documents`)
	if err != nil {
		return EditRefs{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[EditRefs])
}

// DocumentRow is a document as the editors' list shows it, drafts included.
type DocumentRow struct {
	DocRef
	Kind       DocumentKind `db:"kind"`
	Issued     Date         `db:"issued"`
	Published  bool         `db:"published"`
	Paragraphs int          `db:"paragraphs"`
}

// EditorDocuments lists every document, drafts and sources included, newest first.
func (s *Store) EditorDocuments(ctx context.Context) (docs []DocumentRow, err error) {
	defer wrap(&err, "store.EditorDocuments")
	rows, err := s.pool.Query(ctx, `
SELECT
    d.slug, coalesce(d.symbol, '') AS symbol, d.title, d.lang AS title_lang, d.url, d.kind,
    date_iso(d.issued_on, d.issued_precision) AS issued, d.published,
    (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS paragraphs
FROM documents d
ORDER BY d.issued_on DESC NULLS LAST, d.slug`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[DocumentRow])
}

// EditedDocument is a document as its editor's form shows it: every field as stored, in its
// own language, drafts included, with its paragraphs.
type EditedDocument struct {
	DocumentInput
	Lang       string
	Published  bool
	Paragraphs []Paragraph // their topics' translations in Topics
}

// EditedDocument returns the document with the given slug for editing. A missing document is
// ErrNotFound.
func (s *Store) EditedDocument(ctx context.Context, slug string) (d EditedDocument, err error) {
	defer wrap(&err, "store.EditedDocument(%q)", slug)
	rows, err := s.pool.Query(ctx, `
SELECT
    d.slug, coalesce(d.symbol, '') AS symbol, d.title, d.kind, coalesce(b.slug, '') AS author,
    d.url, d.about_url, d.title_confirmed, d.issued_confirmed, d.title_why, d.issued_why,
    date_iso(d.issued_on, d.issued_precision) AS issued, d.lang, d.published,
    coalesce((SELECT jsonb_object_agg(t.lang, jsonb_build_object(
                  'title', t.title, 'title_why', t.title_why, 'issued_why', t.issued_why))
              FROM document_translations t WHERE t.document_id = d.id), '{}') AS translations,
    coalesce((SELECT jsonb_agg(jsonb_build_object(
                  'number', p.number, 'topic', p.topic, 'text', p.text,
                  'topics', (SELECT jsonb_object_agg(t.lang, t.v ->> 'topic')
                             FROM jsonb_each(p.translations) t (lang, v))) ORDER BY p.number)
              FROM paragraphs p WHERE p.document_id = d.id), '[]') AS paragraphs
FROM documents d
LEFT JOIN bodies b ON b.id = d.author_id
WHERE d.slug = $1`, slug)
	if err != nil {
		return EditedDocument{}, err
	}
	type translation struct {
		Title     string `json:"title"`
		TitleWhy  string `json:"title_why"`
		IssuedWhy string `json:"issued_why"`
	}
	type paragraph struct {
		Number int               `json:"number"`
		Topic  string            `json:"topic"`
		Text   string            `json:"text"`
		Topics map[string]string `json:"topics"`
	}
	row, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[struct {
		Slug            string                 `db:"slug"`
		Symbol          string                 `db:"symbol"`
		Title           string                 `db:"title"`
		Kind            DocumentKind           `db:"kind"`
		Author          string                 `db:"author"`
		URL             string                 `db:"url"`
		AboutURL        string                 `db:"about_url"`
		TitleConfirmed  bool                   `db:"title_confirmed"`
		IssuedConfirmed bool                   `db:"issued_confirmed"`
		TitleWhy        string                 `db:"title_why"`
		IssuedWhy       string                 `db:"issued_why"`
		Issued          Date                   `db:"issued"`
		Lang            string                 `db:"lang"`
		Published       bool                   `db:"published"`
		Translations    map[string]translation `db:"translations"`
		Paragraphs      []paragraph            `db:"paragraphs"`
	}])
	if err != nil {
		return EditedDocument{}, err
	}
	d = EditedDocument{
		DocumentInput: DocumentInput{
			Slug: row.Slug, Symbol: row.Symbol, Title: row.Title, Kind: row.Kind, Author: row.Author,
			URL: row.URL, AboutURL: row.AboutURL, TitleConfirmed: row.TitleConfirmed,
			IssuedConfirmed: row.IssuedConfirmed, TitleWhy: row.TitleWhy, IssuedWhy: row.IssuedWhy,
			Issued: row.Issued,
		},
		Lang: row.Lang, Published: row.Published,
	}
	for l, tr := range row.Translations {
		if d.Titles == nil {
			d.Titles, d.Whys = map[string]string{}, map[string]DocumentWhys{}
		}
		d.Titles[l] = tr.Title
		d.Whys[l] = DocumentWhys{Title: tr.TitleWhy, Issued: tr.IssuedWhy}
	}
	for _, p := range row.Paragraphs {
		d.Paragraphs = append(d.Paragraphs, Paragraph{Number: p.Number, Topic: p.Topic, TopicLang: row.Lang, Text: p.Text, Topics: p.Topics})
	}
	return d, nil
}

// CreateDocument adds the document in, written in lang, as a draft: SetPublished shows it to
// the public. A slug or symbol already taken is ErrConflict.
func (s *Store) CreateDocument(ctx context.Context, editor int64, lang string, in DocumentInput) (err error) {
	defer wrap(&err, "store.CreateDocument(%q)", in.Slug)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE slug = $1)`, in.Slug).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("%w: document %q exists already", ErrConflict, in.Slug)
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{in.Slug}}, func() error {
			b := &pgx.Batch{}
			queueDocument(b, lang, in)
			b.Queue(`UPDATE documents SET published = false WHERE slug = $1`, in.Slug)
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// UpdateDocument makes the document with the given slug what in says, written in lang; its
// slug, paragraphs, items and published state stay. A missing document is ErrNotFound; a
// symbol that another document has is ErrConflict.
func (s *Store) UpdateDocument(ctx context.Context, editor int64, slug, lang string, in DocumentInput) (err error) {
	defer wrap(&err, "store.UpdateDocument(%q)", slug)
	in.Slug = slug
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE slug = $1 FOR UPDATE`, slug).Scan(&id); err != nil {
			return err
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{slug}}, func() error {
			b := &pgx.Batch{}
			queueDocument(b, lang, in)
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// documentID locks the document with the given slug against other writes to its paragraphs
// and returns its id.
func documentID(ctx context.Context, tx pgx.Tx, slug string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE slug = $1 FOR NO KEY UPDATE`, slug).Scan(&id)
	return id, err
}

// CreateParagraph adds p to the document with the given slug. A number the document has
// already is ErrConflict; a missing document is ErrNotFound.
func (s *Store) CreateParagraph(ctx context.Context, editor int64, document string, p Paragraph) (err error) {
	defer wrap(&err, "store.CreateParagraph(%q, %d)", document, p.Number)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		id, err := documentID(ctx, tx, document)
		if err != nil {
			return err
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{document}}, func() error {
			_, err := tx.Exec(ctx, `
INSERT INTO paragraphs (document_id, number, topic, text, translations)
VALUES (@document, @number, @topic, @text, @translations)`, paragraphArgs(id, p))
			return err
		})
	})
}

// UpdateParagraph makes paragraph p.Number of the document with the given slug what p says:
// its topic, text and the topic's translations. A missing paragraph is ErrNotFound.
func (s *Store) UpdateParagraph(ctx context.Context, editor int64, document string, p Paragraph) (err error) {
	defer wrap(&err, "store.UpdateParagraph(%q, %d)", document, p.Number)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		id, err := documentID(ctx, tx, document)
		if err != nil {
			return err
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{document}}, func() error {
			tag, err := tx.Exec(ctx, `
UPDATE paragraphs
SET topic = @topic, text = @text, translations = @translations
WHERE document_id = @document AND number = @number`, paragraphArgs(id, p))
			if err == nil && tag.RowsAffected() == 0 {
				return pgx.ErrNoRows
			}
			return err
		})
	})
}

func paragraphArgs(document int64, p Paragraph) pgx.NamedArgs {
	return pgx.NamedArgs{
		"document": document, "number": p.Number, "topic": p.Topic, "text": p.Text,
		"translations": fieldTranslations("topic", p.Topics),
	}
}

// DeleteParagraph removes paragraph n of the document with the given slug. A paragraph that
// an advance, a recommendation or a quote cites is refused with a *CitedError; a missing one
// is ErrNotFound.
func (s *Store) DeleteParagraph(ctx context.Context, editor int64, document string, n int) (err error) {
	defer wrap(&err, "store.DeleteParagraph(%q, %d)", document, n)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		id, err := documentID(ctx, tx, document)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
SELECT kind || ' ' || slug FROM (
    SELECT 'advance' AS kind, a.slug
    FROM advance_paragraphs ap JOIN advances a ON a.id = ap.advance_id
    WHERE ap.document_id = @document AND ap.number = @number
    UNION ALL
    SELECT 'recommendation', r.slug
    FROM recommendation_paragraphs rp JOIN recommendations r ON r.id = rp.recommendation_id
    WHERE rp.document_id = @document AND rp.number = @number
    UNION ALL
    SELECT 'quote', q.slug FROM quotes q WHERE q.document_id = @document AND q.paragraph_number = @number
) citing
ORDER BY kind, slug`, pgx.NamedArgs{"document": id, "number": n})
		if err != nil {
			return err
		}
		by, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if len(by) > 0 {
			return &CitedError{ItemType: ParagraphItem, ItemKey: ParagraphKey(document, n), By: by}
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{document}}, func() error {
			tag, err := tx.Exec(ctx, `DELETE FROM paragraphs WHERE document_id = $1 AND number = $2`, id, n)
			if err == nil && tag.RowsAffected() == 0 {
				return pgx.ErrNoRows
			}
			return err
		})
	})
}

// BodyRow is a body as the editors' list and form show it: its names in its own language.
type BodyRow struct {
	Slug      string              `db:"slug"`
	Kind      BodyKind            `db:"kind"`
	Name      string              `db:"name"`
	ShortName string              `db:"short_name"`
	Parent    string              `db:"parent"` // the parent's slug, "" for none
	Lang      string              `db:"lang"`
	Names     map[string]BodyName `db:"translations"` // the names in other languages
}

// bodyRowsQuery reads every body, or the one with the slug @slug, by name.
const bodyRowsQuery = `
SELECT
    b.slug, b.kind, b.name, b.short_name, coalesce(p.slug, '') AS parent, b.lang, b.translations
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE @slug = '' OR b.slug = @slug
ORDER BY b.name, b.slug`

// EditorBodies lists every body by name, in its own language.
func (s *Store) EditorBodies(ctx context.Context) (bodies []BodyRow, err error) {
	defer wrap(&err, "store.EditorBodies")
	rows, err := s.pool.Query(ctx, bodyRowsQuery, pgx.NamedArgs{"slug": ""})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[BodyRow])
}

// EditedBody returns the body with the given slug for editing. A missing body is ErrNotFound.
func (s *Store) EditedBody(ctx context.Context, slug string) (b BodyRow, err error) {
	defer wrap(&err, "store.EditedBody(%q)", slug)
	if slug == "" {
		return BodyRow{}, pgx.ErrNoRows
	}
	rows, err := s.pool.Query(ctx, bodyRowsQuery, pgx.NamedArgs{"slug": slug})
	if err != nil {
		return BodyRow{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[BodyRow])
}

// CreateBody adds the body in, its names written in lang. A slug already taken is
// ErrConflict.
func (s *Store) CreateBody(ctx context.Context, editor int64, lang string, in BodyInput) (err error) {
	defer wrap(&err, "store.CreateBody(%q)", in.Slug)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM bodies WHERE slug = $1)`, in.Slug).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("%w: body %q exists already", ErrConflict, in.Slug)
		}
		return recorded(ctx, tx, Editor(editor), scope{Bodies: []string{in.Slug}}, func() error {
			b := &pgx.Batch{}
			queueBodies(b, lang, []BodyInput{in})
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// UpdateBody makes the body with the given slug what in says, its names written in lang; its
// slug stays. A missing body is ErrNotFound.
func (s *Store) UpdateBody(ctx context.Context, editor int64, slug, lang string, in BodyInput) (err error) {
	defer wrap(&err, "store.UpdateBody(%q)", slug)
	in.Slug = slug
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM bodies WHERE slug = $1 FOR UPDATE`, slug).Scan(&id); err != nil {
			return err
		}
		return recorded(ctx, tx, Editor(editor), scope{Bodies: []string{slug}}, func() error {
			b := &pgx.Batch{}
			queueBodies(b, lang, []BodyInput{in})
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// DeleteBody removes the body with the given slug. A body that a document names as author,
// that an advance, recommendation or quote names, or that is another body's parent, is
// refused with a *CitedError. A missing body is ErrNotFound.
func (s *Store) DeleteBody(ctx context.Context, editor int64, slug string) (err error) {
	defer wrap(&err, "store.DeleteBody(%q)", slug)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM bodies WHERE slug = $1 FOR UPDATE`, slug).Scan(&id); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
SELECT kind || ' ' || slug FROM (
    SELECT 'advance' AS kind, a.slug
    FROM advance_bodies ab JOIN advances a ON a.id = ab.advance_id WHERE ab.body_id = @id
    UNION ALL
    SELECT 'recommendation', r.slug
    FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id
    WHERE ra.body_id = @id
    UNION ALL
    SELECT 'quote', q.slug FROM quotes q WHERE q.speaker_body_id = @id
    UNION ALL
    SELECT 'document', d.slug FROM documents d WHERE d.author_id = @id
    UNION ALL
    SELECT 'body', c.slug FROM bodies c WHERE c.parent_id = @id
) citing
ORDER BY kind, slug`, pgx.NamedArgs{"id": id})
		if err != nil {
			return err
		}
		by, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if len(by) > 0 {
			return &CitedError{ItemType: BodyItem, ItemKey: slug, By: by}
		}
		return recorded(ctx, tx, Editor(editor), scope{Bodies: []string{slug}}, func() error {
			_, err := tx.Exec(ctx, `DELETE FROM bodies WHERE id = $1`, id)
			return err
		})
	})
}

// Candidate is a paragraph that an editor may want to record an advance from: it speaks of
// defenders, reprisals or civic space (the terms of migration 00017), and no advance or
// recommendation cites it yet.
type Candidate struct {
	Document  DocRef `db:"document"`
	Published bool   `db:"published"` // whether its document is
	Number    int    `db:"number"`
	Text      string `db:"text"`
	Lang      string `db:"lang"` // the language of Text: its document's
}

// CandidateList is one page of candidates and how many there are in all.
type CandidateList struct {
	Candidates []Candidate
	Total      int
}

// Candidates returns a page of the candidate paragraphs of every document, drafts included:
// the newest documents first, then by number. Each language's terms are matched through
// the paragraphs' full-text index, a language at a time.
func (s *Store) Candidates(ctx context.Context, limitN, offset int) (list CandidateList, err error) {
	defer wrap(&err, "store.Candidates(%d, %d)", limitN, offset)
	rows, err := s.pool.Query(ctx, `
WITH matching AS (
    SELECT d.id AS document_id, d.issued_on, d.slug, m.number, count(*) OVER () AS total
    FROM (SELECT DISTINCT lang FROM documents) l
    CROSS JOIN LATERAL (
        SELECT p.document_id, p.number FROM paragraphs p WHERE p.search @@ candidate_query(l.lang)
    ) m
    JOIN documents d ON d.id = m.document_id AND d.lang = l.lang
    WHERE NOT EXISTS (SELECT FROM advance_paragraphs ap WHERE ap.document_id = m.document_id AND ap.number = m.number)
      AND NOT EXISTS (SELECT FROM recommendation_paragraphs rp WHERE rp.document_id = m.document_id AND rp.number = m.number)
), page AS (
    SELECT * FROM matching
    ORDER BY issued_on DESC NULLS LAST, slug, number
    LIMIT @limit OFFSET @offset
)
SELECT doc_ref(d) AS document, d.published, p.number, p.text, d.lang, page.total
FROM page
JOIN documents d ON d.id = page.document_id
JOIN paragraphs p ON p.document_id = page.document_id AND p.number = page.number
ORDER BY page.issued_on DESC NULLS LAST, page.slug, page.number`,
		pgx.NamedArgs{"limit": limit(limitN), "offset": offset})
	if err != nil {
		return CandidateList{}, err
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[struct {
		Candidate
		Total int `db:"total"`
	}])
	if err != nil {
		return CandidateList{}, err
	}
	list.Candidates = make([]Candidate, len(got))
	for i, c := range got {
		list.Candidates[i], list.Total = c.Candidate, c.Total
	}
	return list, nil
}
