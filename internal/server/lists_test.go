package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// bodyLists is a data set in which CESCR wrote n news items, is addressed by n
// recommendations and speaks in n quotes, and a source of its own (other-source, by nobody)
// gives them.
func bodyLists(n int) []byte {
	var b strings.Builder
	b.WriteString(`document:
  symbol: E/C.12/TEST/1
  title: A test document
  kind: statement
  url: https://example.org/test
bodies:
  - slug: cescr
    kind: treaty-body
    name: Committee on Economic, Social and Cultural Rights
    short_name: CESCR
paragraphs:
  - number: 1
sources:
  - slug: other-source
    title: Another source
    kind: news
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - slug: news-%02d\n    title: News %d\n    kind: news\n    author: cescr\n    issued: 2020-01-%02d\n", i, i, 1+i%28)
	}
	b.WriteString("recommendations:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - slug: rec-%d\n    title: Do %d\n    text: Do it.\n    paragraphs: [1]\n    addressees: [cescr]\n    source: other-source\n", i, i)
	}
	b.WriteString("quotes:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - slug: quote-%d\n    text: Words %d.\n    speaker: {name: Someone, body: cescr}\n    source: news-%02d\n", i, i, i)
	}
	return []byte(b.String())
}

// walk follows a list's next links from first, and returns what each page shows of items,
// by the attribute attr of each (its text when attr is "").
func walk(t *testing.T, h http.Handler, first, items, attr string) (pages [][]string) {
	t.Helper()
	for path := first; path != ""; {
		r := get(t, h, path)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s = %d", path, r.status)
		}
		var page []string
		r.doc.Find(items).Each(func(_ int, s *goquery.Selection) {
			v := strings.Join(strings.Fields(s.Text()), " ")
			if attr != "" {
				v = s.AttrOr(attr, "")
			}
			page = append(page, v)
		})
		pages = append(pages, page)
		path = r.doc.Find(`a[rel="next"]`).AttrOr("href", "")
		if len(pages) > 10 {
			t.Fatalf("walking %s: more than 10 pages", first)
		}
	}
	return pages
}

// lengths are the lengths of pages.
func lengths(pages [][]string) []int {
	var n []int
	for _, p := range pages {
		n = append(n, len(p))
	}
	return n
}

// The sources' list pages by cursor, as the documents' does.
func TestSourcesPage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", bodyLists(55)); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	pages := walk(t, h, "/fr/sources", `[data-testid="sources"] > li h2 a`, "href")
	if got := lengths(pages); !slices.Equal(got, []int{50, 6}) {
		t.Fatalf("walking /fr/sources: pages of %v sources, want [50 6]", got)
	}
	all := slices.Concat(pages...)
	if !strings.HasPrefix(all[0], "/fr/sources/news-") || len(slices.Compact(slices.Sorted(slices.Values(all)))) != 56 {
		t.Errorf("walking /fr/sources shows %q; want each of the 56 sources once, at their French pages", all)
	}
	// The newest first: news-27 was published on 28 January, the latest day of any; other-source
	// has no date and comes last.
	if all[0] != "/fr/sources/news-27" || all[55] != "/fr/sources/other-source" {
		t.Errorf("walking /fr/sources: first %q, last %q; want news-27 and other-source", all[0], all[55])
	}
	second := get(t, h, "/sources")
	if next := second.doc.Find(`a[rel="next"]`).AttrOr("href", ""); !strings.HasPrefix(next, "/sources?after=") {
		t.Errorf("GET /sources: next page %q, want /sources?after=...", next)
	}
	for path, first := range map[string]string{
		"/sources?after=xyz": "starts at /sources.",
		"/fr/sources?after=" + store.Cursor{Sort: store.SortDocument, Document: "A-1", Position: 1, ID: 1}.String(): "/fr/sources",
	} {
		r := get(t, h, path)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, first) {
			t.Errorf("GET %s = %d, want 400 naming the first page: %q", path, r.status, first)
		}
	}
	if r := get(t, h, "/sources?body=cescr"); r.status != http.StatusBadRequest {
		t.Errorf("GET /sources?body=cescr = %d, want 400: the sources' list takes no filter", r.status)
	}
}

// A body's page shows the first of what it wrote, is addressed and said, each with a link to
// the whole list; those lists page, and their twins give the same rows.
func TestBodyPageListsAreBounded(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", bodyLists(55)); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	body := get(t, h, "/bodies/cescr")
	for _, tc := range []struct{ items, more, link string }{
		{`[data-testid="body-document"]`, "more-documents", "/documents?body=cescr"},
		{`[data-testid="recommendation"]`, "more-recommendations", "/recommendations?body=cescr"},
		{`[data-testid="quote"]`, "more-quotes", "/quotes.csv?body=cescr"},
	} {
		n := body.doc.Find(tc.items).Length()
		more := body.doc.Find(`[data-testid="` + tc.more + `"]`)
		if n != view.BodyListed || !strings.Contains(more.Text(), "Only the first 20") || more.Find(`a[href="`+tc.link+`"]`).Length() != 1 {
			t.Errorf("GET /bodies/cescr lists %d of %s (%q); want %d, saying so, with a link to %s", n, tc.items, more.Text(), view.BodyListed, tc.link)
		}
	}

	// The documents it wrote, page by page, and as JSON, in the same order.
	docs := walk(t, h, "/documents?body=cescr", `[data-testid="documents"] > li h2 a`, "href")
	if got := lengths(docs); !slices.Equal(got, []int{50, 5}) {
		t.Fatalf("walking /documents?body=cescr: pages of %v documents, want [50 5]", got)
	}
	var twin struct {
		Next      string
		Documents []struct{ URL string }
	}
	fetchJSON(t, h, "/documents.json?body=cescr", &twin)
	var urls []string
	for _, d := range twin.Documents {
		urls = append(urls, strings.TrimPrefix(d.URL, "http://example.com"))
	}
	if !slices.Equal(urls, slices.Concat(docs...)) || twin.Next != "" {
		t.Errorf("GET /documents.json?body=cescr = %q (next %q); want the pages' documents %q", urls, twin.Next, slices.Concat(docs...))
	}
	// The news items it wrote are sources: each links to its source page.
	if !strings.HasPrefix(docs[0][0], "/sources/news-") {
		t.Errorf("GET /documents?body=cescr: first %q, want a source page", docs[0][0])
	}
	filtered := get(t, h, "/documents?body=cescr")
	if chip := filtered.doc.Find(`[data-testid="active-filters"] a[href="/documents"]`); chip.Length() != 2 || !strings.Contains(chip.First().Text(), "CESCR") {
		t.Errorf("GET /documents?body=cescr: chips %q; want one naming CESCR and Clear all, both to /documents", chip.Text())
	}

	// The recommendations addressed to it, page by page, and as JSON, in the same order.
	recs := walk(t, h, "/recommendations?body=cescr", `[data-testid="recommendation"] h2 a`, "href")
	if got := lengths(recs); !slices.Equal(got, []int{50, 5}) {
		t.Fatalf("walking /recommendations?body=cescr: pages of %v recommendations, want [50 5]", got)
	}
	var recTwin struct {
		Recommendations []struct{ URL string }
	}
	fetchJSON(t, h, "/recommendations.json?body=cescr", &recTwin)
	urls = nil
	for _, r := range recTwin.Recommendations {
		urls = append(urls, strings.TrimPrefix(r.URL, "http://example.com"))
	}
	if !slices.Equal(urls, slices.Concat(recs...)) {
		t.Errorf("GET /recommendations.json?body=cescr = %q; want the pages' recommendations %q", urls, slices.Concat(recs...))
	}

	// The quotes of its speakers: the body's page shows the twin's first.
	var quoteTwin struct {
		Filter map[string]string
		Quotes []struct{ Slug string }
	}
	fetchJSON(t, h, "/quotes.json?body=cescr", &quoteTwin)
	var shown []string
	body.doc.Find(`[data-testid="quote"]`).Each(func(_ int, s *goquery.Selection) {
		shown = append(shown, strings.TrimPrefix(s.AttrOr("id", ""), "quote-"))
	})
	var slugs []string
	for _, q := range quoteTwin.Quotes {
		slugs = append(slugs, q.Slug)
	}
	if len(slugs) != 55 || !slices.Equal(shown, slugs[:view.BodyListed]) || quoteTwin.Filter["body"] != "cescr" {
		t.Errorf("GET /quotes.json?body=cescr = %q (filter %v); want 55 quotes, the first the body page's %q", slugs, quoteTwin.Filter, shown)
	}

	// A damaged cursor, or one of another order, is a 400 that names the list's first page.
	for path, first := range map[string]string{
		"/documents?body=cescr&after=xyz": "starts at /documents.",
		"/recommendations?body=cescr&after=" + store.Cursor{Sort: store.SortIssued, Document: "A-1", ID: 1}.String():            "starts at /recommendations.",
		"/quotes.json?body=cescr&after=" + store.Cursor{Sort: store.SortDocument, Document: "A-1", Position: 1, ID: 1}.String(): "starts at /quotes.json.",
		"/quotes.csv?after=" + store.Cursor{Sort: store.SortAdded, DocumentID: 1, Position: 1, ID: 1}.String():                  "starts at /quotes.csv.",
	} {
		r := get(t, h, path)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, first) {
			t.Errorf("GET %s = %d %q, want 400 with a link to %s", path, r.status, r.body, first)
		}
	}
	if r := get(t, h, "/documents?body=nobody"); r.status != http.StatusBadRequest {
		t.Errorf("GET /documents?body=nobody = %d, want 400", r.status)
	}
}

// A body's quotes page by their own order, each once, across their pages.
func TestQuotesOfABodyPage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", bodyLists(45)); err != nil {
		t.Fatalf("Import = %v", err)
	}
	f := store.ItemFilter{Bodies: []string{"cescr"}, Limit: 20}
	var sizes []int
	seen := map[string]bool{}
	for {
		p, err := s.QuotePage(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(p.Items))
		for _, q := range p.Items {
			seen[q.Slug] = true
		}
		if p.Next == nil {
			break
		}
		if p.Next.Sort != store.SortAdded {
			t.Fatalf("QuotePage(%+v).Next = %+v, want a cursor of SortAdded", f, p.Next)
		}
		f.After = *p.Next
	}
	if !slices.Equal(sizes, []int{20, 20, 5}) || len(seen) != 45 {
		t.Errorf("paging the quotes of CESCR's speakers: pages of %v, %d different; want [20 20 5] and 45", sizes, len(seen))
	}
	if p, err := s.QuotePage(t.Context(), store.ItemFilter{Bodies: []string{"cescr"}, Speaker: "Nobody"}); err != nil || len(p.Items) != 0 {
		t.Errorf("QuotePage(CESCR, speaker Nobody) = %+v, %v; want none", p, err)
	}
}

func fetchJSON(t *testing.T, h http.Handler, path string, v any) {
	t.Helper()
	r := get(t, h, path)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s = %d", path, r.status)
	}
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// A body's page shows its latest advances, the last added first, and links the list of all.
func TestBodyPageShowsLatestAdvances(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(30, "Advance")); err != nil {
		t.Fatalf("Import = %v", err)
	}
	h := server.New(s, discard, server.Options{})
	r := get(t, h, "/bodies/cescr")
	var shown []string
	r.doc.Find(`[data-testid="advance"] h3 a`).Each(func(_ int, a *goquery.Selection) { shown = append(shown, a.AttrOr("href", "")) })
	if len(shown) != 20 || shown[0] != "/advances/advance-30" || shown[19] != "/advances/advance-11" {
		t.Errorf("GET /bodies/cescr shows advances %q; want the 20 last added, advance-30 first", shown)
	}
	if all := r.doc.Find(`a[href="/advances?body=cescr"]`); !strings.Contains(all.Text(), "30 advances") {
		t.Errorf("GET /bodies/cescr links its advances as %q; want a link to all 30", all.Text())
	}
	if _, err := s.Advances(t.Context(), store.AdvanceFilter{Sort: store.SortLatest, Limit: 5}); err == nil {
		t.Error("Advances(latest, no body) = nil error; want one: the latest are listed for some bodies only")
	}
	list, err := s.Advances(t.Context(), store.AdvanceFilter{Bodies: []string{"cescr"}, Sort: store.SortLatest, Limit: 5})
	if err != nil || len(list.Advances) != 5 || list.Advances[0].Slug != "advance-30" || list.Next != nil || list.Total != 30 {
		t.Errorf("Advances(cescr, latest, 5) = %+v, %v; want advance-30 first, 5 of 30, no next page", list, err)
	}
}
