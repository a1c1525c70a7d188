package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// seeded returns the tracker's handler over a database holding the shipped data set.
func seeded(t *testing.T, opts ...store.Option) (http.Handler, *store.Store) {
	t.Helper()
	s := dbtest.New(t, opts...)
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}
	return server.New(s, discard, server.Options{}), s
}

type response struct {
	status int
	header http.Header
	body   string
	doc    *goquery.Document
}

func get(t *testing.T, h http.Handler, path string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("GET %s: parsing HTML: %v", path, err)
	}
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.String(), doc: doc}
}

func texts(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

// advanceSlugs are the slugs of the advances a page lists, in its order.
func advanceSlugs(doc *goquery.Document) []string { return advanceSlugsAt(doc, "h2") }

// advanceSlugsAt are the slugs of the advances a page lists as cards under headings h.
func advanceSlugsAt(doc *goquery.Document, h string) []string {
	var out []string
	doc.Find(`[data-testid="advance"] ` + h + ` a`).Each(func(_ int, a *goquery.Selection) {
		out = append(out, strings.TrimPrefix(a.AttrOr("href", ""), "/advances/"))
	})
	return out
}

func TestAdvanceFilters(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	byParagraph := []string{
		"cescr-statement-on-defenders", "joint-statement-on-defenders", "crc-discussion-on-child-defenders",
		"special-procedures-reprisals-policy", "san-jose-guidelines", "senior-official-on-reprisals",
		"defender-networks", "national-laws-burkina-faso-cote-d-ivoire", "model-national-law",
		"special-rapporteur-on-defenders", "resolutions-on-defenders",
	}
	tests := []struct {
		path string
		want []string
	}{
		{"/advances", byParagraph},
		{"/advances?document=A-73-230", byParagraph},
		{"/advances?body=cescr", []string{"cescr-statement-on-defenders"}},
		{"/advances?body=crc", []string{"crc-discussion-on-child-defenders"}},
		// A parent body brings in its members' advances: CESCR's, CRC's and the chairs'.
		{"/advances?body=treaty-bodies", []string{"cescr-statement-on-defenders", "joint-statement-on-defenders",
			"crc-discussion-on-child-defenders", "san-jose-guidelines"}},
		{"/advances?body=treaty-bodies&document=A-73-230", []string{"cescr-statement-on-defenders",
			"joint-statement-on-defenders", "crc-discussion-on-child-defenders", "san-jose-guidelines"}},
		{"/advances?body=special-procedures", []string{"joint-statement-on-defenders", "special-procedures-reprisals-policy",
			"special-rapporteur-on-defenders"}},
		{"/advances?body=burkina-faso", []string{"national-laws-burkina-faso-cote-d-ivoire"}},
		{"/advances?document=ishr-sg-audit-hrds", nil},
		// Newest first; undated advances last, in the document's order.
		{"/advances?sort=date", []string{
			// A date known to the month counts from its first day: October 2016 before 7 October.
			"crc-discussion-on-child-defenders", "joint-statement-on-defenders", "cescr-statement-on-defenders",
			"senior-official-on-reprisals", "model-national-law", "special-procedures-reprisals-policy",
			"san-jose-guidelines", "special-rapporteur-on-defenders", "resolutions-on-defenders",
			"defender-networks", "national-laws-burkina-faso-cote-d-ivoire",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, h, tc.path)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", tc.path, r.status)
			}
			if diff := cmp.Diff(tc.want, advanceSlugs(r.doc)); diff != "" {
				t.Errorf("GET %s lists (-want +got):\n%s", tc.path, diff)
			}
		})
	}
}

