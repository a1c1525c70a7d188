package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestAdvanceYears(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	set := sample()
	// sample has a1 in 2019 (date confirmed), a2 in 2020 (date unconfirmed) and a3 undated;
	// a4 makes 2019 hold two advances, one of them with an unconfirmed date.
	set.Advances[0].EventConfirmed = true
	set.Advances[0].EventWhy = ""
	set.Advances = append(set.Advances, store.AdvanceInput{
		Slug: "a4", Title: "Fourth", Source: "news", Event: day("2019-07-01"), EventWhy: "Inferred.",
		Bodies: []store.BodyRef{{Slug: "sp", Confirmed: true}},
	})
	if err := s.Import(t.Context(), set); err != nil {
		t.Fatalf("Import = %v", err)
	}
	tests := []struct {
		name, body string
		want       []store.YearCount
	}{
		{"all", "", []store.YearCount{{Year: 2019, Advances: 2, Unconfirmed: 1}, {Year: 2020, Advances: 1, Unconfirmed: 1}}},
		{"parent body includes children", "tb", []store.YearCount{{Year: 2019, Advances: 1}, {Year: 2020, Advances: 1, Unconfirmed: 1}}},
		{"one body", "sp", []store.YearCount{{Year: 2019, Advances: 1, Unconfirmed: 1}}},
		{"unknown body", "nobody", []store.YearCount{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.AdvanceYears(t.Context(), tc.body)
			if err != nil {
				t.Fatalf("AdvanceYears(%q) = %v", tc.body, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("AdvanceYears(%q) mismatch (-want +got):\n%s", tc.body, diff)
			}
		})
	}
}
