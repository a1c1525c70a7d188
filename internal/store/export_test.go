package store

import "context"

// SetSearchLimits makes s count a word frequent from frequent matches up, and walk the first
// window rows of a table for such words: a test reaches the walk with a few rows.
func (s *Store) SetSearchLimits(frequent, window int) {
	s.search = searchLimits{frequent: frequent, window: window}
}

// Analyze gathers the statistics that RefreshSearchWords reads, as autovacuum would.
func (s *Store) Analyze(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, "ANALYZE")
	return err
}
