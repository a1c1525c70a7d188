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

// serveHistory serves the History of an item of type t: its published changes. An item the
// public does not see (missing, or a draft) has no History to show: 404, as its page.
func (s *Server) serveHistory(t store.ItemType) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, code := r.Context(), lang(r).Code
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		q, err := s.listQuery(r, site.ParamPage)
		if err != nil {
			return err
		}
		var p view.HistoryPage
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
			p.Title, p.TitleLang, p.Path = doc.Label(), doc.TitleLang, site.DocumentURL(slug)
			if doc.Symbol != "" {
				p.TitleLang = ""
			}
			if doc.Kind == store.News {
				p.Path = site.SourceURL(slug)
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
		p.Page = max(q.Page, 1)
		if p.List, err = s.store.Changes(ctx, store.ChangeFilter{
			ItemType: t, ItemKey: slug, Limit: changesPerPage, Offset: (p.Page - 1) * changesPerPage,
		}); err != nil {
			return err
		}
		path := site.HistoryURL(p.Path)
		if p.Page > 1 && len(p.List.Changes) == 0 {
			return notFound(messages(r).ErrChangesPastLast, p.Page, site.Localized(lang(r), path))
		}
		p.Pages = pages(p.List.Total, changesPerPage)
		return s.page(w, r, q.URL(path), view.History(p))
	}
}

// recentChanges reads the page of Recent changes that r asks for.
func (s *Server) recentChanges(r *http.Request) (site.Query, view.ChangesPage, error) {
	q, err := s.listQuery(r, site.ParamPage)
	if err != nil {
		return q, view.ChangesPage{}, err
	}
	p := view.ChangesPage{Page: max(q.Page, 1)}
	if p.List, err = s.store.Changes(r.Context(), store.ChangeFilter{
		Limit: changesPerPage, Offset: (p.Page - 1) * changesPerPage,
	}); err != nil {
		return q, p, err
	}
	if p.Page > 1 && len(p.List.Changes) == 0 {
		return q, p, notFound(messages(r).ErrChangesPastLast, p.Page, site.Localized(lang(r), site.ChangesPath))
	}
	p.Pages = pages(p.List.Total, changesPerPage)
	return q, p, nil
}

// serveChanges serves the Recent changes: every published change, newest first.
func (s *Server) serveChanges(w http.ResponseWriter, r *http.Request) error {
	q, p, err := s.recentChanges(r)
	if err != nil {
		return err
	}
	return s.page(w, r, q.URL(site.ChangesPath), view.Changes(p))
}

// changesDoc is a page of Recent changes as its JSON twin gives it.
type changesDoc struct {
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	Pages   int         `json:"pages"`
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

// serveChangesJSON serves a page of Recent changes as JSON.
func (s *Server) serveChangesJSON(w http.ResponseWriter, r *http.Request) error {
	_, p, err := s.recentChanges(r)
	if err != nil {
		return err
	}
	origin := s.origin(r)
	out := changesDoc{Total: p.List.Total, Page: p.Page, Pages: max(p.Pages, 1), Changes: []changeDoc{}}
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
