package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ItemFilter selects recommendations or quotes. Zero fields select everything.
type ItemFilter struct {
	Slug      string // one item
	Document  string // a document's slug
	Source    string // the slug of the document the items are taken from
	Paragraph int    // a paragraph of Document
	// Bodies are, for recommendations, addressees; for quotes, the bodies the speakers speak
	// for; each including the bodies under it.
	Bodies []string
	// For quotes: the speaker's name and the organisation as written.
	Speaker, Organisation string
	Updated               bool   // the last changed first, as a feed lists them
	Lang                  string // the reader's language: titles and texts come in it where translated
	Limit                 int    // 0 means no limit
	// After starts the list just after the item it names (a cursor of SortDocument, or for
	// quotes by body of SortAdded); the zero Cursor starts at the beginning.
	After Cursor
}

// Page is one page of a list of items and where the next page starts: nil on the last page.
type Page[T any] struct {
	Items []T
	Next  *Cursor
}

// itemKeys are the columns of an item's place in SortDocument and SortAdded, which every item
// query reads.
type itemKeys struct {
	KeyID         int64  `db:"key_id"`
	KeyDocument   string `db:"key_document"`
	KeyDocumentID int64  `db:"key_document_id"`
	KeyPosition   int    `db:"key_position"`
}

// docRefs joins dref, which reads documents as DocRefs with their titles in @lang where
// translated: each of refs is "alias name", document alias read as dref.name. A statement
// planned anew at every call (the lists: Open forces custom plans) calls doc_ref(d, lang) for
// each, which looks the translation up itself, 12 µs a call; joining document_translations
// for each document made the quotes' list take 20 ms to plan instead of 5. A statement planned
// once (joined, on Store.generic) joins them, and doc_ref(d, t) inlines into it.
func docRefs(joined bool, refs ...string) string {
	var joins strings.Builder
	columns := make([]string, len(refs))
	for i, ref := range refs {
		alias, name, _ := strings.Cut(ref, " ")
		if !joined {
			columns[i] = fmt.Sprintf("doc_ref(%s, @lang) AS %s", alias, name)
			continue
		}
		fmt.Fprintf(&joins, "\nLEFT JOIN document_translations %[1]st ON %[1]st.document_id = %[1]s.id AND %[1]st.lang = @lang", alias)
		columns[i] = fmt.Sprintf("doc_ref(%[1]s, %[1]st) AS %[2]s", alias, name)
	}
	return joins.String() + "\nCROSS JOIN LATERAL (SELECT " + strings.Join(columns, ", ") + ") dref"
}

// itemsAfter is the keyset condition of an item query on its item x in document d: the rows
// after the cursor, in the document's order, which the documents' slug index and the items'
// (document_id, position, id) index walk.
const itemsAfter = `(@after_id = 0 OR (d.slug >= @after_document
        AND (d.slug, x.position, x.id) > (@after_document, @after_position, @after_id)))`

// page cuts rows read with one more than the limit down to the limit, with the cursor of the
// next page, in the order given, where there was more.
func page[T any](rows []T, limit int, order Sort, keys func(T) itemKeys) Page[T] {
	if limit <= 0 || len(rows) <= limit {
		return Page[T]{Items: rows}
	}
	k := keys(rows[limit-1])
	next := &Cursor{Sort: order, Position: k.KeyPosition, ID: k.KeyID}
	if order == SortAdded {
		next.DocumentID = k.KeyDocumentID
	} else {
		next.Document = k.KeyDocument
	}
	return Page[T]{Items: rows[:limit], Next: next}
}

// recommendationsQuery reads the recommendations an ItemFilter selects, by document and
// position, in @lang where they have a translation. A feed (@updated) lists the last changed
// first, and among those changed at once (an import's rows share their time) by id: the order
// of recommendations_updated_order_idx, which a feed then reads only its few rows of. Broken
// by document and position instead, the tie takes sorting every row of an import, at a million
// paragraphs every quote there is. Quotes are ordered alike.
//
// %s is the filter by addressee, or nothing. As for the advances, the filter is
// a statement of its own, and the caller gives the ids of the bodies and those under them
// (bodyIDs): the planner then sees how many recommendations they have, and gathers a rare
// body's few to sort them rather than walk every recommendation in order to find them.
var recommendationsQuery = `
SELECT` + recommendationColumns + `,
    r.id AS key_id, d.slug AS key_document, d.id AS key_document_id, r.position AS key_position
FROM recommendations x
JOIN recommendations r ON r.id = x.id` + recommendationJoins + docRefs(false, recommendationRefs...) + `
WHERE r.published AND d.published
  AND (@slug = '' OR r.slug = @slug)
  %s
  AND (@document = '' OR d.slug = @document)
  AND (@source = '' OR s.slug = @source)
  AND (@paragraph = 0 OR EXISTS (
        SELECT 1 FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id AND rp.number = @paragraph))
  AND ` + itemsAfter + `
ORDER BY CASE WHEN @updated THEN r.updated_at END DESC, CASE WHEN @updated THEN r.id END, d.slug, r.position, r.id
LIMIT @limit`

