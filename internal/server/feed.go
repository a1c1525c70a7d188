package server

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// feedSize is how many of the latest changes a feed carries; readers poll it often.
const feedSize = 50

// advancesAtom serves the advances a filter selects as an Atom feed, the last changed first,
// in the language of the prefix or the lang parameter.
func (s *Server) advancesAtom(w http.ResponseWriter, r *http.Request) error {
	q, err := query(r, "body", "document", "lang")
	if err != nil {
		return err
	}
	f, err := s.advanceFilter(r, q)
	if err != nil {
		return err
	}
	l, err := exportLang(r, q)
	if err != nil {
		return err
	}
	list, err := s.store.Advances(r.Context(), store.AdvanceFilter{
		Body: f.Body, Document: f.Document, Sort: store.SortUpdated, Lang: l.Code, Limit: feedSize,
	})
	if err != nil {
		return err
	}
	origin, m := s.origin(r), l.Messages
	feed := atomFeed{
		Lang:    l.Code,
		ID:      origin + r.URL.RequestURI(),
		Title:   m.FeedTitle,
		Author:  atomPerson{Name: m.SiteName},
		Links:   []atomLink{{Rel: "self", Href: origin + r.URL.RequestURI()}, {Rel: "alternate", Type: "text/html", Href: origin + l.Prefix() + f.URL(1)}},
		Updated: atomTime(time.Unix(0, 0)),
	}
	for i, a := range list.Advances {
		if i == 0 {
			feed.Updated = atomTime(a.Updated)
		}
		url := origin + l.Prefix() + view.AdvanceURL(a.Slug)
		e := atomEntry{
			Lang: a.Lang, ID: url, Title: a.Title, Updated: atomTime(a.Updated), Summary: a.Summary,
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
		}
		for _, b := range a.Bodies {
			e.Categories = append(e.Categories, atomCategory{Term: b.Slug, Label: b.Label()})
		}
		feed.Entries = append(feed.Entries, e)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(feed)
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr"`
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}
