package server

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// listQuery reads the query of a list, a data twin or a feed, taking the parameters accepted,
// and checks that the body and document it names exist. A body or document that does not
// exist is a mistake to point out; one that exists but has no advances gives an empty list.
func (s *Server) listQuery(r *http.Request, accepted ...site.Param) (site.Query, error) {
	ctx, m := r.Context(), messages(r)
	q, err := site.ParseQuery(r.URL.RawQuery, m, accepted...)
	if err != nil {
		return q, err
	}
	if len(q.Bodies) > 0 {
		found, err := s.store.Bodies(ctx, q.Bodies, "")
		if err != nil {
			return q, err
		}
		for i, b := range q.Bodies {
			if i >= len(found) || found[i].Slug != b {
				return q, badRequest(m.ErrUnknownBody, site.Clip(b))
			}
		}
	}
	if q.Document != "" {
		if _, err := s.store.Document(ctx, q.Document, lang(r).Code); errors.Is(err, store.ErrNotFound) {
			return q, badRequest(m.ErrUnknownDocument, site.Clip(q.Document))
		} else if err != nil {
			return q, err
		}
	}
	if q.Speaker != "" {
		if ok, err := s.store.QuoteSpeakerExists(ctx, q.Speaker, ""); err != nil {
			return q, err
		} else if !ok {
			return q, badRequest(m.ErrUnknownSpeaker, site.Clip(q.Speaker))
		}
	}
	if q.Organisation != "" {
		if ok, err := s.store.QuoteSpeakerExists(ctx, "", q.Organisation); err != nil {
			return q, err
		} else if !ok {
			return q, badRequest(m.ErrUnknownOrganisation, site.Clip(q.Organisation))
		}
	}
	return q, nil
}

// quoteFilter is what q asks of the store's quotes.
func quoteFilter(q site.Query) store.ItemFilter {
	return store.ItemFilter{Bodies: q.Bodies, Document: q.Document, Speaker: q.Speaker, Organisation: q.Organisation, After: q.After}
}

// advanceFilter is what q asks of the store, with titles in language l; the caller sets the
// page's limit.
func advanceFilter(q site.Query, l *i18n.Lang) store.AdvanceFilter {
	return store.AdvanceFilter{Bodies: q.Bodies, Document: q.Document, Sort: q.Sort, After: q.After, Lang: l.Code}
}

// dataLang is the language a data twin or feed is in: its lang parameter, else the prefix's.
func dataLang(r *http.Request, q site.Query) *i18n.Lang {
	if q.Lang != nil {
		return q.Lang
	}
	return lang(r)
}

// slugParam is the slug in r's path. Text that is not valid UTF-8 can name nothing here.
func slugParam(r *http.Request) (string, error) {
	slug := chi.URLParam(r, "slug")
	if !site.ValidText(slug) {
		return "", notFound("%s", messages(r).ErrNothingHere)
	}
	return slug, nil
}

// filterNames are the names of the body and document q filters by, as a reader knows them
// (CESCR, A/73/230), for titles that say what a list holds.
func (s *Server) filterNames(r *http.Request, q site.Query) ([]string, error) {
	var names []string
	if len(q.Bodies) > 0 {
		bodies, err := s.store.Bodies(r.Context(), q.Bodies, lang(r).Code)
		if err != nil {
			return nil, err
		}
		for _, b := range bodies {
			names = append(names, b.Label())
		}
	}
	if q.Document != "" {
		d, err := s.store.Document(r.Context(), q.Document, lang(r).Code)
		if err != nil {
			return nil, err
		}
		names = append(names, d.Label())
	}
	if q.Speaker != "" {
		names = append(names, q.Speaker)
	}
	if q.Organisation != "" {
		names = append(names, q.Organisation)
	}
	return names, nil
}
