package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// query parses r's query string, refusing unknown parameters and repeated ones: a mistyped
// filter must say so, not quietly show everything.
func query(r *http.Request, allowed ...string) (url.Values, error) {
	m := messages(r)
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &httpError{status: http.StatusBadRequest, message: m.ErrMalformedQuery}
	}
	for k, v := range q {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return nil, badRequest(m.ErrNoParameters, clip(k))
			}
			return nil, badRequest(m.ErrUnknownParameter, clip(k), strings.Join(allowed, ", "))
		}
		if len(v) > 1 {
			return nil, badRequest(m.ErrRepeated, k, len(v))
		}
	}
	return q, nil
}

// positive parses a whole number of at least 1, as paragraph and page numbers are.
func positive(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// clip shortens a value from the reader before it goes into a message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}
