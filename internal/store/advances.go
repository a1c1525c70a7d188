package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Sort is an order of the advances list.
type Sort string

// Advance sorts.
const (
	SortParagraph Sort = "paragraph" // by document, then first cited paragraph; uncited advances last
	SortDate      Sort = "date"      // newest event first; undated advances last
	SortUpdated   Sort = "updated"   // last changed first, as a feed lists them
	// SortDocument is the order of recommendations and quotes: by document, then their place in
	// it. Only their cursors name it; they take no sort parameter.
	SortDocument Sort = "document"
	// SortIssued is the order of documents, newest first; only their cursors name it.
	SortIssued Sort = "issued"
	// SortAdded is the order of the quotes of a body's speakers: by document in the order the
	// documents were added, then their place in it, as their index keeps them for each body.
	// Only their cursors name it.
	SortAdded Sort = "added"
	// SortChanged is the order of changes, the latest first; only their cursors name it.
	SortChanged Sort = "changed"
	// SortLatest lists the last added advances first: a body's page shows its latest few,
	// and links the list for the rest. It has no next page.
	SortLatest Sort = "latest"
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
	// After starts the list just after the advance it names; the zero Cursor starts at the
	// beginning. Its Sort must be the filter's.
	After Cursor
}

// CountLimit is how far a list counts its rows: past it, a list says "more than CountLimit".
// Counting every match of a frequent filter would read a large share of the table for every
// page; counting up to a limit costs at most that many rows, and a reader cannot tell 1,001
// advances from 100,000 on a page of 20 anyway.
const CountLimit = 1000

// AdvanceList is one page of advances, how many match in all, and where the next page starts.
type AdvanceList struct {
	Advances []Advance
	Total    int  // how many match in all, up to CountLimit
	More     bool // more than Total match
	// Next is where the page after this one starts; nil on the last page.
	Next *Cursor
}

// advancesQuery selects the keys of one page of the advances a filter matches, in the order
// that fills its ORDER BY, and counts those that match, up to a limit; advancesByIDQuery then
// reads the page's advances in full. The page is chosen from the rows after the cursor in the
// order an index keeps (a document's advances by first paragraph, or the events by date), so
// that the database reads only the page's rows and stops. The body filter walks down from the
// chosen body rather than filtering the whole tree, so it costs the same however many bodies
// there are: the caller gives the ids of the bodies and those under them (bodyIDs), so that
// the planner sees which bodies, and how common they are, and chooses between walking the
// order's index and gathering a rare body's few advances to sort them. %[1]s is the keyset
// condition, %[2]s the order on advances a and documents d, %[3]s the same order on the
// page's keys.
//
// %[5]s says when the total is the one that the writes keep (advance_tallies and
// advance_totals, 00012): for a list of one body's advances (@kept_body), of all documents or
// one, they hold it exactly. Counting even a thousand of a body's advances gathered them all
// first, to drop those met twice through several of their bodies: 55 ms for a body of 20,000
// advances at a million paragraphs. Other filters are counted; PostgreSQL runs only the
// subquery of the branch the CASE takes.
var advancesQuery = `
WITH page AS (
    SELECT
        a.id,
        d.slug AS key_document,
        coalesce(a.first_paragraph, 2147483647) AS key_paragraph,
        a.position AS key_position,
        a.event_on AS key_event,
        a.document_id AS key_document_id,
        a.updated_at AS key_updated
    FROM advances a
    JOIN documents d ON d.id = a.document_id
    ` + advancesWhere + `
      AND (@after_id = 0 OR %[1]s)
    ORDER BY %[2]s
    LIMIT @limit
)
SELECT page.id AS key_id, page.key_document, page.key_document_id, page.key_paragraph, page.key_position, page.key_event,
    CASE WHEN %[5]s THEN (
        SELECT coalesce(sum(t.advances), 0) FROM advance_totals t
        WHERE @document = '' AND t.body_id = (SELECT id FROM bodies WHERE slug = @kept_body)
    ) + (
        SELECT coalesce(sum(t.advances), 0) FROM advance_tallies t
        WHERE @document <> '' AND t.body_id = (SELECT id FROM bodies WHERE slug = @kept_body)
          AND t.document_id = (SELECT id FROM documents WHERE slug = @document AND published)
    ) ELSE (SELECT count(*) FROM (
        SELECT 1 FROM advances a JOIN documents d ON d.id = a.document_id
        ` + advancesWhere + `
        LIMIT @count_limit
    ) c) END AS total
FROM page
ORDER BY %[3]s`

