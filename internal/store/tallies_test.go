package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/jackc/pgx/v5"
)

// recount is what BodyCounts, AdvanceYears and Counts must say, worked out from the advances
// themselves: each advance once for each of its bodies and every body above them.
func recount(t *testing.T, s *store.Store) (bodies map[string]int, years map[int]int, advances int) {
	t.Helper()
	ctx := t.Context()
	all, err := s.BodyCounts(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	parent := map[string]string{}
	for _, b := range all {
		parent[b.Slug] = b.ParentSlug
	}
	list, err := s.Advances(ctx, store.AdvanceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	bodies, years = map[string]int{}, map[int]int{}
	for _, a := range list.Advances {
		under := map[string]bool{}
		for _, b := range a.Bodies {
			for slug := b.Slug; slug != ""; slug = parent[slug] {
				under[slug] = true
			}
		}
		for slug := range under {
			bodies[slug]++
		}
		if a.Event.Known() {
			years[a.Event.Time.Year()]++
		}
	}
	return bodies, years, len(list.Advances)
}

// kept is what the counts the writes keep say.
func kept(t *testing.T, s *store.Store) (bodies map[string]int, years map[int]int, advances int) {
	t.Helper()
	ctx := t.Context()
	all, err := s.BodyCounts(ctx, "", "")
	if err != nil {
		t.Fatal(err)
	}
	bodies = map[string]int{}
	for _, b := range all {
		if b.Advances > 0 {
			bodies[b.Slug] = b.Advances
		}
	}
	ys, err := s.AdvanceYears(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	years = map[int]int{}
	for _, y := range ys {
		years[y.Year] = y.Advances
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return bodies, years, c.Advances
}

// The counts kept by the writes (00012) agree with a recount after every kind of write: a
// first import, an edit that moves, re-dates and drops advances, a second document, and a
// body moved under another parent.
func TestKeptCountsFollowWrites(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	check := func(step string) {
		t.Helper()
		wb, wy, wn := recount(t, s)
		gb, gy, gn := kept(t, s)
		if diff := cmp.Diff(wb, gb); diff != "" {
			t.Errorf("%s: bodies' counts (-recount +kept):\n%s", step, diff)
		}
		if diff := cmp.Diff(wy, gy); diff != "" {
			t.Errorf("%s: years' counts (-recount +kept):\n%s", step, diff)
		}
		if wn != gn {
			t.Errorf("%s: Counts().Advances = %d, want %d", step, gn, wn)
		}
	}
	set := sample()
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	check("import")

	set.Advances = set.Advances[1:] // a1 goes
	set.Advances[0].Bodies = append(set.Advances[0].Bodies, store.BodyRef{Slug: "c1", Confirmed: true})
	set.Advances[1].Event, set.Advances[1].EventConfirmed = day("2021-03-04"), true
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	check("edit")

	other := sample()
	other.Document = store.DocumentInput{Slug: "A-2-2", Symbol: "A/2/2", Title: "Another report", Kind: "report", TitleConfirmed: true}
	for i := range other.Advances {
		other.Advances[i].Slug = fmt.Sprintf("b%d", i)
	}
	other.Recommendations, other.Quotes = nil, nil
	if err := s.Import(ctx, other); err != nil {
		t.Fatal(err)
	}
	check("second document")

	// c1 moves from under the treaty bodies to under the special rapporteur.
	other.Bodies[0].Parent = "sp"
	if err := s.Import(ctx, other, store.UpdateShared); err != nil {
		t.Fatal(err)
	}
	check("body moved")

	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (store.Counts{Documents: 2, Paragraphs: 6, Advances: 5, Recommendations: 1, Quotes: 2, Bodies: 4}); c != want {
		t.Errorf("Counts() = %+v, want %+v", c, want)
	}
}

// Walking the advances page by page, from each page's Next, gives every advance once and in
// the order of the whole list, in each order, also when every advance ties on the order's
// keys.
func TestAdvancesKeysetWalk(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	set := sample()
	set.Advances = nil
	for i := range 23 {
		a := store.AdvanceInput{Slug: fmt.Sprintf("x%02d", i), Title: "Tie", Source: "news",
			Bodies: []store.BodyRef{{Slug: []string{"c1", "c2", "sp"}[i%3], Confirmed: true}}}
		// Some share a first paragraph, some a date, some have neither.
		if i%4 != 0 {
			a.Paragraphs = []int{1 + i%3}
		}
		if i%5 != 0 {
			a.Event, a.EventWhy = day(fmt.Sprintf("2020-0%d-01", 1+i%2)), "Inferred."
		}
		set.Advances = append(set.Advances, a)
	}
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.AdvanceFilter{
		{Sort: store.SortParagraph}, {Sort: store.SortDate}, {Sort: store.SortDate, Bodies: []string{"tb"}},
		{Sort: store.SortParagraph, Bodies: []string{"sp"}},
	} {
		whole, err := s.Advances(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 4, 7} {
			var walked []string
			page := f
			page.Limit = size
			for range 100 {
				list, err := s.Advances(ctx, page)
				if err != nil {
					t.Fatalf("Advances(%+v) = %v", page, err)
				}
				walked = append(walked, slugs(list.Advances)...)
				if list.Total != len(whole.Advances) {
					t.Errorf("Advances(%+v).Total = %d, want %d", page, list.Total, len(whole.Advances))
				}
				if list.Next == nil {
					break
				}
				page.After = *list.Next
			}
			if diff := cmp.Diff(slugs(whole.Advances), walked); diff != "" {
				t.Errorf("walking %+v by %d (-whole +walked):\n%s", f, size, diff)
			}
		}
	}
	// A cursor of one order is refused in another.
	list, err := s.Advances(ctx, store.AdvanceFilter{Sort: store.SortDate, Limit: 2})
	if err != nil || list.Next == nil {
		t.Fatalf("Advances(date, 2) = %+v, %v; want a next page", list, err)
	}
	if _, err := s.Advances(ctx, store.AdvanceFilter{Sort: store.SortParagraph, After: *list.Next}); err == nil {
		t.Error("Advances(paragraph) after a cursor of the date order succeeded")
	}
}

// Recommendations and quotes page by cursor too: a walk gives each once, in the list's order.
func TestItemsKeysetWalk(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	set := sample()
	set.Recommendations, set.Quotes = nil, nil
	for i := range 11 {
		set.Recommendations = append(set.Recommendations, store.RecommendationInput{
			Slug: fmt.Sprintf("r%02d", i), Title: "Do", Text: "Do.", Source: "news", Addressees: []string{"c1"}})
		set.Quotes = append(set.Quotes, store.QuoteInput{Slug: fmt.Sprintf("q%02d", i), Text: "Words.", SpeakerName: "Someone", Source: "news"})
	}
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	wantRecs, err := s.Recommendations(ctx, store.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantQuotes, err := s.Quotes(ctx, store.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var recs, quotes []string
	for f := (store.ItemFilter{Limit: 4}); ; {
		p, err := s.RecommendationPage(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Items {
			recs = append(recs, r.Slug)
		}
		if p.Next == nil {
			break
		}
		f.After = *p.Next
	}
	for f := (store.ItemFilter{Limit: 3}); ; {
		p, err := s.QuotePage(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range p.Items {
			quotes = append(quotes, q.Slug)
		}
		if p.Next == nil {
			break
		}
		f.After = *p.Next
	}
	var want []string
	for _, r := range wantRecs {
		want = append(want, r.Slug)
	}
	if diff := cmp.Diff(want, recs); diff != "" || len(recs) != 11 {
		t.Errorf("walking the recommendations (-whole +walked):\n%s", diff)
	}
	want = nil
	for _, q := range wantQuotes {
		want = append(want, q.Slug)
	}
	if diff := cmp.Diff(want, quotes); diff != "" || len(quotes) != 11 {
		t.Errorf("walking the quotes (-whole +walked):\n%s", diff)
	}
}

// The quotes' counts kept by the writes (00020) agree with a count of the public quotes, for
// the quotes page's speaker and organisation lists under each filter, after every kind of
// write: a first import, an edit that drops, renames and moves quotes, a second document, a
// quote and a document made drafts and published again, and a document deleted.
func TestKeptQuoteCountsFollowWrites(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	editor := newEditor(t, s)
	ctx := t.Context()
	check := func(step string) {
		t.Helper()
		for _, f := range []store.ItemFilter{
			{}, {Document: "A-1-1"}, {Document: "A-2-2"}, {Speaker: "Someone"}, {Organisation: "Org"},
			{Document: "A-1-1", Organisation: "Org"}, {Document: "A-2-2", Speaker: "Someone"},
		} {
			quotes, err := s.Quotes(ctx, store.ItemFilter{Document: f.Document})
			if err != nil {
				t.Fatal(err)
			}
			wantSpeakers, wantOrgs := map[string]int{}, map[string]int{}
			for _, q := range quotes {
				if f.Organisation == "" || q.SpeakerOrganisation == f.Organisation {
					wantSpeakers[q.SpeakerName]++
				}
				if q.SpeakerOrganisation != "" && (f.Speaker == "" || q.SpeakerName == f.Speaker) {
					wantOrgs[q.SpeakerOrganisation]++
				}
			}
			speakers, orgs, err := s.QuoteFacets(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			gotSpeakers, gotOrgs := map[string]int{}, map[string]int{}
			for _, sp := range speakers {
				gotSpeakers[sp.Value] = sp.Quotes
			}
			for _, o := range orgs {
				gotOrgs[o.Value] = o.Quotes
			}
			if diff := cmp.Diff(wantSpeakers, gotSpeakers); diff != "" {
				t.Errorf("%s: QuoteFacets(%+v) speakers (-recount +kept):\n%s", step, f, diff)
			}
			if diff := cmp.Diff(wantOrgs, gotOrgs); diff != "" {
				t.Errorf("%s: QuoteFacets(%+v) organisations (-recount +kept):\n%s", step, f, diff)
			}
			if f.Document == "" && f.Speaker == "" && f.Organisation == "" {
				for name := range wantSpeakers {
					if ok, err := s.QuoteSpeakerExists(ctx, name, ""); err != nil || !ok {
						t.Errorf("%s: QuoteSpeakerExists(%q) = %t, %v; want true", step, name, ok, err)
					}
				}
			}
		}
	}
	set := sample()
	set.Quotes[0].SpeakerOrganisation = "Org"
	set.Quotes = append(set.Quotes,
		store.QuoteInput{Slug: "q3", Text: "Yet more.", SpeakerName: "Someone", SpeakerOrganisation: "Org", Source: "news"},
		store.QuoteInput{Slug: "q4", Text: "Others.", SpeakerName: "Someone", Source: "news"})
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	check("import")

	set.Quotes = set.Quotes[1:] // q1 goes
	set.Quotes[1].SpeakerName = "Another"
	set.Quotes[2].SpeakerOrganisation = "Other org"
	if err := s.Import(ctx, set); err != nil {
		t.Fatal(err)
	}
	check("edit")

	other := sample()
	other.Document = store.DocumentInput{Slug: "A-2-2", Symbol: "A/2/2", Title: "Another report", Kind: "report", TitleConfirmed: true}
	other.Advances, other.Recommendations = nil, nil
	for i := range other.Quotes {
		other.Quotes[i].Slug = fmt.Sprintf("b%d", i)
		other.Quotes[i].SpeakerName = "Someone"
		other.Quotes[i].SpeakerOrganisation = "Org"
	}
	if err := s.Import(ctx, other); err != nil {
		t.Fatal(err)
	}
	check("second document")

	for _, step := range []struct {
		name      string
		t         store.ItemType
		slug      string
		published bool
	}{
		{"quote made a draft", store.QuoteItem, "b0", false},
		{"document made a draft", store.DocumentItem, "A-2-2", false},
		{"document published", store.DocumentItem, "A-2-2", true},
		{"quote published", store.QuoteItem, "b0", true},
	} {
		if err := s.SetPublished(ctx, editor, step.t, step.slug, step.published); err != nil {
			t.Fatal(err)
		}
		check(step.name)
	}
	if err := s.SetPublished(ctx, editor, store.DocumentItem, "A-2-2", false); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.QuoteSpeakerExists(ctx, "", "Org"); err != nil || !ok {
		t.Errorf("QuoteSpeakerExists(Org) with A-2-2 a draft = %t, %v; want q3's organisation found", ok, err)
	}
	if err := s.DeleteDocument(ctx, editor, "A-2-2"); err != nil {
		t.Fatal(err)
	}
	check("document deleted")
	speakers, _, err := s.QuoteFacets(ctx, store.ItemFilter{})
	if want := []store.QuoteFacet{{Value: "Another", Quotes: 1}, {Value: "Someone", Quotes: 1}, {Value: "Someone else", Quotes: 1}}; err != nil || !cmp.Equal(speakers, want) {
		t.Errorf("QuoteFacets() speakers = %+v, %v; want %+v", speakers, err, want)
	}
}

// An import restates every body it names, parents included. Only a body that really moves
// has its documents counted again, and only those whose advances name it or a body under
// it: other documents' kept counts are not rewritten.
func TestOnlyMovedBodiesCountAgain(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	s, err := store.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	ctx := t.Context()

	// A-1-1 names c1 (under tb), c2 and sp; A-2-2 names sp only.
	first := sample()
	if err := s.Import(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := sample()
	second.Document = store.DocumentInput{Slug: "A-2-2", Symbol: "A/2/2", Title: "Another report", Kind: "report", TitleConfirmed: true}
	second.Advances = []store.AdvanceInput{{Slug: "b1", Title: "Elsewhere", Source: "news", Bodies: []store.BodyRef{{Slug: "sp", Confirmed: true}}}}
	second.Recommendations, second.Quotes = nil, nil
	if err := s.Import(ctx, second); err != nil {
		t.Fatal(err)
	}
	// written is when each document's kept counts were last written.
	written := func() map[string]string {
		t.Helper()
		rows, _ := conn.Query(ctx, `
SELECT d.slug, max(t.xmin::text) FROM advance_tallies t JOIN documents d ON d.id = t.document_id GROUP BY d.slug`)
		pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
			var p [2]string
			return p, r.Scan(&p[0], &p[1])
		})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, p := range pairs {
			m[p[0]] = p[1]
		}
		return m
	}

	before := written()
	if err := s.Import(ctx, second); err != nil { // restates tb, c1, c2 and sp as they are
		t.Fatal(err)
	}
	after := written()
	if after["A-1-1"] != before["A-1-1"] {
		t.Errorf("re-importing A-2-2 with no body moved counted A-1-1 again")
	}

	// c1 moves under sp: A-1-1 names it, A-2-2 does not.
	before = after
	second.Bodies[0].Parent = "sp"
	if err := s.Import(ctx, second, store.UpdateShared); err != nil {
		t.Fatal(err)
	}
	after = written()
	if after["A-1-1"] == before["A-1-1"] {
		t.Errorf("moving c1 did not count A-1-1 again")
	}
	if t.Failed() {
		return
	}
	wb, _, _ := recount(t, s)
	gb, _, _ := kept(t, s)
	if diff := cmp.Diff(wb, gb); diff != "" {
		t.Errorf("after the move, bodies' counts (-recount +kept):\n%s", diff)
	}
}
