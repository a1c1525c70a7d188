package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Export returns what the public sees of the document with the given slug (its published
// items; nothing of a draft document) as the set that Import takes: importing it into an empty database gives the same document, paragraphs and
// items, with the bodies and sources they name. Its lists keep the database's order (items by
// position, bodies and sources as they were created), so that an export reads like the file
// it came from. It costs the same few queries whatever the document holds.
func (s *Store) Export(ctx context.Context, slug string) (set ImportSet, err error) {
	defer wrap(&err, "store.Export(%q)", slug)
	err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		args := pgx.NamedArgs{"slug": slug}
		rows, err := tx.Query(ctx, exportDocumentsQuery, args)
		if err != nil {
			return err
		}
		docs, err := pgx.CollectRows(rows, pgx.RowToStructByName[exportDocument])
		if err != nil {
			return err
		}
		if len(docs) == 0 || docs[0].Slug != slug {
			return pgx.ErrNoRows
		}
		set.Lang = docs[0].Lang
		set.Document = docs[0].input()
		for _, d := range docs[1:] {
			set.Sources = append(set.Sources, d.input())
		}

		if rows, err = tx.Query(ctx, exportBodiesQuery, args); err != nil {
			return err
		}
		if set.Bodies, err = pgx.CollectRows(rows, pgx.RowToStructByName[BodyInput]); err != nil {
			return err
		}
		if rows, err = tx.Query(ctx, paragraphsQuery, pgx.NamedArgs{"document": slug, "number": 0, "lang": ""}); err != nil {
			return err
		}
		if set.Paragraphs, err = pgx.CollectRows(rows, pgx.RowToStructByName[Paragraph]); err != nil {
			return err
		}
		for i := range set.Paragraphs {
			set.Paragraphs[i].TopicLang = "" // as read for a page, not part of the data
		}
		if rows, err = tx.Query(ctx, exportAdvancesQuery, args); err != nil {
			return err
		}
		if set.Advances, err = pgx.CollectRows(rows, pgx.RowToStructByName[AdvanceInput]); err != nil {
			return err
		}
		if rows, err = tx.Query(ctx, exportRecommendationsQuery, args); err != nil {
			return err
		}
		if set.Recommendations, err = pgx.CollectRows(rows, pgx.RowToStructByName[RecommendationInput]); err != nil {
			return err
		}
		if rows, err = tx.Query(ctx, exportQuotesQuery, args); err != nil {
			return err
		}
		set.Quotes, err = pgx.CollectRows(rows, pgx.RowToStructByName[QuoteInput])
		return err
	})
	return set, err
}

