package scalegen_test

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/scalegen"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
)

// generator is a generator over the shipped data set and the corpus, with the given seed.
func generator(t *testing.T, seed uint64) (*scalegen.Generator, store.ImportSet) {
	t.Helper()
	model, err := dataset.Parse(dataset.Seed())
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := unhrdb.Read(testenv.Corpus(t))
	if err != nil {
		t.Fatal(err)
	}
	g, err := scalegen.New(model, corpus, seed)
	if err != nil {
		t.Fatalf("New = %v", err)
	}
	return g, model
}

// The same seed makes the same data; another seed other data; and a document is the same
// whatever the size of the data set it belongs to.
func TestDeterministic(t *testing.T) {
	g, _ := generator(t, 1)
	a := slices.Collect(g.Sets(2_000))
	b := slices.Collect(g.Sets(2_000))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("Sets(2,000) twice differ (-first +second):\n%s", diff)
	}
	big := slices.Collect(g.Sets(20_000))
	if diff := cmp.Diff(a[0], big[0]); diff != "" {
		t.Errorf("the first document of 2,000 and of 20,000 paragraphs differ (-small +big):\n%s", diff)
	}
	other, _ := generator(t, 2)
	if c := slices.Collect(other.Sets(2_000)); cmp.Equal(a[0], c[0]) {
		t.Errorf("seeds 1 and 2 make the same first document %s", a[0].Document.Slug)
	}
}

// Every set is a valid data file: written out and read back, it passes the dataset's checks
// unchanged, so every reference in it (cited paragraphs, bodies, sources) is one it defines.
func TestValid(t *testing.T) {
	g, _ := generator(t, 1)
	paragraphs := 0
	for set := range g.Sets(2_000) {
		paragraphs += len(set.Paragraphs)
		data, err := dataset.Marshal(set)
		if err != nil {
			t.Fatalf("Marshal(%s) = %v", set.Document.Slug, err)
		}
		back, err := dataset.Parse(set.Document.Slug+".yaml", data)
		if err != nil {
			t.Fatalf("Parse(Marshal(%s)) = %v", set.Document.Slug, err)
		}
		if set.Document.Slug != back.Document.Slug || len(back.Advances) != len(set.Advances) || len(back.Paragraphs) != len(set.Paragraphs) {
			t.Errorf("Parse(Marshal(%s)) = %s with %d paragraphs and %d advances, want %d and %d",
				set.Document.Slug, back.Document.Slug, len(back.Paragraphs), len(back.Advances), len(set.Paragraphs), len(set.Advances))
		}
	}
	if paragraphs != 2_000 {
		t.Errorf("Sets(2,000) made %d paragraphs", paragraphs)
	}
}

// proportions are what a data set holds per paragraph, per advance and per recommendation.
func proportions(sets ...store.ImportSet) map[string]float64 {
	var n struct{ paragraphs, advances, recs, quotes, bodies, cited, facts, saidIn float64 }
	p := map[string]float64{}
	for _, set := range sets {
		n.paragraphs += float64(len(set.Paragraphs))
		n.advances += float64(len(set.Advances))
		n.recs += float64(len(set.Recommendations))
		n.quotes += float64(len(set.Quotes))
		for _, a := range set.Advances {
			n.bodies += float64(len(a.Bodies))
			n.cited += float64(len(a.Paragraphs))
			n.facts += float64(len(a.Facts))
			for l := range a.Translations {
				p["advance translations "+l]++
			}
			if a.Event.Known() {
				p["dated advances"]++
			}
		}
		for _, r := range set.Recommendations {
			for l := range r.Translations {
				p["recommendation translations "+l]++
			}
		}
		for _, q := range set.Quotes {
			if q.SaidIn == set.Document.Slug {
				n.saidIn++
			}
		}
		for _, para := range set.Paragraphs {
			for l := range para.Topics {
				p["topic translations "+l]++
			}
		}
	}
	for k, v := range p {
		switch k[:5] {
		case "advan", "dated":
			p[k] = v / n.advances
		case "recom":
			p[k] = v / n.recs
		case "topic":
			p[k] = v / n.paragraphs
		}
	}
	p["advances per paragraph"] = n.advances / n.paragraphs
	p["recommendations per paragraph"] = n.recs / n.paragraphs
	p["quotes per paragraph"] = n.quotes / n.paragraphs
	p["bodies per advance"] = n.bodies / n.advances
	p["paragraphs per advance"] = n.cited / n.advances
	p["facts per advance"] = n.facts / n.advances
	p["quotes said in the document"] = n.saidIn / n.quotes
	return p
}

// The generated data holds what the shipped data set holds, in its proportions.
func TestProportions(t *testing.T) {
	g, model := generator(t, 1)
	want := proportions(model)
	got := proportions(slices.Collect(g.Sets(20_000))...)
	for _, k := range slices.Sorted(maps.Keys(want)) {
		// A tenth of the shipped value, or 0.05 where that is less: 20,000 paragraphs make
		// some 20,000 advances, so a sound generator lands well within it.
		if tol := math.Max(want[k]/10, 0.05); math.Abs(got[k]-want[k]) > tol {
			t.Errorf("%s = %.3f, want %.3f ± %.3f", k, got[k], want[k], tol)
		}
	}
	if got["advances per paragraph"] == 0 || got["advance translations fr"] == 0 {
		t.Errorf("proportions = %v: nothing generated", got)
	}
	t.Log(fmt.Sprint(got))
}
