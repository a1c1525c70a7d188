package gcdata_test

import (
	"slices"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/gcdata"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// Load reads the corpus as import-unhrdb does, and cites only paragraphs the sets hold.
func TestLoad(t *testing.T) {
	dir := testenv.Corpus(t)
	sets, err := gcdata.Load(dir, 5)
	if err != nil {
		t.Fatalf("Load(%s) = %v", dir, err)
	}
	paragraphs, advances := 0, 0
	for _, set := range sets {
		paragraphs += len(set.Paragraphs)
		advances += len(set.Advances)
		for _, a := range set.Advances {
			if !slices.ContainsFunc(set.Paragraphs, func(p store.Paragraph) bool { return p.Number == a.Paragraphs[0] }) ||
				len(a.Bodies) == 0 || a.Bodies[0].Slug != set.Document.Author {
				t.Errorf("advance %+v of %s cites a paragraph the set lacks, or not its author", a, set.Document.Slug)
			}
		}
	}
	if len(sets) != 180 || paragraphs != 6531 || advances < paragraphs/5 {
		t.Errorf("Load = %d sets, %d paragraphs, %d advances; want 180, 6,531 and one advance for every fifth paragraph at least",
			len(sets), paragraphs, advances)
	}
}
