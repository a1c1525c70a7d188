package server_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

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

// BenchmarkSearch measures search pages over the corpus: one, two and three words, frequent
// and rare, and a phrase. Beside ns/op it reports each query's median and 95th percentile.
func BenchmarkSearch(b *testing.B) {
	h, _ := corpus(b)
	for _, q := range []string{
		"rights",                       // one word, in most paragraphs
		"reprisals",                    // one word, rare
		"human+rights",                 // two frequent words
		"indigenous+water",             // two rarer words
		"right+to+education",           // three words
		"%22human+rights+defenders%22", // a phrase
		"torture+-prison+or+detention", // or and exclusion
	} {
		path := "/search?q=" + q
		b.Run(q, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				start := time.Now()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				took = append(took, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", path, rec.Code)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
