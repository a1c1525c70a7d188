package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/sync/errgroup"
)

// documentsQueries read the UN documents (@sources false) or the secondary sources (news,
// @sources true), or every document that one of the bodies @author_ids wrote, with titles in
// @lang where translated; newest first, from the cursor on. The caller gives the ids of the
// authors and the bodies under them (bodyIDs): the list by author reads a page of each one's
// documents and keeps the first, at most a page for each author however many documents there
// are. The two are statements of their own, as the advances' are (advancesOrder).
var documentsQueries = [2]string{
	documentsOf(`CASE
    -- Each its own condition, so that the planner may walk the index of each list (00023).
    WHEN @sources THEN d.kind = 'news'
    ELSE d.kind <> 'news'
END`),
	// documents_author_order_idx (00027) keeps each author's in order. The page's ids are
	// chosen from the authors' pages before any document's columns are read.
	documentsOf(`d.id IN (
    SELECT page.id FROM unnest(@author_ids::bigint[]) AS author (id)
    CROSS JOIN LATERAL (
        SELECT a.id, coalesce(a.issued_on, '-infinity'::date) AS issued, a.slug FROM documents a
        WHERE a.author_id = author.id AND a.published AND ` + documentsAfter("a") + `
        ORDER BY coalesce(a.issued_on, '-infinity'::date) DESC, a.slug
        LIMIT @limit
    ) page
    ORDER BY page.issued DESC, page.slug
    LIMIT @limit)`),
}

// documentsOf is the documents' list of the documents that filter selects.
func documentsOf(filter string) string {
	return `
SELECT` + documentColumns + `,
    -- Only the sources' list shows what each is the source of: the documents' list does not
    -- pay for counting the items of each.
    CASE WHEN @sources THEN ` + documentSupports + ` ELSE 0 END AS supports,
    d.id AS key_id, d.issued_on AS key_issued
` + documentJoins + `
WHERE d.published AND ` + filter + `
  AND ` + documentsAfter("d") + `
ORDER BY coalesce(d.issued_on, '-infinity'::date) DESC, d.slug
LIMIT @limit`
}

// documentsAfter is when document alias comes after the cursor: older, or as old and later in
// slug order.
func documentsAfter(alias string) string {
	return fmt.Sprintf(`(@after_id = 0 OR (coalesce(%[1]s.issued_on, '-infinity'::date) <= coalesce(@after_issued::date, '-infinity'::date)
    AND (coalesce(%[1]s.issued_on, '-infinity'::date) < coalesce(@after_issued::date, '-infinity'::date) OR %[1]s.slug > @after_slug)))`, alias)
}

// documentQuery reads the document @document, as documentsQueries read a document of its lists,
// and what it is the source of. It has a statement of its own, planned once for every
// document: every page of a document or paragraph reads it.
const documentQuery = `
SELECT` + documentColumns + `,
    ` + documentSupports + ` AS supports
` + documentJoins + `
WHERE d.published AND d.slug = @document`

// documentColumns are what the document queries read of document d, by author b, with its
// title in @lang where translated (tr).
const documentColumns = `
    d.slug,
    coalesce(d.symbol, '') AS symbol,
    coalesce(tr.title, d.title) AS title,
    coalesce(tr.lang, d.lang) AS title_lang,
    d.url,
    d.title_confirmed,
    coalesce(nullif(tr.title_why, ''), d.title_why) AS title_why,
    d.kind,
    coalesce(b.slug, '') AS author_slug,
    coalesce(tr_text(b.translations, @lang, 'name', b.name), '') AS author_name,
    coalesce(tr_lang(b.translations, @lang, b.lang), '') AS author_lang,
    date_iso(d.issued_on, d.issued_precision) AS issued,
    d.issued_confirmed,
    coalesce(nullif(tr.issued_why, ''), d.issued_why) AS issued_why,
    -- A translation gives both reasons or none of them where it gives any.
    CASE WHEN tr.title_why <> '' OR tr.issued_why <> '' THEN tr.lang ELSE d.lang END AS why_lang,
    d.about_url,
    d.lang,
    (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS paragraphs,
    -- The counts the writes keep (advance_tallies, 00012; body 0 counts every advance): a
    -- count of the advances read each one's row, a page of the table for each.
    (SELECT coalesce(sum(t.advances), 0) FROM advance_tallies t
     WHERE t.document_id = d.id AND t.body_id = 0) AS advances`

