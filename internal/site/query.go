package site

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Param is a query parameter of the lists, their data twins and feeds.
type Param string

// The parameters, in the order URL writes them.
const (
	ParamQ        Param = "q"
	ParamKind     Param = "kind"
	ParamBody     Param = "body"
	ParamDocument Param = "document"
	// A quote's speaker and organisation, as the data writes them.
	ParamSpeaker      Param = "speaker"
	ParamOrganisation Param = "organisation"
	ParamSort         Param = "sort"
	// ParamAfter is where a page of advances starts (a store.Cursor): the advances list pages
	// by cursor, as it has no bound. ParamPage numbers the pages of a search, whose ranked
	// hits are bounded (store.SearchCandidates).
	ParamAfter Param = "after"
	ParamPage  Param = "page"
	ParamLang  Param = "lang"
)

// What each kind of address takes: a list page pages; a data twin gives everything at once in
// the language it is asked for; a feed has its own order.
var (
	ListParams = []Param{ParamBody, ParamDocument, ParamSort, ParamAfter}
	DataParams = []Param{ParamBody, ParamDocument, ParamSort, ParamAfter, ParamLang}
	FeedParams = []Param{ParamBody, ParamDocument, ParamLang}
	// FollowParams are the filters whose feeds the Follow page lists.
	FollowParams = []Param{ParamBody, ParamDocument}
	// Search pages its results, in its page and in its data twins alike.
	SearchParams     = []Param{ParamQ, ParamKind, ParamBody, ParamDocument, ParamPage}
	SearchDataParams = []Param{ParamQ, ParamKind, ParamBody, ParamDocument, ParamPage, ParamLang}
	// The twins of the recommendations (by addressee and document) and of the quotes, page by
	// page as the lists do.
	ItemDataParams = []Param{ParamBody, ParamDocument, ParamAfter, ParamLang}
	// The quotes' twins also take the body the speakers speak for, which a body's page links:
	// the list's filter counts come from the kept tallies, which know no body.
	QuoteDataParams = []Param{ParamBody, ParamDocument, ParamSpeaker, ParamOrganisation, ParamAfter, ParamLang}
	// The list of quotes filters by speaker and organisation; its feed as its twins do.
	QuoteListParams = []Param{ParamDocument, ParamSpeaker, ParamOrganisation, ParamAfter}
	QuoteFeedParams = []Param{ParamDocument, ParamSpeaker, ParamOrganisation, ParamLang}
	// The lists of recommendations (by addressee) and of documents (by author) take the body
	// whose page links them; the sources' list only pages. The feed of recommendations takes
	// the filters of their twins.
	RecommendationListParams = []Param{ParamBody, ParamAfter}
	DocumentListParams       = []Param{ParamBody, ParamAfter}
	DocumentDataParams       = []Param{ParamBody, ParamAfter, ParamLang}
	SourceListParams         = []Param{ParamAfter}
	RecommendationFeedParams = []Param{ParamBody, ParamDocument, ParamLang}
)

// MaxSearch is the longest search, in characters, that the tracker runs.
const MaxSearch = 256

// MaxBodies is how many bodies a list compares at once.
const MaxBodies = 10

// Query is the state of a list: its filters, order and page, and for a data twin the
// language asked for. The zero Query is the whole list, first page, default order.
type Query struct {
	Q        string           // a search's words, trimmed; "" asks for none
	Kind     store.SearchKind // what a search shows; "" for every kind
	Bodies   []string         // bodies' slugs: an advance of any of them, or of a body under one
	Document string           // a document's slug
	Speaker  string           // a quote's speaker, by name
	// Organisation is a quote speaker's organisation, as written.
	Organisation string
	Sort         store.Sort // "" for the default, store.SortParagraph
	// After is where a page of advances starts; the zero Cursor for the first page.
	After store.Cursor
	Page  int        // a search's page; 0 for the first
	Lang  *i18n.Lang // a data twin's lang parameter; nil for the language of the prefix
}

