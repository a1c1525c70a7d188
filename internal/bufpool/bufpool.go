// Package bufpool lends the buffers that answers are rendered, recorded and compressed in.
//
// A document's page is 350 kB of HTML. Grown from nothing in new buffers for every request,
// its render, the page cache's copy of it and its compression allocated and cleared 1.7 MB of
// the 4.2 MB the request allocated, which made the collector run every few requests.
package bufpool

import (
	"bytes"
	"sync"
)

// maxKept is the largest buffer given back to the pool: a rare large answer (a data twin of
// a thousand rows) is left to the collector rather than held.
const maxKept = 1 << 20

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Get returns an empty buffer.
func Get() *bytes.Buffer {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// Put gives b back to the pool. Nothing may use b, or bytes it returned, afterwards.
func Put(b *bytes.Buffer) {
	if b.Cap() <= maxKept {
		pool.Put(b)
	}
}
