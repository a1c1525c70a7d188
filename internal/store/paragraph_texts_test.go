package store_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// A report's text updates the paragraphs it has, adds the others, and removes those it no
// longer has unless something cites them; a preview says the same and changes nothing.
func TestReplaceParagraphTexts(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil { // paragraphs 1, 2, 3, all cited
		t.Fatal(err)
	}
	texts := func(ns ...int) []store.ParagraphText {
		var ps []store.ParagraphText
		for _, n := range ns {
			ps = append(ps, store.ParagraphText{Number: n, Text: "Text of paragraph " + string(rune('0'+n)) + "."})
		}
		return ps
	}
	first := texts(1, 2, 3, 4, 5)
	first[0].Text = "The first." // as the data set has it
	got, err := s.ReplaceParagraphTexts(ctx, store.Import, "A-1-1", first)
	if err != nil {
		t.Fatalf("ReplaceParagraphTexts(1-5) = %v", err)
	}
	want := store.ParagraphChanges{Added: []int{4, 5}, Changed: []int{2, 3}, Unchanged: 1}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ReplaceParagraphTexts(1-5) (-want +got):\n%s", diff)
	}
	before, err := s.Paragraphs(ctx, "A-1-1", "en")
	if err != nil {
		t.Fatal(err)
	}

	second := texts(1, 2, 6)
	want = store.ParagraphChanges{
		Added: []int{6}, Changed: []int{1}, Unchanged: 1, Removed: []int{4, 5},
		Kept: []store.CitedParagraph{{Number: 3, CitedBy: []store.ItemRef{{Kind: "advance", Slug: "a2"}, {Kind: "recommendation", Slug: "r1"}}}},
	}
	got, err = s.PreviewParagraphTexts(ctx, "A-1-1", second)
	if err != nil {
		t.Fatalf("PreviewParagraphTexts(1, 2, 6) = %v", err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("PreviewParagraphTexts(1, 2, 6) (-want +got):\n%s", diff)
	}
	after, err := s.Paragraphs(ctx, "A-1-1", "en")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("paragraphs after a preview changed (-before +after):\n%s", diff)
	}

	got, err = s.ReplaceParagraphTexts(ctx, store.Import, "A-1-1", second)
	if err != nil {
		t.Fatalf("ReplaceParagraphTexts(1, 2, 6) = %v", err)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ReplaceParagraphTexts(1, 2, 6) (-want +got):\n%s", diff)
	}
	after, err = s.Paragraphs(ctx, "A-1-1", "en")
	if err != nil {
		t.Fatal(err)
	}
	var numbers []int
	for _, p := range after {
		numbers = append(numbers, p.Number)
		if p.Number == 3 && (p.Topic != "three" || p.Text != "Text of paragraph 3.") {
			t.Errorf("kept paragraph 3 = %+v, want its topic and text as they were", p)
		}
		if p.Number == 1 && p.Text != "Text of paragraph 1." {
			t.Errorf("paragraph 1 = %+v, want the new text", p)
		}
	}
	if !cmp.Equal(numbers, []int{1, 2, 3, 6}) {
		t.Errorf("paragraphs after the import = %v, want [1 2 3 6]", numbers)
	}
	// What cited the paragraphs still does.
	a, err := s.Advance(ctx, "a2", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(a.Paragraphs, []int{1, 3}) {
		t.Errorf("advance a2 cites %v after the import, want [1 3]", a.Paragraphs)
	}
	// The same text again changes nothing.
	got, err = s.ReplaceParagraphTexts(ctx, store.Import, "A-1-1", second)
	if err != nil || got.Unchanged != 3 || len(got.Added)+len(got.Changed)+len(got.Removed) > 0 {
		t.Errorf("ReplaceParagraphTexts(1, 2, 6) again = %+v, %v; want 3 unchanged and nothing else", got, err)
	}
	// The new text is what search finds.
	results, err := s.Search(ctx, store.SearchFilter{Q: "paragraph", Kind: store.KindParagraph, Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := results.Total(store.KindParagraph); n != 4 {
		t.Errorf("Search(paragraph) found %d paragraphs after the import, want 4", n)
	}

	for _, tc := range []struct {
		name     string
		document string
		ps       []store.ParagraphText
		want     error
	}{
		{"an unknown document", "A-9-9", texts(1), store.ErrNotFound},
		{"a number twice", "A-1-1", texts(1, 2, 1), store.ErrConflict},
	} {
		if _, err := s.ReplaceParagraphTexts(ctx, store.Import, tc.document, tc.ps); !errors.Is(err, tc.want) {
			t.Errorf("ReplaceParagraphTexts(%q) with %s = %v, want %v", tc.document, tc.name, err, tc.want)
		}
	}
	if _, err := s.ReplaceParagraphTexts(ctx, store.Import, "A-1-1", []store.ParagraphText{{Number: 0, Text: "x"}}); err == nil {
		t.Error("ReplaceParagraphTexts with paragraph 0 succeeded, want an error")
	}
}

// Saving a text records each paragraph it adds, changes or removes, as made by the actor;
// a preview records nothing.
func TestReplaceParagraphTextsRecorded(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, store.NewUser{Email: "eve@example.org", Name: "Eve", Role: store.RoleEditor, PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"})
	if err != nil {
		t.Fatal(err)
	}
	filter := store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: "A-1-1", Drafts: true}
	before, err := s.Changes(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	ps := []store.ParagraphText{{Number: 1, Text: "The first."}, {Number: 2, Text: "A new second."}, {Number: 3, Text: "Third."}, {Number: 9, Text: "Ninth."}}
	if _, err := s.PreviewParagraphTexts(ctx, "A-1-1", ps); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceParagraphTexts(ctx, store.Editor(u.ID), "A-1-1", ps); err != nil {
		t.Fatal(err)
	}
	after, err := s.Changes(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range after.Changes[:after.Total-before.Total] {
		if c.ActorKind != store.EditorActor || c.ActorID != u.ID {
			t.Errorf("change %s %s was made by %s %d, want the editor %d", c.Action, c.ItemKey, c.ActorKind, c.ActorID, u.ID)
		}
		got = append(got, string(c.Action)+" "+c.ItemKey)
	}
	slices.Sort(got)
	if want := []string{"create A-1-1/9", "update A-1-1/2", "update A-1-1/3"}; !slices.Equal(got, want) {
		t.Errorf("saving the text recorded %q, want %q", got, want)
	}
}
