package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/hrdtracker/hrdtracker/internal/bufpool"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// render writes c with the given status. It renders into a buffer first so that a failed
// render is a clean 500, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	// Without the request's deadline: the page saying that time ran out must still render.
	if err := c.Render(context.WithoutCancel(r.Context()), buf); err != nil {
		s.log.Error("render failed", "method", r.Method, "path", r.URL.Path, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// page renders c with status 200 as the page at path, its own address without a language
// prefix: the layout offers it in the other languages.
func (s *Server) page(w http.ResponseWriter, r *http.Request, path string, c templ.Component) error {
	return s.pageWith(w, r, http.StatusOK, path, c)
}

// pageWith is page with another status, as a form sent back with its problems has.
func (s *Server) pageWith(w http.ResponseWriter, r *http.Request, status int, path string, c templ.Component) error {
	loc := site.LocaleFrom(r.Context())
	loc.Path = path
	s.render(w, r.WithContext(site.WithLocale(r.Context(), loc)), status, c)
	return nil
}
