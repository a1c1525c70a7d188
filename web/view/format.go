// Package view renders the tracker's pages as templ components.
package view

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Date writes a date to the precision it is known to: "2000", "June 2015", "7 October 2016".
func Date(d store.Date) string {
	switch d.Precision {
	case store.PrecisionYear:
		return d.Time.Format("2006")
	case store.PrecisionMonth:
		return d.Time.Format("January 2006")
	case store.PrecisionDay:
		return d.Time.Format("2 January 2006")
	}
	return ""
}

// Citation is how people cite a paragraph: "A/73/230, para. 14".
func Citation(doc store.DocRef, n int) string {
	return fmt.Sprintf("%s, para. %d", doc.Label(), n)
}

// DocumentURL and the functions after it build the tracker's public URLs.
func DocumentURL(slug string) string { return "/documents/" + url.PathEscape(slug) }

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
func AdvanceURL(slug string) string { return "/advances/" + url.PathEscape(slug) }

// RecommendationURL is a recommendation's page.
func RecommendationURL(slug string) string { return "/recommendations/" + url.PathEscape(slug) }

// BodyURL is a body's page.
func BodyURL(slug string) string { return "/bodies/" + url.PathEscape(slug) }

// QuoteURL is a quote's place on the quotes page.
func QuoteURL(slug string) string { return "/quotes#quote-" + slug }

var bodyKinds = map[string][2]string{
	"treaty-body":       {"Treaty body", "Treaty bodies"},
	"special-procedure": {"Special procedure", "Special procedures"},
	"charter-body":      {"Charter body", "Charter bodies"},
	"secretariat":       {"Secretariat", "Secretariat"},
	"state":             {"State", "States"},
	"civil-society":     {"Civil society", "Civil society"},
}

// BodyKind names a kind of body; plural for headings over a group.
func BodyKind(kind string, plural bool) string {
	names, ok := bodyKinds[kind]
	if !ok {
		return kind
	}
	if plural {
		return names[1]
	}
	return names[0]
}

var documentKinds = map[string]string{
	"report":          "Report",
	"resolution":      "Resolution",
	"statement":       "Statement",
	"general-comment": "General comment",
	"news":            "News item",
}

// DocumentKind names a kind of document.
func DocumentKind(kind string) string {
	if name, ok := documentKinds[kind]; ok {
		return name
	}
	return kind
}

// Plural picks the singular or plural form of a noun for n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
