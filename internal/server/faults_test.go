package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	pathpkg "path"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
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

// Walking a list by its Next links shows every advance once, in the list's order, in either
// order; in the date order every advance of the test ties (none has a date), so the walk
// holds only if ties keep one order.
func TestPagination(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(45, "Advance")); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	for _, tc := range []struct {
		first string
		sizes []int
	}{
		{"/advances?body=cescr", []int{20, 20, 5}},
		{"/advances?body=cescr&sort=date", []int{20, 20, 5}},
		{"/fr/advances?sort=date", []int{20, 20, 5}},
	} {
		seen := map[string]bool{}
		var order []string
		path := tc.first
		for i, want := range tc.sizes {
			r := get(t, h, path)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s = %d", path, r.status)
			}
			var slugs []string
			for _, a := range advanceSlugs(r.doc) {
				slugs = append(slugs, pathpkg.Base(a)) // under a language's prefix too
			}
			if len(slugs) != want {
				t.Errorf("GET %s lists %d advances, want %d", path, len(slugs), want)
			}
			for _, slug := range slugs {
				if seen[slug] {
					t.Errorf("GET %s lists %s again", path, slug)
				}
				seen[slug] = true
			}
			order = append(order, slugs...)
			first, hasFirst := r.doc.Find(`a[rel="first"]`).Attr("href")
			if hasFirst != (i > 0) || (hasFirst && first != tc.first) {
				t.Errorf("GET %s: first-page link %q (%v), want %q on every page but the first", path, first, hasFirst, tc.first)
			}
			next, ok := r.doc.Find(`a[rel="next"]`).Attr("href")
			if ok != (i < len(tc.sizes)-1) {
				t.Fatalf("GET %s has a next link: %v, want %v", path, ok, i < len(tc.sizes)-1)
			}
			base, _, _ := strings.Cut(tc.first, "?")
			if ok && !strings.HasPrefix(next, tc.first+"&after=") && !strings.HasPrefix(next, base+"?after=") {
				t.Errorf("GET %s: next link %q does not keep the filters of %s", path, next, tc.first)
			}
			path = next
		}
		if len(seen) != 45 {
			t.Errorf("walking from %s shows %d advances, want all 45", tc.first, len(seen))
		}
		// The order within the walk is the order of the whole list.
		if whole := get(t, h, strings.Replace(tc.first, "/advances", "/advances.json", 1)); whole.status == http.StatusOK {
			var d struct{ Advances []struct{ Slug string } }
			if err := json.Unmarshal([]byte(whole.body), &d); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, a := range d.Advances {
				want = append(want, a.Slug)
			}
			if diff := cmp.Diff(want, order); diff != "" {
				t.Errorf("walking from %s: order differs from the JSON twin's (-twin +walk):\n%s", tc.first, diff)
			}
		}
	}
}

// The data twins page as the list does, giving the next page's address in the JSON and in
// a Link header.
func TestDataTwinsPage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(1005, "Advance")); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	r := get(t, h, "/advances.json?body=cescr")
	var d struct {
		Total    int
		More     bool
		Next     string
		Advances []struct{ Slug string }
	}
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Advances) != 1000 || d.Total != store.CountLimit || !d.More || d.Next == "" {
		t.Fatalf("GET /advances.json: %d advances, total %d, more %v, next %q; want 1000, %d, true and a next page", len(d.Advances), d.Total, d.More, d.Next, store.CountLimit)
	}
	if link := r.header.Get("Link"); link != "<"+d.Next+`>; rel="next"` {
		t.Errorf("GET /advances.json: Link %q, want the next page %q", link, d.Next)
	}
	next := strings.TrimPrefix(d.Next, "http://example.com")
	r = get(t, h, next)
	d.Next, d.Advances = "", nil
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatal(err)
	}
	if r.status != http.StatusOK || len(d.Advances) != 5 || d.Next != "" || r.header.Get("Link") != "" {
		t.Errorf("GET %s = %d with %d advances, next %q; want the last 5 and no next page", next, r.status, len(d.Advances), d.Next)
	}
	csv := get(t, h, "/advances.csv?body=cescr")
	if !strings.Contains(csv.header.Get("Link"), `/advances.csv?body=cescr&after=`) {
		t.Errorf("GET /advances.csv: Link %q, want the CSV's next page", csv.header.Get("Link"))
	}
}

