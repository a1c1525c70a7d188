package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/web/static"
)

const publicURL = "https://hrd.example.org"

// seededPublic is the tracker over the shipped data set with PUBLIC_URL set, as in production.
func seededPublic(t testing.TB) http.Handler {
	t.Helper()
	s := dbtest.New(t)
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}
	return server.New(s, discard, server.Options{PublicURL: publicURL})
}

// do sends req through h and returns the recorded response.
func do(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// The hostile requests of the attack on loopback, and their kin.
var hostileTargets = []string{
	"/advances?" + strings.Repeat("&", 1<<20),
	"/advances?" + strings.Repeat("&", 4000),
	"/fr/advances?" + strings.Repeat("body=x&", 500),
	"/" + strings.Repeat("a/", 1<<19),
	"/%09/evil.example/",
	"/%09/evil.example",
	"//evil.example/",
	"/\\evil.example/",
	"/%5Cevil.example/",
	"/%2F/evil.example/",
	"/fr/%2Fevil.example",
	"/fr/%5Cevil.example",
	"/fr/%2F%2Fevil.example/",
	"/es/documents/%2F%2Fevil.example/paragraphs/1",
	"/ar/advances/%2F%2Fevil.example/",
	"/advances/%0d%0aLocation:%20https:%2F%2Fevil.example/",
	"/documents/A-73-230/paragraphs/014?x=//evil.example",
	"/advances.atom?body=%2F%2Fevil.example",
	"/advances.json?lang=fr&document=%5Cevil.example",
	"/static/%2F%2Fevil.example",
}

// linkAttrs finds every address a page or feed points at.
var linkAttrs = regexp.MustCompile(`(?i)(?:href|src|action)\s*=\s*"([^"]*)"|<id>([^<]*)</id>|"url":\s*"([^"]*)"`)

// checkSameOrigin fails if a response's Location or any of its links leads off the site.
func checkSameOrigin(t *testing.T, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	base, _ := url.Parse(publicURL + "/")
	links := []string{rec.Header().Get("Location")}
	for _, m := range linkAttrs.FindAllStringSubmatch(rec.Body.String(), -1) {
		links = append(links, m[1]+m[2]+m[3])
	}
	for _, link := range links {
		if link == "" {
			continue
		}
		link = strings.ReplaceAll(link, "&amp;", "&")
		u, err := url.Parse(link)
		if err != nil {
			t.Errorf("%.80s: link %q does not parse", target, link)
			continue
		}
		if u.Scheme == "mailto" {
			continue
		}
		abs := base.ResolveReference(u)
		if strings.ContainsAny(link, "\t\r\n\\") || (abs.Host != base.Host && !(u.IsAbs() && external(link))) {
			t.Errorf("%.80s: link %q leads to %q, off the site", target, link, abs.Host)
		}
	}
}

// external reports whether a link is one of the data's own references to the UN and other
// sources, which are meant to leave the site and never come from the request.
func external(link string) bool {
	_, data := dataset.Seed()
	// A UN document's text is offered in the page's language: undocs.org/fr/A/73/230.
	unLang := regexp.MustCompile(`^https://undocs\.org/[a-z]{2}/`)
	link = unLang.ReplaceAllString(link, "https://undocs.org/")
	return link == "http://www.w3.org/2005/Atom" || strings.Contains(string(data), link)
}

// No request, of any shape, answers with more than 64 KB beyond a real page's size, nor with
// a Location or a link to another site; and with PUBLIC_URL set, no host from the request.
func TestHostileRequests(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	pageSize := do(h, httptest.NewRequest(http.MethodGet, "/advances", nil)).Body.Len()
	for _, target := range hostileTargets {
		for _, host := range []string{"hrd.example.org", "attacker.test", "attacker.test:8080", strings.Repeat("e", 300) + ".example"} {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL, _ = url.Parse(target)
			if req.URL == nil {
				req.URL = &url.URL{Path: target}
			}
			req.RequestURI, req.Host = target, host
			rec := do(h, req)
			if rec.Code >= 500 {
				t.Errorf("GET %.80s (Host %.20s) = %d", target, host, rec.Code)
			}
			if n := rec.Body.Len(); n > pageSize+64<<10 {
				t.Errorf("GET %.80s (Host %.20s) answers %d bytes, over a page's %d plus 64 KB", target, host, n, pageSize)
			}
			if host != "hrd.example.org" && strings.Contains(rec.Body.String(), host) {
				t.Errorf("GET %.80s (Host %.20s) puts the request's host in its answer", target, host)
			}
			if strings.Contains(rec.Header().Get("Location"), "evil") {
				t.Errorf("GET %.80s (Host %.20s) redirects to %q", target, host, rec.Header().Get("Location"))
			}
			checkSameOrigin(t, target, rec)
		}
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	for _, tc := range []struct {
		name, target, host string
		status             int
	}{
		{"long query", "/advances?" + strings.Repeat("&", 5000), "", http.StatusRequestURITooLong},
		{"long query in French", "/fr/advances?" + strings.Repeat("&", 5000), "", http.StatusRequestURITooLong},
		{"long path", "/documents/" + strings.Repeat("a", 5000), "", http.StatusRequestURITooLong},
		{"tab in the path", "/%09/evil.example", "", http.StatusNotFound},
		{"backslash in the path", "/%5Cevil.example", "", http.StatusNotFound},
		{"long host", "/advances.atom", strings.Repeat("a", 1<<20), http.StatusBadRequest},
		{"host with a path", "/advances", "evil.example/x", http.StatusBadRequest},
		{"short query", "/advances?" + strings.Repeat("&", 1000), "", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tc.target, nil)
			if tc.host != "" {
				req.Host = tc.host
			}
			rec := do(h, req)
			if rec.Code != tc.status {
				t.Errorf("GET %.60s = %d, want %d", tc.target, rec.Code, tc.status)
			}
			if rec.Code != http.StatusOK && rec.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("GET %.60s: Cache-Control %q, want no-store on a refusal", tc.target, rec.Header().Get("Cache-Control"))
			}
		})
	}
	// The refusal speaks the language of the address.
	rec := do(h, httptest.NewRequest(http.MethodGet, "/fr/advances?"+strings.Repeat("&", 5000), nil))
	if !strings.Contains(rec.Body.String(), `lang="fr"`) {
		t.Error("a too-long French address is refused in another language")
	}
}