// advancesByIDQuery reads in full the advances @ids, in that order. It is a statement apart
// from advancesQuery, whose optional filters need a plan made for their values (Open forces
// custom plans): planning the page's columns with them, their subqueries and joins, took half
// the statement's time at a million paragraphs (2.8 of 6.1 ms). This one has one plan for
// every page, which Store.generic keeps. It reads only what is public, as advancesQuery does:
// an advance may be withdrawn between the two.
var advancesByIDQuery = pageOfIDs + `
SELECT` + advanceColumns + advanceJoins + docRefs(true, advanceRefs...) + `
WHERE a.published AND d.published
ORDER BY page.n`

// pageOfIDs is page, the rows @ids in their order (n), for the statements that read a page
// chosen by another (advancesByIDQuery, quotesByIDQuery) to join and ORDER BY.
const pageOfIDs = `
WITH page AS (SELECT id, n FROM unnest(@ids::bigint[]) WITH ORDINALITY AS ids (id, n))`

// advanceColumns are what the advance queries read of each advance a of their page, in
// document d, from source s: its paragraphs, bodies and facts as arrays and JSON, titles in
// @lang where translated (tr, and dref for the documents), as advanceJoins gives them.
const advanceColumns = `
    a.slug,
    coalesce(tr.title, a.title) AS title,
    coalesce(tr.summary, a.summary) AS summary,
    coalesce(tr.lang, d.lang) AS lang,
    d.lang AS original_lang,
    dref.document,
    dref.source,
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
    a.updated_at`

// advanceJoins are the rows advanceColumns reads, for each advance of page.
const advanceJoins = `
FROM page
JOIN advances a ON a.id = page.id
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id
LEFT JOIN advance_translations tr ON tr.advance_id = a.id AND tr.lang = @lang`

// advanceRefs are the documents advanceColumns reads as references (docRefs).
var advanceRefs = []string{"d document", "s source"}

// documentAdvanceLinksQuery reads the advances of the document @document, or only those that
// cite its paragraph @paragraph, in the order of SortParagraph, as a document's page lists them
// under the paragraphs they cite: by title. At a million paragraphs, reading a document's 150
// advances in full, with their documents, bodies and facts as JSON, took 8 of the 16 ms its
// page's statements took, and 2 ms more to decode. advancesQuery's optional filters keep
// PostgreSQL planning it anew for every call, 1 to 3 ms each; this one has one plan for every
// document, which Store.generic keeps.
var documentAdvanceLinksQuery = `
SELECT a.slug, coalesce(tr.title, a.title) AS title, coalesce(tr.lang, d.lang) AS lang,
       array(
           SELECT ap.number FROM advance_paragraphs ap
           WHERE ap.advance_id = a.id ORDER BY ap.number
       ) AS paragraphs
FROM advances a
JOIN documents d ON d.id = a.document_id
LEFT JOIN advance_translations tr ON tr.advance_id = a.id AND tr.lang = @lang
WHERE d.slug = @document AND d.published AND a.published
  AND (@paragraph = 0 OR EXISTS (
        SELECT 1 FROM advance_paragraphs ap
        WHERE ap.advance_id = a.id AND ap.number = @paragraph))
ORDER BY coalesce(a.first_paragraph, 2147483647), a.position, a.id`

// documentUncitedQuery reads in full the advances of the document @document that cite none of
// its paragraphs, in the order of SortParagraph: a document's page shows them whole, after its
// paragraphs.
var documentUncitedQuery = `
WITH page AS (
    SELECT a.id FROM advances a
    JOIN documents d ON d.id = a.document_id
    WHERE d.slug = @document AND d.published AND a.published
      AND NOT EXISTS (SELECT 1 FROM advance_paragraphs ap WHERE ap.advance_id = a.id)
)
SELECT` + advanceColumns + advanceJoins + docRefs(true, advanceRefs...) + `
ORDER BY coalesce(a.first_paragraph, 2147483647), a.position, a.id`