// documentJoins are the rows documentColumns reads.
const documentJoins = `FROM documents d
LEFT JOIN bodies b ON b.id = d.author_id
LEFT JOIN document_translations tr ON tr.document_id = d.id AND tr.lang = @lang`

// documentSupports counts the published items of published documents that document d is the
// source of. The items are read from their source's index alone (00029). Their documents are
// tested against the drafts, which are few: NOT IN makes the drafts' ids a hash table, read
// once per statement, where a join looked up each item's document, 8,000 lookups for a page of
// sources at a million paragraphs.
const documentSupports = `(
        SELECT count(*) FROM advances a
        WHERE a.source_id = d.id AND a.published AND a.document_id NOT IN (SELECT id FROM documents WHERE NOT published)
    ) + (
        SELECT count(*) FROM recommendations r
        WHERE r.source_id = d.id AND r.published AND r.document_id NOT IN (SELECT id FROM documents WHERE NOT published)
    ) + (
        SELECT count(*) FROM quotes q
        WHERE q.source_id = d.id AND q.published AND q.document_id NOT IN (SELECT id FROM documents WHERE NOT published)
    )`

// DocumentFilter selects a list of documents. The zero DocumentFilter selects the UN
// documents, all of them.
type DocumentFilter struct {
	Sources bool // the secondary sources (news) instead of the UN documents
	// Authors are bodies' slugs: the documents that any of them or a body under them wrote, UN
	// documents and secondary sources alike.
	Authors []string
	Lang    string // the reader's language: titles come in it where translated
	Limit   int    // 0 means no limit
	// After starts the list just after the document it names (a cursor of SortIssued); the
	// zero Cursor starts at the beginning.
	After Cursor
}

// args are documentsQueries' arguments for f; authors are the ids of f.Authors and the bodies
// under them.
func (f DocumentFilter) args(authors []int64) pgx.NamedArgs {
	var issued *time.Time
	if !f.After.Event.IsZero() {
		issued = &f.After.Event
	}
	if authors == nil {
		authors = []int64{}
	}
	return pgx.NamedArgs{"author_ids": authors, "lang": f.Lang, "sources": f.Sources,
		"limit": pageLimit(f.Limit), "after_id": f.After.ID, "after_issued": issued, "after_slug": f.After.Document}
}

// listedDocument is a row of documentsQueries: a document and its place in the list.
type listedDocument struct {
	Document
	KeyID     int64      `db:"key_id"`
	KeyIssued *time.Time `db:"key_issued"`
}

// DocumentPage lists the documents f selects, newest first, up to f.Limit from f.After, and
// where the next page starts. The UN documents' list leaves out the secondary sources (news),
// which have a list of their own (f.Sources).
func (s *Store) DocumentPage(ctx context.Context, f DocumentFilter) (p Page[Document], err error) {
	defer wrap(&err, "store.DocumentPage(%+v)", f)
	var authors []int64
	if len(f.Authors) > 0 {
		if authors, err = s.bodyIDs(ctx, f.Authors); err != nil {
			return p, err
		}
	}
	query := documentsQueries[0]
	if len(f.Authors) > 0 {
		query = documentsQueries[1]
	}
	rows, err := s.pool.Query(ctx, query, f.args(authors))
	if err != nil {
		return p, err
	}
	listed, err := pgx.CollectRows(rows, pgx.RowToStructByName[listedDocument])
	if err != nil {
		return p, err
	}
	if f.Limit > 0 && len(listed) > f.Limit {
		listed = listed[:f.Limit]
		last := listed[f.Limit-1]
		p.Next = &Cursor{Sort: SortIssued, Document: last.Slug, ID: last.KeyID}
		if last.KeyIssued != nil {
			p.Next.Event = *last.KeyIssued
		}
	}
	p.Items = make([]Document, len(listed))
	for i, d := range listed {
		p.Items[i] = d.Document
	}
	return p, nil
}

// LatestDocuments lists the n newest UN documents, as DocumentPage orders them.
func (s *Store) LatestDocuments(ctx context.Context, n int, lang string) (docs []Document, err error) {
	defer wrap(&err, "store.LatestDocuments(%d, %q)", n, lang)
	p, err := s.DocumentPage(ctx, DocumentFilter{Lang: lang, Limit: n})
	return p.Items, err
}

// Document returns the document with the given slug, its title in lang where translated.
func (s *Store) Document(ctx context.Context, slug, lang string) (d Document, err error) {
	defer wrap(&err, "store.Document(%q, %q)", slug, lang)
	if slug == "" {
		return Document{}, pgx.ErrNoRows
	}
	rows, err := s.generic.Query(ctx, documentQuery, pgx.NamedArgs{"document": slug, "lang": lang})
	if err != nil {
		return Document{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Document])
}

