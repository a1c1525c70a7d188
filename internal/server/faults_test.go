package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// manyAdvances is a data file with n advances, all by CESCR, each citing its own paragraph.
func manyAdvances(n int, title string) []byte {
	var b strings.Builder
	b.WriteString(`document:
  symbol: E/C.12/TEST/1
  title: A test document
  kind: statement
  url: https://example.org/test
sources:
  - slug: test-source
    title: A test source
    kind: news
bodies:
  - slug: cescr
    kind: treaty-body
    name: Committee on Economic, Social and Cultural Rights
    short_name: CESCR
paragraphs:
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - number: %d\n", i)
	}
	b.WriteString("advances:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - slug: advance-%d\n    title: %q\n    paragraphs: [%d]\n    bodies: [cescr]\n    source: test-source\n", i, fmt.Sprintf("%s %d", title, i), i)
	}
	return []byte(b.String())
}

func TestHTMLIsEscaped(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(1, `<script>alert("x")</script>`)); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	for _, path := range []string{"/advances", "/advances/advance-1", "/documents/E-C.12-TEST-1", "/bodies/cescr"} {
		r := get(t, h, path)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, r.status)
		}
		if strings.Contains(r.body, "<script>") || r.doc.Find("script:not([src])").Length() > 0 {
			t.Errorf("GET %s carries a live <script> from the data", path)
		}
		if !strings.Contains(r.body, "&lt;script&gt;") {
			t.Errorf("GET %s does not show the title escaped", path)
		}
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(45, "Advance")); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	for _, tc := range []struct {
		page, want int
		next       bool
	}{{1, 20, true}, {2, 20, true}, {3, 5, false}} {
		r := get(t, h, fmt.Sprintf("/advances?body=cescr&page=%d", tc.page))
		if n := r.doc.Find(`[data-testid="advance"]`).Length(); n != tc.want {
			t.Errorf("page %d lists %d advances, want %d", tc.page, n, tc.want)
		}
		next, ok := r.doc.Find(`a[rel="next"]`).Attr("href")
		if ok != tc.next {
			t.Errorf("page %d has a next link: %v, want %v", tc.page, ok, tc.next)
		}
		if ok && next != fmt.Sprintf("/advances?body=cescr&page=%d", tc.page+1) {
			t.Errorf("page %d next link = %q, keeps the filter?", tc.page, next)
		}
	}
}

// A page costs the same number of queries whatever the number of rows it shows.
func TestQueriesPerPageAreBounded(t *testing.T) {
	t.Parallel()
	var counter store.Counter
	s := dbtest.New(t, store.CountQueries(&counter))
	h := server.New(s, discard, server.Options{})
	paths := []string{"/", "/documents", "/documents/E-C.12-TEST-1", "/documents/E-C.12-TEST-1/paragraphs/1",
		"/advances", "/advances?body=cescr&sort=date", "/advances.json", "/advances.csv?body=cescr", "/advances.atom",
		"/bodies", "/bodies/cescr", "/recommendations", "/quotes",
		"/search", "/search?q=advance", "/search?q=advance&kind=advance&body=cescr&document=E-C.12-TEST-1",
		"/search?q=E/C.12/TEST/1+para+1", "/search.json?q=advance", "/search.csv?q=advance&lang=fr", "/follow?body=cescr",
		"/recommendations.json", "/quotes.csv", "/documents.json", "/bodies.json", "/advances/advance-1.json",
		"/documents/E-C.12-TEST-1/data.json", "/documents/E-C.12-TEST-1/data.yaml",
		"/documents/E-C.12-TEST-1/paragraphs/1/cite.bib", "/api/openapi.json",
		"/changes", "/changes.json", "/changes.atom", "/advances/advance-1/history", "/documents/E-C.12-TEST-1/history",
		"/bodies/cescr/history"}
	cost := func(n int) map[string]int64 {
		if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(n, "Advance")); err != nil {
			t.Fatalf("Import = %v", err)
		}
		out := map[string]int64{}
		for _, p := range paths {
			counter.Reset()
			if r := get(t, h, p); r.status != http.StatusOK && r.status != http.StatusSeeOther {
				t.Fatalf("GET %s = %d", p, r.status)
			}
			out[p] = counter.Reset()
		}
		return out
	}
	small, large := cost(2), cost(60)
	for _, p := range paths {
		if small[p] != large[p] {
			t.Errorf("GET %s costs %d queries with 2 advances and %d with 60; want the same", p, small[p], large[p])
		}
	}
}

// The proxy tests do not run in parallel: this one takes its address back after a stop,
// which a parallel test's listener could take in between, and the next one times a request.
func TestDatabaseDownAndBack(t *testing.T) {
	p, dbURL := dbtest.NewProxy(t, dbtest.NewURL(t))
	s, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := server.New(s, discard, server.Options{})

	if r := get(t, h, "/advances"); r.status != http.StatusOK {
		t.Fatalf("GET /advances with the database up = %d, want 200", r.status)
	}
	p.Stop()
	for _, path := range []string{"/advances", "/documents", "/readyz"} {
		r := get(t, h, path)
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
			t.Errorf("GET %s with the database down = %d (Retry-After %q), want 503 with Retry-After", path, r.status, r.header.Get("Retry-After"))
		}
	}
	if r := get(t, h, "/healthz"); r.status != http.StatusOK {
		t.Errorf("GET /healthz with the database down = %d, want 200: the process is up", r.status)
	}
	p.Start(t)
	for _, path := range []string{"/readyz", "/advances"} {
		if r := get(t, h, path); r.status != http.StatusOK {
			t.Errorf("GET %s after the database came back = %d, want 200", path, r.status)
		}
	}
}

// A database that takes connections but never answers must not hang the reader: the page
// answers 503 once the request's time is up.
func TestDatabaseStalled(t *testing.T) {
	p, dbURL := dbtest.NewProxy(t, dbtest.NewURL(t))
	p.Freeze()
	s, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := server.New(s, discard, server.Options{RequestTimeout: 300 * time.Millisecond})
	start := time.Now()
	r := get(t, h, "/advances")
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Errorf("GET /advances with a stalled database = %d (Retry-After %q), want 503 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("GET /advances with a stalled database took %v, want about the request timeout", took)
	}
}
