package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// httpError is an error the reader should see, with its status.
type httpError struct {
	status  int
	message string
}

func (e *httpError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.message) }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{status: http.StatusNotFound, message: fmt.Sprintf(format, args...)}
}

// handle turns a handler that returns an error into an http.HandlerFunc: the error becomes a
// helpful page, never the error's own text.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return s.handleWith(h, s.renderError)
}

// handleData is handle for the data twins of the lists: scripts get the message as plain text.
func (s *Server) handleData(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return s.handleWith(h, func(w http.ResponseWriter, r *http.Request, he *httpError) {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, he.message, he.status)
	})
}

func (s *Server) handleWith(h func(http.ResponseWriter, *http.Request) error, write func(http.ResponseWriter, *http.Request, *httpError)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := s.rendering(r.Context(), func() error { return h(w, r) })
		if err == nil {
			return
		}
		m := messages(r)
		var he *httpError
		var bq *site.BadQuery
		switch {
		case errors.Is(r.Context().Err(), context.Canceled):
			return // the reader went away; nobody is left to answer
		case errors.As(err, &he):
		case errors.As(err, &bq):
			he = &httpError{status: http.StatusBadRequest, message: bq.Message}
		case errors.Is(err, store.ErrNotFound):
			he = &httpError{status: http.StatusNotFound, message: m.ErrNothingHere}
		case errors.Is(err, errBusy):
			w.Header().Set("Retry-After", "5")
			he = &httpError{status: http.StatusServiceUnavailable, message: m.ErrBusy}
		case errors.Is(err, store.ErrUnavailable):
			if ok, dropped := s.outages.allow(time.Now()); ok {
				s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err, "since_last_warning", dropped)
			}
			w.Header().Set("Retry-After", "30")
			he = &httpError{status: http.StatusServiceUnavailable, message: m.ErrUnavailable}
		default:
			s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			he = &httpError{status: http.StatusInternalServerError, message: m.ErrInternal}
		}
		write(w, r, he)
	}
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, he *httpError) {
	w.Header().Set("Cache-Control", "no-store")
	page := view.ErrorPage{Title: errorTitle(messages(r), he.status), Message: he.message}
	s.render(w, r, he.status, view.Error(page))
}

func errorTitle(m *i18n.Messages, status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusRequestURITooLong:
		return m.ErrBadRequestTitle
	case http.StatusNotFound:
		return m.ErrNotFoundTitle
	case http.StatusMethodNotAllowed:
		return m.ErrMethodTitle
	case http.StatusServiceUnavailable:
		return m.ErrUnavailableTitle
	case http.StatusForbidden:
		return m.Accounts.ErrForbiddenTitle
	case http.StatusRequestEntityTooLarge:
		return m.Accounts.ErrTooLargeTitle
	case http.StatusTooManyRequests:
		return m.Accounts.ErrTooManyTitle
	}
	return m.ErrInternalTitle
}