// DocumentCount is a document with the number of its advances a filter selects.
type DocumentCount struct {
	DocRef
	Advances int `db:"advances"`
}

// FacetDocuments is how many documents the advances' document filter offers: the newest, and
// the one chosen. A select of ten thousand documents is no help to a reader and weighs
// hundreds of kilobytes; any other document's advances are a link away on its page.
const FacetDocuments = 30

// DocumentCounts lists the FacetDocuments newest UN documents (not the secondary sources), and
// the document selected where it is not among them, each with the number of its advances
// recorded by the bodies or their descendants (all of them when bodies is empty), titles in
// lang where translated; a document may have none. Each count reads one document's kept
// counts, or its advances for several bodies.
func (s *Store) DocumentCounts(ctx context.Context, bodies []string, selected, lang string) (counts []DocumentCount, err error) {
	defer wrap(&err, "store.DocumentCounts(%q, %q, %q)", bodies, selected, lang)
	rows, err := s.pool.Query(ctx, `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@bodies::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
),
shown AS (
    (SELECT d.id FROM documents d
     WHERE d.kind <> 'news' AND d.published
     ORDER BY coalesce(d.issued_on, '-infinity'::date) DESC, d.slug
     LIMIT @limit)
    UNION
    SELECT d.id FROM documents d WHERE d.slug = @selected AND d.kind <> 'news' AND d.published
)
SELECT
    d.slug,
    coalesce(d.symbol, '') AS symbol,
    coalesce(tr.title, d.title) AS title,
    coalesce(tr.lang, d.lang) AS title_lang,
    d.url,
    -- For all bodies or one, the counts the writes keep (advance_tallies, 00012; body 0 for
    -- all) hold the number; several bodies' do not add up, since an advance may be under more
    -- than one of them, and their advances are counted.
    CASE WHEN cardinality(@bodies::text[]) <= 1 THEN
        (SELECT coalesce(sum(t.advances), 0) FROM advance_tallies t
         WHERE t.document_id = d.id
           AND t.body_id = CASE WHEN cardinality(@bodies::text[]) = 0 THEN 0
                                ELSE (SELECT id FROM bodies WHERE slug = (@bodies::text[])[1]) END)
    ELSE
        (SELECT count(*) FROM advances a
         WHERE a.document_id = d.id AND a.published
           AND EXISTS (
               SELECT 1 FROM advance_bodies ab
               WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))
    END AS advances
FROM shown
JOIN documents d ON d.id = shown.id
LEFT JOIN document_translations tr ON tr.document_id = d.id AND tr.lang = @lang
ORDER BY coalesce(d.issued_on, '-infinity'::date) DESC, d.slug`,
		pgx.NamedArgs{"bodies": slugs(bodies), "selected": selected, "lang": lang, "limit": FacetDocuments})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[DocumentCount])
}

// paragraphsQuery reads a document's paragraphs in number order, or only paragraph @number,
// with topics in @lang where translated, and each topic's translations (Topics).
var paragraphsQuery = paragraphsSelect(
	`(SELECT jsonb_object_agg(t.lang, t.v ->> 'topic') FROM jsonb_each(p.translations) t (lang, v))`)

// documentParagraphsQuery is paragraphsQuery without the topics' translations, which a
// document's page does not show: gathering them was three quarters of the statement's time.
var documentParagraphsQuery = paragraphsSelect(`NULL::jsonb`)

// paragraphsSelect is the paragraphs' query with topics as their translations (Topics).
func paragraphsSelect(topics string) string {
	return `
SELECT
    p.number,
    tr_text(p.translations, @lang, 'topic', p.topic) AS topic,
    tr_lang(p.translations, @lang, d.lang) AS topic_lang,
    p.text,
    ` + topics + ` AS topics
FROM paragraphs p
JOIN documents d ON d.id = p.document_id
WHERE d.slug = @document AND d.published AND (@number = 0 OR p.number = @number)
ORDER BY p.number`
}

// DocumentContents is a document with its paragraphs (without their topics' translations) and
// the advances, recommendations and quotes it holds: what its page shows.
type DocumentContents struct {
	Document   Document
	Paragraphs []Paragraph
	// Advances are its advances by title, for the paragraphs they cite; Uncited are those that
	// cite none, in full.
	Advances        []AdvanceLink
	Uncited         []Advance
	Recommendations []Recommendation
	Quotes          []Quote
}

