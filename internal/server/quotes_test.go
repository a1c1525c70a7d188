package server_test

import (
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
)

// The quotes filter by speaker and organisation, in their page, twins and feed alike; a
// speaker or organisation no quote names is a mistake to point out.
func TestQuoteFilters(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		path    string
		status  int
		quotes  int
		speaker string // every quote's speaker begins so
	}{
		{"/quotes?speaker=Phil+Lynch", http.StatusOK, 4, "Phil Lynch"},
		{"/fr/quotes?organisation=United+Nations", http.StatusOK, 2, "UN Secretary-General"},
		{"/quotes?speaker=Phil+Lynch&organisation=United+Nations", http.StatusOK, 0, ""},
		{"/quotes?speaker=Nobody", http.StatusBadRequest, 0, ""},
		{"/es/quotes?organisation=Nowhere", http.StatusBadRequest, 0, ""},
		{"/quotes.json?speaker=Nobody", http.StatusBadRequest, 0, ""},
		{"/quotes.atom?organisation=Nowhere", http.StatusBadRequest, 0, ""},
	} {
		r := get(t, h, tc.path)
		if r.status != tc.status {
			t.Errorf("GET %s = %d, want %d", tc.path, r.status, tc.status)
			continue
		}
		if tc.status != http.StatusOK {
			if !strings.Contains(r.body, "Nobody") && !strings.Contains(r.body, "Nowhere") {
				t.Errorf("GET %s: the error does not name the value refused", tc.path)
			}
			continue
		}
		speakers := texts(r.doc.Find(`[data-testid="quote"] [data-testid="speaker"]`))
		if len(speakers) != tc.quotes {
			t.Errorf("GET %s lists %d quotes, want %d", tc.path, len(speakers), tc.quotes)
		}
		for _, s := range speakers {
			if !strings.HasPrefix(s, tc.speaker) {
				t.Errorf("GET %s lists a quote by %q, want %q", tc.path, s, tc.speaker)
			}
		}
		if got := r.doc.Find(`[data-testid="active-filters"] li`).Length(); got < 2 {
			t.Errorf("GET %s shows %d active-filter chips, want one per filter and Clear all", tc.path, got)
		}
	}
}

// Each quote carries a citation to copy, on its page and in its twins.
func TestQuoteCitation(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/fr/quotes?speaker=Phil+Lynch")
	cites := r.doc.Find(`[data-testid="quote-cite"] [data-copy]`)
	if cites.Length() != 4 {
		t.Fatalf("GET /fr/quotes?speaker=Phil+Lynch: %d citations to copy, want 4", cites.Length())
	}
	want := "Phil Lynch (Executive Director, International Service for Human Rights (ISHR)), dans\u00a0: "
	if got := cites.First().AttrOr("data-copy", ""); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "http://ishr.ch/news/un-secretary-generals-audit-uns-work-hrds-makes-evident-significant-advances") {
		t.Errorf("a quote's citation is %q, want %q, the source's title and address", got, want)
	}
	csv := get(t, h, "/fr/quotes.csv?speaker=Phil+Lynch").body
	if !strings.Contains(csv, "cite_as") || !strings.Contains(csv, want) {
		t.Errorf("the quotes' CSV twin lacks their citations:\n%s", csv)
	}
}

// The feeds of recommendations and quotes list them with their addresses.
func TestItemFeeds(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		path    string
		entries int
		link    string
	}{
		{"/recommendations.atom", 2, "/recommendations/"},
		{"/fr/quotes.atom", 6, "/fr/quotes?document=A-73-230#quote-"},
		{"/quotes.atom?speaker=UN+Secretary-General", 2, "/quotes?document=A-73-230#quote-sg-"},
	} {
		r := get(t, h, tc.path)
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("GET %s = %d %s, want an Atom feed", tc.path, r.status, r.header.Get("Content-Type"))
		}
		var feed struct {
			Updated string `xml:"updated"`
			Entries []struct {
				ID string `xml:"id"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		if len(feed.Entries) != tc.entries {
			t.Errorf("GET %s: %d entries, want %d", tc.path, len(feed.Entries), tc.entries)
		}
		for _, e := range feed.Entries {
			if !strings.Contains(e.ID, tc.link) {
				t.Errorf("GET %s: entry %q, want an address with %q", tc.path, e.ID, tc.link)
			}
		}
		if strings.HasPrefix(feed.Updated, "1970") {
			t.Errorf("GET %s: updated %s, want the last change", tc.path, feed.Updated)
		}
	}
}

// A body's page lists the documents it wrote, the recommendations addressed to it and the
// quotes of its people, each with a link.
func TestBodyPageLists(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/bodies/ishr")
	if href := r.doc.Find(`[data-testid="body-document"] a`).AttrOr("href", ""); href != "/sources/ishr-sg-audit-hrds" {
		t.Errorf("GET /bodies/ishr: the first document it wrote links to %q, want its source page", href)
	}
	if n := r.doc.Find(`[data-testid="quotes"] [data-testid="quote"]`).Length(); n != 4 {
		t.Errorf("GET /bodies/ishr lists %d quotes by its people, want 4", n)
	}
	r = get(t, h, "/fr/bodies/un-secretary-general")
	if href := r.doc.Find(`[data-testid="body-document"] a`).AttrOr("href", ""); href != "/fr/documents/A-73-230" {
		t.Errorf("GET /fr/bodies/un-secretary-general: the first document it wrote links to %q, want A/73/230", href)
	}
	if n := r.doc.Find(`[data-testid="quotes"] [data-testid="quote"]`).Length(); n != 2 {
		t.Errorf("GET /fr/bodies/un-secretary-general lists %d quotes, want 2", n)
	}
}
