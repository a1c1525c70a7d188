package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// wordy is a document of n paragraphs and as many advances, in that order: each says
// "rights" and "defenders", every tenth "reprisals" instead of "rights", and those past the
// twentieth "women" too.
func wordy(n int) store.ImportSet {
	set := store.ImportSet{
		Lang:     "en",
		Bodies:   []store.BodyInput{{Slug: "c1", Kind: "treaty-body", Name: "Committee One"}},
		Sources:  []store.DocumentInput{{Slug: "news", Title: "A news item", Kind: "news", TitleConfirmed: true}},
		Document: store.DocumentInput{Slug: "A-1-1", Symbol: "A/1/1", Title: "Report", Kind: "report", TitleConfirmed: true},
	}
	for i := 1; i <= n; i++ {
		text := fmt.Sprintf("States parties should protect the rights of defenders, case %d", i)
		if i%10 == 0 {
			text = fmt.Sprintf("Reprisals against defenders must end, case %d", i)
		}
		if i > 20 {
			text += " and of women"
		}
		set.Paragraphs = append(set.Paragraphs, store.Paragraph{Number: i, Text: text + "."})
		set.Advances = append(set.Advances, store.AdvanceInput{
			Slug: fmt.Sprintf("a%d", i), Title: text, Source: "news", Paragraphs: []int{i},
			Bodies: []store.BodyRef{{Slug: "c1", Confirmed: true}},
		})
	}
	return set
}

// searchStores opens stores on one database holding wordy(40), with its statistics and
// search words taken: the first with the limits of a real store, under which every word of
// so few rows is rare, the others with those given.
func searchStores(t *testing.T, limits ...[2]int) []*store.Store {
	t.Helper()
	url := dbtest.NewURL(t)
	var out []*store.Store
	for _, l := range append([][2]int{{}}, limits...) {
		s, err := store.Open(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		if l != [2]int{} {
			s.SetSearchLimits(l[0], l[1])
		}
		out = append(out, s)
	}
	ctx := t.Context()
	if err := out[0].Import(ctx, wordy(40)); err != nil {
		t.Fatal(err)
	}
	if err := out[0].Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	if err := out[0].RefreshSearchWords(ctx); err != nil {
		t.Fatal(err)
	}
	return out
}

// Words in more rows than the frequent limit are looked for by walking the tables' first rows;
// when the walk covers the table, it finds what the full-text index finds, ranked alike.
func TestSearchWalksFrequentWords(t *testing.T) {
	t.Parallel()
	stores := searchStores(t, [2]int{10, 1000})
	index, walk := stores[0], stores[1]
	for _, q := range []string{
		"rights", "states parties should", `"protect the rights"`, "rights -reprisals", "rights women",
		"rights or reprisals", "reprisals defenders", "defenders -rights", "-rights", "women",
	} {
		t.Run(q, func(t *testing.T) {
			f := store.SearchFilter{Q: q, Lang: "en", Limit: 100}
			want, err := index.Search(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := walk.Search(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if want.Counts[store.KindParagraph] == 0 {
				t.Fatalf("Search(%q) finds no paragraph", q)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Search(%q) walking differs from reading the index (-index +walk):\n%s", q, diff)
			}
		})
	}
}

// A walk that does not cover its table is a sample: its kinds say that more may match, and a
// rare word is never sampled.
func TestSearchSamplesFrequentWords(t *testing.T) {
	t.Parallel()
	stores := searchStores(t, [2]int{10, 5})
	index, walk := stores[0], stores[1]
	for _, tc := range []struct {
		q          string
		partial    bool
		paragraphs int
	}{
		{q: "rights", partial: true, paragraphs: 5},
		{q: "rights women", partial: true, paragraphs: 0}, // the first five rows say no "women"
		{q: "reprisals", paragraphs: 4},
		{q: "reprisals defenders", paragraphs: 4},
		{q: "reprisals women", paragraphs: 2},
	} {
		t.Run(tc.q, func(t *testing.T) {
			f := store.SearchFilter{Q: tc.q, Lang: "en", Limit: 100}
			got, err := walk.Search(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			if n := got.Counts[store.KindParagraph]; n != tc.paragraphs {
				t.Errorf("Search(%q) finds %d paragraphs, want %d", tc.q, n, tc.paragraphs)
			}
			if s := got.Sampled(store.KindParagraph); s != tc.partial {
				t.Errorf("Search(%q).Sampled(paragraph) = %v, want %v", tc.q, s, tc.partial)
			}
			n, more := got.Total(store.KindAdvance)
			if more != tc.partial && n > 0 {
				t.Errorf("Search(%q).Total(advance) = %d, %v; want more = %v", tc.q, n, more, tc.partial)
			}
			if !tc.partial {
				want, err := index.Search(t.Context(), f)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Search(%q) of a rare word differs from reading the index (-index +walk):\n%s", tc.q, diff)
				}
			}
		})
	}
}

// Until the search words are taken from the statistics, every word counts as rare: the index
// finds every match.
func TestSearchWordsUnknown(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, wordy(40)); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	s.SetSearchLimits(10, 5)
	res, err := s.Search(ctx, store.SearchFilter{Q: "rights", Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Counts[store.KindParagraph]; n != 36 || res.Sampled("") {
		t.Errorf("before RefreshSearchWords, Search(rights) = %v paragraphs, sampled %v; want 36, none sampled", n, res.Partial)
	}
	if err := s.RefreshSearchWords(ctx); err != nil {
		t.Fatal(err)
	}
	if res, err = s.Search(ctx, store.SearchFilter{Q: "rights", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if !res.Sampled(store.KindParagraph) {
		t.Errorf("after RefreshSearchWords, Search(rights) samples %v, want paragraphs among them", res.Partial)
	}
}

// Servers refresh the search words each on its own clock: refreshes at once wait their turn
// rather than insert the same words twice.
func TestRefreshSearchWordsAtOnce(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	if err := s.Import(ctx, wordy(40)); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range cap(errs) {
		go func() {
			var err error
			for range 10 {
				if err = s.RefreshSearchWords(ctx); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Errorf("RefreshSearchWords beside others = %v", err)
		}
	}
	s.SetSearchLimits(10, 5)
	if res, err := s.Search(ctx, store.SearchFilter{Q: "rights", Lang: "en"}); err != nil || !res.Sampled(store.KindParagraph) {
		t.Errorf("after the refreshes, Search(rights) samples %v, %v; want paragraphs among them", res.Partial, err)
	}
}
