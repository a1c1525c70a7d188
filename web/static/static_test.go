package static_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hrdtracker/hrdtracker/web/static"
)

func TestHandler(t *testing.T) {
	h := static.Handler()
	tests := []struct {
		path, wantType string
		wantStatus     int
	}{
		{static.URL("style.css"), "text/css; charset=utf-8", http.StatusOK},
		{static.URL("enhance.js"), "text/javascript; charset=utf-8", http.StatusOK},
		{static.URL("favicon.svg"), "image/svg+xml", http.StatusOK},
		{static.Prefix + "style.css", "", http.StatusNotFound},
		{static.Prefix + "style.0000000000.css", "", http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.wantStatus {
				t.Fatalf("GET %s = %d, want %d", tc.path, rec.Code, tc.wantStatus)
			}
			if tc.wantStatus != http.StatusOK {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tc.wantType {
				t.Errorf("GET %s: Content-Type %q, want %q", tc.path, got, tc.wantType)
			}
			if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
				t.Errorf("GET %s: Cache-Control %q, want a year, immutable", tc.path, got)
			}
		})
	}
}
