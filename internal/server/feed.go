package server

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// feedSize is how many of the latest changes a feed carries; readers poll it often.
const feedSize = 50

// serveAdvancesAtom serves the advances a filter selects as an Atom feed, the last changed first,
// in the language of the prefix or the lang parameter.
func (s *Server) serveAdvancesAtom(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.FeedParams...)
	if err != nil {
		return err
	}
	l := dataLang(r, q)
	f := advanceFilter(q, l)
	f.Sort, f.Limit = store.SortUpdated, feedSize
	list, err := s.store.Advances(r.Context(), f)
	if err != nil {
		return err
	}
	names, err := s.filterNames(r, q)
	if err != nil {
		return err
	}
	origin := s.origin(r)
	feed := newFeed(r, origin, l, q, site.AdvancesPath, feedTitle(l, l.Messages.FeedTitle, names))
	for _, a := range list.Advances {
		e := newEntry(origin+l.Prefix()+site.AdvanceURL(a.Slug), a.Lang, a.Title, a.Summary, a.Updated)
		for _, b := range a.Bodies {
			e.Categories = append(e.Categories, atomCategory{Term: b.Slug, Label: b.Label()})
		}
		feed.add(e)
	}
	return writeAtom(w, feed)
}

// newFeed is the empty feed of the list at path that q filters, in language l.
func newFeed(r *http.Request, origin string, l *i18n.Lang, q site.Query, path, title string) atomFeed {
	self := origin + site.Localized(lang(r), q.Feed(path))
	return atomFeed{
		Lang:    l.Code,
		ID:      self,
		Title:   title,
		Author:  atomPerson{Name: l.Messages.SiteName},
		Links:   []atomLink{{Rel: "self", Href: self}, {Rel: "alternate", Type: "text/html", Href: origin + site.Localized(l, q.Filters().URL(path))}},
		Updated: atomTime(time.Unix(0, 0)),
	}
}

// serveRecommendationsAtom serves the recommendations a filter selects as an Atom feed, the
// last changed first, as the advances' feed does.
func (s *Server) serveRecommendationsAtom(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.RecommendationFeedParams...)
	if err != nil {
		return err
	}
	l := dataLang(r, q)
	recs, err := s.store.Recommendations(r.Context(), store.ItemFilter{
		Bodies: q.Bodies, Document: q.Document, Lang: l.Code, Updated: true, Limit: feedSize,
	})
	if err != nil {
		return err
	}
	names, err := s.filterNames(r, q)
	if err != nil {
		return err
	}
	origin := s.origin(r)
	feed := newFeed(r, origin, l, q, site.RecommendationsPath, feedTitle(l, l.Messages.RecsFeedTitle, names))
	for _, rec := range recs {
		e := newEntry(origin+l.Prefix()+site.RecommendationURL(rec.Slug), rec.Lang, rec.Title, rec.Text, rec.Updated)
		for _, b := range rec.Addressees {
			e.Categories = append(e.Categories, atomCategory{Term: b.Slug, Label: b.Label()})
		}
		feed.add(e)
	}
	return writeAtom(w, feed)
}

// serveQuotesAtom serves the quotes a filter selects as an Atom feed, the last changed
// first: each entry's words stay in the language they were said in.
func (s *Server) serveQuotesAtom(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.QuoteFeedParams...)
	if err != nil {
		return err
	}
	l := dataLang(r, q)
	f := quoteFilter(q)
	f.Updated, f.Limit = true, feedSize
	quotes, err := s.store.Quotes(r.Context(), f)
	if err != nil {
		return err
	}
	names, err := s.filterNames(r, q)
	if err != nil {
		return err
	}
	origin := s.origin(r)
	feed := newFeed(r, origin, l, q, site.QuotesPath, feedTitle(l, l.Messages.QuotesFeedTitle, names))
	for _, quote := range quotes {
		feed.add(newEntry(origin+l.Prefix()+site.QuoteURL(quote.Document.Slug, quote.Slug), quote.Lang, quote.SpeakerName, quote.Text, quote.Updated))
	}
	return writeAtom(w, feed)
}

// newEntry is a feed's entry for the page at url, the page being its id.
func newEntry(url, lang, title, summary string, updated time.Time) atomEntry {
	return atomEntry{
		Lang: lang, ID: url, Title: title, Updated: atomTime(updated), Summary: summary,
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
	}
}

// add appends e; entries come the last changed first, so the first one dates the feed.
func (f *atomFeed) add(e atomEntry) {
	if len(f.Entries) == 0 {
		f.Updated = e.Updated
	}
	f.Entries = append(f.Entries, e)
}

// writeAtom writes feed as an Atom document.
func writeAtom(w http.ResponseWriter, feed atomFeed) error {
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	if _, err := w.Write([]byte(xml.Header)); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(feed)
}

// feedTitle names what a feed holds (title: the advances, recommendations or quotes) and its
// language, so that a reader following several tells them apart: "Advances on human rights
// defenders: CESCR, A/73/230 (Français)".
func feedTitle(l *i18n.Lang, title string, filters []string) string {
	if len(filters) > 0 {
		title = fmt.Sprintf(l.Messages.FeedTitleFiltered, title, strings.Join(filters, l.Messages.Comma))
	}
	return title + " (" + l.Name + ")"
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
