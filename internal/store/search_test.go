package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatal(err)
	}
	advances := func(res store.SearchResults) []string {
		var out []string
		for _, h := range res.Hits {
			if h.Kind == store.KindAdvance {
				out = append(out, h.Slug)
			}
		}
		return out
	}
	reprisals := []string{"special-procedures-reprisals-policy", "san-jose-guidelines", "senior-official-on-reprisals"}
	for _, tc := range []struct {
		q, lang string
		want    []string // advances that must be found
		not     []string // advances that must not
	}{
		{"reprisals", "en", reprisals, nil},
		{"reprisal", "en", reprisals, nil},
		{"REPRISALS", "en", reprisals, nil},
		{`"San José"`, "en", []string{"san-jose-guidelines"}, []string{"senior-official-on-reprisals"}},
		{`"san jose"`, "en", []string{"san-jose-guidelines"}, nil},
		{"reprisals -guidelines", "en", []string{"special-procedures-reprisals-policy", "senior-official-on-reprisals"}, []string{"san-jose-guidelines"}},
		{"représailles", "fr", reprisals, nil},
		{"represailles", "fr", reprisals, nil},
		{"represalias", "es", []string{"san-jose-guidelines"}, nil},
		{"guidelines or policy", "en", []string{"special-procedures-reprisals-policy", "san-jose-guidelines"}, nil},
	} {
		t.Run(tc.q+"/"+tc.lang, func(t *testing.T) {
			res, err := s.Search(t.Context(), store.SearchFilter{Q: tc.q, Lang: tc.lang, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			got := advances(res)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Search(%q) advances = %v, want %q among them", tc.q, got, w)
				}
			}
			for _, w := range tc.not {
				if slices.Contains(got, w) {
					t.Errorf("Search(%q) advances = %v, want no %q", tc.q, got, w)
				}
			}
			if res.Counts[store.KindAdvance] != len(got) {
				t.Errorf("Search(%q) counts %v advances, lists %d", tc.q, res.Counts, len(got))
			}
			for _, h := range res.Hits {
				if !strings.Contains(h.Title+h.Snippet, store.MarkStart) {
					t.Errorf("Search(%q) hit %+v marks no word", tc.q, h)
				}
			}
		})
	}
}

// An import that edits a title keeps the search columns current.
func TestSearchFollowsEdits(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	set := sample()
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	found := func(q, lang string) int {
		t.Helper()
		res, err := s.Search(ctx, store.SearchFilter{Q: q, Lang: lang, Kind: store.KindAdvance})
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.Total(store.KindAdvance)
		return n
	}
	if n := found("first", "en"); n != 1 {
		t.Fatalf("Search(first) finds %d advances, want 1", n)
	}
	set.Advances[0].Title = "Premières mesures"
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	if n := found("first", "en"); n != 0 {
		t.Errorf("after the edit, Search(first) finds %d advances, want 0", n)
	}
	if n := found("premieres mesures", "en"); n != 1 {
		t.Errorf("after the edit, Search(premieres mesures) finds %d advances, want 1", n)
	}
}
