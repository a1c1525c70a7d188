package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// SearchKind is a kind of thing search finds.
type SearchKind string

// The kinds search finds, in the order pages list them.
const (
	KindDocument       SearchKind = "document"
	KindParagraph      SearchKind = "paragraph"
	KindAdvance        SearchKind = "advance"
	KindRecommendation SearchKind = "recommendation"
	KindQuote          SearchKind = "quote"
)

// SearchKinds lists the kinds search finds.
func SearchKinds() []SearchKind {
	return []SearchKind{KindDocument, KindParagraph, KindAdvance, KindRecommendation, KindQuote}
}

// The markers around a matched word in a hit's Title and Snippet. They are private-use
// characters, which no text of ours holds: a page splits on them and marks the words itself,
// so that nothing the database writes is ever taken as HTML.
const (
	MarkStart = "\uE000"
	MarkEnd   = "\uE001"
)

// Unmark is s without its markers.
func Unmark(s string) string {
	return strings.NewReplacer(MarkStart, "", MarkEnd, "").Replace(s)
}

// SearchFilter is a search: its words, as websearch_to_tsquery reads them ("quoted phrases",
// or, -word), and what narrows it.
type SearchFilter struct {
	Q        string
	Kind     SearchKind // "" for every kind
	Bodies   []string   // bodies' slugs, with their descendants: an advance's bodies, a recommendation's addressees, else the document's author
	Document string     // a document's slug
	Lang     string     // the reader's language: translations in it are searched too
	Limit    int
	Offset   int
}

// SearchHit is one thing a search found. Title and Snippet carry MarkStart and MarkEnd
// around the words that matched.
type SearchHit struct {
	Kind      SearchKind `json:"kind"`
	Slug      string     `json:"slug"` // the advance's, recommendation's or quote's; a document's for a document
	Document  DocRef     `json:"document"`
	Paragraph int        `json:"paragraph"` // a paragraph's number; a quote's when known; else 0
	Title     string     `json:"title"`     // a paragraph's topic, a quote's speaker
	Snippet   string     `json:"snippet"`   // the matching part of the text; "" for a document
	Lang      string     `json:"lang"`      // the language of Title and Snippet
	Rank      float64    `json:"rank"`
}

// SearchResults is one page of hits, and how many of each kind match.
type SearchResults struct {
	Hits []SearchHit `db:"hits"`
	// Counts are the hits of each kind, without the kind filter, up to SearchCandidates.
	Counts map[SearchKind]int `db:"counts"`
	// Partial are the kinds whose matches were looked for in their first rows only, for words
	// each frequent, and fell short of SearchCandidates there (see searchMatches): more of
	// them may match than were counted.
	Partial []SearchKind `db:"sampled"`
}

// Total is the number of hits of kind, or of every kind for "", among those ranked; more
// reports whether more than that many match, or may.
func (r SearchResults) Total(kind SearchKind) (n int, more bool) {
	for k, c := range r.Counts {
		if kind == "" || k == kind {
			n += min(c, SearchCandidates)
			more = more || c >= SearchCandidates || slices.Contains(r.Partial, k)
		}
	}
	return n, more
}

// Sampled reports whether the hits of kind, or of any kind for "", were looked for in a
// sample only: when none were found, some may still match.
func (r SearchResults) Sampled(kind SearchKind) bool {
	return slices.ContainsFunc(r.Partial, func(k SearchKind) bool { return kind == "" || k == kind })
}

// SearchCandidates is how many matches of each kind, and of each kind's translations, a search
// ranks. A frequent word ("rights") matches most paragraphs: ranking them all means reading
// and scoring hundreds of thousands of rows for every search, far too slow for a page. So each
// kind takes its first matches in the order the table stores them, up to this many, and ranks
// those (see searchMatches). The trade-off: past this many matches, the best hit may lie
// outside the ranked set; a frequent word's search says "more than" this many, and words added
// to it narrow it to a set that is ranked whole. Pages beyond the ranked set are not offered.
const SearchCandidates = 300

// searchLimits are how a search tells frequent words from rare ones, and how far it walks a
// table for frequent ones (see searchMatches).
type searchLimits struct {
	// frequent is how many rows a word must match, in the statistics' estimate, for a search
	// to walk a table for it rather than read the full-text index. Collecting this many
	// matches from the index takes a few milliseconds; a word in most of a million paragraphs
	// took hundreds.
	frequent int
	// window is how many of a table's first rows a search walks for the matches of words that
	// are each frequent: such words fill the ranked set within a few thousand rows.
	window int
}

