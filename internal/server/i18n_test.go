package server_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"golang.org/x/net/html"
)

func TestEveryPageInEveryLanguage(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, l := range i18n.Langs {
		english := englishFragments(l)
		for _, p := range pagetypes.All {
			url := p.In(l).Path
			t.Run(url, func(t *testing.T) {
				r := get(t, h, url)
				if r.status != p.Status {
					t.Fatalf("GET %s = %d, want %d", url, r.status, p.Status)
				}
				htmlTag := r.doc.Find("html")
				if got := htmlTag.AttrOr("lang", ""); got != l.Code {
					t.Errorf("GET %s: <html lang=%q>, want %q", url, got, l.Code)
				}
				if got := htmlTag.AttrOr("dir", ""); got != l.Dir() {
					t.Errorf("GET %s: <html dir=%q>, want %q", url, got, l.Dir())
				}
				if l == i18n.English {
					return
				}
				for _, s := range interfaceText(r.doc, l.Code) {
					for _, f := range english {
						if strings.Contains(s, f) {
							t.Errorf("GET %s shows English interface text %q in %q", url, f, s)
						}
					}
				}
			})
		}
	}
}

// interfaceText is the page's text, and its aria-labels, outside elements marked as being in
// another language than the page's: what is left should all be in the page's language.
func interfaceText(doc *goquery.Document, pageLang string) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Val != pageLang && n.Data != "html" {
					return
				}
				if a.Key == "aria-label" {
					out = append(out, a.Val)
				}
			}
		}
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return out
}

var verb = regexp.MustCompile(`%(\[\d+\])?[sd]`)

