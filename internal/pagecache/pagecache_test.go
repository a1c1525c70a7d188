package pagecache

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// page is a handler that renders its path as a page of size bytes, counting its renders.
type page struct {
	renders atomic.Int64
	size    int
	same    bool   // the same body every render, else numbered
	before  func() // runs inside each render
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.renders.Add(1)
	if p.before != nil {
		p.before()
	}
	switch r.URL.Path {
	case "/missing":
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "no such page", http.StatusNotFound)
		return
	case "/moved":
		http.Redirect(w, r, "/", http.StatusMovedPermanently)
		return
	case "/private":
		w.Header().Set("Cache-Control", "private, no-cache")
	case "/cookie":
		w.Header().Set("Set-Cookie", "a=b")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", "fr")
	w.Header().Add("Vary", "Accept-Language")
	body := "<p>" + r.URL.Path + "</p>"
	if !p.same {
		body = "<p>" + r.URL.Path + " " + strconv.FormatInt(p.renders.Load(), 10) + "</p>"
	}
	w.Write([]byte(body + strings.Repeat("x", max(p.size-len(body), 0))))
}

// keyed keeps every request by its path and query.
func keyed(r *http.Request) (Key, Use) {
	return Key{Path: r.URL.Path, Query: r.URL.RawQuery, Lang: r.Header.Get("X-Lang")}, Keep
}

func newHandler(c *Cache, p *page) http.Handler { return c.Middleware(keyed)(p) }

func request(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip.NewReader: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("reading gzip: %v", err)
	}
	return string(out)
}

func live(maxBytes int64) *Cache {
	c := New(maxBytes)
	c.Resume()
	return c
}

func TestHitServesWhatTheMissRendered(t *testing.T) {
	c, p := live(1<<20), &page{size: 2000}
	h := newHandler(c, p)
	first := request(h, http.MethodGet, "/a?x=1")
	second := request(h, http.MethodGet, "/a?x=1")
	if first.Code != http.StatusOK || second.Body.String() != first.Body.String() {
		t.Fatalf("GET /a?x=1 twice = %d %q, then %q; want the same 200 body", first.Code, first.Body.String()[:12], second.Body.String()[:12])
	}
	if n := p.renders.Load(); n != 1 {
		t.Errorf("two GETs rendered %d times, want 1", n)
	}
	for _, name := range []string{"Content-Type", "Content-Language", "ETag", "Content-Length"} {
		if got, want := second.Header().Get(name), first.Header().Get(name); got != want || got == "" {
			t.Errorf("hit's %s = %q, want the miss's %q", name, got, want)
		}
	}
	if got := second.Header().Values("Vary"); strings.Join(got, ", ") != "Accept-Language, Accept-Encoding" {
		t.Errorf("Vary = %q, want Accept-Language and Accept-Encoding", got)
	}
	request(h, http.MethodGet, "/a?x=2")
	request(h, http.MethodGet, "/a?x=1", "X-Lang", "fr")
	if n := p.renders.Load(); n != 3 {
		t.Errorf("another query and another language rendered %d times in all, want 3", n)
	}
	if s := c.Stats(); s.Entries != 3 || s.Hits != 1 || s.Misses != 3 {
		t.Errorf("Stats() = %+v, want 3 entries, 1 hit, 3 misses", s)
	}
}

// A page is rendered and compressed in buffers that later renders reuse: what the cache keeps
// must be a copy, in either encoding.
func TestKeptPagesOutliveTheirBuffers(t *testing.T) {
	c, p := live(1<<20), &page{size: 3000, same: true}
	h := newHandler(c, p)
	want := map[string]string{}
	for _, path := range []string{"/a", "/b", "/c"} {
		want[path] = request(h, http.MethodGet, path).Body.String()
		request(h, http.MethodGet, path, "Accept-Encoding", "gzip")
	}
	// Renders of other pages, kept or not, fill the same buffers with other bytes.
	for i := range 20 {
		request(h, http.MethodGet, "/other?n="+strconv.Itoa(i), "Accept-Encoding", "gzip")
		request(h, http.MethodGet, "/private?n="+strconv.Itoa(i))
	}
	for path, body := range want {
		if got := request(h, http.MethodGet, path).Body.String(); got != body {
			t.Errorf("GET %s from the cache = %.20q…, want %.20q…", path, got, body)
		}
		if got := gunzip(t, request(h, http.MethodGet, path, "Accept-Encoding", "gzip").Body.Bytes()); got != body {
			t.Errorf("GET %s gzip from the cache = %.20q…, want %.20q…", path, got, body)
		}
	}
	if n := p.renders.Load(); n != 6+40 {
		t.Errorf("%d renders, want 46: the kept pages rendered once in each encoding", n)
	}
}

