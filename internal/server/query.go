package server

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
)

// query parses r's query string, refusing unknown parameters and repeated ones: a mistyped
// filter must say so, not quietly show everything.
func query(r *http.Request, allowed ...string) (url.Values, error) {
	m := messages(r)
	malformed := &httpError{status: http.StatusBadRequest, message: m.ErrMalformedQuery}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, malformed
	}
	// In order, so that of several mistakes the reader is always told of the same one.
	for _, k := range slices.Sorted(maps.Keys(q)) {
		v := q[k]
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return nil, badRequest(m.ErrNoParameters, clip(k))
			}
			return nil, badRequest(m.ErrUnknownParameter, clip(k), strings.Join(allowed, ", "))
		}
		if len(v) > 1 {
			return nil, badRequest(m.ErrRepeated, k)
		}
		if !validText(v[0]) {
			return nil, malformed
		}
	}
	return q, nil
}

// slugParam is the slug in r's path. Text that is not valid UTF-8 can name nothing here.
func slugParam(r *http.Request) (string, error) {
	slug := chi.URLParam(r, "slug")
	if !validText(slug) {
		return "", notFound("%s", messages(r).ErrNothingHere)
	}
	return slug, nil
}

// validText reports whether s can be text in the database: valid UTF-8 without NUL.
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// positive parses a whole number from 1 up, as paragraph and page numbers are; numbers past
// what the database holds in an integer name nothing that exists.
func positive(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err == nil && n > 0
}

// clip shortens a value from the reader before it goes into a message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}
