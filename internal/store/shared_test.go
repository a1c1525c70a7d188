package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// A conflict over a shared record lists the first documents naming it, by slug, and says
// when others do too: a body such as the Secretary-General is named by thousands.
func TestSharedConflictsNameTheirDocuments(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	var naming []string // the documents that name sp, in slug order
	for i := range store.NamedByShown + 2 {
		set := sample()
		set.Document = store.DocumentInput{Slug: fmt.Sprintf("A-%02d", i), Title: "Report", Kind: "report", TitleConfirmed: true}
		set.Advances = []store.AdvanceInput{{Slug: fmt.Sprintf("x%d", i), Title: "An advance", Source: "news",
			Bodies: []store.BodyRef{{Slug: "sp", Confirmed: true}}}}
		set.Recommendations, set.Quotes = nil, nil
		if i == 0 {
			set.Advances[0].Bodies = []store.BodyRef{{Slug: "c2", Confirmed: true}} // c2 is named once
		} else {
			naming = append(naming, set.Document.Slug)
		}
		if err := s.Import(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	set := sample()
	for i := range set.Bodies {
		set.Bodies[i].Name += " (renamed)"
	}
	set.Sources[0].Title += " (renamed)"
	conflicts, err := s.SharedConflicts(ctx, set)
	if err != nil {
		t.Fatal(err)
	}
	type named struct {
		Slug    string
		NamedBy []string
		More    bool
	}
	var got []named
	for _, c := range conflicts {
		got = append(got, named{c.Slug, c.NamedBy, c.NamedByMore})
	}
	slices.SortFunc(got, func(a, b named) int { return strings.Compare(a.Slug, b.Slug) })
	want := []named{
		{"c1", []string{}, false},
		{"c2", []string{"A-00"}, false},
		{"news", append([]string{"A-00"}, naming[:store.NamedByShown-1]...), true},
		{"sp", naming[:store.NamedByShown], true},
		{"tb", []string{}, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SharedConflicts: documents naming each record (-want +got):\n%s", diff)
	}
	for _, c := range conflicts {
		if c.Slug == "sp" && c.Naming() != "A-01, A-02, A-03, A-04, A-05, A-06, A-07, A-08, A-09, A-10 and others" {
			t.Errorf("Naming() = %q", c.Naming())
		}
	}
}