// DocumentContents returns the document with the given slug, all its paragraphs and all it
// holds, in lang where translated; with paragraph > 0, only that paragraph (none where the
// document has no such paragraph) and the items that cite it, and no uncited advances. Each of
// its statements reads one document by its slug, whatever the document: they keep their
// generic plans (Store.generic).
func (s *Store) DocumentContents(ctx context.Context, slug string, paragraph int, lang string) (c DocumentContents, err error) {
	defer wrap(&err, "store.DocumentContents(%q, %d, %q)", slug, paragraph, lang)
	args := pgx.NamedArgs{"document": slug, "number": paragraph, "paragraph": paragraph, "lang": lang}
	// Two halves, each on a connection of its own, of about the same time.
	var g errgroup.Group
	g.Go(func() (err error) {
		if c.Advances, err = collect[AdvanceLink](ctx, s.generic, documentAdvanceLinksQuery, args); err != nil {
			return err
		}
		if paragraph == 0 {
			if c.Uncited, err = collect[Advance](ctx, s.generic, documentUncitedQuery, args); err != nil {
				return err
			}
		}
		c.Paragraphs, err = collect[Paragraph](ctx, s.generic, documentParagraphsQuery, args)
		return err
	})
	g.Go(func() (err error) {
		if c.Document, err = s.Document(ctx, slug, lang); err != nil {
			return err
		}
		if c.Recommendations, err = collect[Recommendation](ctx, s.generic, documentRecommendationsQuery, args); err != nil {
			return err
		}
		c.Quotes, err = collect[Quote](ctx, s.generic, documentQuotesQuery, args)
		return err
	})
	return c, g.Wait()
}

// Paragraphs returns a document's paragraphs in number order, with topics in lang where
// translated.
func (s *Store) Paragraphs(ctx context.Context, document, lang string) (ps []Paragraph, err error) {
	defer wrap(&err, "store.Paragraphs(%q, %q)", document, lang)
	rows, err := s.pool.Query(ctx, paragraphsQuery, pgx.NamedArgs{"document": document, "number": 0, "lang": lang})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[Paragraph])
}

// Paragraph returns paragraph n of a document, its topic in lang where translated.
func (s *Store) Paragraph(ctx context.Context, document string, n int, lang string) (p Paragraph, err error) {
	defer wrap(&err, "store.Paragraph(%q, %d, %q)", document, n, lang)
	if n <= 0 {
		return Paragraph{}, pgx.ErrNoRows
	}
	rows, err := s.pool.Query(ctx, paragraphsQuery, pgx.NamedArgs{"document": document, "number": n, "lang": lang})
	if err != nil {
		return Paragraph{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Paragraph])
}

// Counts returns how much the public sees, as the writes keep count of it (row_totals,
// 00012): counting a table reads all of it. The totals count drafts too; they are taken away
// here, found through the drafts' partial indexes (00018), since drafts are few.
func (s *Store) Counts(ctx context.Context) (c Counts, err error) {
	defer wrap(&err, "store.Counts")
	rows, err := s.pool.Query(ctx, `
WITH drafts AS MATERIALIZED (SELECT id, kind FROM documents WHERE NOT published)
SELECT
    max(n) FILTER (WHERE name = 'documents')
      - (SELECT count(*) FROM drafts WHERE kind <> 'news') AS documents,
    max(n) FILTER (WHERE name = 'paragraphs')
      - (SELECT count(*) FROM paragraphs WHERE document_id IN (SELECT id FROM drafts)) AS paragraphs,
    max(n) FILTER (WHERE name = 'advances')
      - (SELECT count(*) FROM advances WHERE NOT published)
      - (SELECT count(*) FROM advances WHERE published AND document_id IN (SELECT id FROM drafts)) AS advances,
    max(n) FILTER (WHERE name = 'recommendations')
      - (SELECT count(*) FROM recommendations WHERE NOT published)
      - (SELECT count(*) FROM recommendations WHERE published AND document_id IN (SELECT id FROM drafts)) AS recommendations,
    max(n) FILTER (WHERE name = 'quotes')
      - (SELECT count(*) FROM quotes WHERE NOT published)
      - (SELECT count(*) FROM quotes WHERE published AND document_id IN (SELECT id FROM drafts)) AS quotes,
    max(n) FILTER (WHERE name = 'bodies') AS bodies
FROM row_totals`)
	if err != nil {
		return Counts{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[Counts])
}
