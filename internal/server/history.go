package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// changesPerPage is how many changes a page of History or Recent changes shows.
const changesPerPage = 20

// changesQuery reads the query of a list of changes at path, or of its twin: it pages by
// cursor, and the page numbers it took before answer as the advances' do. With a redirect
// written, it returns nil.
func (s *Server) changesQuery(w http.ResponseWriter, r *http.Request, path string) (*site.Query, error) {
	q, err := s.advancesQuery(w, r, path, []site.Param{site.ParamAfter})
	if err != nil || q == nil {
		return nil, err
	}
	if !q.CursorFits(store.SortChanged) {
		return nil, badRequest(messages(r).ErrBadCursor, site.Localized(lang(r), path))
	}
	return q, nil
}

// historyPaths are the pages of the items whose History each item type has, by slug.
var historyPaths = map[store.ItemType]func(string) string{
	store.AdvanceItem: site.AdvanceURL, store.RecommendationItem: site.RecommendationURL,
	store.DocumentItem: site.DocumentURL, store.BodyItem: site.BodyURL,
}

// serveHistory serves the History of an item of type t: its published changes. An item the
// public does not see (missing, or a draft) has no History to show: 404, as its page.
func (s *Server) serveHistory(t store.ItemType) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, code := r.Context(), lang(r).Code
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		path := site.HistoryURL(historyPaths[t](slug))
		q, err := s.changesQuery(w, r, path)
		if err != nil || q == nil {
			return err
		}
		p := view.HistoryPage{Query: *q, HistoryPath: path}
		switch t {
		case store.AdvanceItem:
			a, err := s.store.Advance(ctx, slug, code)
			if err != nil {
				return err
			}
			p.Title, p.TitleLang, p.Path = a.Title, a.Lang, site.AdvanceURL(slug)
		case store.RecommendationItem:
			rec, err := s.store.Recommendation(ctx, slug, code)
			if err != nil {
				return err
			}
			p.Title, p.TitleLang, p.Path = rec.Title, rec.Lang, site.RecommendationURL(slug)
		case store.DocumentItem:
			doc, err := s.findDocument(r, slug)
			if err != nil {
				return err
			}
			p.Title, p.TitleLang, p.Path = doc.Label(), doc.TitleLang, site.DocumentPage(slug, doc.Kind)
			if doc.Symbol != "" {
				p.TitleLang = ""
			}
		case store.BodyItem:
			b, err := s.store.Body(ctx, slug, code)
			if errors.Is(err, store.ErrNotFound) {
				return notFound(messages(r).ErrNoBody, site.Clip(slug))
			}
			if err != nil {
				return err
			}
			p.Title, p.TitleLang, p.Path = b.Name, b.Lang, site.BodyURL(slug)
		}
		if p.List, err = s.store.Changes(ctx, store.ChangeFilter{
			ItemType: t, ItemKey: slug, Limit: changesPerPage, After: q.After,
		}); err != nil {
			return err
		}
		return s.page(w, r, q.URL(path), view.History(p))
	}
}

// recentChanges reads the page of Recent changes, or of its twin at path, that r asks for.
// With a redirect written, the page's List is nil.
func (s *Server) recentChanges(w http.ResponseWriter, r *http.Request, path string) (*view.ChangesPage, error) {
	q, err := s.changesQuery(w, r, path)
	if err != nil || q == nil {
		return nil, err
	}
	p := &view.ChangesPage{Query: *q}
	p.List, err = s.store.Changes(r.Context(), store.ChangeFilter{Limit: changesPerPage, After: q.After})
	return p, err
}

// serveChanges serves the Recent changes: every published change, newest first.
func (s *Server) serveChanges(w http.ResponseWriter, r *http.Request) error {
	p, err := s.recentChanges(w, r, site.ChangesPath)
	if err != nil || p == nil {
		return err
	}
	return s.page(w, r, p.Query.URL(site.ChangesPath), view.Changes(*p))
}

