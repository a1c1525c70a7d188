package dataset_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// evil is a file for document EVIL-1 that restates A/73/230 and the body cescr with other
// fields, as an attacker would to take them over.
const evil = `document:
  slug: EVIL-1
  title: Evil
  kind: report
sources:
  - slug: A-73-230
    title: HACKED
    kind: report
    url: https://evil.example/a-73-230
bodies:
  - slug: cescr
    kind: state
    name: Hacked
paragraphs:
  - number: 1
advances:
  - slug: evil-advance
    title: Evil
    bodies: [cescr]
    source: A-73-230
`

func TestImportRefusesHostileFiles(t *testing.T) {
	url := dbtest.NewURL(t)
	s, err := store.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	ctx := t.Context()
	name, seed := dataset.Seed()
	for range 2 { // the second time changes nothing, and must not count as a takeover
		if _, err := dataset.Import(ctx, s, name, seed); err != nil {
			t.Fatalf("Import(%s) = %v", name, err)
		}
	}
	before := dbtest.Dump(t, url)

	var indented strings.Builder
	for i := range 1000 {
		indented.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	tests := []struct {
		name string
		data string
		want dataset.Problem // Message is a part of the message
	}{
		{"[ nested 40,000 deep", strings.Repeat("[", 40000), dataset.Problem{Line: 1, Column: 65, Message: "nested 65 deep, over the limit of 64"}},
		{"[ nested 100,000 deep", strings.Repeat("[", 100000), dataset.Problem{Line: 1, Column: 65, Message: "nested 65 deep"}},
		{"{ nested 50,000 deep", strings.Repeat("{a: ", 50000), dataset.Problem{Line: 1, Column: 257, Message: "nested 65 deep"}},
		{"- nested 100,000 deep on one line", strings.Repeat("- ", 100000), dataset.Problem{Line: 1, Column: 129, Message: "nested 65 deep"}},
		{"mappings indented 1,000 deep", indented.String(), dataset.Problem{Line: 65, Column: 65, Message: "nested 65 deep"}},
		{"over the size limit", "document:\n  title: " + strings.Repeat("a", dataset.DefaultMaxSize),
			dataset.Problem{Line: 1, Column: 1, Message: "raise the limit with -max-size"}},
		{"invalid UTF-8", strings.Replace(string(seed), "Human", "Hu\xffman", 1), dataset.Problem{Message: "is not UTF-8"}},
		{"NUL", strings.Replace(string(seed), "Human", "Hu\x00man", 1), dataset.Problem{Message: "NUL character"}},
		{"source takeover", strings.Replace(evil, "cescr", "evil-body", 2),
			dataset.Problem{Line: 6, Column: 5, Path: "sources[0]", Message: `document "A-73-230" is already in the database with symbol "A/73/230" (here empty), title`}},
		{"body takeover", bodyOnly(),
			dataset.Problem{Line: 6, Column: 5, Path: "bodies[0]", Message: `body "cescr" is already in the database with kind "treaty-body" (here "state"), name`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			start := time.Now()
			_, err := dataset.Import(ctx, s, "hostile.yaml", data)
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			alloc := m1.TotalAlloc - m0.TotalAlloc
			t.Logf("refused in %v, allocating %d kB", took, alloc>>10)
			if alloc > 100<<20 {
				t.Errorf("Import allocated %d MB to refuse the file, want under 100 MB", alloc>>20)
			}
			var verr *dataset.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Import(hostile.yaml) = %v, want a *ValidationError", err)
			}
			if len(verr.Problems) != 1 || !strings.Contains(verr.Problems[0].Message, tc.want.Message) {
				t.Fatalf("Import(hostile.yaml) = %v, want one problem saying %q", err, tc.want.Message)
			}
			if got := verr.Problems[0]; tc.want.Line != 0 && (got.Line != tc.want.Line || got.Column != tc.want.Column || got.Path != tc.want.Path) {
				t.Errorf("Import(hostile.yaml) = %v, want the problem at %d:%d %s", err, tc.want.Line, tc.want.Column, tc.want.Path)
			}
			// check finds the same, without the import's transaction.
			if _, err := dataset.Check(ctx, s, "hostile.yaml", data, dataset.Options{}); err == nil || err.Error() != verr.Error() {
				t.Errorf("Check(hostile.yaml) = %v, want %v as Import", err, verr)
			}
			if diff := cmp.Diff(before, dbtest.Dump(t, url)); diff != "" {
				t.Errorf("a refused import changed the database (-before +after):\n%s", diff)
			}
		})
	}
}

// bodyOnly is the evil file without its source: it only renames cescr.
func bodyOnly() string {
	return strings.Replace(strings.Replace(evil, `sources:
  - slug: A-73-230
    title: HACKED
    kind: report
    url: https://evil.example/a-73-230
`, "", 1), "source: A-73-230", "source: EVIL-1", 1)
}

func TestUpdateShared(t *testing.T) {
	s := dbtest.New(t)
	ctx := t.Context()
	name, seed := dataset.Seed()
	if _, err := dataset.Import(ctx, s, name, seed); err != nil {
		t.Fatalf("Import(%s) = %v", name, err)
	}
	// Both at once, reported together.
	_, err := dataset.Check(ctx, s, "evil.yaml", []byte(evil), dataset.Options{})
	var verr *dataset.ValidationError
	if !errors.As(err, &verr) || len(verr.Problems) != 2 || verr.Problems[0].Path != "sources[0]" || verr.Problems[1].Path != "bodies[0]" {
		t.Fatalf("Check(evil.yaml) = %v, want the source and the body refused", err)
	}
	if !strings.Contains(verr.Problems[1].Message, "named by A-73-230") {
		t.Errorf("Check(evil.yaml) = %v, want the body's problem to name A-73-230", err)
	}
	if _, err := dataset.Check(ctx, s, "evil.yaml", []byte(evil), dataset.Options{UpdateShared: true}); err != nil {
		t.Errorf("Check(evil.yaml, UpdateShared) = %v, want no problem", err)
	}
	if _, err := dataset.ImportWith(ctx, s, "evil.yaml", []byte(evil), dataset.Options{UpdateShared: true}); err != nil {
		t.Fatalf("ImportWith(evil.yaml, UpdateShared) = %v", err)
	}
	doc, err := s.Document(ctx, "A-73-230", "en")
	if err != nil || doc.Title != "HACKED" {
		t.Errorf("Document(A-73-230) = %q, %v; want the title the file was allowed to set", doc.Title, err)
	}
}