// advancesWhere is what a filter asks of advances a in documents d; %[4]s is the body filter.
const advancesWhere = `WHERE a.published AND d.published
      AND (@slug = '' OR a.slug = @slug)
      %[4]s
      AND (@document = '' OR d.slug = @document)
      AND (@source = '' OR a.source_id = (SELECT id FROM documents WHERE slug = @source))
      AND (@paragraph = 0 OR EXISTS (
            SELECT 1 FROM advance_paragraphs ap
            WHERE ap.advance_id = a.id AND ap.number = @paragraph))`

// advancesQueries is advancesQuery in each order, each an order that an index of 00012 keeps.
// Each order is a statement of its own, not a CASE in one: the planner can walk an index only
// for an ORDER BY it can see.
var advancesQueries = map[Sort][2]string{
	// By document, first cited paragraph (uncited last), then place in the document: the
	// documents in slug order, each document's advances from advances_paragraph_order_idx.
	SortParagraph: advancesOrder(
		`d.slug >= @after_document AND (d.slug, coalesce(a.first_paragraph, 2147483647), a.position, a.id)
            > (@after_document, @after_paragraph, @after_position, @after_id)`,
		`d.slug, coalesce(a.first_paragraph, 2147483647), a.position, a.id`,
		`page.key_document, page.key_paragraph, page.key_position, page.id`),
	// Newest event first, undated last, and by document and place in it among equal dates
	// (advances_date_order_idx).
	SortDate: advancesOrder(
		`(coalesce(a.event_on, '-infinity'::date), -a.document_id, -a.position, -a.id)
            < (coalesce(@after_event::date, '-infinity'::date), -@after_document_id::bigint, -@after_position::int, -@after_id::bigint)`,
		`coalesce(a.event_on, '-infinity'::date) DESC, (-a.document_id) DESC, (-a.position) DESC, (-a.id) DESC`,
		`coalesce(page.key_event, '-infinity'::date) DESC, page.key_document_id, page.key_position, page.id`),
	// The last changed first, as feeds list them; feeds show one page and take no cursor.
	SortUpdated: advancesOrder(`false`, `a.updated_at DESC, a.id`, `page.key_updated DESC, page.id`),
	// The last added first, of some bodies only: the latest of each body, from
	// advance_bodies_body_order_idx (00023), and the latest of those. Walking the advances in
	// order for a body's took 400 ms at a million paragraphs for a body with one advance in
	// two hundred; this reads a page from each body under the one shown.
	SortLatest: {"", fmt.Sprintf(advancesQuery, `false`, `a.id DESC`, `page.id DESC`, `AND a.id IN (
            SELECT latest.advance_id FROM unnest(@body_ids::bigint[]) AS wanted (id)
            CROSS JOIN LATERAL (
                SELECT ab.advance_id FROM advance_bodies ab
                WHERE ab.body_id = wanted.id
                ORDER BY ab.advance_id DESC
                LIMIT @limit
            ) latest)`, keptTotal)},
}

// advancesOrder is advancesQuery with the given keyset condition and orders, without and with
// the body filter.
func advancesOrder(after, order, pageOrder string) [2]string {
	return [2]string{
		fmt.Sprintf(advancesQuery, after, order, pageOrder, noBody, "false"),
		fmt.Sprintf(advancesQuery, after, order, pageOrder, byBody, keptTotal),
	}
}

// byBody is the body filter of advancesWhere, and noBody its absence. The filter is a
// statement of its own rather than "(NOT @by_body OR EXISTS ...)": under an OR, Postgres cannot
// turn the EXISTS into a join, and tests it on every advance in turn.
const (
	byBody = `AND EXISTS (
            SELECT 1 FROM advance_bodies ab
            WHERE ab.advance_id = a.id AND ab.body_id = ANY(@body_ids::bigint[]))`
	noBody = ``
	// keptTotal is when a list filtered by body takes its total from the kept counts.
	keptTotal = `@kept_body <> '' AND @slug = '' AND @source = '' AND @paragraph = 0`
)

// advanceKey is a row of advancesQuery: an advance's place in its list.
type advanceKey struct {
	KeyID         int64      `db:"key_id"`
	KeyDocument   string     `db:"key_document"`
	KeyDocumentID int64      `db:"key_document_id"`
	KeyParagraph  int        `db:"key_paragraph"`
	KeyPosition   int        `db:"key_position"`
	KeyEvent      *time.Time `db:"key_event"`
	Total         int        `db:"total"`
}

