package server

import (
	"context"
	"net/http"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// securityHeaders forbids loading anything from elsewhere, and inline scripts and styles. The
// values are assigned, not set, so that a page served from the cache allocates nothing here;
// nothing appends to them.
func securityHeaders(next http.Handler) http.Handler {
	csp := []string{"default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"}
	nosniff, sameOrigin := []string{"nosniff"}, []string{"same-origin"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Security-Policy"] = csp
		h["X-Content-Type-Options"] = nosniff
		h["Referrer-Policy"] = sameOrigin
		next.ServeHTTP(w, r)
	})
}

// deadline bounds each request by the server's RequestTimeout.
func (s *Server) deadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withLang serves a request in language l. The reader's Accept-Language only adds an offer of
// the page in the language it prefers: a permalink always answers in the language it names.
func (s *Server) withLang(l *i18n.Lang) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// The page's own path is set by its handler once its parameters are checked; until
			// then, and on error pages, the other languages are offered at their home pages.
			loc := site.Locale{Origin: s.origin(r), Lang: l, Path: site.HomePath, Today: time.Now().UTC()}
			if p, ok := i18n.Preferred(r.Header.Get("Accept-Language")); ok && p != l {
				loc.Suggest = p
			}
			w.Header().Set("Content-Language", l.Code)
			w.Header().Add("Vary", "Accept-Language")
			next.ServeHTTP(w, r.WithContext(site.WithLocale(r.Context(), loc)))
		})
	}
}

// origin is the site's scheme and host: PUBLIC_URL where it is set, else as the request came
// (guard has refused a Host that could not be real).
func (s *Server) origin(r *http.Request) string {
	if s.opts.PublicURL != "" {
		return s.opts.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// cacheControl lets caches keep a page, data twin or feed, but only to ask again each time with
// its ETag (no-cache): an edit then reaches every reader at once, and asking costs a 304 from
// the page cache. Error pages say not to keep them. Without PUBLIC_URL the page holds the
// request's host, so only the reader's own browser may keep it, and the page cache does not.
func (s *Server) cacheControl(next http.Handler) http.Handler {
	value := []string{"public, no-cache"}
	if s.opts.PublicURL == "" {
		value = []string{"private, no-cache"}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Cache-Control"] = value
		next.ServeHTTP(w, r)
	})
}

// lang is the language a request is served in.
func lang(r *http.Request) *i18n.Lang { return site.LocaleFrom(r.Context()).Lang }

// messages is the interface text in the request's language.
func messages(r *http.Request) *i18n.Messages { return lang(r).Messages }

// recoverPanics answers a panicking handler with the error page and logs the panic.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
				s.renderError(w, r, &httpError{status: http.StatusInternalServerError, message: messages(r).ErrInternal})
			}
		}()
		next.ServeHTTP(w, r)
	})
}