// BadQuery is a query string the reader must correct; Message says how, in their language.
type BadQuery struct{ Message string }

func (e *BadQuery) Error() string { return "bad query: " + e.Message }

func bad(format string, args ...any) error { return &BadQuery{Message: fmt.Sprintf(format, args...)} }

// ParseQuery reads raw, a query string, taking only the parameters accepted: a mistyped or
// repeated parameter must say so, not quietly show everything. Whether a body or document
// exists is for the caller to check against the store.
func ParseQuery(raw string, m *i18n.Messages, accepted ...Param) (Query, error) {
	values, err := url.ParseQuery(raw)
	if err != nil {
		return Query{}, bad("%s", m.ErrMalformedQuery)
	}
	var q Query
	// In order, so that of several mistakes the reader is always told of the same one.
	for _, k := range slices.Sorted(maps.Keys(values)) {
		p, v := Param(k), values[k]
		if !slices.Contains(accepted, p) {
			if len(accepted) == 0 {
				return Query{}, bad(m.ErrNoParameters, Clip(k))
			}
			return Query{}, bad(m.ErrUnknownParameter, Clip(k), joinParams(accepted))
		}
		if p == ParamBody {
			// Several bodies compare them: an advance of either is listed.
			if len(v) > MaxBodies {
				return Query{}, bad(m.ErrTooManyBodies, MaxBodies)
			}
		} else if len(v) > 1 {
			return Query{}, bad(m.ErrRepeated, k)
		}
		for _, v := range v {
			if !ValidText(v) {
				return Query{}, bad("%s", m.ErrMalformedQuery)
			}
			if err := q.set(p, v, m); err != nil {
				return Query{}, err
			}
		}
	}
	// A list with a sort parameter has several orders; the caller checks the cursor of a list
	// with one (Query.CursorFits).
	if slices.Contains(accepted, ParamSort) && !q.CursorFits(q.sort()) {
		// A cursor is a place in one order: in another it names no place.
		return Query{}, &BadCursor{}
	}
	return q, nil
}

// BadCursor is an after parameter that no page of this list wrote. Only the caller knows the
// address of the list's first page, which the reader's message gives.
type BadCursor struct{}

func (e *BadCursor) Error() string { return "bad query: damaged cursor" }

// CursorFits reports whether q's cursor, if any, is a place in the order given.
func (q Query) CursorFits(order store.Sort) bool {
	return q.After.ID == 0 || q.After.Sort == order
}

// sort is the order q lists advances in.
func (q Query) sort() store.Sort {
	if q.Sort == "" {
		return store.SortParagraph
	}
	return q.Sort
}

func (q *Query) set(p Param, v string, m *i18n.Messages) error {
	switch p {
	case ParamQ:
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) > MaxSearch {
			return bad(m.ErrSearchTooLong, MaxSearch)
		}
		if strings.ContainsFunc(v, unicode.IsControl) || strings.ContainsAny(v, store.MarkStart+store.MarkEnd) {
			return bad("%s", m.ErrSearchMalformed)
		}
		q.Q = v
	case ParamKind:
		k := store.SearchKind(v)
		if v != "" && !slices.Contains(store.SearchKinds(), k) {
			return bad(m.ErrBadKind, Clip(v), kindNames())
		}
		q.Kind = k
	case ParamBody:
		if v != "" && !slices.Contains(q.Bodies, v) {
			q.Bodies = append(q.Bodies, v)
		}
	case ParamDocument:
		q.Document = v
	case ParamSpeaker:
		q.Speaker = strings.TrimSpace(v)
	case ParamOrganisation:
		q.Organisation = strings.TrimSpace(v)
	case ParamSort:
		switch s := store.Sort(v); s {
		case "", store.SortParagraph, store.SortDate:
			q.Sort = s
		default:
			return bad(m.ErrBadSort, Clip(v))
		}
	case ParamAfter:
		c, err := store.ParseCursor(v)
		if err != nil {
			return &BadCursor{}
		}
		q.After = c
	case ParamPage:
		n, ok := Positive(v)
		if !ok {
			return bad(m.ErrBadPage, Clip(v))
		}
		q.Page = n
	case ParamLang:
		if v == "" {
			return nil
		}
		l, ok := i18n.ByCode(v)
		if !ok {
			return bad(m.ErrBadLang, Clip(v), langCodes())
		}
		q.Lang = l
	}
	return nil
}