func TestAdvanceFacetsAndActiveFilters(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/advances?body=cescr")
	if got := strings.TrimSpace(r.doc.Find(`#filter-body option[value="cescr"]`).Text()); !strings.HasSuffix(got, "(1)") {
		t.Errorf("CESCR option = %q, want its count (1)", got)
	}
	if _, ok := r.doc.Find(`#filter-body option[value="cescr"]`).Attr("selected"); !ok {
		t.Error("CESCR option is not selected while the filter is on")
	}
	if got := strings.TrimSpace(r.doc.Find(`#filter-document option[value="A-73-230"]`).Text()); got != "A/73/230 (1)" {
		t.Errorf("A/73/230 option under body=cescr = %q, want %q", got, "A/73/230 (1)")
	}
	remove, ok := r.doc.Find(`[data-testid="active-filters"] a`).First().Attr("href")
	if !ok || remove != "/advances" {
		t.Errorf("link removing the body filter = %q, want /advances", remove)
	}
	if got := r.doc.Find(`[data-testid="result-count"]`).Text(); got != "1 advance" {
		t.Errorf("result count = %q, want %q", got, "1 advance")
	}
}

func TestDocumentPage(t *testing.T) {
	t.Parallel()
	h, s := seeded(t)
	r := get(t, h, "/documents/A-73-230")
	if r.status != http.StatusOK {
		t.Fatalf("GET /documents/A-73-230 = %d", r.status)
	}
	var ids []string
	r.doc.Find(`[data-testid="paragraph"]`).Each(func(_ int, s *goquery.Selection) { ids = append(ids, s.AttrOr("id", "")) })
	want := []string{"para-14", "para-15", "para-16", "para-21", "para-22", "para-24", "para-32", "para-39", "para-43", "para-64", "para-66"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("paragraphs on the document page (-want +got):\n%s", diff)
	}
	if n := r.doc.Find(`#para-43 [data-testid="paragraph-advances"] li`).Length(); n != 2 {
		t.Errorf("paragraph 43 shows %d advances, want 2", n)
	}
	if got := r.doc.Find(`#para-14 [data-testid="citation"]`).Text(); got != "A/73/230, para. 14" {
		t.Errorf("paragraph 14 citation = %q", got)
	}
	link := r.doc.Find(`#para-14 [data-testid="missing-text"] a`).AttrOr("href", "")
	if link != "https://undocs.org/A/73/230" {
		t.Errorf("paragraph 14 without text links %q, want the official document", link)
	}
	if n := r.doc.Find(`#para-64 [data-testid="paragraph-recommendations"] li`).Length(); n != 1 {
		t.Errorf("paragraph 64 shows %d recommendations, want 1", n)
	}
	// Every advance shows once: by title under each paragraph it cites, or, citing none, as a
	// card after the paragraphs.
	list, err := s.Advances(t.Context(), store.AdvanceFilter{Document: "A-73-230"})
	if err != nil {
		t.Fatal(err)
	}
	var cited, uncited []string
	for _, a := range list.Advances {
		if len(a.Paragraphs) == 0 {
			uncited = append(uncited, a.Slug)
		}
		shown := 0
		for _, n := range a.Paragraphs {
			sel := fmt.Sprintf(`#para-%d [data-testid="paragraph-advances"] a[href="/advances/%s"]`, n, a.Slug)
			shown += r.doc.Find(sel).Length()
		}
		if len(a.Paragraphs) > 0 && shown == len(a.Paragraphs) {
			cited = append(cited, a.Slug)
		}
	}
	if len(uncited) == 0 || len(cited)+len(uncited) != len(list.Advances) {
		t.Errorf("%d advances, %d shown under the paragraphs they cite, %d citing none; want every cited one under its paragraphs, and some citing none",
			len(list.Advances), len(cited), len(uncited))
	}
	if diff := cmp.Diff(uncited, advanceSlugsAt(r.doc, "h3")); diff != "" {
		t.Errorf("advances shown as cards, citing no paragraph (-want +got):\n%s", diff)
	}
}

