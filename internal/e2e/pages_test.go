package e2e

import (
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// pageType is one kind of page the tracker serves, named by one address of that kind.
type pageType struct {
	name   string
	path   string
	status int
}

// pageTypes lists one page of every type, with the status it answers. The accessibility, HTML
// and third-party checks all run over this one table, in every language (everyLanguage), so
// a new page type is added here and nowhere else.
var pageTypes = []pageType{
	{"home", "/", http.StatusOK},
	{"documents", "/documents", http.StatusOK},
	{"document", "/documents/A-73-230", http.StatusOK},
	{"paragraph", "/documents/A-73-230/paragraphs/43", http.StatusOK},
	{"advances", "/advances", http.StatusOK},
	{"advances filtered", "/advances?body=treaty-bodies", http.StatusOK},
	{"advance", "/advances/model-national-law", http.StatusOK},
	{"recommendations", "/recommendations", http.StatusOK},
	{"recommendation", "/recommendations/system-wide-approach-to-civic-space", http.StatusOK},
	{"quotes", "/quotes", http.StatusOK},
	{"bodies", "/bodies", http.StatusOK},
	{"body", "/bodies/treaty-bodies", http.StatusOK},
	{"not found", "/no-such-page", http.StatusNotFound},
	{"bad request", "/advances?colour=red", http.StatusBadRequest},
}

// everyLanguage is pageTypes in every interface language: English at the root, the others
// under their prefix (/fr/advances, and /fr for the home page).
func everyLanguage() []pageType {
	var out []pageType
	for _, l := range i18n.Langs {
		for _, p := range pageTypes {
			path := l.Prefix() + p.path
			if p.path == "/" && l.Prefix() != "" {
				path = l.Prefix()
			}
			out = append(out, pageType{name: l.Code + "/" + p.name, path: path, status: p.status})
		}
	}
	return out
}

// viewport is a window size the pages must work at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"phone", 375, 812, true},
	{"desktop", 1280, 900, false},
}