// URL is path with q's parameters, defaults left out, in a fixed order so that one state of a
// list has one address.
func (q Query) URL(path string) string {
	var b strings.Builder
	add := func(p Param, v string) {
		if v == "" {
			return
		}
		if b.Len() == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(string(p) + "=" + url.QueryEscape(v))
	}
	add(ParamQ, q.Q)
	add(ParamKind, string(q.Kind))
	for _, b := range q.Bodies {
		add(ParamBody, b)
	}
	add(ParamDocument, q.Document)
	add(ParamSpeaker, q.Speaker)
	add(ParamOrganisation, q.Organisation)
	if q.Sort != store.SortParagraph {
		add(ParamSort, string(q.Sort))
	}
	if q.After.ID != 0 {
		add(ParamAfter, q.After.String())
	}
	if q.Page > 1 {
		add(ParamPage, strconv.Itoa(q.Page))
	}
	if q.Lang != nil {
		add(ParamLang, q.Lang.Code)
	}
	return path + b.String()
}

// OnPage is q on page n.
func (q Query) OnPage(n int) Query {
	q.Page = n
	return q
}

// Starting is q on the page that starts after c.
func (q Query) Starting(c store.Cursor) Query {
	q.After, q.Page = c, 0
	return q
}

// First is q on its first page.
func (q Query) First() Query {
	q.After, q.Page = store.Cursor{}, 0
	return q
}

// Data is the address of q's data twin in format ext ("csv", "json") of the list at path,
// from its start.
func (q Query) Data(path, ext string) string {
	return q.First().URL(path + "." + ext)
}

// Feed is the address of the Atom feed of q's filters; a feed has its own order.
func (q Query) Feed(path string) string {
	return Query{Bodies: q.Bodies, Document: q.Document, Speaker: q.Speaker, Organisation: q.Organisation, Lang: q.Lang}.URL(path + ".atom")
}

// Filtered reports whether q narrows the list.
func (q Query) Filtered() bool {
	return len(q.Bodies) > 0 || q.Document != "" || q.Speaker != "" || q.Organisation != ""
}

// Filters is q's filters alone: no order, page or language.
func (q Query) Filters() Query {
	return Query{Bodies: q.Bodies, Document: q.Document, Speaker: q.Speaker, Organisation: q.Organisation}
}

// WithoutSpeaker is q without its speaker: the address of its chip's ✕.
func (q Query) WithoutSpeaker() Query {
	q.Speaker = ""
	return q.First()
}

// WithoutOrganisation is q without its organisation: the address of its chip's ✕.
func (q Query) WithoutOrganisation() Query {
	q.Organisation = ""
	return q.First()
}

// WithoutDocument is q without its document: the address of its chip's ✕.
func (q Query) WithoutDocument() Query {
	q.Document = ""
	return q.First()
}

// WithoutBody is q without the body whose slug is given: the address of its chip's ✕.
func (q Query) WithoutBody(slug string) Query {
	q.Bodies = slices.DeleteFunc(slices.Clone(q.Bodies), func(b string) bool { return b == slug })
	return q.First()
}

// ValidText reports whether s can be text in the database: valid UTF-8 without NUL.
func ValidText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// Positive parses a whole number from 1 up, as paragraph and page numbers are; numbers past
// what the database holds in an integer name nothing that exists.
func Positive(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err == nil && n > 0
}

// Clip shortens a value from the reader before it goes into a message.
func Clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}

func joinParams(ps []Param) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

func kindNames() string {
	kinds := store.SearchKinds()
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func langCodes() string {
	codes := make([]string, len(i18n.Langs))
	for i, l := range i18n.Langs {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}