// Each encoding is kept apart; both carry the weak ETag of the uncompressed body.
func TestEncodings(t *testing.T) {
	c, p := live(1<<20), &page{size: 4000, same: true}
	h := newHandler(c, p)
	plain := request(h, http.MethodGet, "/a")
	for _, ae := range []string{"gzip", "br, gzip;q=0.5", "GZIP", "deflate, gzip"} {
		zipped := request(h, http.MethodGet, "/a", "Accept-Encoding", ae)
		if zipped.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want gzip", ae, zipped.Header().Get("Content-Encoding"))
			continue
		}
		if got := gunzip(t, zipped.Body.Bytes()); got != plain.Body.String() {
			t.Errorf("Accept-Encoding %q: the gzipped body differs from the plain one", ae)
		}
		if got, want := zipped.Header().Get("Content-Length"), strconv.Itoa(zipped.Body.Len()); got != want {
			t.Errorf("Accept-Encoding %q: Content-Length %s, want %s", ae, got, want)
		}
		if zipped.Header().Get("ETag") != plain.Header().Get("ETag") || !strings.HasPrefix(plain.Header().Get("ETag"), `W/"`) {
			t.Errorf("ETags %q (gzip) and %q (plain), want the same weak tag", zipped.Header().Get("ETag"), plain.Header().Get("ETag"))
		}
	}
	for _, ae := range []string{"", "identity", "gzip;q=0", "br", "x-gzipped"} {
		rec := request(h, http.MethodGet, "/a", "Accept-Encoding", ae)
		if rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != plain.Body.String() {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want the plain body", ae, rec.Header().Get("Content-Encoding"))
		}
	}
	if n := p.renders.Load(); n != 2 {
		t.Errorf("rendered %d times for two encodings, want 2", n)
	}
	// A body that gzip would make larger is sent as it is.
	small := request(newHandler(live(1<<20), &page{}), http.MethodGet, "/s", "Accept-Encoding", "gzip")
	if small.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(small.Body.String(), "<p>/s") {
		t.Errorf("a tiny page for a gzip reader: Content-Encoding %q, body %q; want it plain", small.Header().Get("Content-Encoding"), small.Body.String())
	}
}

func TestHeadAndNotModified(t *testing.T) {
	c, p := live(1<<20), &page{size: 3000}
	h := newHandler(c, p)
	for _, fromCache := range []bool{false, true} {
		head := request(h, http.MethodHead, "/h", "Accept-Encoding", "gzip")
		get := request(h, http.MethodGet, "/h", "Accept-Encoding", "gzip")
		if head.Code != http.StatusOK || head.Body.Len() != 0 {
			t.Errorf("HEAD (from cache %v) = %d with %d bytes, want 200 and no body", fromCache, head.Code, head.Body.Len())
		}
		for _, name := range []string{"ETag", "Content-Length", "Content-Encoding", "Content-Type"} {
			if head.Header().Get(name) != get.Header().Get(name) {
				t.Errorf("HEAD (from cache %v): %s %q, GET's %q; want the same", fromCache, name, head.Header().Get(name), get.Header().Get(name))
			}
		}
		tag := get.Header().Get("ETag")
		for _, inm := range []string{tag, strings.TrimPrefix(tag, "W/"), `"other", ` + tag, "*"} {
			rec := request(h, http.MethodGet, "/h", "If-None-Match", inm, "Accept-Encoding", "gzip")
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != tag ||
				rec.Header().Get("Content-Type") != "" || rec.Header().Get("Content-Length") != "" {
				t.Errorf("If-None-Match %s = %d, %d bytes, header %v; want 304 with the ETag and no body", inm, rec.Code, rec.Body.Len(), rec.Header())
			}
		}
		if rec := request(h, http.MethodGet, "/h", "If-None-Match", `W/"stale"`); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
			t.Errorf("a stale If-None-Match = %d with %d bytes, want 200 with the body", rec.Code, rec.Body.Len())
		}
		c.Invalidate() // the second round renders again, through the miss path
	}
	// A HEAD miss fills the cache for GET.
	c.Invalidate()
	request(h, http.MethodHead, "/h2")
	before := p.renders.Load()
	if get := request(h, http.MethodGet, "/h2"); get.Body.Len() == 0 || p.renders.Load() != before {
		t.Errorf("GET after HEAD: %d bytes, %d renders; want the body from the cache", get.Body.Len(), p.renders.Load()-before)
	}
}

