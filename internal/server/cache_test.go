package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/pagecache"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// The advance whose title the tests below change, and the pages that show its title.
const (
	editedAdvance = "cescr-statement-on-defenders"
	seedTitle     = "First statement on human rights defenders by a treaty body"
)

// retitled is the shipped data set with the advance's title changed to title.
func retitled(t testing.TB, title string) (string, []byte) {
	t.Helper()
	name, data := dataset.Seed()
	if n := bytes.Count(data, []byte("title: "+seedTitle+"\n")); n != 1 {
		t.Fatalf("the data set holds the advance's title %d times, want once", n)
	}
	return name, bytes.Replace(data, []byte("title: "+seedTitle+"\n"), []byte("title: "+title+"\n"), 1)
}

// importTitle re-imports the data set with the advance's title changed, as an editor's import.
func importTitle(t testing.TB, s *store.Store, title string) {
	t.Helper()
	name, data := retitled(t, title)
	if _, err := dataset.Import(context.Background(), s, name, data); err != nil {
		t.Fatalf("Import(data set with title %q) = %v", title, err)
	}
}

// cached returns the tracker over s with a page cache following the database's changes, once
// the cache listens.
func cached(t testing.TB, s *store.Store) (http.Handler, *pagecache.Cache) {
	t.Helper()
	c := pagecache.New(16 << 20)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		server.FollowChanges(ctx, s, c, discard)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	h := server.New(s, discard, server.Options{PublicURL: publicURL, Cache: c})
	// The cache keeps nothing until the listener listens.
	waitFor(t, 10*time.Second, "the cache to keep a page", func() bool {
		do(h, httptest.NewRequest(http.MethodGet, "/bodies", nil))
		return c.Stats().Entries > 0
	})
	c.Invalidate()
	return h, c
}

