// Package site names the tracker's addresses: the paths of its pages, the query of its lists,
// and the locale a page is served in. The server builds every link from these, out of the
// matched route and validated parameters, never out of the raw request.
package site

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// The lists' paths, before any language prefix.
const (
	HomePath            = "/"
	DocumentsPath       = "/documents"
	AdvancesPath        = "/advances"
	RecommendationsPath = "/recommendations"
	QuotesPath          = "/quotes"
	BodiesPath          = "/bodies"
	FollowPath          = "/follow"
	SearchPath          = "/search"
	SourcesPath         = "/sources"
	ChangesPath         = "/changes" // Recent changes
)

// DocumentURL and the functions after it build the tracker's public paths, before any
// language prefix.
func DocumentURL(slug string) string { return DocumentsPath + "/" + url.PathEscape(slug) }

// ParagraphURL is the permalink of paragraph n.
func ParagraphURL(doc string, n int) string {
	return DocumentURL(doc) + "/paragraphs/" + strconv.Itoa(n)
}

// ParagraphAnchor is paragraph n's place on its document's page.
func ParagraphAnchor(doc string, n int) string {
	return DocumentURL(doc) + "#" + ParagraphID(n)
}

// ParagraphID is the id of paragraph n's element on its document's page.
func ParagraphID(n int) string { return "para-" + strconv.Itoa(n) }

// AdvanceURL is an advance's page.
func AdvanceURL(slug string) string { return AdvancesPath + "/" + url.PathEscape(slug) }

// RecommendationURL is a recommendation's page.
func RecommendationURL(slug string) string {
	return RecommendationsPath + "/" + url.PathEscape(slug)
}

// QuoteURL is a quote's place on the list of its document's quotes, which is its page: the
// whole list of quotes is read page by page, and a quote's place on it moves as quotes are
// added; its document's are one page.
func QuoteURL(document, slug string) string {
	return Query{Document: document}.URL(QuotesPath) + "#" + QuoteID(slug)
}

// QuoteID is the id of a quote's element on the list of quotes.
func QuoteID(slug string) string { return "quote-" + slug }

// BodyURL is a body's page.
func BodyURL(slug string) string { return BodiesPath + "/" + url.PathEscape(slug) }

// reference is a UN symbol, such as A/73/230 or CCPR/C/GC/37, and perhaps a paragraph: "A/73/230
// para 43", "CCPR/C/GC/37, para. 30", "A/73/230 §43", in English, French or Spanish.
var reference = regexp.MustCompile(`(?i)^([a-z]{1,12}(?:/[a-z0-9.()-]+)+)(?:,?\s*(?:paragraphs?|paras?\.?|par\.?|p[aá]rr\.?|p[aá]rrafo|§)\s*(\d{1,9}))?\.?$`)

// Reference reads q as a symbol and perhaps a paragraph number, for search to go straight to
// the document or paragraph it names; ok is false when q is not one.
func Reference(q string) (symbol string, paragraph int, ok bool) {
	m := reference.FindStringSubmatch(strings.TrimSpace(q))
	if m == nil {
		return "", 0, false
	}
	if m[2] != "" {
		n, ok := Positive(m[2])
		if !ok {
			return "", 0, false
		}
		paragraph = n
	}
	// A sentence's full stop is not part of the symbol.
	return strings.TrimSuffix(m[1], "."), paragraph, true
}

// DocumentCite is the address of a document's reference in format ext (bib, ris, json).
func DocumentCite(slug, ext string) string { return DocumentURL(slug) + "/cite." + ext }

// ParagraphCite is the address of paragraph n's reference in format ext (bib, ris, json).
func ParagraphCite(doc string, n int, ext string) string {
	return ParagraphURL(doc, n) + "/cite." + ext
}

// DocumentData is the address of a document's data in format ext (json, csv, yaml). A
// document's slug may hold dots (E-C.12-GC-26), so its data sits under its path rather than
// at "{slug}.json", which would be ambiguous.
func DocumentData(slug, ext string) string { return DocumentURL(slug) + "/data." + ext }

// OpenAPIPath describes the data twins.
const OpenAPIPath = "/api/openapi.json"

// SourceURL is a source's page: what the tracker takes from it.
func SourceURL(slug string) string { return SourcesPath + "/" + url.PathEscape(slug) }

// DocumentPage is the page of a document of the given kind: a UN document's, or a secondary
// source's, where the document's address leads.
func DocumentPage(slug string, kind store.DocumentKind) string {
	if kind == store.News {
		return SourceURL(slug)
	}
	return DocumentURL(slug)
}

// HistoryURL is the History of the item at path (an advance's, a recommendation's, a
// document's or a body's page): its published changes.
func HistoryURL(path string) string { return path + "/history" }
