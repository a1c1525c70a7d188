// Package pagetypes names one page of every type the tracker serves, and the headless Chromium
// the tools that look at pages open them in. The browser tests (internal/e2e), the server's
// language tests and pagetool all take their pages and their browser from here, so that a new
// page type is added in one place and every check meets it.
package pagetypes

import (
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// Type is one kind of page, named by one address of that kind in the shipped data set.
type Type struct {
	Name   string // "advances filtered"; a screenshot's file name begins with it
	Path   string // one page of the type, in English: "/advances?body=treaty-bodies"
	Status int    // the status it answers

	// List is, for an item whose slug the data may change, the list that links to it. Tools
	// that run over a database they did not fill (pagetool over `make run`'s) take that list's
	// first item instead of Path.
	List string
	// Screenshot marks the pages the README shows (`make screenshots`).
	Screenshot bool
}

// All lists one page of every type, error pages last. The pages are those of the shipped data
// set (dataset.Seed), which the tests load.
var All = []Type{
	{Name: "home", Path: "/", Status: http.StatusOK, Screenshot: true},
	{Name: "documents", Path: "/documents", Status: http.StatusOK},
	{Name: "document", Path: "/documents/A-73-230", Status: http.StatusOK, Screenshot: true},
	{Name: "paragraph", Path: "/documents/A-73-230/paragraphs/43", Status: http.StatusOK, Screenshot: true},
	{Name: "advances", Path: "/advances", Status: http.StatusOK, Screenshot: true},
	{Name: "advances filtered", Path: "/advances?body=treaty-bodies&sort=date", Status: http.StatusOK},
	{Name: "advance", Path: "/advances/model-national-law", Status: http.StatusOK, List: "/advances"},
	{Name: "recommendations", Path: "/recommendations", Status: http.StatusOK},
	{Name: "recommendation", Path: "/recommendations/system-wide-approach-to-civic-space", Status: http.StatusOK, List: "/recommendations"},
	{Name: "quotes", Path: "/quotes", Status: http.StatusOK},
	{Name: "quotes filtered", Path: "/quotes?speaker=Phil+Lynch", Status: http.StatusOK},
	{Name: "bodies", Path: "/bodies", Status: http.StatusOK},
	{Name: "body", Path: "/bodies/treaty-bodies", Status: http.StatusOK},
	{Name: "body with documents and quotes", Path: "/bodies/un-secretary-general", Status: http.StatusOK},
	{Name: "follow", Path: "/follow?body=cescr", Status: http.StatusOK},
	{Name: "search", Path: "/search", Status: http.StatusOK},
	{Name: "search results", Path: "/search?q=reprisals", Status: http.StatusOK},
	{Name: "sources", Path: "/sources", Status: http.StatusOK},
	{Name: "source", Path: "/sources/ishr-sg-audit-hrds", Status: http.StatusOK, List: "/sources"},
	// The editors' sign-in page is public: the editors' area behind it needs a session.
	{Name: "login", Path: "/login", Status: http.StatusOK},
	{Name: "document history", Path: "/documents/A-73-230/history", Status: http.StatusOK},
	{Name: "advance history", Path: "/advances/model-national-law/history", Status: http.StatusOK},
	{Name: "recommendation history", Path: "/recommendations/system-wide-approach-to-civic-space/history", Status: http.StatusOK},
	{Name: "body history", Path: "/bodies/treaty-bodies/history", Status: http.StatusOK},
	{Name: "recent changes", Path: "/changes", Status: http.StatusOK},
	// Two kinds of 404: no route at all, and a route whose item the database lacks.
	{Name: "not found", Path: "/no-such-page", Status: http.StatusNotFound},
	{Name: "no such paragraph", Path: "/documents/A-73-230/paragraphs/999", Status: http.StatusNotFound},
	{Name: "bad request", Path: "/advances?colour=red", Status: http.StatusBadRequest},
}

// In is the type's page in the interface language l, named "fr/advances": under l's prefix,
// with the front page at the prefix itself (/fr, not /fr/), and English at the root.
func (t Type) In(l *i18n.Lang) Type {
	t.Name = l.Code + "/" + t.Name
	switch {
	case l.Prefix() == "":
	case t.Path == "/":
		t.Path = l.Prefix()
	default:
		t.Path = l.Prefix() + t.Path
	}
	return t
}

// EveryLanguage is All in every interface language (i18n.Langs), English first.
func EveryLanguage() []Type {
	var out []Type
	for _, l := range i18n.Langs {
		for _, t := range All {
			out = append(out, t.In(l))
		}
	}
	return out
}
