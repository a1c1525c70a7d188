package server_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/gcdata"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// hitLinks are the addresses of the hits a search page lists, in its order.
func hitLinks(r response) []string {
	var out []string
	r.doc.Find(`[data-testid="hit-link"]`).Each(func(_ int, a *goquery.Selection) {
		out = append(out, a.AttrOr("href", ""))
	})
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	const (
		policy   = "/advances/special-procedures-reprisals-policy"
		sanJose  = "/advances/san-jose-guidelines"
		official = "/advances/senior-official-on-reprisals"
	)
	for _, tc := range []struct {
		path      string
		want, not []string
	}{
		{"/search?q=reprisals", []string{policy, sanJose, official}, nil},
		{"/search?q=%22San+Jos%C3%A9%22", []string{sanJose}, []string{policy, official}},
		{"/search?q=reprisals+-guidelines", []string{policy, official}, []string{sanJose}},
		{"/fr/search?q=repr%C3%A9sailles", []string{"/fr" + policy, "/fr" + sanJose, "/fr" + official}, nil},
		{"/fr/search?q=represailles", []string{"/fr" + policy, "/fr" + sanJose, "/fr" + official}, nil},
		{"/search?q=reprisals&kind=advance", []string{policy}, []string{"/documents/A-73-230/paragraphs/21"}},
		{"/search?q=reprisals&kind=paragraph", []string{"/documents/A-73-230/paragraphs/21"}, []string{policy}},
		{"/search?q=reprisals&body=special-procedures", []string{policy}, []string{sanJose}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := get(t, h, tc.path)
			if r.status != http.StatusOK {
				t.Fatalf("GET %s = %d", tc.path, r.status)
			}
			got := hitLinks(r)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("GET %s lists %v, want %s among them", tc.path, got, w)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(got, w) {
					t.Errorf("GET %s lists %v, want no %s", tc.path, got, w)
				}
			}
		})
	}

	// The matched words are marked, in the title of each advance found.
	r := get(t, h, "/search?q=reprisals")
	for _, link := range []string{policy, sanJose, official} {
		marks := texts(r.doc.Find(`[data-testid="hit-link"][href="` + link + `"] mark`))
		if len(marks) == 0 || !strings.EqualFold(marks[0], "reprisals") {
			t.Errorf("hit %s marks %q, want “reprisals”", link, marks)
		}
	}
	if n := r.doc.Find(`[data-testid="kind-advance"]`).Length(); n != 1 {
		t.Errorf("GET /search?q=reprisals has %d links to its advances, want 1 with their count", n)
	}
	if got := texts(r.doc.Find(`title`)); len(got) != 1 || !strings.Contains(got[0], "reprisals") {
		t.Errorf("GET /search?q=reprisals has title %q, want the words searched in it", got)
	}
}

func TestSearchReferences(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct{ path, want string }{
		{"/search?q=A%2F73%2F230+para+43", "/documents/A-73-230/paragraphs/43"},
		{"/search?q=a/73/230,+para.+43", "/documents/A-73-230/paragraphs/43"},
		{"/fr/search?q=A/73/230+par.+12", "/fr/documents/A-73-230/paragraphs/12"},
		{"/es/search?q=A/73/230", "/es/documents/A-73-230"},
	} {
		r := get(t, h, tc.path)
		if loc := r.header.Get("Location"); r.status != http.StatusSeeOther || loc != tc.want {
			t.Errorf("GET %s = %d to %q, want 303 to %q", tc.path, r.status, loc, tc.want)
		}
	}
	// A symbol the tracker does not hold is searched for as words.
	if r := get(t, h, "/search?q=A/99/999"); r.status != http.StatusOK {
		t.Errorf("GET /search?q=A/99/999 = %d, want 200", r.status)
	}
}

// Whatever the reader types, search answers with a page, never a 5xx.
func TestSearchBadInput(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		path   string
		status int
		say    string
	}{
		{"/search", http.StatusOK, "How to search"},
		{"/search?q=", http.StatusOK, "How to search"},
		{"/search?q=+++", http.StatusOK, "How to search"},
		{"/search?q=" + strings.Repeat("word+", 60), http.StatusBadRequest, "up to 256 characters"},
		{"/search?q=a%01b", http.StatusBadRequest, "cannot be searched"},
		{"/search?q=a%EE%80%80b", http.StatusBadRequest, "cannot be searched"},
		{"/search?q=%ff", http.StatusBadRequest, "malformed"},
		{"/search?q=x&kind=pages", http.StatusBadRequest, "not a kind of result"},
		{"/search?q=x&q=y", http.StatusBadRequest, "more than once"},
		{"/search?q=x&sort=date", http.StatusBadRequest, "does not know the parameter"},
		{"/search?q=reprisals&page=9", http.StatusNotFound, "no page 9"},
		{"/search?q=x&body=nobody", http.StatusBadRequest, "no UN body"},
		{`/search?q=%22%22%22(((--or-+!%3A*%26%7C`, http.StatusOK, "Nothing in the tracker matches"},
		{"/search?q=the+and+of", http.StatusOK, "Nothing in the tracker matches"},
		{"/search?q=zzzzqqq", http.StatusOK, "Nothing in the tracker matches"},
		{"/search.json", http.StatusBadRequest, "q parameter"},
		{"/search.csv?q=x&lang=xx", http.StatusBadRequest, "not a language"},
	} {
		r := get(t, h, tc.path)
		if r.status != tc.status || !strings.Contains(r.body, tc.say) {
			t.Errorf("GET %s = %d, want %d saying %q; body:\n%.300s", tc.path, r.status, tc.status, tc.say, r.doc.Find("main").Text())
		}
	}
}