// recommendationColumns are what the recommendation queries read of recommendation r in
// document d, from source s, in @lang where translated (tr, and dref for the documents), as
// recommendationJoins gives them.
const recommendationColumns = `
    r.slug,
    coalesce(tr.title, r.title) AS title,
    coalesce(tr.text, r.text) AS text,
    coalesce(tr.lang, d.lang) AS lang,
    dref.document,
    dref.source,
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
    ), '[]') AS addressees,
    coalesce(r.follow_up_status, '') AS follow_up_status,
    date_iso(r.follow_up_on, r.follow_up_precision) AS follow_up_date,
    r.follow_up_source_url,
    r.updated_at`

// recommendationJoins are the rows recommendationColumns reads for recommendation r.
const recommendationJoins = `
JOIN documents d ON d.id = r.document_id
JOIN documents s ON s.id = r.source_id
LEFT JOIN recommendation_translations tr ON tr.recommendation_id = r.id AND tr.lang = @lang`

// recommendationRefs are the documents recommendationColumns reads as references (docRefs).
var recommendationRefs = []string{"d document", "s source"}

// documentRecommendationsQuery reads all the recommendations of the document @document, or
// only those from its paragraph @paragraph, in their order in it: what a document's page
// shows, with one plan for every document, as documentAdvanceLinksQuery.
var documentRecommendationsQuery = `
SELECT` + recommendationColumns + `
FROM recommendations r` + recommendationJoins + docRefs(true, recommendationRefs...) + `
WHERE d.slug = @document AND d.published AND r.published
  AND (@paragraph = 0 OR EXISTS (
        SELECT 1 FROM recommendation_paragraphs rp
        WHERE rp.recommendation_id = r.id AND rp.number = @paragraph))
ORDER BY r.position, r.id`

// recommendationsQueries are recommendationsQuery without and with the filter by addressee.
var recommendationsQueries = [2]string{
	fmt.Sprintf(recommendationsQuery, ""),
	fmt.Sprintf(recommendationsQuery, `AND EXISTS (
        SELECT 1 FROM recommendation_addressees ra
        WHERE ra.recommendation_id = r.id AND ra.body_id = ANY(@body_ids::bigint[]))`),
}

// quoteColumns are what the quote queries read of quote q in document d, from source s, said
// in w, by a speaker for body sb, as quoteJoins gives them; the documents as references
// (dref).
const quoteColumns = `
    q.slug, q.text, q.lang,
    d.lang AS original_lang,
    q.context, q.speaker_name, q.speaker_role, q.speaker_organisation,
    dref.document,
    coalesce(q.paragraph_number, 0) AS paragraph,
    dref.source,
    dref.said_in,
    coalesce(sb.slug, '') AS speaker_body,
    q.updated_at`

// quoteJoins are the rows quoteColumns reads for quote q.
const quoteJoins = `
JOIN documents d ON d.id = q.document_id
JOIN documents s ON s.id = q.source_id
JOIN documents w ON w.id = q.said_in_id
LEFT JOIN bodies sb ON sb.id = q.speaker_body_id`

// quoteRefs are the documents quoteColumns reads as references (docRefs).
var quoteRefs = []string{"d document", "s source", "w said_in"}

// quoteKeys are a listed quote's place in the lists' orders.
const quoteKeys = `
    q.id AS key_id, d.slug AS key_document, d.id AS key_document_id, q.position AS key_position`

// documentQuotesQuery reads all the quotes of the document @document, or only those about its
// paragraph @paragraph, in their order in it: what a document's page shows, with one plan for
// every document, as documentAdvanceLinksQuery.
var documentQuotesQuery = `
SELECT` + quoteColumns + `
FROM quotes q` + quoteJoins + docRefs(true, quoteRefs...) + `
WHERE d.slug = @document AND d.published AND q.published
  AND (@paragraph = 0 OR q.paragraph_number = @paragraph)
ORDER BY q.position, q.id`

// quotesWhere is what an ItemFilter asks of quote q in document d.
const quotesWhere = `WHERE q.published AND d.published
  AND (@slug = '' OR q.slug = @slug)
  AND (@document = '' OR d.slug = @document)
  AND (@source = '' OR q.source_id = (SELECT id FROM documents WHERE slug = @source))
  AND (@paragraph = 0 OR q.paragraph_number = @paragraph)
  AND (@speaker = '' OR q.speaker_name = @speaker)
  AND (@organisation = '' OR q.speaker_organisation = @organisation)`