// Trailing slashes still lead to the page, and only ever to a page of this site.
func TestSlashRedirects(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	for _, tc := range []struct{ target, location string }{
		{"/advances/", "/advances"},
		{"/advances///", "/advances"},
		{"/fr/advances/?body=cescr", "/fr/advances?body=cescr"},
		{"//evil.example/", ""},
		{"/%2F/evil.example/", ""},
		{"/%09/evil.example/", ""},
		{"/%5C/evil.example/", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, _ = url.Parse(tc.target)
		req.RequestURI = tc.target
		rec := do(h, req)
		if got := rec.Header().Get("Location"); got != tc.location {
			t.Errorf("GET %s: Location %q, want %q", tc.target, got, tc.location)
		}
	}
}

// Pages, data twins and feeds may be kept, but must be asked for again each time with their
// ETag (no-cache): the server's page cache makes that a cheap 304, and an edit reaches every
// reader at once. (They used to say max-age=60, which let a browser or proxy show a page a
// minute old after an edit; the tracker promises a second.) Errors say not to keep them at
// all. Without PUBLIC_URL a page carries the request's host, so only the reader's browser may
// keep it.
func TestCacheControl(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	for _, tc := range []struct{ target, want string }{
		{"/", "public, no-cache"},
		{"/fr/advances?body=cescr", "public, no-cache"},
		{"/advances.json", "public, no-cache"},
		{"/advances.csv", "public, no-cache"},
		{"/advances.atom", "public, no-cache"},
		{"/no/such/page", "no-store"},
		{"/advances?sort=title", "no-store"},
		{"/advances.json?sort=title", "no-store"},
		{"/healthz", "no-store"},
		{static.URL("style.css"), "public, max-age=31536000, immutable"},
	} {
		rec := do(h, httptest.NewRequest(http.MethodGet, tc.target, nil))
		if got := rec.Header().Get("Cache-Control"); got != tc.want {
			t.Errorf("GET %s: Cache-Control %q, want %q", tc.target, got, tc.want)
		}
	}
	dev, _ := seeded(t)
	if got := do(dev, httptest.NewRequest(http.MethodGet, "/advances", nil)).Header().Get("Cache-Control"); !strings.HasPrefix(got, "private") {
		t.Errorf("without PUBLIC_URL, Cache-Control %q, want private", got)
	}
}

func TestMethodsAndRanges(t *testing.T) {
	t.Parallel()
	h := seededPublic(t)
	css := static.URL("style.css")
	for _, tc := range []struct{ method, target string }{
		{http.MethodPost, "/advances"},
		{http.MethodDelete, css},
		{http.MethodPut, "/fr/documents/A-73-230"},
		{http.MethodPost, "/advances.json"},
		{http.MethodDelete, "/healthz"},
	} {
		rec := do(h, httptest.NewRequest(tc.method, tc.target, nil))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s = %d with Allow %q, want 405 with Allow \"GET, HEAD\"", tc.method, tc.target, rec.Code, rec.Header().Get("Allow"))
		}
	}
	whole := do(h, httptest.NewRequest(http.MethodGet, css, nil)).Body.Len()
	req := httptest.NewRequest(http.MethodGet, css, nil)
	req.Header.Set("Range", "bytes=0-0"+strings.Repeat(",0-0", 7000))
	if rec := do(h, req); rec.Code != http.StatusOK || rec.Body.Len() != whole {
		t.Errorf("GET %s with 7,001 ranges = %d, %d bytes; want 200 and the whole %d-byte file", css, rec.Code, rec.Body.Len(), whole)
	}
	req = httptest.NewRequest(http.MethodGet, css, nil)
	req.Header.Set("Range", "bytes=0-9")
	if rec := do(h, req); rec.Code != http.StatusPartialContent || rec.Body.Len() != 10 {
		t.Errorf("GET %s with one range = %d, %d bytes; want 206 and 10 bytes", css, rec.Code, rec.Body.Len())
	}
}

// Whatever path and query a request has, every link of the answer stays on the site.
func FuzzRequestLinks(f *testing.F) {
	for _, target := range hostileTargets {
		if len(target) < 200 {
			f.Add(target)
		}
	}
	f.Add("/advances?body=cescr&page=1")
	f.Add("/fr/documents/A-73-230/paragraphs/14")
	h := seededPublic(f)
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || !strings.HasPrefix(target, "/") {
			return // net/http refuses such a request line before any handler sees it
		}
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL, req.RequestURI = u, target
		rec := do(h, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q = %d", target, rec.Code)
		}
		checkSameOrigin(t, target, rec)
	})
}
