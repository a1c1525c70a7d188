package server

import (
	"errors"
	"net/http"
	"slices"

	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
	"golang.org/x/sync/errgroup"
)

const advancesPerPage = 20

// advancesDataPerPage is how many advances a page of the data twins gives. They page too: a
// whole list of a million advances is no answer to one request.
const advancesDataPerPage = 1000

func (s *Server) serveAdvances(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, err := s.advancesQuery(w, r, site.AdvancesPath, site.ListParams)
	if err != nil || q == nil {
		return err
	}
	p := view.AdvancesPage{Query: *q}
	// The list and its facets are read on two connections at once: planning and running the
	// list's statement takes as long as the facets' two, and the database has a core for each.
	var g errgroup.Group
	g.Go(func() (err error) {
		if p.Bodies, err = s.store.BodyCounts(ctx, q.Document, lang(r).Code); err != nil {
			return err
		}
		p.Documents, err = s.store.DocumentCounts(ctx, q.Bodies, q.Document, lang(r).Code)
		return err
	})
	f := advanceFilter(*q, lang(r))
	f.Limit = advancesPerPage
	g.Go(func() (err error) {
		p.List, err = s.store.Advances(ctx, f)
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	return s.page(w, r, q.URL(site.AdvancesPath), view.Advances(p))
}

// advancesQuery reads the query of the advances list at path or of one of its twins, or of a
// list of changes. An address from before the list paged by cursor still answers: its first
// page moves to the address without a page number, any other gets a 400 that links to the
// first page, since a page number no longer names a place in the list. With a redirect
// written, it returns nil.
func (s *Server) advancesQuery(w http.ResponseWriter, r *http.Request, path string, accepted []site.Param) (*site.Query, error) {
	m := messages(r)
	// The page number is read only to answer the addresses of before.
	q, err := s.listQuery(r, append(slices.Clone(accepted), site.ParamPage)...)
	var bad *site.BadCursor
	if errors.As(err, &bad) {
		return nil, badRequest(m.ErrBadCursor, site.Localized(lang(r), path))
	}
	if err != nil {
		return nil, err
	}
	switch {
	case q.Page == 1 && q.After.ID == 0:
		http.Redirect(w, r, site.Localized(lang(r), q.First().URL(path)), http.StatusMovedPermanently)
		return nil, nil
	case q.Page != 0:
		return nil, badRequest(m.ErrPageNumbers, site.Localized(lang(r), q.First().URL(path)))
	}
	return &q, nil
}

// nextAdvances is the address of the page after list, with q's filters, on the list at path;
// "" on the last page.
func nextAdvances(r *http.Request, q site.Query, list store.AdvanceList, path string) string {
	if list.Next == nil {
		return ""
	}
	return site.Localized(lang(r), q.Starting(*list.Next).URL(path))
}
