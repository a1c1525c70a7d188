package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SetSearchLimits makes s count a word frequent from frequent matches up, and walk the first
// window rows of a table for such words: a test reaches the walk with a few rows.
func (s *Store) SetSearchLimits(frequent, window int) {
	s.search = searchLimits{frequent: frequent, window: window}
}

// BackendPID is the process id of the database server's backend that a connection of the
// generic pool has; a pool of one connection shows whether it is the same connection.
func (s *Store) BackendPID(ctx context.Context) (pid int, err error) {
	err = s.generic.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid)
	return pid, err
}

// Sleep runs a query that lasts d on the generic pool, its error wrapped as the store's are.
func (s *Store) Sleep(ctx context.Context, d time.Duration) (err error) {
	defer wrap(&err, "store.Sleep(%v)", d)
	_, err = s.generic.Exec(ctx, "SELECT pg_sleep($1)", d.Seconds())
	return err
}

// Analyze gathers the statistics that RefreshSearchWords reads, as autovacuum would.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, "ANALYZE")
	return err
}

// SearchVectorPair is a text's search vector as the bulk load assembles it and as
// search_vector computes it, in tsvector's text form, for the tests of the assembling.
type SearchVectorPair struct {
	Assembled, Computed string
	Whole               bool // not assembled: the load gives the text to search_vector whole
}

// SearchVectorsBothWays makes the vector of each of texts (lang, heading, body) both ways.
func (s *Store) SearchVectorsBothWays(ctx context.Context, texts [][3]string) ([]SearchVectorPair, error) {
	ts := make([]searchText, len(texts))
	for i, t := range texts {
		ts[i] = searchText{t[0], t[1], t[2]}
	}
	v := newVectorizer(s)
	for _, t := range ts {
		v.compose(t)
	}
	if err := v.learn(ctx); err != nil {
		return nil, err
	}
	computed, err := s.searchVectors(ctx, ts)
	if err != nil {
		return nil, err
	}
	pairs := make([]SearchVectorPair, len(ts))
	for i, t := range ts {
		made, res := v.compose(t)
		pairs[i].Whole = res != composeOK
		if res != composeOK {
			made = computed[i]
		}
		pairs[i].Assembled, pairs[i].Computed = vectorText(made), vectorText(computed[i])
	}
	return pairs, nil
}

// vectorText is v in tsvector's text form, weights always shown.
func vectorText(v searchVector) string {
	entries, err := decodeVector(v)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "'%s':", e.lexeme)
		for j, p := range e.positions {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%d%c", p&0x3fff, "DCBA"[p>>14])
		}
	}
	return b.String()
}