// Advances returns the advances that f selects, in f's order, from f.After on.
func (s *Store) Advances(ctx context.Context, f AdvanceFilter) (list AdvanceList, err error) {
	defer wrap(&err, "store.Advances(%+v)", f)
	if f.Sort == "" {
		f.Sort = SortParagraph
	}
	queries, ok := advancesQueries[f.Sort]
	if !ok {
		return AdvanceList{}, fmt.Errorf("unknown sort %q", f.Sort)
	}
	if f.After.ID != 0 && f.After.Sort != f.Sort {
		return AdvanceList{}, fmt.Errorf("%w: a cursor of the %s order for the %s order", ErrBadCursor, f.After.Sort, f.Sort)
	}
	if f.Sort == SortLatest && len(f.Bodies) == 0 {
		return AdvanceList{}, fmt.Errorf("the %s order lists the advances of some bodies only", f.Sort)
	}
	var after struct {
		event *time.Time
	}
	if !f.After.Event.IsZero() {
		after.event = &f.After.Event
	}
	query := queries[0]
	var bodyIDs []int64
	keptBody := ""
	if len(f.Bodies) == 1 {
		// Several bodies' kept counts do not add up: an advance may be under more than one.
		keptBody = f.Bodies[0]
	}
	if len(f.Bodies) > 0 {
		if bodyIDs, err = s.bodyIDs(ctx, f.Bodies); err != nil {
			return AdvanceList{}, err
		}
		query = queries[1]
	}
	rows, err := s.pool.Query(ctx, query, pgx.NamedArgs{
		"slug": f.Slug, "body_ids": bodyIDs, "kept_body": keptBody, "document": f.Document, "source": f.Source, "paragraph": f.Paragraph,
		"lang": f.Lang, "limit": pageLimit(f.Limit), "count_limit": CountLimit + 1,
		"after_id": f.After.ID, "after_document": f.After.Document, "after_paragraph": f.After.Paragraph,
		"after_position": f.After.Position, "after_event": after.event, "after_document_id": f.After.DocumentID,
	})
	if err != nil {
		return AdvanceList{}, err
	}
	keys, err := pgx.CollectRows(rows, pgx.RowToStructByName[advanceKey])
	if err != nil || len(keys) == 0 {
		return AdvanceList{}, err
	}
	if f.Limit > 0 && len(keys) > f.Limit {
		keys = keys[:f.Limit]
		list.Next = nextAdvances(f.Sort, keys[len(keys)-1])
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.KeyID
	}
	if list.Advances, err = collect[Advance](ctx, s.generic, advancesByIDQuery, pgx.NamedArgs{"ids": ids, "lang": f.Lang}); err != nil {
		return AdvanceList{}, err
	}
	list.Total = keys[0].Total
	if list.Total > CountLimit {
		list.Total, list.More = CountLimit, true
	}
	return list, nil
}

// nextAdvances is the cursor of the page after the one that last ends, in order; nil in an
// order that has no next page.
func nextAdvances(order Sort, last advanceKey) *Cursor {
	next := Cursor{Sort: order, ID: last.KeyID}
	switch order {
	case SortParagraph:
		next.Document, next.Paragraph, next.Position = last.KeyDocument, last.KeyParagraph, last.KeyPosition
	case SortDate:
		next.DocumentID, next.Position = last.KeyDocumentID, last.KeyPosition
		if last.KeyEvent != nil {
			next.Event = *last.KeyEvent
		}
	default:
		return nil
	}
	return &next
}

// bodyIDs returns the ids of the bodies with the given slugs and of every body under them.
func (s *Store) bodyIDs(ctx context.Context, slugs []string) (ids []int64, err error) {
	defer wrap(&err, "store.bodyIDs(%q)", slugs)
	rows, err := s.pool.Query(ctx, `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@slugs::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
)
SELECT id FROM wanted ORDER BY id`, pgx.NamedArgs{"slugs": slugs})
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
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

// pageLimit is the LIMIT of a page of n rows: one row more than the page shows says whether
// another page follows.
func pageLimit(n int) *int {
	if n <= 0 {
		return nil
	}
	return limit(n + 1)
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
