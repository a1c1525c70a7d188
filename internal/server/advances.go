package server

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

const advancesPerPage = 20

func (s *Server) advances(w http.ResponseWriter, r *http.Request) error {
	ctx, m := r.Context(), messages(r)
	q, err := query(r, "body", "document", "sort", "page")
	if err != nil {
		return err
	}
	f, err := s.advanceFilter(r, q)
	if err != nil {
		return err
	}
	page := 1
	if raw := q.Get("page"); raw != "" {
		var ok bool
		if page, ok = positive(raw); !ok {
			return badRequest(m.ErrBadPage, clip(raw))
		}
	}

	p := view.AdvancesPage{Filter: f, Page: page}
	if p.Bodies, err = s.store.BodyCounts(ctx, f.Document); err != nil {
		return err
	}
	if p.Documents, err = s.store.DocumentCounts(ctx, f.Body); err != nil {
		return err
	}
	p.List, err = s.store.Advances(ctx, store.AdvanceFilter{
		Body: f.Body, Document: f.Document, Sort: f.Sort, Lang: lang(r).Code,
		Limit: advancesPerPage, Offset: (page - 1) * advancesPerPage,
	})
	if err != nil {
		return err
	}
	if page > 1 && len(p.List.Advances) == 0 {
		return notFound(m.ErrPastLastPage, page, lang(r).Prefix()+f.URL(1))
	}
	p.Pages = (p.List.Total + advancesPerPage - 1) / advancesPerPage
	return s.page(w, r, view.Advances(p))
}

// advanceFilter reads the filters that the advances list and its data twins share. A body or
// document that does not exist is a mistake to point out; one that exists but has no
// advances gives an empty list.
func (s *Server) advanceFilter(r *http.Request, q url.Values) (view.AdvanceFilter, error) {
	ctx, m := r.Context(), messages(r)
	f := view.AdvanceFilter{Body: q.Get("body"), Document: q.Get("document"), Sort: q.Get("sort")}
	if f.Sort != "" && f.Sort != store.SortParagraph && f.Sort != store.SortDate {
		return f, badRequest(m.ErrBadSort, clip(f.Sort))
	}
	if f.Body != "" {
		if _, err := s.store.Body(ctx, f.Body); errors.Is(err, store.ErrNotFound) {
			return f, badRequest(m.ErrUnknownBody, clip(f.Body))
		} else if err != nil {
			return f, err
		}
	}
	if f.Document != "" {
		if _, err := s.store.Document(ctx, f.Document, lang(r).Code); errors.Is(err, store.ErrNotFound) {
			return f, badRequest(m.ErrUnknownDocument, clip(f.Document))
		} else if err != nil {
			return f, err
		}
	}
	return f, nil
}
