package e2e

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// Readers on watched connections must not be exposed to anyone but us: no page of any type
// makes a request outside the app's origin, and none sets a cookie. openTab fails the test
// for either; this test takes the tab through every page type and checks what it recorded.
func TestNoThirdPartiesNoCookies(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, p := range pagetypes.EveryLanguage() {
		tb.open(t, p.Path, p.Status)
		if got := eval[string](t, tb, `document.cookie`); got != "" {
			t.Errorf("GET %s: document.cookie = %q, want none", p.Path, got)
		}
	}
	// The record must hold the pages' own resources too, or it proves nothing.
	if !slices.ContainsFunc(tb.requested(), func(path string) bool { return strings.HasPrefix(path, "/static/") }) {
		t.Errorf("the tab recorded no request for a static file, only %q: is it recording?", tb.requested())
	}
}

// Every page type sends a Content-Security-Policy that forbids inline script and style and
// anything from another origin, and no Set-Cookie.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	for _, p := range pagetypes.EveryLanguage() {
		t.Run(p.Name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + p.Path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != p.Status {
				t.Errorf("GET %s = %d, want %d", p.Path, resp.StatusCode, p.Status)
			}
			if c := resp.Header.Values("Set-Cookie"); len(c) > 0 {
				t.Errorf("GET %s sets cookies %q, want none", p.Path, c)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if csp == "" {
				t.Fatalf("GET %s has no Content-Security-Policy", p.Path)
			}
			for _, problem := range cspProblems(csp) {
				t.Errorf("GET %s: Content-Security-Policy %q: %s", p.Path, csp, problem)
			}
		})
	}
}

// sourceDirectives are the policy's directives that name where a page may load from, run
// code from, or send data to. frame-ancestors (who may frame us) is not among them.
var sourceDirectives = map[string]bool{
	"default-src": true, "script-src": true, "script-src-elem": true, "script-src-attr": true,
	"style-src": true, "style-src-elem": true, "style-src-attr": true, "img-src": true,
	"font-src": true, "connect-src": true, "media-src": true, "object-src": true,
	"frame-src": true, "child-src": true, "worker-src": true, "manifest-src": true,
	"form-action": true, "base-uri": true,
}

// cspProblems lists what a Content-Security-Policy lets through of inline code and other
// origins. Only 'self' and 'none' are allowed, and data: for images: a host, a scheme, a
// wildcard, a nonce, a hash or any 'unsafe-...' keyword is a problem.
func cspProblems(policy string) []string {
	directives := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		name := strings.ToLower(f[0])
		if _, seen := directives[name]; !seen { // browsers ignore a repeated directive
			directives[name] = f[1:]
		}
	}
	var problems []string
	if _, ok := directives["default-src"]; !ok {
		problems = append(problems, "no default-src: what the policy does not name may come from anywhere")
	}
	for name, sources := range directives {
		if !sourceDirectives[name] {
			continue
		}
		for _, s := range sources {
			switch s = strings.ToLower(s); {
			case s == "'self'" || s == "'none'":
			case s == "data:" && name == "img-src":
			default:
				problems = append(problems, fmt.Sprintf("%s allows %s", name, s))
			}
		}
	}
	slices.Sort(problems)
	return problems
}

func TestCSPProblems(t *testing.T) {
	tests := []struct {
		policy string
		want   []string
	}{
		{"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'", nil},
		{"default-src 'none'; style-src 'self'", nil},
		{"img-src 'self'", []string{"no default-src: what the policy does not name may come from anywhere"}},
		{"default-src 'self'; script-src 'self' 'unsafe-inline'", []string{"script-src allows 'unsafe-inline'"}},
		{"default-src 'self'; style-src 'self' 'UNSAFE-INLINE'", []string{"style-src allows 'unsafe-inline'"}},
		{"default-src 'self'; script-src 'nonce-abc'", []string{"script-src allows 'nonce-abc'"}},
		{"default-src 'self' https://cdn.example.org", []string{"default-src allows https://cdn.example.org"}},
		{"default-src *", []string{"default-src allows *"}},
		{"default-src 'self'; font-src https:", []string{"font-src allows https:"}},
		{"default-src 'self' data:", []string{"default-src allows data:"}},
		{"default-src 'self'; default-src *", nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, cspProblems(tc.policy)); diff != "" {
			t.Errorf("cspProblems(%q) (-want +got):\n%s", tc.policy, diff)
		}
	}
}
