package store_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// newEditor adds an editor to s and returns their user id: every change an editor makes names
// a real account.
func newEditor(t *testing.T, s *store.Store) int64 {
	t.Helper()
	u, err := s.CreateUser(t.Context(), store.NewUser{
		Email: "grace@example.org", Name: "Grace Hopper", Role: store.RoleEditor,
		// Never checked here: the store keeps whatever hash auth made.
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
	})
	if err != nil {
		t.Fatalf("CreateUser = %v", err)
	}
	return u.ID
}

// summary is a change as type, key, action and who made it, for comparing lists of changes.
func summary(cs []store.Change) []string {
	out := []string{}
	for _, c := range cs {
		s := string(c.ItemType) + " " + c.ItemKey + " " + string(c.Action) + " by " + string(c.ActorKind)
		if !c.Public {
			s += " (draft)"
		}
		out = append(out, s)
	}
	return out
}

func TestImportRecordsChanges(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	all, err := s.Changes(ctx, store.ChangeFilter{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	// 4 bodies, 2 documents, 3 paragraphs, 3 advances, 1 recommendation, 2 quotes.
	if all.Total != 15 || len(all.Changes) != 15 {
		t.Fatalf("Changes() after the first import = %d of %d, want 15: %q", len(all.Changes), all.Total, summary(all.Changes))
	}
	for _, c := range all.Changes {
		if c.Action != store.Create || c.ActorKind != store.ImportActor || c.ActorName != "" || !c.Public || c.Before != nil || c.After == nil {
			t.Errorf("change %+v; want a public create by the import, with only an after", c)
		}
	}

	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	again, err := s.Changes(ctx, store.ChangeFilter{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if again.Total != 15 {
		t.Errorf("Changes() after importing the same set again = %d, want 15: nothing changed", again.Total)
	}

	set := sample()
	set.Advances[0].Title = "First, renamed"
	set.Paragraphs[1].Text = "The first, amended."
	set.Quotes = set.Quotes[:1]
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	latest, err := s.Changes(ctx, store.ChangeFilter{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"paragraph A-1-1/1 update by import", "advance a1 update by import", "quote q2 delete by import"}
	got := summary(latest.Changes)
	if diff := cmp.Diff(sorted(want), sorted(got)); diff != "" {
		t.Fatalf("the latest changes after editing the set (-want +got):\n%s", diff)
	}
	history, err := s.Changes(ctx, store.ChangeFilter{ItemType: store.AdvanceItem, ItemKey: "a1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(history.Changes) != 2 {
		t.Fatalf("a1's history = %q, want the update then the create", summary(history.Changes))
	}
	update := history.Changes[0]
	if diff := cmp.Diff([]store.Field{{Name: "title", Before: "First", After: "First, renamed"}}, update.Fields()); diff != "" {
		t.Errorf("a1's update fields (-want +got):\n%s", diff)
	}
	if got := history.Changes[1].Label(); got != "First" {
		t.Errorf("a1's create Label() = %q, want its title then, First", got)
	}
	// A document's history holds its paragraphs' changes too, and not another document's.
	doc, err := s.Changes(ctx, store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: "A-1-1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(doc.Changes); len(got) != 5 || got[0] != "paragraph A-1-1/1 update by import" {
		t.Errorf("A-1-1's history = %q, want the paragraph's update and the creates of the document and its 3 paragraphs", got)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// A draft is nowhere public: lists, items, counts, charts, facets, search, exports.
func TestDraftsAreNotPublic(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	editor := newEditor(t, s)
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	imported, err := s.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		t    store.ItemType
		slug string
	}{{store.AdvanceItem, "a2"}, {store.RecommendationItem, "r1"}, {store.QuoteItem, "q1"}} {
		if err := s.SetPublished(ctx, editor, d.t, d.slug, false); err != nil {
			t.Fatal(err)
		}
	}
	visible := func(t *testing.T, want bool) {
		t.Helper()
		list, err := s.Advances(ctx, store.AdvanceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(sorted(slugs(list.Advances)), " "); (got == "a1 a2 a3") != want || (got == "a1 a3") == want {
			t.Errorf("Advances() = %q (total %d); want a2 listed: %t", got, list.Total, want)
		}
		if _, err := s.Advance(ctx, "a2", "en"); errors.Is(err, store.ErrNotFound) == want {
			t.Errorf("Advance(a2) = %v; want it found: %t", err, want)
		}
		if _, err := s.Recommendation(ctx, "r1", "en"); errors.Is(err, store.ErrNotFound) == want {
			t.Errorf("Recommendation(r1) = %v; want it found: %t", err, want)
		}
		quotes, err := s.Quotes(ctx, store.ItemFilter{})
		if err != nil || (len(quotes) == 2) != want {
			t.Errorf("Quotes() = %d quotes, %v; want q1 among them: %t", len(quotes), err, want)
		}
		speakers, _, err := s.QuoteFacets(ctx, store.ItemFilter{})
		if err != nil || (len(speakers) == 2) != want {
			t.Errorf("QuoteFacets() speakers = %+v, %v; want q1's speaker among them: %t", speakers, err, want)
		}
		if ok, err := s.QuoteSpeakerExists(ctx, "Someone", ""); err != nil || ok != want {
			t.Errorf("QuoteSpeakerExists(Someone) = %t, %v; want %t", ok, err, want)
		}
		counts, err := s.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := map[bool]int{true: 1, false: 0}[want]
		// A list of one body's advances takes its total from the kept counts.
		for _, f := range []store.AdvanceFilter{{Bodies: []string{"c2"}}, {Bodies: []string{"c2"}, Document: "A-1-1"}} {
			if list, err := s.Advances(ctx, f); err != nil || list.Total != n || len(list.Advances) != n {
				t.Errorf("Advances(%+v) = %d advances, total %d, %v; want a2 listed and counted: %t", f, len(list.Advances), list.Total, err, want)
			}
		}
		if counts.Advances != 2+n || counts.Recommendations != n || counts.Quotes != 1+n {
			t.Errorf("Counts() = %+v; want a2, r1 and q1 counted: %t", counts, want)
		}
		bodies, err := s.BodyCounts(ctx, "", "en")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bodies {
			if b.Slug == "c2" && b.Advances != n {
				t.Errorf("BodyCounts() gives c2 %d advances, want %d", b.Advances, n)
			}
		}
		years, err := s.AdvanceYears(ctx, "")
		if err != nil || (len(years) == 2) != want {
			t.Errorf("AdvanceYears() = %+v, %v; want a2's year 2020: %t", years, err, want)
		}
		docs, err := s.DocumentCounts(ctx, nil, "", "en")
		if err != nil || len(docs) != 1 || docs[0].Advances != 2+n {
			t.Errorf("DocumentCounts() = %+v, %v; want %d advances", docs, err, 2+n)
		}
		page, err := s.DocumentPage(ctx, store.DocumentFilter{Lang: "en", Limit: 10})
		if err != nil || len(page.Items) != 1 || page.Items[0].Advances != 2+n {
			t.Errorf("DocumentPage() = %+v, %v; want A-1-1 with %d advances", page.Items, err, 2+n)
		}
		sources, err := s.DocumentPage(ctx, store.DocumentFilter{Sources: true, Lang: "en"})
		if err != nil || len(sources.Items) != 1 || sources.Items[0].Supports != 3+3*n {
			t.Errorf("Sources() = %+v, %v; want the news supporting %d items", sources, err, 3+3*n)
		}
		// The recommendation's words are all stop words: search cannot find it either way.
		res, err := s.Search(ctx, store.SearchFilter{Q: "second or someone", Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, h.Slug)
		}
		if got := strings.Join(sorted(hits), " "); (got == "a2 q1 q2") != want || (got == "q2") == want {
			t.Errorf("Search(second or someone) = %q; want a2 and q1 found: %t", got, want)
		}
		recent, err := s.Changes(ctx, store.ChangeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"a2", "r1", "q1"} {
			found := false
			for _, c := range recent.Changes {
				found = found || c.ItemKey == key
			}
			if found != want {
				t.Errorf("public Changes() hold %s's: %t, want %t", key, found, want)
			}
		}
		c, err := s.DocumentContents(ctx, "A-1-1", 0, "en")
		if err != nil || (len(c.Advances) == 3) != want || (len(c.Recommendations) == 1) != want || (len(c.Quotes) == 2) != want {
			t.Errorf("DocumentContents(A-1-1) = %d advances, %d recommendations, %d quotes, %v; want the drafts in it: %t",
				len(c.Advances), len(c.Recommendations), len(c.Quotes), err, want)
		}
		set, err := s.Export(ctx, "A-1-1")
		if err != nil || (len(set.Advances) == 3) != want || (len(set.Recommendations) == 1) != want || (len(set.Quotes) == 2) != want {
			t.Errorf("Export() = %d advances, %d recommendations, %d quotes, %v; want the drafts in it: %t",
				len(set.Advances), len(set.Recommendations), len(set.Quotes), err, want)
		}
	}
	t.Run("drafts", func(t *testing.T) { visible(t, false) })
	// Making an item a draft changes its row, but not the public data.
	if changed, err := s.LastChange(ctx); err != nil || !changed.Equal(imported) {
		t.Errorf("LastChange() with drafts = %v, %v; want the import's %v", changed, err, imported)
	}

	public, err := s.Changes(ctx, store.ChangeFilter{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range public.Changes {
		if c.Action == store.Unpublish {
			t.Errorf("public changes hold %+v; unpublishing is for editors only", c)
		}
	}
	for _, d := range []struct {
		t    store.ItemType
		slug string
	}{{store.AdvanceItem, "a2"}, {store.RecommendationItem, "r1"}, {store.QuoteItem, "q1"}} {
		if err := s.SetPublished(ctx, editor, d.t, d.slug, true); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("published", func(t *testing.T) { visible(t, true) })
	if changed, err := s.LastChange(ctx); err != nil || !changed.After(imported) {
		t.Errorf("LastChange() once published = %v, %v; want after the import's %v", changed, err, imported)
	}

	latest, err := s.Changes(ctx, store.ChangeFilter{Limit: 6, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"quote q1 publish by editor", "recommendation r1 publish by editor", "advance a2 publish by editor",
		"quote q1 unpublish by editor (draft)", "recommendation r1 unpublish by editor (draft)", "advance a2 unpublish by editor (draft)",
	}
	if diff := cmp.Diff(want, summary(latest.Changes)); diff != "" {
		t.Errorf("the editor's activity (-want +got):\n%s", diff)
	}
	if got := latest.Changes[0]; got.ActorID != editor || got.ActorName != "Grace Hopper" {
		t.Errorf("the latest change is by %d, %q; want %d, Grace Hopper", got.ActorID, got.ActorName, editor)
	}
	if got := latest.Changes[len(latest.Changes)-1]; got.ActorKind != store.EditorActor || got.ActorName != "Grace Hopper" {
		t.Errorf("an unpublish is by %s %q; want the editor, by name", got.ActorKind, got.ActorName)
	}

	// A draft document hides its paragraphs and items.
	if err := s.SetPublished(ctx, editor, store.DocumentItem, "A-1-1", false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Document(ctx, "A-1-1", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(A-1-1) of a draft = %v, want ErrNotFound", err)
	}
	if _, err := s.DocumentContents(ctx, "A-1-1", 0, "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocumentContents(A-1-1) of a draft = %v, want ErrNotFound", err)
	}
	if ps, err := s.Paragraphs(ctx, "A-1-1", "en"); err != nil || len(ps) != 0 {
		t.Errorf("Paragraphs(A-1-1) of a draft = %d, %v; want none", len(ps), err)
	}
	if list, err := s.Advances(ctx, store.AdvanceFilter{}); err != nil || list.Total != 0 {
		t.Errorf("Advances() with their document a draft = %d, %v; want none", list.Total, err)
	}
	if c, err := s.Counts(ctx); err != nil || c.Paragraphs != 0 || c.Documents != 0 {
		t.Errorf("Counts() with the document a draft = %+v, %v; want no documents or paragraphs", c, err)
	}
	// The news stays public, the source of nothing the public sees.
	if sources, err := s.DocumentPage(ctx, store.DocumentFilter{Sources: true, Lang: "en"}); err != nil || len(sources.Items) != 1 || sources.Items[0].Supports != 0 {
		t.Errorf("Sources() with the document a draft = %+v, %v; want the news supporting no item", sources, err)
	}
	if d, err := s.Document(ctx, "news", "en"); err != nil || d.Supports != 0 {
		t.Errorf("Document(news) with the document a draft = %+v, %v; want it supporting no item", d, err)
	}
}

// What changes in a draft document is not a public change, however recent: its paragraphs,
// advances, recommendations and quotes.
func TestLastChangeLeavesDraftDocumentsOut(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	editor := newEditor(t, s)
	set := sample()
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPublished(ctx, editor, store.DocumentItem, "A-1-1", false); err != nil {
		t.Fatal(err)
	}
	before, err := s.LastChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Advances[0].Title = "First, edited"
	set.Recommendations[0].Title = "Do more, edited"
	set.Quotes[0].Text, set.Quotes[0].Lang = "Words, edited.", "en"
	for _, edit := range []func() error{
		func() error {
			return s.UpdateParagraph(ctx, editor, "A-1-1", store.Paragraph{Number: 1, Text: "The first, edited."})
		},
		func() error { return s.UpdateAdvance(ctx, editor, "a1", set.Advances[0]) },
		func() error { return s.UpdateRecommendation(ctx, editor, "r1", set.Recommendations[0]) },
		func() error { return s.UpdateQuote(ctx, editor, "q1", set.Quotes[0]) },
	} {
		if err := edit(); err != nil {
			t.Fatal(err)
		}
		if after, err := s.LastChange(ctx); err != nil || !after.Equal(before) {
			t.Errorf("LastChange() after an edit in a draft document = %v, %v; want %v, as before it", after, err, before)
		}
	}
}

func TestEditorWrites(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	editor := newEditor(t, s)
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	in := store.AdvanceInput{Slug: "a4", Title: "Fourth", Paragraphs: []int{1}, Bodies: []store.BodyRef{{Slug: "sp", Confirmed: true}}}
	checked, err := dataset.CheckAdvance(ctx, s, "A-1-1", in)
	if err != nil {
		t.Fatalf("CheckAdvance(a4) = %v", err)
	}
	if checked.Source != "A-1-1" {
		t.Errorf("CheckAdvance(a4).Source = %q, want the document, A-1-1", checked.Source)
	}
	// A change names a real account: an unknown editor changes nothing.
	if err := s.CreateAdvance(ctx, editor+1, "A-1-1", checked); err == nil {
		t.Error("CreateAdvance by a user who does not exist succeeded")
	}
	if err := s.CreateAdvance(ctx, editor, "A-1-1", checked); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateAdvance(ctx, editor, "A-1-1", checked); !errors.Is(err, store.ErrConflict) {
		t.Errorf("CreateAdvance(a4) again = %v, want ErrConflict", err)
	}
	if _, err := s.Advance(ctx, "a4", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Advance(a4) of a new draft = %v, want ErrNotFound", err)
	}
	checked.Title = "Fourth, corrected"
	if err := s.UpdateAdvance(ctx, editor, "a4", checked); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPublished(ctx, editor, store.AdvanceItem, "a4", true); err != nil {
		t.Fatal(err)
	}
	if a, err := s.Advance(ctx, "a4", "en"); err != nil || a.Title != "Fourth, corrected" {
		t.Errorf("Advance(a4) once published = %+v, %v; want it, corrected", a, err)
	}
	// Setting the state it has records nothing.
	if err := s.SetPublished(ctx, editor, store.AdvanceItem, "a4", true); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAdvance(ctx, editor, "a4"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAdvance(ctx, editor, "a4"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteAdvance(a4) again = %v, want ErrNotFound", err)
	}
	history, err := s.Changes(ctx, store.ChangeFilter{ItemType: store.AdvanceItem, ItemKey: "a4", Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"advance a4 delete by editor", "advance a4 publish by editor",
		"advance a4 update by editor (draft)", "advance a4 create by editor (draft)",
	}
	if diff := cmp.Diff(want, summary(history.Changes)); diff != "" {
		t.Errorf("a4's history (-want +got):\n%s", diff)
	}
	if got := history.Changes[2].After["title"]; string(got) != `"Fourth, corrected"` {
		t.Errorf("the update's after title = %s, want the corrected title", got)
	}
	public, err := s.Changes(ctx, store.ChangeFilter{ItemType: store.AdvanceItem, ItemKey: "a4"})
	if err != nil || len(public.Changes) != 2 {
		t.Errorf("a4's public history = %q, %v; want the publish and the delete only", summary(public.Changes), err)
	}

	// The news item is the source of the document's items: it cannot go.
	err = s.DeleteDocument(ctx, editor, "news")
	var cited *store.CitedError
	if !errors.As(err, &cited) || !errors.Is(err, store.ErrCited) || len(cited.By) != 6 || cited.By[0] != "advance a1" {
		t.Fatalf("DeleteDocument(news) = %v, want a CitedError naming its 6 items", err)
	}
	if _, err := s.Changes(ctx, store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: "news"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDocument(ctx, editor, "A-1-1"); err != nil {
		t.Fatal(err)
	}
	gone, err := s.Changes(ctx, store.ChangeFilter{Limit: 100, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	deleted := 0
	for _, c := range gone.Changes {
		if c.Action == store.Delete && c.ActorKind == store.EditorActor && c.ItemKey != "a4" {
			deleted++
		}
	}
	// The document, its 3 paragraphs, 3 advances, 1 recommendation and 2 quotes.
	if deleted != 10 {
		t.Errorf("deleting A-1-1 recorded %d deletes, want 10: %q", deleted, summary(gone.Changes))
	}
}

func TestCheckAdvance(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	in := store.AdvanceInput{Slug: "Bad Slug", Paragraphs: []int{9}, Source: "nowhere",
		Bodies: []store.BodyRef{{Slug: "nobody", Confirmed: false}}}
	_, err := dataset.CheckAdvance(ctx, s, "A-1-1", in)
	var ve *dataset.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("CheckAdvance(bad) = %v, want a ValidationError", err)
	}
	var paths []string
	for _, p := range ve.Problems {
		paths = append(paths, p.Path)
	}
	want := []string{"advance.slug", "advance.title", "advance.source", "advance.paragraphs[0]", "advance.bodies[0]"}
	if diff := cmp.Diff(sorted(want), sorted(paths)); diff != "" {
		t.Errorf("CheckAdvance(bad) problems (-want +got):\n%s\n%v", diff, err)
	}
	if _, err := dataset.CheckAdvance(ctx, s, "no-such-document", in); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("CheckAdvance on a missing document = %v, want ErrNotFound", err)
	}
}

// Fields reads a change's values for people: text as it is, the rest as JSON.
func TestChangeFields(t *testing.T) {
	c := store.Change{
		Action: store.Update,
		Before: map[string]json.RawMessage{"title": json.RawMessage(`"Old"`), "paragraphs": json.RawMessage(`[1]`), "summary": json.RawMessage(`""`)},
		After:  map[string]json.RawMessage{"title": json.RawMessage(`"New"`), "paragraphs": json.RawMessage(`[1, 2]`), "summary": json.RawMessage(`"Now one"`)},
	}
	want := []store.Field{
		{Name: "paragraphs", Before: "[1]", After: "[1,2]"},
		{Name: "summary", Before: "", After: "Now one"},
		{Name: "title", Before: "Old", After: "New"},
	}
	if diff := cmp.Diff(want, c.Fields()); diff != "" {
		t.Errorf("Fields() (-want +got):\n%s", diff)
	}
	if got := c.Label(); got != "New" {
		t.Errorf("Label() = %q, want the new title", got)
	}
}
