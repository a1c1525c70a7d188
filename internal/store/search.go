package store

import (
	"context"
	"fmt"
	"strconv"
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
}

// Total is the number of hits of kind, or of every kind for "", among those ranked; more
// reports whether more than that many match.
func (r SearchResults) Total(kind SearchKind) (n int, more bool) {
	for k, c := range r.Counts {
		if kind == "" || k == kind {
			n += min(c, SearchCandidates)
			more = more || c >= SearchCandidates
		}
	}
	return n, more
}

// SearchCandidates is how many matches of each kind, and of each kind's translations, a search
// ranks. A frequent word ("rights") matches most paragraphs: ranking them all means reading
// and scoring hundreds of thousands of rows for every search, far too slow for a page. So each
// kind takes the first matches the full-text index gives, up to this many, and ranks those.
// The trade-off: past this many matches, the best hit may lie outside the ranked set; a
// frequent word's search says "more than" this many, and words added to it narrow it to a set
// that is ranked whole. Pages beyond the ranked set are not offered.
const SearchCandidates = 1000

// searchQuery finds what @q matches, one row in all: the counts per kind and the page's hits
// as JSON. The query is parsed once per text search configuration; each text meets the query
// of its own language (an index scan per configuration), and an item matches by its original
// or by its translation in @lang, and shows in @lang where both match. Headlines are written for the page's
// rows only, after the LIMIT. The large tables are matched from their full-text index, each
// query of a configuration in turn, or from a document's rows when the search is narrowed to
// one: a plan that walked the documents and tested each of their rows would read every
// paragraph to find a rare word. Each LATERAL takes at most @candidates matches, which also
// keeps the planner from reordering it: a frequent word's matches are not all read. The
// trade-off: the language and body filters apply to those candidates, so a frequent word
// narrowed by a rare body may find fewer hits than exist.
const searchQuery = `
WITH RECURSIVE wanted (id) AS (
    SELECT id FROM bodies WHERE slug = ANY(@bodies::text[])
    UNION
    SELECT b.id FROM bodies b JOIN wanted w ON b.parent_id = w.id
),
q (cfgs, query) AS MATERIALIZED (
    SELECT array_agg(cfg), query FROM (
        SELECT cfg, websearch_to_tsquery(cfg, @q) AS query
        FROM unnest(ARRAY['hrd_en', 'hrd_fr', 'hrd_es', 'hrd_simple']::regconfig[]) AS cfg
    ) c
    GROUP BY query
),
hits AS (
    (SELECT 'document' AS kind, d.id, d.id AS doc_id, 0 AS number, d.lang, false AS translated,
           ts_rank(d.search, q.query) AS rank
    FROM q
    CROSS JOIN LATERAL (
        SELECT d.id, d.lang, d.author_id, d.search FROM documents d
        WHERE d.search @@ q.query AND d.published AND (@document = '' OR d.slug = @document)
        LIMIT @candidates) d
    WHERE search_config(d.lang) = ANY(q.cfgs)
      AND (cardinality(@bodies::text[]) = 0 OR d.author_id IN (SELECT id FROM wanted))
    LIMIT @candidates)
    UNION ALL
    (SELECT 'document', t.document_id, t.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT t.document_id, t.lang, t.search FROM document_translations t
        WHERE t.search @@ q.query AND t.lang = @lang AND search_config(@lang) = ANY(q.cfgs)
        LIMIT @candidates) t
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = t.document_id LIMIT 1) d
    WHERE search_config(t.lang) = ANY(q.cfgs) AND ` + searchDocument + ` AND ` + searchAuthor + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'paragraph', 0, p.document_id, p.number, d.lang, false, ts_rank(p.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT p.document_id, p.number, p.search FROM paragraphs p
        WHERE p.search @@ q.query AND (@document = '' OR p.document_id = (SELECT id FROM documents WHERE slug = @document))
        LIMIT @candidates) p
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = p.document_id LIMIT 1) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND ` + searchDocument + ` AND ` + searchAuthor + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'advance', a.id, a.document_id, 0, d.lang, false, ts_rank(a.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT a.id, a.document_id, a.search FROM advances a
        WHERE a.search @@ q.query AND a.published
          AND (@document = '' OR a.document_id = (SELECT id FROM documents WHERE slug = @document))
        LIMIT @candidates) a
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = a.document_id LIMIT 1) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND ` + searchDocument + ` AND ` + searchAdvanceBodies + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'advance', a.id, a.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT t.advance_id, t.lang, t.search FROM advance_translations t
        WHERE t.search @@ q.query AND t.lang = @lang AND search_config(@lang) = ANY(q.cfgs)
        LIMIT @candidates) t
    JOIN advances a ON a.id = t.advance_id
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = a.document_id LIMIT 1) d
    WHERE search_config(t.lang) = ANY(q.cfgs) AND a.published AND ` + searchDocument + ` AND ` + searchAdvanceBodies + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'recommendation', r.id, r.document_id, 0, d.lang, false, ts_rank(r.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT r.id, r.document_id, r.search FROM recommendations r
        WHERE r.search @@ q.query AND r.published
          AND (@document = '' OR r.document_id = (SELECT id FROM documents WHERE slug = @document))
        LIMIT @candidates) r
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = r.document_id LIMIT 1) d
    WHERE search_config(d.lang) = ANY(q.cfgs) AND ` + searchDocument + ` AND ` + searchAddressees + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'recommendation', r.id, r.document_id, 0, t.lang, true, ts_rank(t.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT t.recommendation_id, t.lang, t.search FROM recommendation_translations t
        WHERE t.search @@ q.query AND t.lang = @lang AND search_config(@lang) = ANY(q.cfgs)
        LIMIT @candidates) t
    JOIN recommendations r ON r.id = t.recommendation_id
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = r.document_id LIMIT 1) d
    WHERE search_config(t.lang) = ANY(q.cfgs) AND r.published AND ` + searchDocument + ` AND ` + searchAddressees + `
    LIMIT @candidates)
    UNION ALL
    (SELECT 'quote', qu.id, qu.document_id, coalesce(qu.paragraph_number, 0), qu.lang, false,
           ts_rank(qu.search, q.query)
    FROM q
    CROSS JOIN LATERAL (
        SELECT qu.id, qu.document_id, qu.paragraph_number, qu.lang, qu.search FROM quotes qu
        WHERE qu.search @@ q.query AND qu.published
          AND (@document = '' OR qu.document_id = (SELECT id FROM documents WHERE slug = @document))
        LIMIT @candidates) qu
    CROSS JOIN LATERAL (SELECT d.slug, d.lang, d.author_id, d.published FROM documents d WHERE d.id = qu.document_id LIMIT 1) d
    WHERE search_config(qu.lang) = ANY(q.cfgs) AND ` + searchDocument + ` AND ` + searchAuthor + `
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
    SELECT page.*, txt.slug, txt.heading, txt.body, doc_ref(d, @lang) AS document,
           search_config(page.lang) AS cfg, q.query
    FROM page
    JOIN documents d ON d.id = page.doc_id
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
)
SELECT
    (SELECT coalesce(json_object_agg(kind, n), '{}') FROM (
        SELECT kind, count(*) AS n FROM best GROUP BY kind
    ) c) AS counts,
    (SELECT coalesce(json_agg(json_build_object(
        'kind', kind, 'slug', slug, 'document', document, 'paragraph', number, 'lang', lang,
        'title', CASE WHEN heading = '' THEN '' ELSE ts_headline(cfg, heading, query, @whole) END,
        'snippet', CASE WHEN body = '' THEN '' ELSE ts_headline(cfg, body, query, @part) END,
        'rank', rank
    ) ORDER BY pos), '[]') FROM texts) AS hits`

// The conditions of searchQuery on a candidate's document d: published and the one asked
// for; written by the document's author; for advances and recommendations, by their own bodies.
const (
	searchDocument      = `d.published AND (@document = '' OR d.slug = @document)`
	searchAuthor        = `(cardinality(@bodies::text[]) = 0 OR d.author_id IN (SELECT id FROM wanted))`
	searchAdvanceBodies = `(cardinality(@bodies::text[]) = 0 OR EXISTS (
        SELECT 1 FROM advance_bodies ab
        WHERE ab.advance_id = a.id AND ab.body_id IN (SELECT id FROM wanted)))`
	searchAddressees = `(cardinality(@bodies::text[]) = 0 OR EXISTS (
        SELECT 1 FROM recommendation_addressees ra
        WHERE ra.recommendation_id = r.id AND ra.body_id IN (SELECT id FROM wanted)))`
)

// headlineOptions are ts_headline's options: whole marks every match in a short text, part
// picks the passages of a long one.
var headlineOptions = struct{ whole, part string }{
	whole: fmt.Sprintf(`HighlightAll=true, StartSel=%s, StopSel=%s`, MarkStart, MarkEnd),
	part:  fmt.Sprintf(`MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", StartSel=%s, StopSel=%s`, MarkStart, MarkEnd),
}