// Data carrying HTML comes back escaped, and the markers never reach the page or the twins.
func TestSearchEscapes(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", manyAdvances(1, `<script>alert("x")</script> <b>bold reprisal</b>`)); err != nil {
		t.Fatal(err)
	}
	h := server.New(s, discard, server.Options{})
	r := get(t, h, "/search?q=reprisal+bold")
	if r.status != http.StatusOK {
		t.Fatalf("GET /search = %d", r.status)
	}
	if strings.Contains(r.body, "<script>") || strings.Contains(r.body, "<b>") || r.doc.Find("script:not([src])").Length() > 0 {
		t.Error("GET /search carries live HTML from the data")
	}
	if !strings.Contains(r.body, "&lt;script&gt;") || r.doc.Find("mark").Length() < 2 {
		t.Errorf("GET /search does not show the title escaped with its matches marked:\n%s", r.doc.Find("main").Text())
	}
	for _, path := range []string{"/search?q=reprisal", "/search.json?q=reprisal", "/search.csv?q=reprisal"} {
		if body := get(t, h, path).body; strings.ContainsAny(body, "\uE000\uE001") {
			t.Errorf("GET %s carries the highlight markers", path)
		}
	}
}

func TestSearchTwins(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	rec := fetch(t, h, "/fr/search.json?q=reprisals&kind=paragraph")
	var doc struct {
		Lang    string         `json:"lang"`
		Total   int            `json:"total"`
		Counts  map[string]int `json:"counts"`
		Results []struct {
			Kind, Title, Snippet, URL, Citation, Lang string
		} `json:"results"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatalf("GET /fr/search.json: %v", err)
	}
	if doc.Lang != "fr" || doc.Total == 0 || doc.Total != len(doc.Results) || doc.Counts["advance"] == 0 {
		t.Fatalf("GET /fr/search.json = %+v", doc)
	}
	first := doc.Results[0]
	if first.Kind != "paragraph" || !strings.HasPrefix(first.URL, "http://example.com/fr/documents/A-73-230/paragraphs/") ||
		!strings.HasPrefix(first.Citation, "A/73/230, par. ") || !strings.Contains(strings.ToLower(first.Snippet), "reprisal") {
		t.Errorf("GET /fr/search.json first result = %+v", first)
	}

	rec = fetch(t, h, "/search.csv?q=reprisals&lang=es")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatalf("GET /search.csv: %v", err)
	}
	if len(rows) < 4 || strings.Join(rows[0], ",") != "kind,title,snippet,url,citation,document,lang" {
		t.Fatalf("GET /search.csv = %q", rows)
	}
	found := false
	for _, row := range rows[1:] {
		found = found || row[3] == "http://example.com/es/advances/san-jose-guidelines"
	}
	if !found {
		t.Errorf("GET /search.csv?lang=es lacks the San José Guidelines at their Spanish address: %q", rows)
	}
}

// After the General Comments are imported, a phrase finds the paragraphs that say it, each
// linking to its permalink.
func TestSearchCorpus(t *testing.T) {
	t.Parallel()
	dir := testenv.Corpus(t)
	s := dbtest.New(t)
	if _, err := gcdata.Import(t.Context(), s, dir, 5); err != nil {
		t.Fatal(err)
	}
	h := server.New(s, discard, server.Options{})
	r := get(t, h, "/search?q=%22human+rights+defenders%22&kind=paragraph")
	if r.status != http.StatusOK {
		t.Fatalf("GET /search = %d", r.status)
	}
	links := hitLinks(r)
	if len(links) == 0 {
		t.Fatal(`searching "human rights defenders" finds no paragraph`)
	}
	for i, link := range links {
		if !strings.HasPrefix(link, "/documents/") || !strings.Contains(link, "/paragraphs/") {
			t.Errorf("hit %d links to %s, want a paragraph's permalink", i, link)
			continue
		}
		if p := get(t, h, link); p.status != http.StatusOK {
			t.Errorf("hit %d's link %s = %d", i, link, p.status)
		}
	}
	snippets := texts(r.doc.Find(`[data-testid="snippet"]`))
	marks := texts(r.doc.Find(`[data-testid="snippet"] mark`))
	if len(snippets) != len(links) || len(marks) < 3 {
		t.Errorf("%d hits have %d snippets with %d marked words %q", len(links), len(snippets), len(marks), marks)
	}
	for _, m := range marks {
		// The stemmer makes "defending" a form of "defenders".
		if w := strings.ToLower(m); !strings.HasPrefix(w, "human") && !strings.HasPrefix(w, "right") && !strings.HasPrefix(w, "defend") {
			t.Errorf("snippet marks %q, not a word of the phrase", m)
		}
	}
}
