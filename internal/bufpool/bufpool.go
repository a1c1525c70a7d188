// Package bufpool lends the buffers that answers are rendered, recorded and compressed in.
//
// A document's page is 350 kB of HTML: grown from nothing in a new buffer for every request,
// its render and the page cache's copy of it allocated and cleared 2 MB, half of what the
// request allocated, and made the collector run every few requests.
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
