package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// TestNamesInReadersLanguage reads body names, paragraph topics and facts in a language they
// are translated into, and in one they are not, where the original serves and says so.
func TestNamesInReadersLanguage(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	set := sample()
	set.Bodies[0].Translations = map[string]store.BodyName{"fr": {Name: "Comité un", ShortName: "CU"}}
	set.Bodies[2].Translations = map[string]store.BodyName{"fr": {Name: "Comité deux"}}
	set.Bodies[1].Translations = map[string]store.BodyName{"fr": {Name: "Organes conventionnels"}}
	set.Paragraphs[0].Topics = map[string]string{"fr": "trois"}
	set.Advances[1].Facts[0].Texts = map[string]string{"fr": "Un fait"}
	if err := s.Import(t.Context(), set); err != nil {
		t.Fatalf("Import = %v", err)
	}
	ctx := t.Context()
	for _, tc := range []struct {
		lang                          string
		name, short, parent, bodyLang string
		topic, topicLang              string
		fact, factLang                string
	}{
		{"fr", "Comité un", "CU", "Organes conventionnels", "fr", "trois", "fr", "Un fait", "fr"},
		{"es", "Committee One", "C1", "Treaty bodies", "en", "three", "en", "A fact", "en"},
	} {
		b, err := s.Body(ctx, "c1", tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if b.Name != tc.name || b.ShortName != tc.short || b.ParentName != tc.parent || b.Lang != tc.bodyLang || b.ParentLang != tc.bodyLang {
			t.Errorf("Body(c1, %q) = %+v, want %q (%q) under %q in %q", tc.lang, b, tc.name, tc.short, tc.parent, tc.bodyLang)
		}
		p, err := s.Paragraph(ctx, "A-1-1", 3, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if p.Topic != tc.topic || p.TopicLang != tc.topicLang {
			t.Errorf("Paragraph(3, %q) = %q in %q, want %q in %q", tc.lang, p.Topic, p.TopicLang, tc.topic, tc.topicLang)
		}
		a, err := s.Advance(ctx, "a2", tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if f := a.Facts[0]; f.Text != tc.fact || f.Lang != tc.factLang {
			t.Errorf("Advance(a2, %q).Facts[0] = %q in %q, want %q in %q", tc.lang, f.Text, f.Lang, tc.fact, tc.factLang)
		}
		counts, err := s.BodyCounts(ctx, "", tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			if c.Slug == "c1" && c.Label() != tc.short {
				t.Errorf("BodyCounts(%q): c1 labelled %q, want %q", tc.lang, c.Label(), tc.short)
			}
		}
		r, err := s.Recommendation(ctx, "r1", tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Addressees[0]; got.Name != tc.name || got.Lang != tc.bodyLang {
			t.Errorf("Recommendation(r1, %q).Addressees[0] = %+v, want %q in %q", tc.lang, got, tc.name, tc.bodyLang)
		}
	}
	// A translation without a short name: the body has none in that language.
	b, err := s.Body(ctx, "c2", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("Comité deux", b.Label()); diff != "" {
		t.Errorf("Body(c2, fr).Label() (-want +got):\n%s", diff)
	}
	// The export gives back what was imported.
	got, err := s.Export(ctx, "A-1-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(set.Bodies[0].Translations, got.Bodies[findBody(got, "c1")].Translations); diff != "" {
		t.Errorf("Export: c1's translations (-want +got):\n%s", diff)
	}
}

func findBody(set store.ImportSet, slug string) int {
	for i, b := range set.Bodies {
		if b.Slug == slug {
			return i
		}
	}
	return -1
}
