package pagecache

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/hrdtracker/hrdtracker/internal/bufpool"
)

// Middleware serves GET and HEAD requests through the cache, as policy decides for each.
// Every 200 answer it sees, kept or not, gets a weak ETag of its uncompressed body (the same
// for both encodings, which are one representation), 304 for a request that holds it, and
// gzip for a reader that accepts it; other answers pass through as written. HEAD is served
// as GET without the body, so both carry the same headers.
func (c *Cache) Middleware(policy Policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				next.ServeHTTP(w, r)
				return
			}
			pk, use := policy(r)
			if use == Pass {
				next.ServeHTTP(w, r)
				return
			}
			k := key{Key: pk, gzip: acceptsGzip(r.Header.Get("Accept-Encoding"))}
			var gen uint64
			if use == Keep {
				var e *entry
				if e, gen = c.get(k); e != nil {
					c.hits.Add(1)
					serve(w, r, e)
					return
				}
				c.misses.Add(1)
				if c.max > 0 {
					c.collapse(w, r, next, k, gen)
					return
				}
			}
			if e, keep := c.render(w, r, next, k, use == Keep); e != nil {
				if keep {
					c.put(k, gen, e)
				}
				serve(w, r, e)
			}
		})
	}
}

// flight is the outcome of one render that concurrent misses for the same page share.
type flight struct {
	e    *entry
	keep bool
}

// collapse renders a page once for all the requests that miss it at the same time. A request
// that arrives after an invalidation has another generation, so it never waits on a render
// that may have read the data from before the change.
func (c *Cache) collapse(w http.ResponseWriter, r *http.Request, next http.Handler, k key, gen uint64) {
	leader := false
	v, _, _ := c.flights.Do(flightName(k, gen), func() (any, error) {
		leader = true
		e, keep := c.render(w, r, next, k, true)
		if e != nil && keep {
			c.put(k, gen, e)
		}
		return flight{e, keep}, nil
	})
	f := v.(flight)
	switch {
	case leader && f.e != nil:
		serve(w, r, f.e)
	case leader:
		// Not a 200: already written to the leader's reader.
	case f.e != nil && f.keep:
		serve(w, r, f.e)
	default:
		// The leader's answer was an error, or for its reader only: this request needs
		// its own.
		if e, _ := c.render(w, r, next, k, false); e != nil {
			serve(w, r, e)
		}
	}
}

func flightName(k key, gen uint64) string {
	z := "i"
	if k.gzip {
		z = "z"
	}
	return strconv.FormatUint(gen, 10) + "\x00" + strconv.FormatInt(k.Day, 10) + "\x00" + z +
		"\x00" + k.Lang + "\x00" + k.Path + "\x00" + k.RawPath + "\x00" + k.Query
}

// render runs next for r as a GET request. A 200 answer is returned as an entry, not yet
// written, with whether it may be kept (when mayKeep); any other answer is written through
// to w as it comes, and render returns nil.
func (c *Cache) render(w http.ResponseWriter, r *http.Request, next http.Handler, k key, mayKeep bool) (*entry, bool) {
	rec := &recorder{ResponseWriter: w, head: r.Method == http.MethodHead}
	defer rec.release() // newEntry keeps a copy
	if rec.head {
		r = r.Clone(r.Context())
		r.Method = http.MethodGet
	}
	next.ServeHTTP(rec, r)
	if rec.status != http.StatusOK {
		return nil, false
	}
	keep := mayKeep && c.max > 0 && cacheable(w.Header())
	level := 1
	if keep {
		level = 0 // compressed once, served many times: worth the best compression
	}
	var body []byte
	if rec.buf != nil {
		body = rec.buf.Bytes()
	}
	return c.newEntry(k, w.Header(), body, level), keep
}

// recorder holds a 200 answer's body for the cache; any other status goes straight through.
type recorder struct {
	http.ResponseWriter
	status int
	// buf is the pool's from the first write of a 200 answer on: a request waiting on the
	// database holds none. (Taken as the request came, 64 readers waiting on a million
	// paragraphs held 64 buffers grown by earlier pages, and 20 MB more of memory.)
	buf  *bytes.Buffer
	head bool // HEAD, rendered as GET: a passed-through body is dropped
}

func (rec *recorder) release() {
	if rec.buf != nil {
		bufpool.Put(rec.buf)
	}
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status != 0 {
		return
	}
	rec.status = status
	if status != http.StatusOK {
		rec.ResponseWriter.WriteHeader(status)
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.WriteHeader(http.StatusOK)
	}
	if rec.status != http.StatusOK {
		if rec.head {
			return len(p), nil
		}
		return rec.ResponseWriter.Write(p)
	}
	if rec.buf == nil {
		rec.buf = bufpool.Get()
	}
	return rec.buf.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }
