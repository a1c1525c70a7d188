package server

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// httpError is an error the reader should see, with its status.
type httpError struct {
	status  int
	title   string
	message string
}

func (e *httpError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.title, e.message) }

func badRequest(format string, args ...any) error {
	return &httpError{status: http.StatusBadRequest, title: "This address asks for something we cannot show",
		message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{status: http.StatusNotFound, title: "Not found", message: fmt.Sprintf(format, args...)}
}

// handle turns a handler that returns an error into an http.HandlerFunc: the error becomes a
// helpful page, never the error's own text.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var he *httpError
		switch {
		case errors.As(err, &he):
		case errors.Is(err, store.ErrNotFound):
			he = &httpError{status: http.StatusNotFound, title: "Not found",
				message: "The tracker holds nothing at this address. Check the spelling, or browse from the lists below."}
		case errors.Is(err, store.ErrUnavailable):
			s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
			w.Header().Set("Retry-After", "30")
			he = &httpError{status: http.StatusServiceUnavailable, title: "The tracker is briefly unavailable",
				message: "We cannot reach our database just now. Please try again in a minute."}
		case errors.Is(err, r.Context().Err()):
			return // the reader went away; nobody is left to answer
		default:
			s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
			he = errInternal
		}
		s.renderError(w, r, he)
	}
}

// errInternal is what the reader sees of a fault on our side; the fault itself goes to the log.
var errInternal = &httpError{status: http.StatusInternalServerError, title: "Something went wrong",
	message: "The page could not be shown because of a fault on our side. It has been logged; please try again later."}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, he *httpError) {
	s.render(w, r, he.status, view.Error(view.ErrorPage{Status: he.status, Title: he.title, Message: he.message}))
}