// changesDoc is a page of Recent changes as its JSON twin gives it: Total counts the changes,
// up to store.CountLimit, and More says that more follow; Next is the next page's address,
// absent on the last.
type changesDoc struct {
	Total   int         `json:"total"`
	More    bool        `json:"more,omitempty"`
	Next    string      `json:"next,omitempty"`
	Changes []changeDoc `json:"changes"`
}

// changeDoc is one change as the JSON twins give it: the fields as they were and became, as
// the item's own data twin names them.
type changeDoc struct {
	ID       int64          `json:"id"`
	At       string         `json:"at"` // RFC 3339, UTC
	Action   store.Action   `json:"action"`
	By       string         `json:"by"`               // "import" or "editor"
	Editor   string         `json:"editor,omitempty"` // the editor's display name, never their e-mail
	ItemType store.ItemType `json:"item_type"`
	ItemKey  string         `json:"item_key"`
	Label    string         `json:"label"`
	URL      string         `json:"url,omitempty"` // the item's page; none for a removed item
	Lang     string         `json:"lang"`          // the language of the item's data
	Before   map[string]any `json:"before,omitempty"`
	After    map[string]any `json:"after,omitempty"`
}

// serveChangesJSON serves a page of Recent changes as JSON, with the next page's address in
// a Link header too.
func (s *Server) serveChangesJSON(w http.ResponseWriter, r *http.Request) error {
	path := site.ChangesPath + ".json"
	p, err := s.recentChanges(w, r, path)
	if err != nil || p == nil {
		return err
	}
	origin := s.origin(r)
	out := changesDoc{Total: p.List.Total, More: p.List.More, Next: s.nextLink(w, r, p.Query, p.List.Next, path), Changes: []changeDoc{}}
	for _, c := range p.List.Changes {
		d := changeDoc{
			ID: c.ID, At: atomTime(c.At), Action: c.Action, By: string(c.ActorKind), Editor: c.ActorName, ItemType: c.ItemType,
			ItemKey: c.ItemKey, Label: c.Label(), Lang: c.Lang, Before: fields(c.Before), After: fields(c.After),
		}
		if path := view.ChangePath(c); path != "" {
			d.URL = origin + lang(r).Prefix() + path
		}
		out.Changes = append(out.Changes, d)
	}
	return writeJSON(w, out)
}

// fields is a change's before or after as a JSON twin gives it, each value as stored.
func fields(m map[string]json.RawMessage) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// serveChangesAtom serves the latest published changes as an Atom feed, in the language of
// the prefix or the lang parameter.
func (s *Server) serveChangesAtom(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.ParamLang)
	if err != nil {
		return err
	}
	l := dataLang(r, q)
	list, err := s.store.Changes(r.Context(), store.ChangeFilter{Limit: feedSize})
	if err != nil {
		return err
	}
	origin := s.origin(r)
	m := l.Messages
	feed := newFeed(r, origin, l, q, site.ChangesPath, feedTitle(l, m.ChangesFeedTitle, nil))
	feed.Links[1].Href = origin + site.Localized(l, site.ChangesPath)
	for _, c := range list.Changes {
		page := origin + site.Localized(l, site.ChangesPath)
		if path := view.ChangePath(c); path != "" {
			page = origin + site.Localized(l, path)
		}
		var summary []string
		for _, f := range c.Fields() {
			switch {
			case f.Before == "":
				summary = append(summary, f.Name+": "+f.After)
			case f.After == "":
				summary = append(summary, f.Name+": "+f.Before+" →")
			default:
				summary = append(summary, f.Name+": "+f.Before+" → "+f.After)
			}
		}
		title := view.ChangeSummary(m, c) + " · " + view.ItemTypeName(m.ItemTypes, c.ItemType) + " " + c.Label()
		e := newEntry(page, l.Code, title, strings.Join(summary, "\n"), c.At)
		// Each change is an entry of its own, though several may be of one page.
		e.ID = origin + site.Localized(l, site.ChangesPath) + "#" + view.ChangeID(c)
		e.Categories = append(e.Categories, atomCategory{Term: string(c.ItemType), Label: view.ItemTypeName(m.ItemTypes, c.ItemType)})
		feed.add(e)
	}
	return writeAtom(w, feed)
}
