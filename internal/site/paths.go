// Package site names the tracker's addresses: the paths of its pages, the query of its lists,
// and the locale a page is served in. The server builds every link from these, out of the
// matched route and validated parameters, never out of the raw request.
package site

import (
	"net/url"
	"strconv"
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
	SourcesPath         = "/sources"
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

// BodyURL is a body's page.
func BodyURL(slug string) string { return BodiesPath + "/" + url.PathEscape(slug) }

// SourceURL is a source's page: what the tracker takes from it.
func SourceURL(slug string) string { return SourcesPath + "/" + url.PathEscape(slug) }