// Errors, redirects, private answers, answers that set a cookie and requests the policy keeps
// fresh are never kept; an error keeps its status and body, and HEAD drops it.
func TestNeverKept(t *testing.T) {
	c, p := live(1<<20), &page{size: 100}
	fresh := func(r *http.Request) (Key, Use) {
		if r.URL.Path == "/editor" {
			return Key{}, Fresh
		}
		return keyed(r)
	}
	h := c.Middleware(fresh)(p)
	for _, target := range []string{"/missing", "/moved", "/private", "/cookie", "/editor"} {
		first := request(h, http.MethodGet, target, "If-None-Match", "*")
		second := request(h, http.MethodGet, target)
		if second.Body.String() == first.Body.String() && first.Code == http.StatusOK {
			t.Errorf("GET %s twice gave the same body %q: kept", target, first.Body.String())
		}
		if target == "/missing" && (second.Code != http.StatusNotFound || second.Header().Get("ETag") != "" || !strings.Contains(second.Body.String(), "no such page")) {
			t.Errorf("GET /missing = %d, ETag %q, %q; want the 404 as written, without ETag", second.Code, second.Header().Get("ETag"), second.Body.String())
		}
		if target == "/moved" && (second.Code != http.StatusMovedPermanently || second.Header().Get("Location") != "/") {
			t.Errorf("GET /moved = %d to %q, want the redirect", second.Code, second.Header().Get("Location"))
		}
		if target == "/editor" && (first.Code != http.StatusNotModified || second.Header().Get("ETag") == "") {
			t.Errorf("a fresh page = %d with ETag %q, want its ETag and 304 all the same", first.Code, second.Header().Get("ETag"))
		}
	}
	if head := request(h, http.MethodHead, "/missing"); head.Code != http.StatusNotFound || head.Body.Len() != 0 {
		t.Errorf("HEAD /missing = %d with %d bytes, want 404 and no body", head.Code, head.Body.Len())
	}
	if s := c.Stats(); s.Entries != 0 {
		t.Errorf("Stats() = %+v, want nothing kept", s)
	}
	// A cache of no bytes, and a suspended one, keep nothing.
	for name, c := range map[string]*Cache{"no bytes": live(0), "suspended": New(1 << 20)} {
		p := &page{size: 100}
		h := newHandler(c, p)
		request(h, http.MethodGet, "/a")
		rec := request(h, http.MethodGet, "/a")
		if p.renders.Load() != 2 || rec.Header().Get("ETag") == "" {
			t.Errorf("%s: %d renders of two GETs, ETag %q; want 2, and an ETag", name, p.renders.Load(), rec.Header().Get("ETag"))
		}
	}
}

