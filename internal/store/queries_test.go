package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func day(s string) store.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return store.Date{Time: t, Precision: store.PrecisionDay}
}

// sample is a small data set: two treaty bodies under one parent, a special procedure, and a
// document whose paragraphs are listed out of order.
func sample() store.ImportSet {
	return store.ImportSet{
		Lang: "en",
		Bodies: []store.BodyInput{
			{Slug: "c1", Kind: "treaty-body", Name: "Committee One", ShortName: "C1", Parent: "tb"},
			{Slug: "tb", Kind: "treaty-body", Name: "Treaty bodies"},
			{Slug: "c2", Kind: "treaty-body", Name: "Committee Two", Parent: "tb"},
			{Slug: "sp", Kind: "special-procedure", Name: "Special Rapporteur"},
		},
		Sources:  []store.DocumentInput{{Slug: "news", Title: "A news item", Kind: "news", TitleConfirmed: true}},
		Document: store.DocumentInput{Slug: "A-1-1", Symbol: "A/1/1", Title: "Report", Kind: "report", TitleConfirmed: true, URL: "https://example.org/a"},
		Paragraphs: []store.Paragraph{
			{Number: 3, Topic: "three"}, {Number: 1, Text: "The first."}, {Number: 2},
		},
		Advances: []store.AdvanceInput{
			{Slug: "a1", Title: "First", Source: "news", Paragraphs: []int{2}, Event: day("2019-01-01"), EventWhy: "Inferred.",
				Bodies: []store.BodyRef{{Slug: "c1", Confirmed: true}}},
			{Slug: "a2", Title: "Second", Source: "news", Paragraphs: []int{3, 1}, Event: day("2020-05-01"), EventWhy: "Guessed.",
				Bodies: []store.BodyRef{{Slug: "c2", Confirmed: false, Why: "Inferred."}}, Facts: []store.Fact{{Text: "A fact", Confirmed: false, Why: "Not found."}},
				Translations: map[string]store.Translation{"fr": {Title: "Deuxième", Text: "Résumé"}}},
			{Slug: "a3", Title: "Third", Source: "news", Bodies: []store.BodyRef{{Slug: "sp", Confirmed: true}}},
		},
		Recommendations: []store.RecommendationInput{
			{Slug: "r1", Title: "Do more", Text: "Do more.", Source: "news", Paragraphs: []int{3}, Addressees: []string{"c1"}},
		},
		Quotes: []store.QuoteInput{
			{Slug: "q1", Text: "Words.", SpeakerName: "Someone", Source: "news", Paragraph: 1},
			{Slug: "q2", Text: "More words.", SpeakerName: "Someone else", Source: "news"},
		},
	}
}

func slugs(as []store.Advance) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.Slug)
	}
	return out
}

