// Package pagecache keeps rendered pages in memory, compressed once, and serves them with an
// ETag and 304 Not Modified. A hit renders nothing, compresses nothing and allocates nothing
// beyond the write.
//
// The cache knows nothing of the data: its owner drops every entry when the data changes
// (Invalidate), and keeps it suspended while it cannot hear of changes (Suspend, Resume). A
// generation counter makes sure that a page rendered from data older than the last
// invalidation is served to its reader but never kept.
package pagecache

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hrdtracker/hrdtracker/internal/bufpool"
	"github.com/klauspost/compress/gzip"
	"golang.org/x/sync/singleflight"
)

// Key names a page: everything in a request that its answer may depend on. The encoding is
// added by the cache.
type Key struct {
	Path, RawPath, Query string
	// Lang is the language the reader prefers (from Accept-Language), which a page may offer
	// beside its own; empty when none.
	Lang string
	// Day is the day the page is served, for pages that name it (the access date of a
	// citation): yesterday's entries are never served today, and age out.
	Day int64
}

// Use says what the cache does with a request.
type Use int

const (
	// Pass hands the request to the next handler untouched: static files, health checks.
	Pass Use = iota
	// Fresh renders the page every time, never keeping it, but still gives it an ETag, 304
	// and compression: pages for one reader, such as an editor's.
	Fresh
	// Keep serves the page from the cache, rendering it once for every reader.
	Keep
)

// Policy decides what the cache does with a request, and the page's key when it may be kept.
type Policy func(*http.Request) (Key, Use)

// Stats are a cache's counts since it was made.
type Stats struct {
	Entries int   // pages held
	Bytes   int64 // their size, as counted against the bound
	Hits    int64 // answers served from the cache
	Misses  int64 // answers rendered because the cache had none to give
}

// entryOverhead is what an entry costs beyond its body and key: its headers, ETag, list
// element and map slot, roughly.
const entryOverhead = 512

// Cache holds rendered 200 answers, up to a number of bytes, dropping the least recently
// used first. It is safe for concurrent use.
type Cache struct {
	max int64

	mu      sync.Mutex
	gen     uint64 // incremented by every invalidation
	live    bool   // whether entries may be kept (see Suspend)
	size    int64
	entries map[key]*list.Element // of *entry
	lru     list.List             // most recently used first

	flights      singleflight.Group
	hits, misses atomic.Int64
	// gzip writers: [0] for answers kept, compressed once and served many times, at the best
	// compression; [1] for the others, served once, at the fastest, which takes a quarter of
	// the time (compressing a large page at the default level cost a fifth of its render).
	// They are klauspost/compress's, which at the fastest level compress a document's page of
	// 350 kB in half the time of the standard library's (1.1 ms against 2.1), and smaller.
	compressLevels [2]sync.Pool
}

// key is a page in one encoding.
type key struct {
	Key
	gzip bool
}

// New returns a cache bound to maxBytes. A cache of 0 bytes keeps nothing but still gives
// ETags, 304 and compression. A new cache is suspended: it keeps nothing until Resume, which
// its owner calls once it hears of every change.
func New(maxBytes int64) *Cache {
	c := &Cache{max: max(maxBytes, 0), entries: map[key]*list.Element{}}
	c.compressLevels[0].New = func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return w }
	c.compressLevels[1].New = func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }
	return c
}

// Invalidate drops every entry, and makes sure that no page being rendered now is kept: it
// may have read the data from before the change.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropAll()
}

// Suspend drops every entry and keeps none until Resume: while its owner cannot hear of
// changes, a kept page could outlive one.
func (c *Cache) Suspend() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropAll()
	c.live = false
}

// Resume drops every entry (changes made while suspended went unheard) and keeps pages again.
func (c *Cache) Resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropAll()
	c.live = true
}

func (c *Cache) dropAll() {
	c.gen++
	clear(c.entries)
	c.lru.Init()
	c.size = 0
}

// Stats returns the cache's counts.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Entries: len(c.entries), Bytes: c.size, Hits: c.hits.Load(), Misses: c.misses.Load()}
}

// get returns the entry for k, if any, and the generation to store a new one under.
func (c *Cache) get(k key) (*entry, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*entry), c.gen
	}
	return nil, c.gen
}

// put keeps e under k, unless the cache was invalidated since gen was read (e may hold data
// from before the change) or is suspended, or e would take more than an eighth of the cache.
func (c *Cache) put(k key, gen uint64, e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || !c.live || e.size > c.max/8 {
		return
	}
	if el, ok := c.entries[k]; ok {
		c.size -= el.Value.(*entry).size
		c.lru.Remove(el)
	}
	c.entries[k] = c.lru.PushFront(e)
	c.size += e.size
	for c.size > c.max {
		last := c.lru.Back()
		old := last.Value.(*entry)
		c.lru.Remove(last)
		delete(c.entries, old.key)
		c.size -= old.size
	}
}

// entry is a rendered answer, ready to replay.
type entry struct {
	key    key
	header []field  // replayed as they were set
	etag   []string // W/"...", of the uncompressed body
	length []string // Content-Length
	gzip   bool     // body is gzip-compressed
	body   []byte
	size   int64
}