func TestParagraphPage(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/documents/A-73-230/paragraphs/43")
	if r.status != http.StatusOK {
		t.Fatalf("GET paragraph 43 = %d", r.status)
	}
	if got := r.doc.Find(`[data-testid="citation-input"]`).AttrOr("value", ""); got != "A/73/230, para. 43" {
		t.Errorf("citation = %q, want %q", got, "A/73/230, para. 43")
	}
	if n := r.doc.Find(`[data-testid="paragraph-advances"] li`).Length(); n != 2 {
		t.Errorf("paragraph 43 page shows %d advances, want 2", n)
	}
}

func TestAdvancePageLinksParagraphs(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	href := get(t, h, "/advances?body=cescr").doc.Find(`[data-testid="advance"] h2 a`).AttrOr("href", "")
	r := get(t, h, href)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s = %d", href, r.status)
	}
	if got := r.doc.Find(`[data-testid="paragraphs"] a`).AttrOr("href", ""); got != "/documents/A-73-230/paragraphs/14" {
		t.Errorf("advance page links paragraph %q, want /documents/A-73-230/paragraphs/14", got)
	}
	if !strings.Contains(r.doc.Find(`[data-testid="bodies"]`).Text(), "CESCR") {
		t.Error("CESCR advance page does not name CESCR")
	}
}

func TestRecommendationsAndQuotes(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/recommendations")
	got := texts(r.doc.Find(`[data-testid="recommendation"] [data-testid="paragraphs"] a`))
	if diff := cmp.Diff([]string{"para. 64", "para. 66"}, got); diff != "" {
		t.Errorf("recommendation paragraphs (-want +got):\n%s", diff)
	}
	href := r.doc.Find(`[data-testid="recommendation"] h2 a`).Last().AttrOr("href", "")
	if c := get(t, h, href).doc.Find(`[data-testid="citation"]`).Text(); c != "A/73/230, para. 66" {
		t.Errorf("recommendation page citation = %q, want A/73/230, para. 66", c)
	}

	q := get(t, h, "/quotes")
	speakers := texts(q.doc.Find(`[data-testid="quote"] [data-testid="speaker"]`))
	if len(speakers) != 6 {
		t.Fatalf("quotes page shows %d quotes, want 6", len(speakers))
	}
	count := map[string]int{}
	for _, s := range speakers {
		count[strings.Split(s, ",")[0]]++
	}
	if count["Phil Lynch"] != 4 || count["UN Secretary-General"] != 2 {
		t.Errorf("quote speakers = %v, want four by Phil Lynch and two by the Secretary-General", count)
	}
}