func TestAdvances(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if err := s.Import(t.Context(), sample()); err != nil {
		t.Fatalf("Import = %v", err)
	}
	tests := []struct {
		name      string
		filter    store.AdvanceFilter
		want      []string
		wantTotal int
	}{
		{"all, by paragraph", store.AdvanceFilter{}, []string{"a2", "a1", "a3"}, 3},
		{"parent body includes children", store.AdvanceFilter{Bodies: []string{"tb"}}, []string{"a2", "a1"}, 2},
		{"child body", store.AdvanceFilter{Bodies: []string{"c1"}}, []string{"a1"}, 1},
		{"document", store.AdvanceFilter{Document: "A-1-1"}, []string{"a2", "a1", "a3"}, 3},
		{"other document", store.AdvanceFilter{Document: "news"}, []string{}, 0},
		{"paragraph", store.AdvanceFilter{Document: "A-1-1", Paragraph: 3}, []string{"a2"}, 1},
		{"by date, undated last", store.AdvanceFilter{Sort: store.SortDate}, []string{"a2", "a1", "a3"}, 3},
		{"first page", store.AdvanceFilter{Limit: 1}, []string{"a2"}, 3},
		{"unknown body", store.AdvanceFilter{Bodies: []string{"nobody"}}, []string{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Advances(t.Context(), tc.filter)
			if err != nil {
				t.Fatalf("Advances(%+v) = %v", tc.filter, err)
			}
			if diff := cmp.Diff(tc.want, slugs(got.Advances)); diff != "" || got.Total != tc.wantTotal {
				t.Errorf("Advances(%+v): total %d, want %d; slugs (-want +got):\n%s", tc.filter, got.Total, tc.wantTotal, diff)
			}
		})
	}
	if _, err := s.Advances(t.Context(), store.AdvanceFilter{Sort: "title"}); err == nil {
		t.Error("Advances with an unknown sort succeeded")
	}

	a, err := s.Advance(t.Context(), "a2", "en")
	if err != nil {
		t.Fatalf("Advance(a2) = %v", err)
	}
	want := store.Advance{
		Slug: "a2", Title: "Second", Lang: "en", OriginalLang: "en",
		Document: store.DocRef{Slug: "A-1-1", Symbol: "A/1/1", Title: "Report", TitleLang: "en", URL: "https://example.org/a"},
		Source:   store.DocRef{Slug: "news", Title: "A news item", TitleLang: "en"},
		Event:    store.Date{Time: day("2020-05-01").Time, Precision: store.PrecisionDay},
		EventWhy: "Guessed.", EventWhyLang: "en",
		Paragraphs: []int{1, 3},
		Bodies:     []store.BodyRef{{Slug: "c2", Name: "Committee Two", Confirmed: false, Why: "Inferred.", WhyLang: "en", Lang: "en"}},
		Facts:      []store.Fact{{Text: "A fact", Confirmed: false, Why: "Not found.", Lang: "en"}},
	}
	if diff := cmp.Diff(want, a, cmpopts.IgnoreFields(store.Advance{}, "Updated")); diff != "" {
		t.Errorf("Advance(a2) mismatch (-want +got):\n%s", diff)
	}
	if time.Since(a.Updated) > time.Minute {
		t.Errorf("Advance(a2).Updated = %v, want the time of the import", a.Updated)
	}
	// A translation replaces the title and summary and says so; without one, the original shows.
	for _, tc := range []struct{ lang, title, summary, gotLang string }{
		{"fr", "Deuxième", "Résumé", "fr"},
		{"es", "Second", "", "en"},
	} {
		a, err := s.Advance(t.Context(), "a2", tc.lang)
		if err != nil || a.Title != tc.title || a.Summary != tc.summary || a.Lang != tc.gotLang {
			t.Errorf("Advance(a2, %q) = %q, %q in %q (%v); want %q, %q in %q", tc.lang, a.Title, a.Summary, a.Lang, err, tc.title, tc.summary, tc.gotLang)
		}
	}
	if list, _ := s.Advances(t.Context(), store.AdvanceFilter{Lang: "fr"}); list.Advances[0].Title != "Deuxième" || list.Advances[1].Lang != "en" {
		t.Errorf("Advances(fr) = %+v, want a2 in French and a1 in English", list.Advances[:2])
	}
	if _, err := s.Advance(t.Context(), "nope", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Advance(nope) = %v, want ErrNotFound", err)
	}
}

