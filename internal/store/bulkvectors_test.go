package store_test

import (
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
)

// The bulk load assembles search vectors from its texts' words: every text of the General
// Comments, the shipped data set's translations and the generated data, and texts made to
// trip the parser, get the very vector search_vector computes.
func TestAssembledSearchVectors(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := dbtest.New(t)
	texts := [][3]string{
		{"en", "", ""},
		{"en", "The", "of the"},
		{"en", "./relative/path and /absolute/path", "./a ./b x ./c"},
		{"en", "Rights-based", "long-term, well-known co-operation; non-State actors' rights-rights"},
		{"en", "Numbers", "-5 +3 1.5 2010. 1e10 3.4.5 -0 0 00 0.0 (a) (b)."},
		{"en", "Addresses", "see https://undocs.org/A/73/230 or mail@example.org, www.ohchr.org/en x@y"},
		{"en", "Markup", "<b>bold</b> text <a href=\"x y\">link</a> &amp; &#233;"},
		{"en", "Entities", "&amp; &#233; & ; &x"},
		{"en", "Spaces", "  leading\tand\ntrailing  "},
		{"en", "Other spaces", "no\u00a0break and\u3000ideographic"},
		{"fr", "Défenseurs", "l'homme d’État « représailles » aujourd'hui"},
		{"es", "Defensores", "¿Qué? ¡Sí! año 2018"},
		{"ar", "المدافعين", "الفضاء المدني والمدافعين عن حقوق الإنسان"},
		{"en", "Repeated", strings.Repeat("rights ", 300)},
		{"en", "Long", strings.Repeat("defenders of rights ", 6000)},
	}
	corpus, err := unhrdb.Read(testenv.Corpus(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range corpus.Documents {
		for _, p := range d.Set.Paragraphs {
			texts = append(texts, [3]string{d.Set.Lang, p.Topic, p.Text})
		}
	}
	for _, set := range generated(t) {
		for _, p := range set.Paragraphs {
			texts = append(texts, [3]string{set.Lang, p.Topic, p.Text})
		}
		for _, a := range set.Advances {
			for lang, tr := range a.Translations {
				texts = append(texts, [3]string{lang, tr.Title, tr.Text})
			}
		}
	}
	model, err := dataset.Parse(dataset.Seed())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range model.Quotes {
		texts = append(texts, [3]string{q.Lang, q.SpeakerName, q.Text})
	}
	pairs, err := s.SearchVectorsBothWays(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	whole, bad := 0, 0
	for i, p := range pairs {
		if p.Whole {
			whole++
		}
		if p.Assembled != p.Computed {
			if bad++; bad <= 5 {
				t.Errorf("the vector of %q (%s):\nassembled %s\n computed %s", texts[i][1]+" / "+texts[i][2], texts[i][0], p.Assembled, p.Computed)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d vectors differ", bad, len(texts))
	}
	// Only the text with markup, the one with a lexeme in 300 places and the one too long to
	// count are left to search_vector.
	if whole != 3 {
		t.Errorf("%d of %d texts given to search_vector whole, want 3", whole, len(texts))
	}
}