// The cache stays within its bound by dropping the least recently used page.
func TestBoundAndEviction(t *testing.T) {
	const size = 10_000
	entry := int64(size + len("/p00") + entryOverhead)
	c, p := live(10*entry), &page{size: size}
	h := newHandler(c, p)
	for i := range 10 {
		request(h, http.MethodGet, "/p"+strconv.Itoa(10+i))
	}
	if s := c.Stats(); s.Entries != 10 || s.Bytes != 10*entry {
		t.Fatalf("after 10 pages Stats() = %+v, want 10 entries of %d bytes", s, entry)
	}
	request(h, http.MethodGet, "/p10") // now the most recently used
	for i := range 5 {
		request(h, http.MethodGet, "/p"+strconv.Itoa(20+i))
	}
	if s := c.Stats(); s.Bytes > 10*entry || s.Entries != 10 {
		t.Errorf("after 15 pages Stats() = %+v, want at most %d bytes in 10 entries", s, 10*entry)
	}
	before := p.renders.Load()
	request(h, http.MethodGet, "/p10")
	request(h, http.MethodGet, "/p24")
	if n := p.renders.Load() - before; n != 0 {
		t.Errorf("the recently used /p10 and /p24 rendered %d times, want kept", n)
	}
	request(h, http.MethodGet, "/p11")
	if n := p.renders.Load() - before; n != 1 {
		t.Errorf("the least recently used /p11 rendered %d times, want evicted", n)
	}
	// A page over an eighth of the cache is served but not kept.
	big := &page{size: int(10 * entry / 7)}
	hb := newHandler(c, big)
	request(hb, http.MethodGet, "/big")
	if rec := request(hb, http.MethodGet, "/big"); big.renders.Load() != 2 || rec.Body.Len() != big.size {
		t.Errorf("a page of %d bytes: %d renders, %d bytes served; want served in full, never kept", big.size, big.renders.Load(), rec.Body.Len())
	}
}

// A page rendered from data read before an invalidation is served to its reader, never kept:
// the next reader gets a fresh render.
func TestGenerationRace(t *testing.T) {
	c := live(1 << 20)
	p := &page{size: 100}
	p.before = func() {
		if p.renders.Load() == 1 {
			c.Invalidate() // a write commits while the first render runs
		}
	}
	h := newHandler(c, p)
	first := request(h, http.MethodGet, "/a")
	second := request(h, http.MethodGet, "/a")
	third := request(h, http.MethodGet, "/a")
	if first.Code != http.StatusOK || !strings.HasPrefix(first.Body.String(), "<p>/a 1") {
		t.Fatalf("first GET = %d %q, want render 1 served", first.Code, first.Body.String())
	}
	if !strings.HasPrefix(second.Body.String(), "<p>/a 2") || !strings.HasPrefix(third.Body.String(), "<p>/a 2") {
		t.Errorf("after the invalidation: %q then %q, want render 2, kept", second.Body.String()[:8], third.Body.String()[:8])
	}
	// The listener reconnecting (Resume) while a render runs keeps it out too.
	p2 := &page{size: 100}
	p2.before = func() {
		if p2.renders.Load() == 1 {
			c.Resume()
		}
	}
	h = newHandler(c, p2)
	request(h, http.MethodGet, "/b")
	request(h, http.MethodGet, "/b")
	if n := p2.renders.Load(); n != 2 {
		t.Errorf("Resume during a render: %d renders of two GETs, want 2", n)
	}
}

// Concurrent misses for one page render it once.
func TestConcurrentMissesRenderOnce(t *testing.T) {
	c := live(1 << 20)
	release := make(chan struct{})
	p := &page{size: 1000}
	p.before = func() { <-release }
	h := newHandler(c, p)
	var wg sync.WaitGroup
	bodies := make([]string, 16)
	for i := range bodies {
		wg.Go(func() { bodies[i] = request(h, http.MethodGet, "/spike", "Accept-Encoding", "gzip").Body.String() })
	}
	// Wait until every request is inside the cache, then let the one render finish.
	for c.Stats().Misses < int64(len(bodies)) {
		runtime.Gosched()
	}
	// A request counts its miss just before it joins the render; give the last one time to.
	time.Sleep(100 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := p.renders.Load(); n != 1 {
		t.Errorf("%d concurrent misses rendered %d times, want 1", len(bodies), n)
	}
	for i, b := range bodies {
		if b != bodies[0] || b == "" {
			t.Errorf("request %d got %d bytes, want the same %d bytes as the first", i, len(b), len(bodies[0]))
		}
	}
}