// field is a header as an entry replays it: assigned, not copied, so that a hit allocates
// nothing. Nothing downstream appends to a header's values.
type field struct {
	name    string // canonical
	values  []string
	content bool // describes the body: left out of a 304
}

// replayed are the headers a kept answer carries; the others are set by the middleware
// around the cache on every request, or belong to one request only.
var replayed = []struct {
	name    string
	content bool
}{
	{"Content-Type", true},
	{"Content-Disposition", true},
	{"Content-Language", false},
	{"Link", false},
	{"Cache-Control", false},
	{"Last-Modified", false},
}

var (
	gzipValue           = []string{"gzip"}
	varyAcceptEncoding  = "Accept-Encoding"
	canonicalETag       = http.CanonicalHeaderKey("ETag")
	canonicalVary       = http.CanonicalHeaderKey("Vary")
	canonicalEncoding   = http.CanonicalHeaderKey("Content-Encoding")
	canonicalLength     = http.CanonicalHeaderKey("Content-Length")
	canonicalDisposable = http.CanonicalHeaderKey("Content-Disposition")
)

// newEntry makes an entry of an answer with header h and body, compressed when gz (and
// smaller so), at level 0 of compressLevels when it will be kept.
func (c *Cache) newEntry(k key, h http.Header, body []byte, level int) *entry {
	e := &entry{key: k}
	for _, r := range replayed {
		if v := h.Values(r.name); len(v) > 0 {
			e.header = append(e.header, field{name: r.name, values: append([]string(nil), v...), content: r.content})
		}
	}
	// Every answer that may be compressed depends on Accept-Encoding, even when it is not.
	vary := append([]string(nil), h.Values(canonicalVary)...)
	if !containsToken(vary, varyAcceptEncoding) {
		vary = append(vary, varyAcceptEncoding)
	}
	e.header = append(e.header, field{name: canonicalVary, values: vary})
	sum := sha256.Sum256(body)
	e.etag = []string{`W/"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
	e.body = body
	if k.gzip {
		z := bufpool.Get()
		defer bufpool.Put(z)
		if c.compress(z, body, level); z.Len() < len(body) {
			e.body, e.gzip = z.Bytes(), true
		}
	}
	// The render and its compression are in the pool's buffers, which may be twice as large
	// as they are: keep a copy of the body served.
	e.body = bytes.Clone(e.body)
	e.length = []string{strconv.Itoa(len(e.body))}
	e.size = int64(len(e.body) + len(k.Path) + len(k.RawPath) + len(k.Query) + entryOverhead)
	return e
}

// compress writes body to buf, gzip-compressed at level (of compressLevels).
func (c *Cache) compress(buf *bytes.Buffer, body []byte, level int) {
	buf.Grow(len(body) / 3)
	zw := c.compressLevels[level].Get().(*gzip.Writer)
	defer c.compressLevels[level].Put(zw)
	zw.Reset(buf)
	zw.Write(body) // writes to a bytes.Buffer do not fail
	zw.Close()
}

func containsToken(values []string, token string) bool {
	for _, v := range values {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// serve writes e as the answer to r: 304 when r already holds it, and no body for HEAD.
func serve(w http.ResponseWriter, r *http.Request, e *entry) {
	h := w.Header()
	notModified := matches(r.Header.Get("If-None-Match"), e.etag[0])
	for _, f := range e.header {
		if notModified && f.content {
			delete(h, f.name)
			continue
		}
		h[f.name] = f.values
	}
	h[canonicalETag] = e.etag
	if notModified {
		// A miss's handler may have set these on the same header.
		delete(h, canonicalLength)
		delete(h, canonicalEncoding)
		delete(h, canonicalDisposable)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if e.gzip {
		h[canonicalEncoding] = gzipValue
	}
	h[canonicalLength] = e.length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(e.body)
	}
}

// matches reports whether an If-None-Match header names tag, by weak comparison (RFC 9110,
// 13.1.2): W/"x" and "x" match.
func matches(header, tag string) bool {
	opaque := strings.TrimPrefix(tag, "W/")
	for header != "" {
		var t string
		t, header, _ = strings.Cut(header, ",")
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == opaque {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip: named, and not with q=0.
func acceptsGzip(header string) bool {
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		for params != "" {
			var p string
			p, params, _ = strings.Cut(params, ";")
			name, value, _ := strings.Cut(p, "=")
			if strings.EqualFold(strings.TrimSpace(name), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// cacheable reports whether an answer with header h may be kept for every reader: it sets no
// cookie and does not say it is for one reader only.
func cacheable(h http.Header) bool {
	if len(h.Values("Set-Cookie")) > 0 {
		return false
	}
	for _, v := range h.Values("Cache-Control") {
		for t := range strings.SplitSeq(v, ",") {
			directive, _, _ := strings.Cut(t, "=") // private="Set-Cookie" is private too
			switch strings.ToLower(strings.TrimSpace(directive)) {
			case "private", "no-store":
				return false
			}
		}
	}
	return true
}