// DocumentSlugs lists every document's slug, those that record items first and in the order
// they were created: the order in which their exports import cleanly.
func (s *Store) DocumentSlugs(ctx context.Context) (slugs []string, err error) {
	defer wrap(&err, "store.DocumentSlugs")
	rows, err := s.pool.Query(ctx, `
SELECT d.slug
FROM documents d
ORDER BY NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.document_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM advances a WHERE a.document_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM recommendations r WHERE r.document_id = d.id)
     AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.document_id = d.id),
    d.id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// LastChange is when the public data last changed: the latest time any body, published
// document, its paragraphs or its published advances, recommendations or quotes were created
// or changed. The zero time when there is none.
func (s *Store) LastChange(ctx context.Context) (t time.Time, err error) {
	defer wrap(&err, "store.LastChange")
	var last *time.Time
	// Each table's newest published row, walked down its updated_at index: max() over a join
	// read every paragraph and item (seconds at a million paragraphs), where the walk stops at
	// the first row that is public, past only the drafts changed since. The drafts are read
	// once for each walk (NOT IN, which PostgreSQL runs as a hash table of the few drafts),
	// rather than each row's document looked up: the planner then set up a cache of documents
	// for each walk, sized for all of them, which at a million paragraphs took 5 ms to build
	// for the one row each reads.
	err = s.pool.QueryRow(ctx, `
SELECT greatest(
    (SELECT updated_at FROM documents WHERE published ORDER BY updated_at DESC LIMIT 1),
    (SELECT updated_at FROM paragraphs
     WHERE document_id NOT IN (SELECT id FROM documents WHERE NOT published)
     ORDER BY updated_at DESC LIMIT 1),
    (SELECT max(updated_at) FROM bodies),
    (SELECT updated_at FROM advances
     WHERE published AND document_id NOT IN (SELECT id FROM documents WHERE NOT published)
     ORDER BY updated_at DESC LIMIT 1),
    (SELECT updated_at FROM recommendations
     WHERE published AND document_id NOT IN (SELECT id FROM documents WHERE NOT published)
     ORDER BY updated_at DESC LIMIT 1),
    (SELECT updated_at FROM quotes
     WHERE published AND document_id NOT IN (SELECT id FROM documents WHERE NOT published)
     ORDER BY updated_at DESC LIMIT 1))`).Scan(&last)
	if err != nil || last == nil {
		return time.Time{}, err
	}
	return last.UTC(), nil
}

// exportDocument is a document as an export reads it, before it becomes a DocumentInput.
type exportDocument struct {
	Slug            string                  `db:"slug"`
	Symbol          string                  `db:"symbol"`
	Title           string                  `db:"title"`
	TitleConfirmed  bool                    `db:"title_confirmed"`
	Kind            DocumentKind            `db:"kind"`
	Author          string                  `db:"author"`
	Issued          Date                    `db:"issued"`
	IssuedConfirmed bool                    `db:"issued_confirmed"`
	URL             string                  `db:"url"`
	AboutURL        string                  `db:"about_url"`
	Lang            string                  `db:"lang"`
	Titles          map[string]string       `db:"titles"`
	TitleWhy        string                  `db:"title_why"`
	IssuedWhy       string                  `db:"issued_why"`
	Whys            map[string]DocumentWhys `db:"whys"`
}

func (d exportDocument) input() DocumentInput {
	return DocumentInput{
		Slug: d.Slug, Symbol: d.Symbol, Title: d.Title, Author: d.Author, URL: d.URL, AboutURL: d.AboutURL,
		Kind: d.Kind, TitleConfirmed: d.TitleConfirmed, IssuedConfirmed: d.IssuedConfirmed, Issued: d.Issued,
		Titles: d.Titles, TitleWhy: d.TitleWhy, IssuedWhy: d.IssuedWhy, Whys: d.Whys,
	}
}

// exportDocumentsQuery reads the document @slug first, then the other documents its items
// name as their source.
const exportDocumentsQuery = `
WITH doc AS (SELECT id FROM documents WHERE slug = @slug AND published),
sources AS (
    SELECT source_id AS id FROM advances WHERE document_id = (SELECT id FROM doc) AND published
    UNION SELECT source_id FROM recommendations WHERE document_id = (SELECT id FROM doc) AND published
    UNION SELECT source_id FROM quotes WHERE document_id = (SELECT id FROM doc) AND published
)
SELECT
    d.slug,
    coalesce(d.symbol, '') AS symbol,
    d.title,
    d.title_confirmed,
    d.kind,
    coalesce(b.slug, '') AS author,
    date_iso(d.issued_on, d.issued_precision) AS issued,
    d.issued_confirmed,
    d.url,
    d.about_url,
    d.lang,
    coalesce((
        SELECT json_object_agg(tr.lang, tr.title ORDER BY tr.lang)
        FROM document_translations tr WHERE tr.document_id = d.id
    ), '{}') AS titles,
    d.title_why,
    d.issued_why,
    coalesce((
        SELECT json_object_agg(tr.lang, json_build_object('title', tr.title_why, 'issued', tr.issued_why) ORDER BY tr.lang)
        FROM document_translations tr
        WHERE tr.document_id = d.id AND (tr.title_why <> '' OR tr.issued_why <> '')
    ), '{}') AS whys
FROM documents d
LEFT JOIN bodies b ON b.id = d.author_id
WHERE d.id IN (SELECT id FROM doc UNION SELECT id FROM sources)
ORDER BY d.id <> (SELECT id FROM doc), d.id`

// exportBodiesQuery reads every body that document @slug, its items and their sources name,
// with the bodies above them, in the order they were created.
const exportBodiesQuery = `
WITH RECURSIVE doc AS (SELECT id FROM documents WHERE slug = @slug AND published),
named (id) AS (
    SELECT author_id FROM documents
    WHERE id IN (SELECT id FROM doc)
       OR id IN (SELECT source_id FROM advances WHERE document_id = (SELECT id FROM doc) AND published)
       OR id IN (SELECT source_id FROM recommendations WHERE document_id = (SELECT id FROM doc) AND published)
       OR id IN (SELECT source_id FROM quotes WHERE document_id = (SELECT id FROM doc) AND published)
    UNION
    SELECT ab.body_id FROM advance_bodies ab JOIN advances a ON a.id = ab.advance_id
    WHERE a.document_id = (SELECT id FROM doc) AND a.published
    UNION
    SELECT ra.body_id FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id
    WHERE r.document_id = (SELECT id FROM doc) AND r.published
    UNION
    SELECT q.speaker_body_id FROM quotes q
    WHERE q.document_id = (SELECT id FROM doc) AND q.published AND q.speaker_body_id IS NOT NULL
    UNION
    SELECT b.parent_id FROM bodies b JOIN named n ON b.id = n.id WHERE b.parent_id IS NOT NULL
)
SELECT b.slug, b.name, b.short_name, coalesce(p.slug, '') AS parent, b.kind,
    CASE WHEN b.translations <> '{}' THEN b.translations END AS translations
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.id IN (SELECT id FROM named)
ORDER BY b.id`

// advanceInputColumns read an advance as AdvanceInput holds it, from advanceInputTables: for
// the export, and for an editor's form.
const advanceInputColumns = `
    a.slug, a.title, a.summary, s.slug AS source,
    date_iso(a.event_on, a.event_precision) AS event,
    a.event_confirmed,
    a.event_why,
    array(
        SELECT ap.number FROM advance_paragraphs ap WHERE ap.advance_id = a.id ORDER BY ap.number
    ) AS paragraphs,
    coalesce((
        SELECT json_agg(json_build_object('slug', b.slug, 'confirmed', ab.confirmed, 'why', ab.why) ORDER BY b.id)
        FROM advance_bodies ab JOIN bodies b ON b.id = ab.body_id
        WHERE ab.advance_id = a.id
    ), '[]') AS bodies,
    coalesce((
        SELECT json_agg(json_build_object(
            'text', f.text, 'confirmed', f.confirmed, 'why', f.why, 'source_url', f.source_url,
            'texts', (SELECT jsonb_object_agg(t.lang, t.v ->> 'text') FROM jsonb_each(f.translations) t (lang, v))
        ) ORDER BY f.position)
        FROM advance_facts f WHERE f.advance_id = a.id
    ), '[]') AS facts,
    coalesce((
        SELECT json_object_agg(tr.lang, json_build_object('title', tr.title, 'text', tr.summary, 'why', tr.event_why))
        FROM advance_translations tr WHERE tr.advance_id = a.id
    ), '{}') AS translations`

const advanceInputTables = `
FROM advances a
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id`

const exportAdvancesQuery = `SELECT` + advanceInputColumns + advanceInputTables + `
WHERE d.slug = @slug AND d.published AND a.published
ORDER BY a.position`

// recommendationInputColumns read a recommendation as RecommendationInput holds it, from
// recommendationInputTables.
const recommendationInputColumns = `
    r.slug, r.title, r.text, s.slug AS source,
    array(
        SELECT rp.number FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id ORDER BY rp.number
    ) AS paragraphs,
    array(
        SELECT b.slug FROM recommendation_addressees ra JOIN bodies b ON b.id = ra.body_id
        WHERE ra.recommendation_id = r.id ORDER BY b.id
    ) AS addressees,
    coalesce((
        SELECT json_object_agg(tr.lang, json_build_object('title', tr.title, 'text', tr.text))
        FROM recommendation_translations tr WHERE tr.recommendation_id = r.id
    ), '{}') AS translations,
    coalesce(r.follow_up_status, '') AS follow_up_status,
    date_iso(r.follow_up_on, r.follow_up_precision) AS follow_up_date,
    r.follow_up_source_url`

const recommendationInputTables = `
FROM recommendations r
JOIN documents d ON d.id = r.document_id
JOIN documents s ON s.id = r.source_id`

const exportRecommendationsQuery = `SELECT` + recommendationInputColumns + recommendationInputTables + `
WHERE d.slug = @slug AND d.published AND r.published
ORDER BY r.position`

// quoteInputColumns read a quote as QuoteInput holds it, from quoteInputTables.
const quoteInputColumns = `
    q.slug, q.text, q.context, s.slug AS source,
    q.speaker_name, q.speaker_role, q.speaker_organisation,
    coalesce(q.paragraph_number, 0) AS paragraph,
    q.lang,
    si.slug AS said_in,
    coalesce(sb.slug, '') AS speaker_body`

const quoteInputTables = `
FROM quotes q
JOIN documents d ON d.id = q.document_id
JOIN documents s ON s.id = q.source_id
JOIN documents si ON si.id = q.said_in_id
LEFT JOIN bodies sb ON sb.id = q.speaker_body_id`

const exportQuotesQuery = `SELECT` + quoteInputColumns + quoteInputTables + `
WHERE d.slug = @slug AND d.published AND q.published
ORDER BY q.position`
