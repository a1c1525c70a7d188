// Package gcdata reads the UN treaty bodies' General Comments, a real corpus of numbered
// paragraphs kept outside the repository, into import sets for benchmarks and scale tests. It
// is not part of the tracker: the corpus is test data and is not shipped. Where the corpus
// lies is the caller's to say (testenv.Corpus: SHARED_DIR/data/un-general-comments). The
// corpus is read by internal/unhrdb, as `hrdtracker import-unhrdb` reads it; this package adds
// synthetic advances on top.
package gcdata

import (
	"context"
	"fmt"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
)

// Load reads every General Comment in dir as an import set. Each set records one synthetic
// advance for every advanceEvery paragraphs, citing that paragraph and attributed to the
// document's committees, so that lists and pages have realistic numbers of rows to show.
// What unhrdb leaves out with a warning (odd paragraph numbers, repeated ones, entries whose
// file is missing) is left out here too, as are documents without paragraphs.
func Load(dir string, advanceEvery int) ([]store.ImportSet, error) {
	c, err := unhrdb.Read(dir)
	if err != nil {
		return nil, err
	}
	var sets []store.ImportSet
	for _, d := range c.Documents {
		if len(d.Set.Paragraphs) == 0 {
			continue
		}
		sets = append(sets, withAdvances(len(sets)+1, d, advanceEvery))
	}
	return sets, nil
}

func withAdvances(serial int, d unhrdb.Document, advanceEvery int) store.ImportSet {
	set := d.Set
	label := set.Document.Symbol
	if label == "" {
		label = set.Document.Slug
	}
	var bodies []store.BodyRef
	for _, c := range d.Committees {
		bodies = append(bodies, store.BodyRef{Slug: c, Confirmed: true})
	}
	if len(bodies) == 0 {
		return set
	}
	for i, p := range set.Paragraphs {
		if i%advanceEvery != 0 {
			continue
		}
		set.Advances = append(set.Advances, store.AdvanceInput{
			Slug:           fmt.Sprintf("gc%d-%d", serial, p.Number),
			Title:          fmt.Sprintf("%s, paragraph %d", label, p.Number),
			Summary:        firstWords(p.Text, 30),
			Source:         set.Document.Slug,
			Event:          set.Document.Issued,
			EventConfirmed: true,
			Paragraphs:     []int{p.Number},
			Bodies:         bodies,
		})
	}
	return set
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		words = append(words[:n], "…")
	}
	return strings.Join(words, " ")
}

// Import loads the whole corpus in dir, as Load reads it, into s in one transaction and
// returns the sets it imported.
func Import(ctx context.Context, s *store.Store, dir string, advanceEvery int) ([]store.ImportSet, error) {
	sets, err := Load(dir, advanceEvery)
	if err != nil {
		return nil, err
	}
	if err := s.ImportAll(ctx, sets, nil); err != nil {
		return nil, err
	}
	return sets, nil
}
