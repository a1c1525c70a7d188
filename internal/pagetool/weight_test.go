package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWeighPage(t *testing.T) {
	page := `<!doctype html><html><head><link rel="stylesheet" href="/s.css"><link rel="icon" href="/i.svg">` +
		`<script src="/a.js" defer></script><script src="https://example.org/x.js"></script></head>` +
		`<body><main><a href="/items/first">First</a> <a href="/items/second">Second</a><img src="data:image/gif;base64,R0lGOD"></main></body></html>`
	files := map[string]struct {
		typ  string
		body []byte
		gzip bool
	}{
		"/items": {"text/html; charset=utf-8", gzipped(t, page), true},
		"/s.css": {"text/css; charset=utf-8", gzipped(t, strings.Repeat("a{color:red}", 50)), true},
		"/i.svg": {"image/svg+xml", gzipped(t, "<svg></svg>"), true},
		"/a.js":  {"text/javascript; charset=utf-8", []byte("console.log(1)"), false}, // forgot to compress
	}
	files["/items/first"] = files["/items"]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.typ)
		if f.gzip {
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Write(f.body)
	}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	got, err := weighPage(t.Context(), client, srv.URL, "/items/*")
	if err != nil {
		t.Fatalf("weighPage = %v", err)
	}
	want := weight{
		path:         "/items/first",
		html:         len(files["/items"].body),
		css:          len(files["/s.css"].body),
		js:           len(files["/a.js"].body),
		other:        len(files["/i.svg"].body),
		uncompressed: []string{srv.URL + "/a.js"},
		external:     []string{"https://example.org/x.js"},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(weight{})); diff != "" {
		t.Errorf("weighPage(/items/*) mismatch (-want +got):\n%s", diff)
	}

	if _, err := weighPage(t.Context(), client, srv.URL, "/missing"); err == nil {
		t.Error("weighPage(/missing) succeeded, want the 404 reported")
	}
}

func TestReport(t *testing.T) {
	light := weight{path: "/light", html: 2000, css: 2500}
	var out bytes.Buffer
	if err := report(&out, []weight{light}); err != nil {
		t.Errorf("report(light page) = %v, want no problem", err)
	}
	lines := strings.Split(out.String(), "\n")
	if got, want := strings.Join(strings.Fields(lines[1]), " "), "/light 2.0 kB 2.5 kB 0.0 kB 0.0 kB 4.5 kB"; got != want {
		t.Errorf("report printed the row %q, want %q", got, want)
	}
	heavy := weight{path: "/heavy", html: 20_000, js: 10_001}
	err := report(&out, []weight{light, heavy})
	if err == nil || !strings.Contains(err.Error(), "/heavy weighs 30.0 kB") {
		t.Errorf("report(heavy page) = %v, want it over the limit", err)
	}
}
