package store_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// A document's page reads it through statements of its own, planned once for every document:
// they give what the lists' queries give for the same document, paragraph and language.
func TestDocumentContentsMatchTheLists(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	name, data := dataset.Seed()
	set, err := dataset.Import(ctx, s, name, data)
	if err != nil {
		t.Fatal(err)
	}
	slug := set.Document.Slug
	all, err := s.Paragraphs(ctx, slug, "")
	if err != nil || len(all) == 0 {
		t.Fatalf("Paragraphs(%s) = %d, %v; want some", slug, len(all), err)
	}
	numbers := []int{0, all[len(all)-1].Number + 1}
	for _, p := range all {
		numbers = append(numbers, p.Number)
	}
	for _, lang := range []string{"", "en", "fr", "es", "ar", "zz"} {
		for _, n := range numbers {
			var want store.DocumentContents
			if want.Document, err = s.Document(ctx, slug, lang); err != nil {
				t.Fatal(err)
			}
			if want.Paragraphs, err = s.Paragraphs(ctx, slug, lang); err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				want.Paragraphs = nil
				if p, err := s.Paragraph(ctx, slug, n, lang); err == nil {
					want.Paragraphs = []store.Paragraph{p}
				} else if !errors.Is(err, store.ErrNotFound) {
					t.Fatal(err)
				}
			}
			list, err := s.Advances(ctx, store.AdvanceFilter{Document: slug, Paragraph: n, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			want.Advances = list.Advances
			f := store.ItemFilter{Document: slug, Paragraph: n, Lang: lang}
			if want.Recommendations, err = s.Recommendations(ctx, f); err != nil {
				t.Fatal(err)
			}
			if want.Quotes, err = s.Quotes(ctx, f); err != nil {
				t.Fatal(err)
			}
			got, err := s.DocumentContents(ctx, slug, n, lang)
			if err != nil {
				t.Fatalf("DocumentContents(%s, %d, %q) = %v", slug, n, lang, err)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("DocumentContents(%s, %d, %q) (-lists +got):\n%s", slug, n, lang, diff)
			}
		}
	}
	if _, err := s.DocumentContents(ctx, "A-0-0", 0, "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocumentContents(A-0-0) = %v, want ErrNotFound", err)
	}
}