// The lists of recommendations and quotes page as the advances do, and a document's quotes,
// where each quote's address is, stay on one page.
func TestItemListsPage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	var b strings.Builder
	b.Write(manyAdvances(1, "Advance"))
	b.WriteString("recommendations:\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "  - slug: rec-%d\n    title: Do %d\n    text: Do it.\n    paragraphs: [1]\n    addressees: [cescr]\n    source: test-source\n", i, i)
	}
	b.WriteString("quotes:\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "  - slug: quote-%d\n    text: Words %d.\n    speaker: {name: Someone}\n    source: test-source\n", i, i)
	}
	if _, err := dataset.Import(t.Context(), s, "x.yaml", []byte(b.String())); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	for _, tc := range []struct {
		first, item string
		sizes       []int
	}{
		{"/recommendations", `[data-testid="recommendation"]`, []int{50, 10}},
		{"/fr/quotes", `[data-testid="quote"]`, []int{50, 10}},
		{"/quotes?document=E-C.12-TEST-1", `[data-testid="quote"]`, []int{60}},
	} {
		path, seen := tc.first, map[string]bool{}
		for i, want := range tc.sizes {
			r := get(t, h, path)
			items := r.doc.Find(tc.item)
			if r.status != http.StatusOK || items.Length() != want {
				t.Fatalf("GET %s = %d with %d items, want %d", path, r.status, items.Length(), want)
			}
			items.Each(func(_ int, item *goquery.Selection) { seen[strings.Join(strings.Fields(item.Text()), " ")] = true })
			next, ok := r.doc.Find(`a[rel="next"]`).Attr("href")
			if ok != (i < len(tc.sizes)-1) {
				t.Fatalf("GET %s has a next link: %v, want %v", path, ok, i < len(tc.sizes)-1)
			}
			path = next
		}
		if len(seen) != 60 {
			t.Errorf("walking %s shows %d different items, want 60", tc.first, len(seen))
		}
	}
	r := get(t, h, "/quotes.json")
	var d struct {
		Next   string
		Quotes []struct{ URL string }
	}
	if err := json.Unmarshal([]byte(r.body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 60 || d.Next != "" || !strings.HasSuffix(d.Quotes[0].URL, "/quotes?document=E-C.12-TEST-1#quote-quote-1") {
		t.Errorf("GET /quotes.json: %d quotes, next %q, first at %q; want all 60 on one page, each at its place on its document's quotes", len(d.Quotes), d.Next, d.Quotes[0].URL)
	}
	// A body's page lists the first of them, and says so, with a link to the list of them all.
	body := get(t, h, "/bodies/cescr")
	if n := body.doc.Find(`[data-testid="recommendation"]`).Length(); n != view.BodyListed || !strings.Contains(body.body, "Only the first 20") ||
		body.doc.Find(`[data-testid="more-recommendations"] a[href="/recommendations?body=cescr"]`).Length() != 1 {
		t.Errorf("GET /bodies/cescr lists %d recommendations; want %d, saying so, with a link to them all", n, view.BodyListed)
	}
	if r := get(t, h, "/recommendations?after=xyz"); r.status != http.StatusBadRequest {
		t.Errorf("GET /recommendations with a damaged cursor = %d, want 400", r.status)
	}
}

// The documents page by cursor, newest first, undated last, each once.
func TestDocumentsPage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	for i := 1; i <= 55; i++ {
		// Five share each year (E-TEST-50 alone is the newest), and the last five have none.
		issued := ""
		if i <= 50 {
			issued = fmt.Sprintf("  issued: 20%02d\n", 10+i/5)
		}
		file := fmt.Sprintf("document:\n  symbol: E/TEST/%d\n  title: Document %d\n  kind: report\n%sparagraphs:\n  - number: 1\n", i, i, issued)
		if _, err := dataset.Import(t.Context(), s, "x.yaml", []byte(file)); err != nil {
			t.Fatalf("Import(%d) = %v", i, err)
		}
	}
	h := server.New(s, discard, server.Options{})
	var walked []string
	path := "/documents"
	for i, want := range []int{50, 5} {
		r := get(t, h, path)
		links := r.doc.Find(`[data-testid="documents"] h2 a`)
		if r.status != http.StatusOK || links.Length() != want {
			t.Fatalf("GET %s = %d with %d documents, want %d", path, r.status, links.Length(), want)
		}
		links.Each(func(_ int, a *goquery.Selection) { walked = append(walked, a.AttrOr("href", "")) })
		next, ok := r.doc.Find(`a[rel="next"]`).Attr("href")
		if ok != (i == 0) {
			t.Fatalf("GET %s has a next link: %v, want %v", path, ok, i == 0)
		}
		path = next
	}
	seen := map[string]bool{}
	for _, d := range walked {
		seen[d] = true
	}
	if len(seen) != 55 || walked[0] != "/documents/E-TEST-50" || walked[54] != "/documents/E-TEST-55" {
		t.Errorf("walking /documents gives %d documents from %s to %s; want 55, the newest first and the undated last", len(seen), walked[0], walked[len(walked)-1])
	}
	r := get(t, h, "/documents.json")
	if !strings.Contains(r.body, `"total": 55`) || r.header.Get("Link") != "" {
		t.Errorf("GET /documents.json: want all 55 on one page, with no next page")
	}
	if r := get(t, h, "/documents?after="+(store.Cursor{Sort: store.SortDocument, Document: "A", Position: 1, ID: 1}).String()); r.status != http.StatusBadRequest {
		t.Errorf("GET /documents with a quote's cursor = %d, want 400", r.status)
	}
}

