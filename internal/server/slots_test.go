package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagecache"
)

// While every render slot is taken, a page to render waits its turn and, past its request's
// time, gets a 503 saying so in the reader's language; a page in the cache is served without
// a slot; and once a slot frees, pages render again.
func TestRendersWaitForASlot(t *testing.T) {
	// The request's time must leave room for a first render on new connections, on a machine
	// that the race detector and the browser tests keep busy: 200 ms fell short in CI.
	const timeout = time.Second
	st := dbtest.New(t)
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), st, name, data); err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}
	srv := newServer(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{
		PublicURL: "https://hrd.example.org", Renders: 1, RequestTimeout: timeout,
		Cache: pagecache.New(1 << 20),
	})
	srv.cache.Resume() // the cache keeps pages only while it hears of changes
	h := srv.routes()
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	if rec := get("/advances"); rec.Code != http.StatusOK { // now in the cache
		t.Fatalf("GET /advances = %d", rec.Code)
	}

	srv.slots <- struct{}{} // a render that does not end
	for _, path := range []string{"/documents/A-73-230", "/fr/recommendations", "/advances.json"} {
		start := time.Now()
		rec := get(path)
		waited := time.Since(start)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
			t.Errorf("GET %s with every slot taken = %d, Retry-After %q; want 503 with Retry-After", path, rec.Code, rec.Header().Get("Retry-After"))
		}
		if waited < timeout {
			t.Errorf("GET %s answered after %v, before its request's time was up", path, waited)
		}
		want := i18n.English.Messages.ErrBusy
		if strings.HasPrefix(path, "/fr/") {
			want = i18n.French.Messages.ErrBusy
		}
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s with every slot taken does not say %q:\n%s", path, want, rec.Body.String())
		}
	}
	if rec := get("/advances"); rec.Code != http.StatusOK {
		t.Errorf("GET /advances from the cache with every slot taken = %d, want 200", rec.Code)
	}

	<-srv.slots
	if rec := get("/documents/A-73-230"); rec.Code != http.StatusOK {
		t.Errorf("GET /documents/A-73-230 once a slot is free = %d, want 200", rec.Code)
	}
}