// englishFragments are the pieces of the English catalog, split at their %s and %d, that
// should never show on a page in l: those of four letters or more that l's own catalog does
// not also use (French shares "Documents" and "Source" with English, for instance).
func englishFragments(l *i18n.Lang) []string {
	own := strings.Join(catalogStrings(reflect.ValueOf(*l.Messages)), "\n")
	var out []string
	for _, s := range catalogStrings(reflect.ValueOf(*i18n.English.Messages)) {
		for _, f := range verb.Split(s, -1) {
			f = strings.Trim(f, " ,.:;()·“”")
			if len(f) >= 4 && !strings.Contains(own, f) && !slices.Contains(out, f) && !isParam(f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// isParam reports whether s names a query parameter: a message that lists the parameters a
// page takes names them as the addresses spell them, the same in every language.
func isParam(s string) bool {
	for _, p := range []site.Param{site.ParamQ, site.ParamKind, site.ParamBody, site.ParamDocument, site.ParamSpeaker,
		site.ParamOrganisation, site.ParamSort, site.ParamAfter, site.ParamPage, site.ParamLang} {
		if string(p) == s {
			return true
		}
	}
	return false
}

func catalogStrings(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Struct, reflect.Array:
		var out []string
		n := v.Len
		if v.Kind() == reflect.Struct {
			n = v.NumField
		}
		for i := range n() {
			if v.Kind() == reflect.Struct {
				out = append(out, catalogStrings(v.Field(i))...)
			} else {
				out = append(out, catalogStrings(v.Index(i))...)
			}
		}
		return out
	case reflect.Map:
		var out []string
		for _, k := range v.MapKeys() {
			out = append(out, v.MapIndex(k).String())
		}
		return out
	}
	return nil
}

func TestFrenchAdvancesFiltered(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/fr/advances?body=cescr")
	if r.status != http.StatusOK {
		t.Fatalf("GET /fr/advances?body=cescr = %d", r.status)
	}
	if got := r.doc.Find("h1").Text(); got != "Avancées" {
		t.Errorf("French advances heading = %q, want Avancées", got)
	}
	if got := strings.TrimSpace(r.doc.Find(`[data-testid="advance"] h2`).Text()); got != "Première déclaration d’un organe conventionnel sur les défenseurs des droits humains" {
		t.Errorf("French advance title = %q", got)
	}
	if got := r.doc.Find(`[data-testid="result-count"]`).Text(); got != "1 avancée" {
		t.Errorf("French result count = %q, want 1 avancée", got)
	}
	if got := r.doc.Find(`[data-testid="advance"] time`).Text(); got != "7 octobre 2016" {
		t.Errorf("French date = %q, want 7 octobre 2016", got)
	}
	// Links stay in French and keep the filter when the language changes.
	if got := r.doc.Find(`[data-testid="advance"] h2 a`).AttrOr("href", ""); got != "/fr/advances/cescr-statement-on-defenders" {
		t.Errorf("French advance link = %q", got)
	}
	alternates := map[string]string{}
	r.doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, s *goquery.Selection) {
		alternates[s.AttrOr("hreflang", "")] = s.AttrOr("href", "")
	})
	const site = "http://example.com" // httptest's host
	want := map[string]string{
		"en": site + "/advances?body=cescr", "fr": site + "/fr/advances?body=cescr", "es": site + "/es/advances?body=cescr",
		"ar": site + "/ar/advances?body=cescr", "x-default": site + "/advances?body=cescr",
	}
	if !reflect.DeepEqual(alternates, want) {
		t.Errorf("hreflang alternates = %v, want %v", alternates, want)
	}
	names := texts(r.doc.Find(`[data-testid="languages"] a`))
	if !slices.Equal(names, []string{"English", "Français", "Español", "العربية"}) {
		t.Errorf("language switcher = %q, want each language named in itself", names)
	}
	if got := r.doc.Find(`[data-testid="languages"] a[hreflang="ar"]`).AttrOr("lang", ""); got != "ar" {
		t.Errorf("the Arabic link has lang=%q, want ar so that screen readers say it in Arabic", got)
	}
}

func TestFallbackToOriginal(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	// The data set has no Arabic facts: they show in English, marked as such.
	r := get(t, h, "/ar/advances/cescr-statement-on-defenders")
	fact := r.doc.Find(`[data-testid="fact"] [lang="en"]`).First()
	if strings.TrimSpace(fact.Text()) != "Adopted on 7 October 2016 as statement E/C.12/2016/2." {
		t.Errorf("Arabic page fact = %q, want the English original marked lang=en", fact.Text())
	}
	if r.doc.Find(`[data-testid="fact"] [data-testid="untranslated"]`).Length() != 1 {
		t.Error("the untranslated fact carries no visible note")
	}
	// Quotes stay in the words they were said in.
	q := get(t, h, "/es/quotes").doc.Find(`[data-testid="quote"] blockquote`).First()
	if q.AttrOr("lang", "") != "en" || !strings.HasPrefix(q.Text(), "[w]hen human rights defenders") {
		t.Errorf("Spanish quotes page quote = %q (lang %q), want the English words as said", q.Text(), q.AttrOr("lang", ""))
	}
}

func TestAcceptLanguageOnlySuggests(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, path := range []string{"/documents/A-73-230/paragraphs/14", "/fr/documents/A-73-230/paragraphs/14"} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Language", "es-ES,es;q=0.9")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s with Accept-Language: es = %d, want 200 and no redirect", path, rec.Code)
		}
		doc, _ := goquery.NewDocumentFromReader(rec.Body)
		suggest := doc.Find(`[data-testid="suggest-language"]`)
		if suggest.AttrOr("lang", "") != "es" || suggest.Find("a").AttrOr("href", "") != "/es/documents/A-73-230/paragraphs/14" {
			t.Errorf("GET %s with Accept-Language: es suggests %q, want a Spanish link to the same paragraph", path, suggest.Find("a").AttrOr("href", ""))
		}
	}
	if r := get(t, h, "/es/advances"); r.doc.Find(`[data-testid="suggest-language"]`).Length() != 0 {
		t.Error("a page suggests a language without being asked")
	}
}

func TestLocalizedErrors(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		path, want string
	}{
		{"/fr/advances?sort=title", "Les avancées se trient"},
		{"/es/documents/A-73-230/paragraphs/999", "A/73/230 no tiene párrafo 999"},
		{"/ar/bodies/nobody", "لا نعرف هيئة"},
		{"/fr/nowhere", "Il n’y a pas de page"},
	} {
		r := get(t, h, tc.path)
		if msg := r.doc.Find(`[data-testid="error-message"]`).Text(); !strings.Contains(msg, tc.want) {
			t.Errorf("GET %s says %q, want %q in it", tc.path, msg, tc.want)
		}
	}
	if r := get(t, h, "/de/advances"); r.status != http.StatusNotFound {
		t.Errorf("GET /de/advances = %d, want 404: German is not one of our languages", r.status)
	}
}