// searchFuzzyLimit caps what a GIN index scan of a search returns when every word of the query
// is frequent (gin_fuzzy_search_limit, set for the search's transaction only). Such a scan
// otherwise collects every match into a bitmap before the first is read: "rights" matches
// most of a million paragraphs, and collecting them took most of a second. Past the cap, the
// index returns a random sample of about this many matches, which are then ranked as any
// others. The trade-off: a search whose words are all frequent ranks a sample of their
// matches rather than the first SearchCandidates, and its count says "more than" a smaller
// number where the sample of each word's matches rarely meets the others' ("states parties
// should" keeps a few thousand of its half million). A rare word is never sampled: PostgreSQL
// samples a scan only when every one of its words is over the cap, so a search with a rare
// word finds all its matches. The cap is well above SearchCandidates so that a frequent
// word's sample still fills the ranked set.
const searchFuzzyLimit = 20 * SearchCandidates

// Search finds what f asks for: one page of hits, best first, with the counts per kind.
func (s *Store) Search(ctx context.Context, f SearchFilter) (res SearchResults, err error) {
	defer wrap(&err, "store.Search(%+v)", f)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT set_config('gin_fuzzy_search_limit', @limit, true)`,
			pgx.NamedArgs{"limit": strconv.Itoa(searchFuzzyLimit)}); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, searchQuery, pgx.NamedArgs{
			"q": f.Q, "kind": string(f.Kind), "bodies": slugs(f.Bodies), "document": f.Document, "lang": f.Lang,
			"limit": limit(f.Limit), "offset": f.Offset, "candidates": SearchCandidates,
			"whole": headlineOptions.whole, "part": headlineOptions.part,
		})
		if err != nil {
			return err
		}
		res, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[SearchResults])
		return err
	})
	return res, err
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
