package store_test

import (
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/gcdata"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// BenchmarkQueries measures the queries behind the advances list over the General Comments
// corpus (about 6,500 paragraphs, one advance for every fifth).
func BenchmarkQueries(b *testing.B) {
	dir := testenv.Corpus(b)
	s := dbtest.New(b)
	if _, err := gcdata.Import(b.Context(), s, dir, 5); err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	for _, bc := range []struct {
		name string
		run  func() error
	}{
		{"Advances", func() error { _, err := s.Advances(ctx, store.AdvanceFilter{Limit: 20}); return err }},
		{"Advances/body", func() error {
			_, err := s.Advances(ctx, store.AdvanceFilter{Bodies: []string{"treaty-bodies"}, Sort: store.SortDate, Limit: 20})
			return err
		}},
		{"BodyCounts", func() error { _, err := s.BodyCounts(ctx, "", ""); return err }},
		{"DocumentCounts", func() error { _, err := s.DocumentCounts(ctx, []string{"cescr"}, "", ""); return err }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if err := bc.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