func waitFor(t testing.TB, within time.Duration, what string, ok func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !ok() {
		if time.Since(start) > within {
			t.Fatalf("waited %v for %s", within, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(start)
}

// A page served from the cache costs no query; a committed change empties the cache, so the
// next reader sees it; so does a change made while the listener's connection was down.
func TestCacheFollowsChanges(t *testing.T) {
	t.Parallel()
	directURL := dbtest.NewURL(t)
	proxy, proxiedURL := dbtest.NewProxy(t, directURL)
	var queries store.Counter
	s, err := store.Open(t.Context(), proxiedURL, store.CountQueries(&queries))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	importTitle(t, s, seedTitle)
	h, c := cached(t, s)
	page := "/advances/" + editedAdvance

	shows := func(title string) bool {
		rec := do(h, httptest.NewRequest(http.MethodGet, page, nil))
		return rec.Code == http.StatusOK && strings.Contains(rec.Body.String(), title)
	}
	if !shows(seedTitle) {
		t.Fatalf("GET %s does not show %q", page, seedTitle)
	}
	queries.Reset()
	if !shows(seedTitle) || queries.Reset() != 0 {
		t.Fatalf("GET %s again: sent queries, want it served from the cache", page)
	}
	for _, target := range []string{"/healthz", "/advances?sort=title", "/no/such/page"} {
		do(h, httptest.NewRequest(http.MethodGet, target, nil))
	}
	if n := c.Stats().Entries; n != 1 {
		t.Errorf("after a health check and two errors the cache holds %d pages, want still 1", n)
	}

	importTitle(t, s, "Retitled by an import")
	took := waitFor(t, 5*time.Second, "the import to show", func() bool { return shows("Retitled by an import") })
	t.Logf("the import showed after %v", took)
	queries.Reset()
	if !shows("Retitled by an import") || queries.Reset() != 0 {
		t.Errorf("GET %s after the change was seen: sent queries, want it kept again", page)
	}

	// While the database is out of reach, a change made there goes unheard: when the
	// listener is back, the cache must hold nothing from before.
	proxy.Stop()
	direct, err := store.Open(t.Context(), directURL)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	importTitle(t, direct, "Retitled during an outage")
	proxy.Start(t)
	waitFor(t, 15*time.Second, "the change made during the outage to show", func() bool { return shows("Retitled during an outage") })
}

// The test: under load from 16 readers, an edit shows on every page that names the
// advance within one second of its commit, and no page goes back to the old title after.
func TestEditShowsUnderLoad(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	importTitle(t, s, seedTitle)
	h, c := cached(t, s)
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()

	const newTitle = "Zanzibarquux statement on defenders"
	// The pages that name the advance, and one that finds it only once it is retitled.
	affected := []string{
		"/advances", "/advances/" + editedAdvance, "/advances.json", "/advances.atom",
		"/documents/A-73-230", "/search?q=zanzibarquux",
	}
	load := append([]string{"/", "/bodies", "/advances.csv", "/search?q=reprisals", "/fr/advances"}, affected...)

	fetch := func(path string, gz bool) (int, string, error) {
		req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if err != nil {
			return 0, "", err
		}
		// Set by hand, the transport neither adds gzip nor undoes it: read it as a reader would.
		req.Header.Set("Accept-Encoding", "identity")
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		var body io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(resp.Body)
			if err != nil {
				return 0, "", err
			}
			body = zr
		}
		b, err := io.ReadAll(body)
		return resp.StatusCode, string(b), err
	}

	// Every page is in the cache, in both encodings, before the load starts.
	for _, path := range load {
		for _, gz := range []bool{false, true} {
			if code, _, err := fetch(path, gz); err != nil || code != http.StatusOK {
				t.Fatalf("GET %s = %d, %v", path, code, err)
			}
		}
	}
	if n := c.Stats().Entries; n != 2*len(load) {
		t.Fatalf("the cache holds %d pages, want %d", n, 2*len(load))
	}

	ctx, stop := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	var served atomic.Int64
	for i := range 16 {
		wg.Go(func() {
			for n := i; ctx.Err() == nil; n++ {
				path := load[n%len(load)]
				code, _, err := fetch(path, n%2 == 0)
				if err != nil || code != http.StatusOK {
					if ctx.Err() == nil {
						t.Errorf("GET %s under load = %d, %v", path, code, err)
					}
					return
				}
				served.Add(1)
			}
		})
	}
	defer func() {
		stop()
		wg.Wait()
	}()
	time.Sleep(200 * time.Millisecond)

	name, data := retitled(t, newTitle)
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatal(err)
	}
	committed := time.Now()
	// Each page is read over and over from the commit on, by a reader of its own. What counts
	// is when the first read that shows the new title was asked for: how long a read then
	// takes depends on the machine's load, not on the cache.
	var mu sync.Mutex
	seen := map[string]time.Duration{}
	var readers sync.WaitGroup
	for i, path := range affected {
		readers.Go(func() {
			for time.Since(committed) < 5*time.Second {
				asked := time.Since(committed)
				_, body, err := fetch(path, i%2 == 0)
				if err != nil {
					t.Errorf("GET %s: %v", path, err)
					return
				}
				if strings.Contains(body, newTitle) || (path == "/search?q=zanzibarquux" && strings.Contains(body, editedAdvance)) {
					mu.Lock()
					seen[path] = asked
					mu.Unlock()
					return
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	readers.Wait()
	for _, path := range affected {
		asked, ok := seen[path]
		switch {
		case !ok:
			t.Errorf("GET %s: the new title not shown 5s after the commit", path)
		case asked > time.Second:
			t.Errorf("GET %s: the new title shown first to a read asked %v after the commit, want within 1s", path, asked)
		}
	}
	t.Logf("under load (%d answers), the new title was shown first to reads asked this long after the commit: %v", served.Load(), seen)

	// Nothing rendered before the commit may be kept after it: read every page again, in
	// both encodings, while the load goes on.
	for range 3 {
		for i, path := range affected {
			for _, gz := range []bool{i%2 == 0, i%2 != 0} {
				_, body, err := fetch(path, gz)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(body, seedTitle) && !strings.Contains(body, newTitle) {
					t.Errorf("GET %s (gzip %v) shows the old title again after the new one", path, gz)
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// BenchmarkCachedPage measures a page served from the cache through the whole handler, as a
// reader asking with gzip gets it; -benchmem shows what a hit allocates.
func BenchmarkCachedPage(b *testing.B) {
	s := dbtest.New(b)
	importTitle(b, s, seedTitle)
	h, c := cached(b, s)
	for _, path := range []string{"/advances", "/documents/A-73-230", "/advances.json", "/fr/advances.atom"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			w := &discardWriter{header: http.Header{}}
			h.ServeHTTP(w, req) // fill the cache
			hits := c.Stats().Hits
			b.ReportAllocs()
			for b.Loop() {
				clear(w.header)
				w.status = 0
				h.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("GET %s = %d", path, w.status)
				}
			}
			if got := c.Stats().Hits - hits; got < int64(b.N) {
				b.Fatalf("%d hits for %d requests: not served from the cache", got, b.N)
			}
			b.ReportMetric(float64(w.bytes)/float64(b.N), "bytes/op-sent")
		})
	}
}

// discardWriter is a ResponseWriter that keeps nothing, so that the benchmark counts only the
// handler's own allocations.
type discardWriter struct {
	header http.Header
	status int
	bytes  int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}
func (w *discardWriter) Write(p []byte) (int, error) {
	w.bytes += len(p)
	return len(p), nil
}
