package bufpool

import "testing"

// A buffer given back holds what its last user wrote; the next user must get it empty.
func TestGetIsEmpty(t *testing.T) {
	for range 100 {
		b := Get()
		if b.Len() != 0 {
			t.Fatalf("Get() holds %q, want an empty buffer", b.String())
		}
		b.WriteString("<p>a page</p>")
		Put(b)
	}
}
