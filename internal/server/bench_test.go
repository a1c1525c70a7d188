package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/gcdata"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// corpus returns the tracker over the General Comments corpus: about 6,500 paragraphs and one
// advance for every fifth of them. It returns the largest document's slug too.
func corpus(b *testing.B) (http.Handler, string) {
	b.Helper()
	dir := testenv.Corpus(b)
	s := dbtest.New(b)
	sets, err := gcdata.Import(b.Context(), s, dir, 5)
	if err != nil {
		b.Fatal(err)
	}
	largest, paragraphs, advances := "", 0, 0
	for _, set := range sets {
		if len(set.Paragraphs) > paragraphs {
			largest, paragraphs = set.Document.Slug, len(set.Paragraphs)
		}
		advances += len(set.Advances)
	}
	b.Logf("corpus: %d documents, %d advances; largest %s with %d paragraphs", len(sets), advances, largest, paragraphs)
	return server.New(s, discard, server.Options{}), largest
}

func BenchmarkPages(b *testing.B) {
	h, largest := corpus(b)
	for _, path := range []string{
		"/advances",
		"/advances?body=treaty-bodies&sort=date&page=10",
		"/advances?body=cescr",
		"/documents/" + largest,
		"/documents/" + largest + "/paragraphs/10",
	} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", path, rec.Code)
				}
			}
		})
	}
}
