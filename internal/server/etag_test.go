package server_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Pages, data twins and feeds carry a weak ETag of their uncompressed body; a request that
// holds it gets 304 and no body. Errors carry none.
func TestETag(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	for _, target := range []string{"/", "/fr/documents/A-73-230", "/advances.json?body=cescr", "/advances.csv", "/advances.atom"} {
		plain := do(h, httptest.NewRequest(http.MethodGet, target, nil))
		tag := plain.Header().Get("ETag")
		if plain.Code != http.StatusOK || !strings.HasPrefix(tag, `W/"`) {
			t.Errorf("GET %s = %d with ETag %q, want 200 with a weak ETag", target, plain.Code, tag)
			continue
		}
		if again := do(h, httptest.NewRequest(http.MethodGet, target, nil)).Header().Get("ETag"); again != tag {
			t.Errorf("GET %s twice: ETag %q then %q, want the same", target, tag, again)
		}
		head := do(h, httptest.NewRequest(http.MethodHead, target, nil))
		if got := head.Header().Get("ETag"); got != tag || head.Body.Len() != 0 {
			t.Errorf("HEAD %s: ETag %q with %d bytes, want %q and no body", target, got, head.Body.Len(), tag)
		}
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		zipped := do(h, req)
		if zipped.Header().Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(zipped.Body)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(zr)
			if string(body) != plain.Body.String() || zipped.Header().Get("ETag") != tag {
				t.Errorf("GET %s gzipped: ETag %q, want %q over the same body", target, zipped.Header().Get("ETag"), tag)
			}
		}
		for _, inm := range []string{tag, strings.TrimPrefix(tag, "W/"), `"other", ` + tag} {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("If-None-Match", inm)
			rec := do(h, req)
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != tag {
				t.Errorf("GET %s with If-None-Match %s = %d with %d bytes, want 304 with no body", target, inm, rec.Code, rec.Body.Len())
			}
		}
		req = httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("If-None-Match", `W/"stale"`)
		if rec := do(h, req); rec.Code != http.StatusOK || rec.Body.String() != plain.Body.String() {
			t.Errorf("GET %s with a stale If-None-Match = %d, want 200 with the body", target, rec.Code)
		}
	}
	for _, target := range []string{"/no/such/page", "/advances?sort=title", "/advances.json?sort=title"} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		req.Header.Set("If-None-Match", "*")
		if rec := do(h, req); rec.Header().Get("ETag") != "" || rec.Code == http.StatusNotModified {
			t.Errorf("GET %s = %d with ETag %q, want an error without one", target, rec.Code, rec.Header().Get("ETag"))
		}
	}
}