// Addresses from before the list paged by cursor still answer: the first page moves to the
// list's address, another page says that pages are no longer numbered and where the list
// starts; a damaged cursor says so too, never a 500.
func TestOldPageAddresses(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(3, "Advance")); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	for _, tc := range []struct {
		path   string
		status int
		where  string // the Location, or the first page the message links to
	}{
		{"/advances?body=cescr&page=1", http.StatusMovedPermanently, "/advances?body=cescr"},
		{"/fr/advances.csv?page=1&sort=date", http.StatusMovedPermanently, "/fr/advances.csv?sort=date"},
		{"/advances?body=cescr&page=3", http.StatusBadRequest, "/advances?body=cescr"},
		{"/es/advances.json?page=2", http.StatusBadRequest, "/es/advances.json"},
		{"/advances?body=cescr&after=AAAA", http.StatusBadRequest, "/advances"},
		{"/advances?sort=date&after=" + (store.Cursor{Sort: store.SortParagraph, Document: "A", Paragraph: 1, Position: 1, ID: 1}).String(), http.StatusBadRequest, "/advances"},
		{"/ar/advances.json?after=" + strings.Repeat("z", 300), http.StatusBadRequest, "/ar/advances.json"},
	} {
		r := get(t, h, tc.path)
		if r.status != tc.status {
			t.Errorf("GET %s = %d, want %d", tc.path, r.status, tc.status)
			continue
		}
		if tc.status == http.StatusMovedPermanently {
			if loc := r.header.Get("Location"); loc != tc.where {
				t.Errorf("GET %s moves to %q, want %q", tc.path, loc, tc.where)
			}
		} else if !strings.Contains(r.body, tc.where) {
			t.Errorf("GET %s says %q, want a link to the first page %s", tc.path, r.body, tc.where)
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
		"/bodies/cescr/history", "/sources", "/sources/test-source", "/documents?body=cescr", "/documents.json?body=cescr",
		"/recommendations?body=cescr", "/recommendations.csv?body=cescr", "/quotes.json?body=cescr", "/bodies/cescr.json"}
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
