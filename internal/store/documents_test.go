package store_test

import (
	"errors"
	"fmt"
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
			// A document's page does not show the topics' translations.
			for i := range want.Paragraphs {
				want.Paragraphs[i].Topics = nil
			}
			list, err := s.Advances(ctx, store.AdvanceFilter{Document: slug, Paragraph: n, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range list.Advances {
				want.Advances = append(want.Advances, store.AdvanceLink{Slug: a.Slug, Title: a.Title, Lang: a.Lang, Paragraphs: a.Paragraphs})
				if n == 0 && len(a.Paragraphs) == 0 {
					want.Uncited = append(want.Uncited, a)
				}
			}
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
			// The comparison means something only if the document holds every kind of item,
			// advances that cite no paragraph among them, and a translated title, which its
			// items read through the translations joined.
			if n == 0 && lang == "es" && (len(got.Advances) == 0 || len(got.Uncited) == 0 || len(got.Recommendations) == 0 ||
				len(got.Quotes) == 0 || got.Quotes[0].Document.TitleLang != "es" || got.Uncited[0].Document.TitleLang != "es") {
				t.Fatalf("DocumentContents(%s, 0, es) = %d advances (%d uncited), %d recommendations, %d quotes; want some of each, in a document titled in Spanish",
					slug, len(got.Advances), len(got.Uncited), len(got.Recommendations), len(got.Quotes))
			}
		}
	}
	if _, err := s.DocumentContents(ctx, "A-0-0", 0, "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DocumentContents(A-0-0) = %v, want ErrNotFound", err)
	}
}

// A list of documents by body reads a page from each author's documents: walked page by page,
// it gives the whole list, in order, for authors whose documents interleave, share dates and
// have none.
func TestDocumentsByAuthorWalk(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	authors := []string{"c1", "c2", "tb", "sp"}
	for i := range 23 {
		set := sample()
		set.Paragraphs, set.Advances, set.Recommendations, set.Quotes = nil, nil, nil, nil
		set.Document = store.DocumentInput{Slug: fmt.Sprintf("A-%02d", i), Title: "Report", Kind: "report", TitleConfirmed: true,
			Author: authors[i%len(authors)]}
		if i%5 != 0 {
			// Some days hold several documents, of several authors.
			set.Document.Issued, set.Document.IssuedConfirmed = day(fmt.Sprintf("2020-01-%02d", 1+i%7)), true
		}
		if err := s.Import(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	for _, bodies := range [][]string{{"tb"}, {"c1"}, {"c1", "sp"}} {
		whole, err := s.DocumentPage(ctx, store.DocumentFilter{Authors: bodies})
		if err != nil {
			t.Fatal(err)
		}
		var want, walked []string
		for _, d := range whole.Items {
			want = append(want, d.Slug)
		}
		for f := (store.DocumentFilter{Authors: bodies, Limit: 2}); ; {
			p, err := s.DocumentPage(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range p.Items {
				walked = append(walked, d.Slug)
			}
			if p.Next == nil {
				break
			}
			f.After = *p.Next
		}
		if diff := cmp.Diff(want, walked); diff != "" || len(want) < 6 {
			t.Errorf("walking the documents of %q (-whole +walked):\n%s", bodies, diff)
		}
	}
}