// quotesQueries choose the page of quotes an ItemFilter selects, as their keys (quoteKeys):
// in the order of recommendationsQuery, or those of the speakers for some bodies (@body_ids,
// from bodyIDs) in SortAdded. Walking every quote in document slug order to find a body's read
// most of them for a body with few: 436 ms at a million paragraphs. In the order of the
// documents' ids, the planner has quotes_speaker_body_order_idx (00022) give each document's
// quotes of the bodies, walking the documents in order until the page is full, or gathers a
// rare body's few quotes to sort them, or walks all quotes in order for a body that speaks in
// many, as their numbers say. quotesByIDQuery then reads the page's quotes.
var quotesQueries = [2]string{
	`SELECT` + quoteKeys + `
FROM quotes x
JOIN quotes q ON q.id = x.id
JOIN documents d ON d.id = q.document_id
` + quotesWhere + `
  AND ` + itemsAfter + `
ORDER BY CASE WHEN @updated THEN q.updated_at END DESC, CASE WHEN @updated THEN q.id END, d.slug, q.position, q.id
LIMIT @limit`,
	`SELECT` + quoteKeys + `
FROM (
    SELECT q.id FROM quotes q
    JOIN documents d ON d.id = q.document_id
    ` + quotesWhere + `
      AND q.speaker_body_id = ANY(@body_ids::bigint[])
      AND (q.document_id, q.position, q.id) > (@after_document_id, @after_position, @after_id)
    ORDER BY q.document_id, q.position, q.id
    LIMIT @limit
) x
JOIN quotes q ON q.id = x.id
JOIN documents d ON d.id = q.document_id
ORDER BY q.document_id, q.position, q.id`,
}

// quotesByIDQuery reads in full the quotes @ids, in that order, as advancesByIDQuery does the
// advances: planned with the filters, the page's joins to its documents and bodies took 15 ms
// to plan and set up at a million paragraphs, for 2.6 ms of work. It reads only what is public.
var quotesByIDQuery = pageOfIDs + `
SELECT` + quoteColumns + `
FROM page
JOIN quotes q ON q.id = page.id` + quoteJoins + docRefs(true, quoteRefs...) + `
WHERE q.published AND d.published
ORDER BY page.n`

// itemsQuery is the statement of queries (one without the body filter, one with it) for f, and
// its arguments, with the ids of f's bodies and those under them.
func (s *Store) itemsQuery(ctx context.Context, queries [2]string, f ItemFilter) (string, pgx.NamedArgs, error) {
	args := f.args()
	if len(f.Bodies) == 0 {
		return queries[0], args, nil
	}
	ids, err := s.bodyIDs(ctx, f.Bodies)
	if err != nil {
		return "", nil, err
	}
	args["body_ids"] = ids
	return queries[1], args, nil
}

type listedRecommendation struct {
	Recommendation
	itemKeys
}

// Recommendations returns the recommendations f selects, by document and paragraph.
func (s *Store) Recommendations(ctx context.Context, f ItemFilter) (recs []Recommendation, err error) {
	p, err := s.RecommendationPage(ctx, f)
	return p.Items, err
}

// RecommendationPage returns the recommendations f selects, up to f.Limit from f.After, and
// where the next page starts.
func (s *Store) RecommendationPage(ctx context.Context, f ItemFilter) (p Page[Recommendation], err error) {
	defer wrap(&err, "store.Recommendations(%+v)", f)
	query, args, err := s.itemsQuery(ctx, recommendationsQueries, f)
	if err != nil {
		return p, err
	}
	rows, err := s.pool.Query(ctx, query, args)
	if err != nil {
		return p, err
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[listedRecommendation])
	if err != nil {
		return p, err
	}
	listed := page(got, f.Limit, SortDocument, func(r listedRecommendation) itemKeys { return r.itemKeys })
	p.Next = listed.Next
	p.Items = make([]Recommendation, len(listed.Items))
	for i, r := range listed.Items {
		p.Items[i] = r.Recommendation
	}
	return p, nil
}

func (f ItemFilter) args() pgx.NamedArgs {
	return pgx.NamedArgs{
		"slug": f.Slug, "document": f.Document, "source": f.Source, "paragraph": f.Paragraph,
		"lang": f.Lang, "speaker": f.Speaker, "organisation": f.Organisation,
		"updated": f.Updated, "limit": pageLimit(f.Limit),
		"after_id": f.After.ID, "after_document": f.After.Document, "after_position": f.After.Position,
		"after_document_id": f.After.DocumentID,
	}
}

