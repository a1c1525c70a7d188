package server

import (
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/web/view"
)

const advancesPerPage = 20

func (s *Server) serveAdvances(w http.ResponseWriter, r *http.Request) error {
	ctx, m := r.Context(), messages(r)
	q, err := s.listQuery(r, site.ListParams...)
	if err != nil {
		return err
	}
	page := max(q.Page, 1)
	p := view.AdvancesPage{Query: q, Page: page}
	if p.Bodies, err = s.store.BodyCounts(ctx, q.Document, lang(r).Code); err != nil {
		return err
	}
	if p.Documents, err = s.store.DocumentCounts(ctx, q.Bodies, lang(r).Code); err != nil {
		return err
	}
	f := advanceFilter(q, lang(r))
	f.Limit, f.Offset = advancesPerPage, (page-1)*advancesPerPage
	if p.List, err = s.store.Advances(ctx, f); err != nil {
		return err
	}
	if page > 1 && len(p.List.Advances) == 0 {
		return notFound(m.ErrPastLastPage, page, site.Localized(lang(r), q.OnPage(1).URL(site.AdvancesPath)))
	}
	p.Pages = (p.List.Total + advancesPerPage - 1) / advancesPerPage
	return s.page(w, r, q.URL(site.AdvancesPath), view.Advances(p))
}