func TestCountsAndLists(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatalf("Import = %v", err)
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(store.Counts{Documents: 1, Paragraphs: 3, Advances: 3, Recommendations: 1, Quotes: 2, Bodies: 4}, counts); diff != "" {
		t.Errorf("Counts() mismatch (-want +got):\n%s", diff)
	}

	bodies, err := s.BodyCounts(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	type bc struct {
		Slug     string
		Advances int
	}
	var got []bc
	for _, b := range bodies {
		got = append(got, bc{b.Slug, b.Advances})
	}
	if diff := cmp.Diff([]bc{{"tb", 2}, {"c1", 1}, {"c2", 1}, {"sp", 1}}, got); diff != "" {
		t.Errorf("BodyCounts(\"\") (-want +got):\n%s", diff)
	}
	newsBodies, err := s.BodyCounts(ctx, "news", "")
	if err != nil || len(newsBodies) != 4 {
		t.Fatalf("BodyCounts(news) = %d bodies, %v; want all 4", len(newsBodies), err)
	}
	for _, b := range newsBodies {
		if b.Advances != 0 {
			t.Errorf("BodyCounts(news): %s has %d advances, want 0: the news item records none", b.Slug, b.Advances)
		}
	}

	docs, err := s.DocumentCounts(ctx, []string{"c1"}, "", "")
	if err != nil {
		t.Fatal(err)
	}
	type dc struct {
		Slug     string
		Advances int
	}
	var gotDocs []dc
	for _, d := range docs {
		gotDocs = append(gotDocs, dc{d.Slug, d.Advances})
	}
	if diff := cmp.Diff([]dc{{"A-1-1", 1}}, gotDocs); diff != "" {
		t.Errorf("DocumentCounts(c1) (-want +got):\n%s", diff)
	}
	// One body's count, its own and those under it, is kept; several bodies' are counted,
	// each advance once however many of them it is under.
	for _, tc := range []struct {
		bodies []string
		want   int
	}{{nil, 3}, {[]string{"tb"}, 2}, {[]string{"sp"}, 1}, {[]string{"tb", "c1"}, 2}, {[]string{"c2", "sp"}, 2}} {
		docs, err := s.DocumentCounts(ctx, tc.bodies, "", "")
		if err != nil || len(docs) != 1 || docs[0].Advances != tc.want {
			t.Errorf("DocumentCounts(%q) = %+v, %v; want A-1-1 with %d advances", tc.bodies, docs, err, tc.want)
		}
	}

	paras, err := s.Paragraphs(ctx, "A-1-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]store.Paragraph{{Number: 1, Text: "The first.", TopicLang: "en"}, {Number: 2, TopicLang: "en"}, {Number: 3, Topic: "three", TopicLang: "en"}}, paras); diff != "" {
		t.Errorf("Paragraphs(A-1-1) (-want +got):\n%s", diff)
	}
	if _, err := s.Paragraph(ctx, "A-1-1", 9, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Paragraph(A-1-1, 9) = %v, want ErrNotFound", err)
	}

	d, err := s.Document(ctx, "A-1-1", "en")
	if err != nil || d.Paragraphs != 3 || d.Advances != 3 || d.Issued.Known() {
		t.Errorf("Document(A-1-1) = %+v, %v; want 3 paragraphs, 3 advances, no date", d, err)
	}
	// The news item is a source, not a UN document: it is listed apart, with what it supports.
	if docs, err := s.LatestDocuments(ctx, 10, "en"); err != nil || len(docs) != 1 || docs[0].Slug != "A-1-1" {
		t.Errorf("Documents() = %+v, %v; want the report alone", docs, err)
	}
	if srcs, err := s.DocumentPage(ctx, store.DocumentFilter{Sources: true, Lang: "en"}); err != nil || len(srcs.Items) != 1 || srcs.Items[0].Slug != "news" || srcs.Items[0].Supports != 6 {
		t.Errorf("Sources() = %+v, %v; want the news item, the source of 6 items", srcs, err)
	}
	if list, err := s.Advances(ctx, store.AdvanceFilter{Source: "news"}); err != nil || list.Total != 3 {
		t.Errorf("Advances(source news) = %+v, %v; want 3", list, err)
	}

	for _, tc := range []struct {
		f    store.ItemFilter
		want int
	}{{store.ItemFilter{}, 1}, {store.ItemFilter{Bodies: []string{"tb"}}, 1}, {store.ItemFilter{Bodies: []string{"c2"}}, 0}, {store.ItemFilter{Document: "A-1-1", Paragraph: 1}, 0}} {
		if recs, err := s.Recommendations(ctx, tc.f); err != nil || len(recs) != tc.want {
			t.Errorf("Recommendations(%+v) = %d, %v; want %d", tc.f, len(recs), err, tc.want)
		}
	}
	if r, err := s.Recommendation(ctx, "r1", "en"); err != nil || len(r.Addressees) != 1 || r.Paragraphs[0] != 3 {
		t.Errorf("Recommendation(r1) = %+v, %v", r, err)
	}
	if q, err := s.Quotes(ctx, store.ItemFilter{Document: "A-1-1", Paragraph: 1}); err != nil || len(q) != 1 || q[0].Slug != "q1" {
		t.Errorf("Quotes(paragraph 1) = %+v, %v; want q1", q, err)
	}
	if b, err := s.Body(ctx, "c1", ""); err != nil || b.ParentSlug != "tb" {
		t.Errorf("Body(c1) = %+v, %v; want parent tb", b, err)
	}
}

// state is what the store shows of its data, in every language the tests use.
type state struct {
	Counts          store.Counts
	Documents       []store.Document
	Advances        map[string][]store.Advance
	Recommendations []store.Recommendation
	Quotes          []store.Quote
	Bodies          []store.BodyCount
}

func snapshot(t *testing.T, s *store.Store) state {
	t.Helper()
	ctx := t.Context()
	st := state{Advances: map[string][]store.Advance{}}
	var err error
	if st.Counts, err = s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if st.Documents, err = s.LatestDocuments(ctx, 10, "en"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"en", "fr"} {
		list, err := s.Advances(ctx, store.AdvanceFilter{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		st.Advances[l] = list.Advances
	}
	if st.Recommendations, err = s.Recommendations(ctx, store.ItemFilter{}); err != nil {
		t.Fatal(err)
	}
	if st.Quotes, err = s.Quotes(ctx, store.ItemFilter{}); err != nil {
		t.Fatal(err)
	}
	if st.Bodies, err = s.BodyCounts(ctx, "", ""); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatalf("Import = %v", err)
	}
	before := snapshot(t, s)

	// Another document may not take over an advance's slug.
	other := sample()
	other.Document = store.DocumentInput{Slug: "A-2-2", Title: "Other", Kind: "report", TitleConfirmed: true}
	other.Recommendations, other.Quotes = nil, nil
	if err := s.Import(ctx, other); !errors.Is(err, store.ErrConflict) {
		t.Errorf("Import of another document reusing slug a1 = %v, want ErrConflict", err)
	}
	// The schema refuses a citation of a paragraph the document lacks, even if validation missed it.
	bad := sample()
	bad.Advances[0].Paragraphs = []int{99}
	if err := s.Import(ctx, bad); err == nil {
		t.Error("Import citing a missing paragraph succeeded")
	}
	if diff := cmp.Diff(before, snapshot(t, s)); diff != "" {
		t.Errorf("failed imports changed the data (-before +after):\n%s", diff)
	}

	// The same set again changes nothing, not even the time of the last change.
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatalf("Import(same) = %v", err)
	}
	if diff := cmp.Diff(before, snapshot(t, s)); diff != "" {
		t.Errorf("importing the same set again changed the data (-before +after):\n%s", diff)
	}

	// An edited set updates what changed and removes what it no longer lists.
	edited := sample()
	edited.Advances = edited.Advances[1:]
	edited.Advances[0].Title = "Second, renamed"
	edited.Paragraphs = edited.Paragraphs[:2]
	edited.Advances[0].Paragraphs = []int{1, 3}
	if err := s.Import(ctx, edited); err != nil {
		t.Fatalf("Import(edited) = %v", err)
	}
	list, _ := s.Advances(ctx, store.AdvanceFilter{Sort: store.SortUpdated})
	if diff := cmp.Diff([]string{"a2", "a3"}, slugs(list.Advances)); diff != "" || list.Advances[0].Title != "Second, renamed" {
		t.Errorf("after the edit: %+v (-want +got slugs):\n%s", list.Advances, diff)
	}
	// Only the advance that changed counts as updated.
	a3Before := before.Advances["en"][2]
	if a3 := list.Advances[1]; !a3.Updated.Equal(a3Before.Updated) || !list.Advances[0].Updated.After(a3Before.Updated) {
		t.Errorf("after the edit, a2 updated %v and a3 %v (was %v); want only a2 newer", list.Advances[0].Updated, a3.Updated, a3Before.Updated)
	}
}