// Recommendation returns the recommendation with the given slug, in lang where translated.
func (s *Store) Recommendation(ctx context.Context, slug, lang string) (r Recommendation, err error) {
	defer wrap(&err, "store.Recommendation(%q, %q)", slug, lang)
	if slug == "" {
		return Recommendation{}, pgx.ErrNoRows
	}
	rows, err := s.pool.Query(ctx, recommendationsQueries[0], ItemFilter{Slug: slug, Lang: lang}.args())
	if err != nil {
		return Recommendation{}, err
	}
	listed, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[listedRecommendation])
	return listed.Recommendation, err
}

// Quotes returns the quotes f selects, in the order their document gives. Lang gives only the
// documents' titles: quotes keep the words as said.
func (s *Store) Quotes(ctx context.Context, f ItemFilter) (quotes []Quote, err error) {
	p, err := s.QuotePage(ctx, f)
	return p.Items, err
}

// QuotePage returns the quotes f selects, up to f.Limit from f.After, and where the next
// page starts.
func (s *Store) QuotePage(ctx context.Context, f ItemFilter) (p Page[Quote], err error) {
	defer wrap(&err, "store.Quotes(%+v)", f)
	query, args, err := s.itemsQuery(ctx, quotesQueries, f)
	if err != nil {
		return p, err
	}
	keys, err := collect[itemKeys](ctx, s.pool, query, args)
	if err != nil || len(keys) == 0 {
		return p, err
	}
	order := SortDocument
	if len(f.Bodies) > 0 {
		order = SortAdded
	}
	listed := page(keys, f.Limit, order, func(k itemKeys) itemKeys { return k })
	ids := make([]int64, len(listed.Items))
	for i, k := range listed.Items {
		ids[i] = k.KeyID
	}
	p.Next = listed.Next
	p.Items, err = collect[Quote](ctx, s.generic, quotesByIDQuery, pgx.NamedArgs{"ids": ids, "lang": f.Lang})
	return p, err
}

// QuoteFacet is a speaker or an organisation that quotes name, with how many quotes of the
// filter's others it has: the options of the quotes' filters.
type QuoteFacet struct {
	Value  string `db:"value"`
	Quotes int    `db:"quotes"`
}

// QuoteFacets returns the speakers among the quotes of f's document and organisation, and the
// organisations among those of its document and speaker, each with its count, by name. It
// sums the counts the writes keep (quote_tallies and quote_totals, 00020): as many rows as
// speakers and organisations, however many quotes there are.
func (s *Store) QuoteFacets(ctx context.Context, f ItemFilter) (speakers, organisations []QuoteFacet, err error) {
	defer wrap(&err, "store.QuoteFacets(%+v)", f)
	rows, err := s.pool.Query(ctx, `
WITH kept AS (
    SELECT speaker_name, speaker_organisation, quotes FROM quote_totals
    WHERE @document = ''
    UNION ALL
    SELECT t.speaker_name, t.speaker_organisation, t.quotes FROM quote_tallies t
    WHERE @document <> '' AND t.document_id = (SELECT id FROM documents WHERE slug = @document)
)
SELECT facet, value, quotes FROM (
    SELECT 'speaker' AS facet, speaker_name AS value, sum(quotes) AS quotes
    FROM kept
    WHERE @organisation = '' OR speaker_organisation = @organisation
    GROUP BY speaker_name
    UNION ALL
    SELECT 'organisation', speaker_organisation, sum(quotes)
    FROM kept
    WHERE speaker_organisation <> '' AND (@speaker = '' OR speaker_name = @speaker)
    GROUP BY speaker_organisation
) f
ORDER BY facet, value`, f.args())
	if err != nil {
		return nil, nil, err
	}
	type row struct {
		Facet string `db:"facet"`
		QuoteFacet
	}
	all, err := pgx.CollectRows(rows, pgx.RowToStructByName[row])
	for _, r := range all {
		if r.Facet == "speaker" {
			speakers = append(speakers, r.QuoteFacet)
		} else {
			organisations = append(organisations, r.QuoteFacet)
		}
	}
	return speakers, organisations, err
}

// QuoteSpeakerExists reports whether any quote is by the speaker (when organisation is "")
// or any names the organisation (when speaker is ""), for a filter to refuse one that none is.
// The kept totals (00020) hold a row for each speaker and organisation that a public quote
// names: a speaker whose quotes are all drafts would otherwise be looked for among them all.
func (s *Store) QuoteSpeakerExists(ctx context.Context, speaker, organisation string) (ok bool, err error) {
	defer wrap(&err, "store.QuoteSpeakerExists(%q, %q)", speaker, organisation)
	err = s.pool.QueryRow(ctx, `
SELECT EXISTS (
    SELECT 1 FROM quote_totals
    WHERE (@speaker = '' OR speaker_name = @speaker)
      AND (@organisation = '' OR speaker_organisation = @organisation))`,
		pgx.NamedArgs{"speaker": speaker, "organisation": organisation}).Scan(&ok)
	return ok, err
}