func TestPagesAnswer(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, path := range []string{"/", "/documents", "/bodies", "/bodies/treaty-bodies", "/bodies/cescr", "/healthz", "/readyz"} {
		if r := get(t, h, path); r.status != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, r.status)
		}
	}
	home := get(t, h, "/")
	if got := home.doc.Find(`[data-testid="advance-count"]`).Text(); got != "11 advances" {
		t.Errorf("home advance count = %q, want 11 advances", got)
	}
	members := texts(get(t, h, "/bodies/treaty-bodies").doc.Find(`[data-testid="members"] a`))
	if !strings.Contains(strings.Join(members, "|"), "Committee on the Rights of the Child") {
		t.Errorf("treaty bodies members = %q, want the CRC among them", members)
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	tests := []struct {
		path   string
		status int
	}{
		{"/advances?body=nobody", 400},
		{"/advances?body=%3Cscript%3E", 400},
		{"/advances?document=A-1-1", 400},
		{"/advances?sort=title", 400},
		{"/advances?page=0", 400},
		{"/advances?page=two", 400},
		{"/advances?page=99", 400}, // lists page by cursor now: the message links the first page
		{"/advances?after=bm90IGEgY3Vyc29y", 400},
		{"/advances.json?after=%25", 400},
		{"/advances?bodies=cescr", 400},
		{"/advances?document=A-73-230&document=A-73-230", 400},
		{"/advances?body=%zz", 400},
		{"/documents/A-1-1", 404},
		{"/documents/A-73-230/paragraphs/abc", 400},
		{"/documents/A-73-230/paragraphs/-3", 400},
		{"/documents/A-73-230/paragraphs/99999999999999999999", 400},
		{"/documents/A-73-230/paragraphs/999", 404},
		{"/documents/nothing/paragraphs/1", 404},
		{"/advances/no-such-advance", 404},
		{"/recommendations/no-such", 404},
		{"/bodies/no-such", 404},
		{"/no/such/page", 404},
		// Text the database cannot hold, and numbers past what it counts in.
		{"/documents/%FF", 404},
		{"/documents/%00", 404},
		{"/bodies/%FF", 404},
		{"/advances/%FF", 404},
		{"/recommendations/%00", 404},
		{"/advances?body=%FF", 400},
		{"/advances?document=%00", 400},
		{"/advances.json?body=%FF", 400},
		{"/documents/A-73-230/paragraphs/2147483648", 400},
		{"/advances?page=500000000000000000", 400},
		{"/fr/documents/%FF/paragraphs/1", 404},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, h, tc.path)
			if r.status != tc.status {
				t.Errorf("GET %s = %d, want %d", tc.path, r.status, tc.status)
			}
			msg := strings.TrimSpace(r.doc.Find(`[data-testid="error-message"]`).Text())
			if strings.HasPrefix(tc.path, "/advances.json") {
				msg = r.body // the data twins answer in plain text
			}
			if msg == "" {
				t.Errorf("GET %s gives no message saying what was wrong", tc.path)
			}
			if strings.Contains(r.body, "<script>") {
				t.Errorf("GET %s echoes <script> unescaped", tc.path)
			}
		})
	}
	r := httptest.NewRecorder()
	h.ServeHTTP(r, httptest.NewRequest(http.MethodPost, "/advances", nil))
	if r.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /advances = %d, want 405", r.Code)
	}
}

func TestAddressVariants(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		method, path string
		status       int
		location     string
	}{
		{http.MethodHead, "/advances", http.StatusOK, ""},
		{http.MethodHead, "/no/such/page", http.StatusNotFound, ""},
		{http.MethodGet, "/advances/", http.StatusMovedPermanently, "/advances"},
		{http.MethodGet, "/fr/documents/A-73-230/", http.StatusMovedPermanently, "/fr/documents/A-73-230"},
		{http.MethodGet, "/documents/A-73-230/paragraphs/014", http.StatusMovedPermanently, "/documents/A-73-230/paragraphs/14"},
		{http.MethodGet, "/es/documents/A-73-230/paragraphs/+14", http.StatusMovedPermanently, "/es/documents/A-73-230/paragraphs/14"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || rec.Header().Get("Location") != tc.location {
			t.Errorf("%s %s = %d to %q, want %d to %q", tc.method, tc.path, rec.Code, rec.Header().Get("Location"), tc.status, tc.location)
		}
		if tc.method == http.MethodHead && rec.Body.Len() != 0 {
			t.Errorf("HEAD %s sent a body of %d bytes", tc.path, rec.Body.Len())
		}
	}
}

// Pages, styles and scripts travel compressed; static files under their hashed names may be
// cached for a year.
func TestCompressedAndCached(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	page := get(t, h, "/")
	var assets []string
	page.doc.Find(`link[rel="stylesheet"], script[src]`).Each(func(_ int, s *goquery.Selection) {
		assets = append(assets, s.AttrOr("href", s.AttrOr("src", "")))
	})
	if len(assets) != 2 {
		t.Fatalf("the front page loads %q, want its stylesheet and script", assets)
	}
	for _, path := range append([]string{"/", "/advances"}, assets...) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s = %d, Content-Encoding %q; want 200 gzip", path, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		if strings.HasPrefix(path, "/static/") && !strings.Contains(rec.Header().Get("Cache-Control"), "max-age=31536000") {
			t.Errorf("GET %s: Cache-Control %q, want a year", path, rec.Header().Get("Cache-Control"))
		}
	}
}
