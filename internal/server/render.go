package server

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
)

// render writes c with the given status. It renders into a buffer first so that a failed
// render is a clean 500, never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c templ.Component) {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		s.log.Error("render failed", "method", r.Method, "path", r.URL.Path, "err", err)
		http.Error(w, "Something went wrong on our side.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// page renders c with status 200.
func (s *Server) page(w http.ResponseWriter, r *http.Request, c templ.Component) error {
	s.render(w, r, http.StatusOK, c)
	return nil
}