// defaultSearchLimits are the limits of a store; tests lower them to reach the walk with a
// few rows.
var defaultSearchLimits = searchLimits{frequent: 20000, window: 10000}

// searchTables are the tables a search matches, with the kind each gives.
var searchTables = []struct {
	Table string
	Kind  SearchKind
}{
	{"documents", KindDocument}, {"document_translations", KindDocument},
	{"paragraphs", KindParagraph},
	{"advances", KindAdvance}, {"advance_translations", KindAdvance},
	{"recommendations", KindRecommendation}, {"recommendation_translations", KindRecommendation},
	{"quotes", KindQuote},
}

// searchQuery finds what @q matches, one row in all: the counts per kind, the kinds looked for
// in a sample only, and the page's hits as JSON. The query is parsed once per text search
// configuration (q); each text meets the query of its own language, and an item matches by its
// original or by its translation in @lang, and shows in @lang where both match. plans chooses,
// for each table and query, how searchMatches finds its candidates. Headlines are written for
// the page's rows only, after the LIMIT. The trade-off: the language and body filters apply to
// the candidates, so a frequent word narrowed by a rare body may find fewer hits than exist.
var searchQuery = `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@bodies::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
),
q (cfgs, query) AS MATERIALIZED (
    SELECT array_agg(cfg), query
    FROM (
        SELECT cfg, websearch_to_tsquery(cfg, @q) AS query
        FROM unnest(ARRAY['hrd_en', 'hrd_fr', 'hrd_es', 'hrd_simple']::regconfig[]) AS cfg
    ) c
    WHERE numnode(query) > 0
    GROUP BY query
),
plans (tbl, query, walk, rare) AS MATERIALIZED (
    SELECT t.tbl, q.query, @document = '' AND bool_or(b.frequent),
           string_agg('(' || b.rare || ')', ' | ')::tsquery
    FROM q
    CROSS JOIN unnest(@tables::text[]) AS t (tbl)
    -- The alternatives of a query as websearch_to_tsquery writes them ('a' & 'b' | 'c'),
    -- without the words it excludes (querytree), each with the words it needs.
    CROSS JOIN LATERAL regexp_split_to_table(querytree(q.query), ' \| ') AS a (alternative)
    CROSS JOIN LATERAL (
        SELECT bool_and(w.matches >= @frequent) IS NOT FALSE AS frequent,
               string_agg(w.word, ' & ') FILTER (WHERE w.matches < @frequent) AS rare
        FROM regexp_matches(a.alternative, $$'(?:[^']|'')*'$$, 'g') AS m
        CROSS JOIN LATERAL (
            SELECT m[1] AS word, coalesce((
                SELECT s.matches FROM search_words s
                -- The word without its quotes and escapes ('it''s').
                WHERE s.tbl = t.tbl AND s.word = replace(replace(substr(m[1], 2, length(m[1]) - 2), '''''', ''''), '\\', '\')
            ), 0) AS matches
        ) w
    ) b
    GROUP BY t.tbl, q.query
),
hits AS (
    (SELECT 'document' AS kind, d.id, d.id AS doc_id, 0 AS number, d.lang, false AS translated,
           ts_rank(d.search, q.query) AS rank
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("documents", "x.id, x.lang, x.author_id, x.search", "x.published", "x.slug = @document") + ` d
    WHERE search_config(d.lang) = ANY(q.cfgs)
      AND (cardinality(@bodies::text[]) = 0 OR d.author_id IN (SELECT id FROM wanted))
    LIMIT @candidates)
    UNION ALL
    (SELECT 'document', t.document_id, t.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("document_translations", "x.document_id, x.lang, x.search", searchLang, "x.document_id = "+searchDocumentID) + ` t
    CROSS JOIN LATERAL (` + searchDocumentOf("t.document_id") + `) d
    WHERE d.published AND ` + searchAuthor + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'paragraph', 0, p.document_id, p.number, d.lang, false, ts_rank(p.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("paragraphs", "x.document_id, x.number, x.search", "true", "x.document_id = "+searchDocumentID) + ` p
    CROSS JOIN LATERAL (` + searchDocumentOf("p.document_id") + `) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND d.published AND ` + searchAuthor + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'advance', a.id, a.document_id, 0, d.lang, false, ts_rank(a.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("advances", "x.id, x.document_id, x.search", "x.published", "x.document_id = "+searchDocumentID) + ` a
    CROSS JOIN LATERAL (` + searchDocumentOf("a.document_id") + `) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND d.published AND ` + searchAdvanceBodies + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'advance', a.id, a.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("advance_translations", "x.advance_id, x.lang, x.search", searchLang,
	"x.advance_id IN (SELECT a.id FROM advances a WHERE a.document_id = "+searchDocumentID+")") + ` t
    JOIN advances a ON a.id = t.advance_id
    CROSS JOIN LATERAL (` + searchDocumentOf("a.document_id") + `) d
    WHERE a.published AND d.published AND ` + searchAdvanceBodies + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'recommendation', r.id, r.document_id, 0, d.lang, false, ts_rank(r.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("recommendations", "x.id, x.document_id, x.search", "x.published", "x.document_id = "+searchDocumentID) + ` r
    CROSS JOIN LATERAL (` + searchDocumentOf("r.document_id") + `) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND d.published AND ` + searchAddressees + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'recommendation', r.id, r.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("recommendation_translations", "x.recommendation_id, x.lang, x.search", searchLang,
	"x.recommendation_id IN (SELECT r.id FROM recommendations r WHERE r.document_id = "+searchDocumentID+")") + ` t
    JOIN recommendations r ON r.id = t.recommendation_id
    CROSS JOIN LATERAL (` + searchDocumentOf("r.document_id") + `) d
    WHERE r.published AND d.published AND ` + searchAddressees + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'quote', qu.id, qu.document_id, coalesce(qu.paragraph_number, 0), qu.lang, false,
           ts_rank(qu.search, q.query)
    FROM q
    CROSS JOIN LATERAL ` + searchMatches("quotes", "x.id, x.document_id, x.paragraph_number, x.lang, x.search", "x.published", "x.document_id = "+searchDocumentID) + ` qu
    CROSS JOIN LATERAL (` + searchDocumentOf("qu.document_id") + `) d
    WHERE search_config(qu.lang) = ANY(q.cfgs) AND d.published AND ` + searchAuthor + `
    LIMIT @candidates)
),
best AS MATERIALIZED (
    SELECT DISTINCT ON (kind, id, doc_id, number) kind, id, doc_id, number, lang, translated, rank
    FROM hits
    ORDER BY kind, id, doc_id, number, lang = @lang DESC, rank DESC
),
page AS (
    SELECT kind, id, doc_id, number, lang, translated, rank,
           row_number() OVER (ORDER BY rank DESC, doc_id, kind, number, id) AS pos
    FROM best
    WHERE @kind = '' OR kind = @kind
    ORDER BY pos
    LIMIT @limit OFFSET @offset
),
texts AS (
    SELECT page.*, txt.slug, txt.heading, txt.body, doc_ref(d, dt) AS document,
           search_config(page.lang) AS cfg, q.query
    FROM page
    JOIN documents d ON d.id = page.doc_id
    LEFT JOIN document_translations dt ON dt.document_id = d.id AND dt.lang = @lang
    JOIN q ON search_config(page.lang) = ANY(q.cfgs)
    CROSS JOIN LATERAL (
        SELECT d.slug, d.title AS heading, '' AS body
        WHERE page.kind = 'document' AND NOT page.translated
        UNION ALL
        SELECT d.slug, t.title, ''
        FROM document_translations t
        WHERE page.kind = 'document' AND page.translated AND t.document_id = page.id AND t.lang = page.lang
        UNION ALL
        SELECT '', p.topic, p.text
        FROM paragraphs p
        WHERE page.kind = 'paragraph' AND p.document_id = page.doc_id AND p.number = page.number
        UNION ALL
        SELECT a.slug, a.title, a.summary
        FROM advances a
        WHERE page.kind = 'advance' AND NOT page.translated AND a.id = page.id
        UNION ALL
        SELECT a.slug, t.title, t.summary
        FROM advances a JOIN advance_translations t ON t.advance_id = a.id AND t.lang = page.lang
        WHERE page.kind = 'advance' AND page.translated AND a.id = page.id
        UNION ALL
        SELECT r.slug, r.title, r.text
        FROM recommendations r
        WHERE page.kind = 'recommendation' AND NOT page.translated AND r.id = page.id
        UNION ALL
        SELECT r.slug, t.title, t.text
        FROM recommendations r JOIN recommendation_translations t ON t.recommendation_id = r.id AND t.lang = page.lang
        WHERE page.kind = 'recommendation' AND page.translated AND r.id = page.id
        UNION ALL
        SELECT qu.slug, qu.speaker_name, qu.text
        FROM quotes qu
        WHERE page.kind = 'quote' AND qu.id = page.id
    ) txt
),
counts AS (
    SELECT kind, count(*) AS n FROM best GROUP BY kind
)
SELECT
    (SELECT coalesce(json_object_agg(kind, n), '{}') FROM counts) AS counts,
    -- A kind walked for in a table larger than the walk, that did not fill its ranked set.
    (SELECT coalesce(json_agg(DISTINCT t.kind), '[]')
     FROM plans p
     JOIN unnest(@tables::text[], @kinds::text[]) AS t (tbl, kind) ON t.tbl = p.tbl
     WHERE p.walk
       AND (SELECT reltuples FROM pg_class WHERE oid = p.tbl::regclass) > @window
       AND coalesce((SELECT n FROM counts c WHERE c.kind = t.kind), 0) < @candidates) AS sampled,
    (SELECT coalesce(json_agg(json_build_object(
        'kind', kind, 'slug', slug, 'document', document, 'paragraph', number, 'lang', lang,
        'title', CASE WHEN heading = '' THEN '' ELSE ts_headline(cfg, heading, query, @whole) END,
        'snippet', CASE WHEN body = '' THEN '' ELSE ts_headline(cfg, body, query, @part) END,
        'rank', rank
    ) ORDER BY pos), '[]') FROM texts) AS hits`

// searchMatches is a LATERAL subquery of searchQuery, for the query q: the first @candidates
// rows of table, in the order the table stores them, that q.query matches and that cond
// admits, with cols. doc narrows them to the rows of the document asked for, which are few
// and read by key.
//
// A full-text index returns nothing until it has collected every row its words match: a word
// in two thirds of a million paragraphs cost hundreds of milliseconds, even sampled
// (gin_fuzzy_search_limit), for the few hundred that are ranked; and PostgreSQL cannot tell a
// frequent word from a rare one when it plans, for the plan is made once for every search. So
// the way is chosen for each table as the search runs, by the statistics' count of each
// word's matches (search_words, through plans):
//   - when a word is rare (under searchLimits.frequent matches), the index is read for the rare
//     words only, and each row it gives is tested against the whole query: the index then
//     collects few rows, and a frequent word beside a rare one costs nothing to look up;
//   - when every word is frequent, the table's first searchLimits.window rows are walked, in order,
//     until @candidates of them match: frequent words fill the ranked set within a few
//     thousand rows. A query with alternatives ("or") is walked only when all of its words
//     are frequent; otherwise the index is read for the whole query.
//
// Both ways give the same rows when there are enough: the first matches in storage order. The
// trade-off: words that are each frequent but seldom together ("women disabilities education")
// are looked for in the walked rows only. Their matches beyond are not found, and the count
// says "more than" those found (plans, sampled). A search with a rare word, or narrowed to one
// document, is never sampled and finds every match, up to @candidates.
func searchMatches(table, cols, cond, doc string) string {
	return strings.NewReplacer(
		"{table}", table, "{cols}", cols, "{cond}", cond, "{doc}", doc,
	).Replace(`(
    SELECT {cols} FROM {table} x
    WHERE @document <> '' AND {doc} AND {cond} AND ts_match_vq(x.search, q.query)
    UNION ALL
    (SELECT {cols} FROM (
        -- The TID range makes the walk start at the table's first page: a plain scan may
        -- start where another scan of the table is.
        SELECT x.* FROM {table} x
        WHERE (SELECT walk FROM plans WHERE tbl = '{table}' AND query = q.query) AND x.ctid >= '(0,0)'
        LIMIT @window
    ) x
    WHERE {cond} AND ts_match_vq(x.search, q.query)
    LIMIT @candidates)
    UNION ALL
    (SELECT {cols} FROM {table} x
    WHERE @document = '' AND NOT (SELECT walk FROM plans WHERE tbl = '{table}' AND query = q.query)
      AND x.search @@ (SELECT rare FROM plans WHERE tbl = '{table}' AND query = q.query)
      AND {cond} AND ts_match_vq(x.search, q.query)
    LIMIT @candidates)
    LIMIT @candidates)`)
}

// Conditions of searchQuery: the reader's language, for translations (x); the document asked
// for; the document d of a candidate, its language and whether the public sees it; d's author,
// and the bodies of an advance (a) or the addressees of a recommendation (r), among the bodies
// asked for.
const (
	searchLang          = `x.lang = @lang AND search_config(@lang) = ANY(q.cfgs)`
	searchDocumentID    = `(SELECT id FROM documents WHERE slug = @document)`
	searchAuthor        = `(cardinality(@bodies::text[]) = 0 OR d.author_id IN (SELECT id FROM wanted))`
	searchAdvanceBodies = `(cardinality(@bodies::text[]) = 0 OR EXISTS (
        SELECT 1 FROM advance_bodies ab
        WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))`
	searchAddressees = `(cardinality(@bodies::text[]) = 0 OR EXISTS (
        SELECT 1 FROM recommendation_addressees ra
        WHERE ra.recommendation_id = r.id AND ra.body_id IN (SELECT id FROM wanted)))`
)

// searchDocumentOf is the row of the document with the given id, for the conditions above;
// LIMIT 1 keeps the planner from joining it before the candidates are chosen.
func searchDocumentOf(id string) string {
	return `SELECT d.lang, d.author_id, d.published FROM documents d WHERE d.id = ` + id + ` LIMIT 1`
}

// headlineOptions are ts_headline's options: whole marks every match in a short text, part
// picks the passages of a long one.
var headlineOptions = struct{ whole, part string }{
	whole: fmt.Sprintf(`HighlightAll=true, StartSel=%s, StopSel=%s`, MarkStart, MarkEnd),
	part:  fmt.Sprintf(`MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", StartSel=%s, StopSel=%s`, MarkStart, MarkEnd),
}

// Search finds what f asks for: one page of hits, best first, with the counts per kind.
func (s *Store) Search(ctx context.Context, f SearchFilter) (res SearchResults, err error) {
	defer wrap(&err, "store.Search(%+v)", f)
	tables, kinds := make([]string, len(searchTables)), make([]string, len(searchTables))
	for i, t := range searchTables {
		tables[i], kinds[i] = t.Table, string(t.Kind)
	}
	// Planning searchQuery anew for each search cost more than running it (tens of
	// milliseconds): its plan does not depend on the words, since every choice that does is
	// made as it runs (plans), so it keeps the connection's (generic).
	rows, err := s.generic.Query(ctx, searchQuery, pgx.NamedArgs{
		"q": f.Q, "kind": string(f.Kind), "bodies": slugs(f.Bodies), "document": f.Document, "lang": f.Lang,
		"limit": limit(f.Limit), "offset": f.Offset, "candidates": SearchCandidates,
		"frequent": s.search.frequent, "window": s.search.window, "tables": tables, "kinds": kinds,
		"whole": headlineOptions.whole, "part": headlineOptions.part,
	})
	if err != nil {
		return SearchResults{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[SearchResults])
}

// RefreshSearchWords takes anew from PostgreSQL's statistics how many rows each frequent word
// of the searched tables matches, for searches to choose how they look for each word (see
// searchMatches). The statistics follow the data as autovacuum analyzes the tables, some
// time after they change: the server refreshes the words as it starts and every few minutes.
func (s *Store) RefreshSearchWords(ctx context.Context) (err error) {
	defer wrap(&err, "store.RefreshSearchWords")
	_, err = s.pool.Exec(ctx, `SELECT refresh_search_words()`)
	return err
}

// DocumentBySymbol returns the slug of the document with the given UN symbol, in any case.
func (s *Store) DocumentBySymbol(ctx context.Context, symbol string) (slug string, err error) {
	defer wrap(&err, "store.DocumentBySymbol(%q)", symbol)
	rows, err := s.pool.Query(ctx, `
SELECT slug FROM documents
WHERE upper(symbol) = upper(@symbol) AND published
ORDER BY slug
LIMIT 1`, pgx.NamedArgs{"symbol": symbol})
	if err != nil {
		return "", err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowTo[string])
}
