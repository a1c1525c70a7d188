package server_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func fetch(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestAdvancesJSON(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	type doc struct {
		Lang     string
		Total    int
		Advances []struct {
			Slug, Title, Lang, Date string
			DatePrecision           string `json:"date_precision"`
			Citations               []string
		}
	}
	tests := []struct {
		path      string
		total     int
		title     string // of the first advance
		titleLang string
		citation  string
	}{
		{"/advances.json?body=cescr", 1, "First statement on human rights defenders by a treaty body", "en", "A/73/230, para. 14"},
		{"/advances.json?body=cescr&lang=fr", 1, "Première déclaration d’un organe conventionnel sur les défenseurs des droits humains", "fr", "A/73/230, par. 14"},
		{"/es/advances.json?body=cescr", 1, "Primera declaración de un órgano de tratado sobre los defensores de derechos humanos", "es", "A/73/230, párr. 14"},
		{"/advances.json?body=cescr&lang=ar", 1, "أول بيان بشأن المدافعين عن حقوق الإنسان تصدره هيئة معاهدات", "ar", "A/73/230، الفقرة 14"},
		{"/advances.json?body=treaty-bodies", 4, "", "", ""},
		{"/advances.json", 11, "", "", ""},
	}
	for _, tc := range tests {
		rec := fetch(t, h, tc.path)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("GET %s = %d %s", tc.path, rec.Code, rec.Header().Get("Content-Type"))
		}
		var d doc
		if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		if d.Total != tc.total || len(d.Advances) != tc.total {
			t.Errorf("GET %s: total %d with %d advances, want %d", tc.path, d.Total, len(d.Advances), tc.total)
		}
		if tc.title == "" {
			continue
		}
		a := d.Advances[0]
		if a.Title != tc.title || a.Lang != tc.titleLang || len(a.Citations) != 1 || a.Citations[0] != tc.citation {
			t.Errorf("GET %s: %q in %q cited %q; want %q in %q cited %q", tc.path, a.Title, a.Lang, a.Citations, tc.title, tc.titleLang, tc.citation)
		}
		if a.Date != "2016-10-07" || a.DatePrecision != "day" {
			t.Errorf("GET %s: date %q (%s), want 2016-10-07 (day)", tc.path, a.Date, a.DatePrecision)
		}
	}
}

func TestAdvancesCSV(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	rec := fetch(t, h, "/advances.csv?lang=fr")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("GET /advances.csv = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	body, ok := strings.CutPrefix(rec.Body.String(), "\uFEFF")
	if !ok {
		t.Errorf("GET /advances.csv does not start with a byte order mark")
	}
	if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="advances-fr.csv"` {
		t.Errorf("GET /advances.csv?lang=fr: Content-Disposition %q, want advances-fr.csv", got)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 12 || rows[0][0] != "slug" || rows[0][2] != "title" {
		t.Fatalf("GET /advances.csv: %d rows, header %q; want a header and 11 advances", len(rows), rows[0])
	}
	if rows[1][2] != "Première déclaration d’un organe conventionnel sur les défenseurs des droits humains" || rows[1][7] != "A/73/230, par. 14" {
		t.Errorf("first row = %q", rows[1])
	}
}

func TestDataTwinsRefuseBadInput(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, path := range []string{
		"/advances.json?lang=de", "/advances.csv?body=nobody", "/advances.json?document=A-1-1",
		"/advances.json?sort=title", "/advances.csv?page=2", "/advances.json?lang=fr&lang=es",
	} {
		rec := fetch(t, h, path)
		if rec.Code != http.StatusBadRequest || strings.TrimSpace(rec.Body.String()) == "" {
			t.Errorf("GET %s = %d %q, want 400 with a message", path, rec.Code, rec.Body.String())
		}
	}
}

func TestDownloadLinksKeepFilters(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/fr/advances?body=cescr&sort=date")
	if got := r.doc.Find(`[data-testid="export-csv"]`).AttrOr("href", ""); got != "/fr/advances.csv?body=cescr&sort=date" {
		t.Errorf("CSV link = %q, want the same filters in French", got)
	}
	if got := r.doc.Find(`[data-testid="export-json"]`).AttrOr("href", ""); got != "/fr/advances.json?body=cescr&sort=date" {
		t.Errorf("JSON link = %q", got)
	}
}

func TestAdvancesAtom(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	type feed struct {
		Lang    string `xml:"lang,attr"`
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Entries []struct {
			Lang    string `xml:"lang,attr"`
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	for _, tc := range []struct {
		path, lang, title, titleLang string
		entries                      int
	}{
		{"/advances.atom", "en", "", "", 11},
		{"/advances.atom?body=cescr&lang=fr", "fr", "Première déclaration d’un organe conventionnel sur les défenseurs des droits humains", "fr", 1},
		{"/ar/advances.atom?body=cescr", "ar", "أول بيان بشأن المدافعين عن حقوق الإنسان تصدره هيئة معاهدات", "ar", 1},
	} {
		rec := fetch(t, h, tc.path)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("GET %s = %d %s", tc.path, rec.Code, rec.Header().Get("Content-Type"))
		}
		var f feed
		if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		if f.Lang != tc.lang || len(f.Entries) != tc.entries || f.Updated == "" || !strings.HasPrefix(f.ID, "http://example.com/") {
			t.Errorf("GET %s: feed in %q with %d entries, updated %q, id %q; want %q with %d", tc.path, f.Lang, len(f.Entries), f.Updated, f.ID, tc.lang, tc.entries)
			continue
		}
		e := f.Entries[0]
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("GET %s: entry updated %q is not RFC 3339", tc.path, e.Updated)
		}
		if e.Link.Href != e.ID || !strings.HasPrefix(e.ID, "http://example.com/") {
			t.Errorf("GET %s: entry id %q, link %q; want the advance's absolute address", tc.path, e.ID, e.Link.Href)
		}
		if tc.title != "" && (e.Title != tc.title || e.Lang != tc.titleLang) {
			t.Errorf("GET %s: entry %q in %q, want %q in %q", tc.path, e.Title, e.Lang, tc.title, tc.titleLang)
		}
	}
	for _, path := range []string{"/advances.atom?sort=date", "/advances.atom?lang=xx", "/advances.atom?body=nobody"} {
		if rec := fetch(t, h, path); rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", path, rec.Code)
		}
	}
	r := get(t, h, "/fr/advances?body=cescr&sort=date")
	if got := r.doc.Find(`link[type="application/atom+xml"]`).AttrOr("href", ""); got != "/fr/advances.atom?body=cescr" {
		t.Errorf("the list's feed link = %q, want /fr/advances.atom?body=cescr", got)
	}
}
