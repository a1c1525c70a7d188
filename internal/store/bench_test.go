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

// BenchmarkHistory measures importing the General Comments corpus with its change history
// (the first time every record is a create; again, nothing changes and nothing is recorded),
// and the queries behind the Recent changes and a document's History.
func BenchmarkHistory(b *testing.B) {
	dir := testenv.Corpus(b)
	sets, err := gcdata.Load(dir, 5)
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	b.Run("ImportFirst", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := dbtest.New(b)
			b.StartTimer()
			if err := s.ImportAll(ctx, sets, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	s := dbtest.New(b)
	if err := s.ImportAll(ctx, sets, nil); err != nil {
		b.Fatal(err)
	}
	b.Run("ImportAgain", func(b *testing.B) {
		for b.Loop() {
			if err := s.ImportAll(ctx, sets, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	doc := sets[0].Document.Slug
	for _, bc := range []struct {
		name string
		f    store.ChangeFilter
	}{
		{"RecentChanges", store.ChangeFilter{Limit: 20}},
		{"RecentChanges/last", store.ChangeFilter{Limit: 20, Offset: 6000}},
		{"DocumentHistory", store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: doc, Limit: 20}},
		{"Activity", store.ChangeFilter{Drafts: true, Limit: 20}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Changes(ctx, bc.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
