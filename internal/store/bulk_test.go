package store_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/scalegen"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
	"github.com/jackc/pgx/v5"
)

// generated is 2,000 paragraphs of generated data, with the documents they make.
func generated(t *testing.T) []store.ImportSet {
	t.Helper()
	model, err := dataset.Parse(dataset.Seed())
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := unhrdb.Read(testenv.Corpus(t))
	if err != nil {
		t.Fatal(err)
	}
	g, err := scalegen.New(model, corpus, 1)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Collect(g.Sets(2_000))
}

// timestamps are the times of change in a dump, which differ between two loads of the same data.
var timestamps = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\+\d\d`)

// BulkImport writes the very rows ImportAll writes, ids, search vectors and sequences
// included, so every page works on generated data as on imported data.
func TestBulkImportMatchesImportAll(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sets := generated(t)
	urlA, urlB := dbtest.NewURL(t), dbtest.NewURL(t)
	a, err := store.Open(ctx, urlA)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := store.Open(ctx, urlB)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := a.ImportAll(ctx, sets, nil); err != nil {
		t.Fatalf("ImportAll = %v", err)
	}
	// ImportAll records each item's creation in the change history; a generated data set is
	// no one's edit, so the bulk load keeps none, and the history is left out of the comparison.
	conn, err := pgx.Connect(ctx, urlA)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "TRUNCATE changes RESTART IDENTITY"); err != nil {
		t.Fatal(err)
	}
	var seen []store.BulkProgress
	if err := b.BulkImport(ctx, slices.Values(sets), func(p store.BulkProgress) { seen = append(seen, p) }); err != nil {
		t.Fatalf("BulkImport = %v", err)
	}
	if last := seen[len(seen)-1]; !last.Indexing || last.Documents != len(sets) || last.Paragraphs != 2_000 {
		t.Errorf("BulkImport's last progress = %+v, want every one of %d documents and 2,000 paragraphs, indexing", last, len(sets))
	}
	// The bulk load also takes the search words from the statistics it gathers, which
	// ImportAll leaves to autovacuum: they follow the statistics, not the data set.
	connB, err := pgx.Connect(ctx, urlB)
	if err != nil {
		t.Fatal(err)
	}
	defer connB.Close(ctx)
	if _, err := connB.Exec(ctx, "TRUNCATE search_words"); err != nil {
		t.Fatal(err)
	}
	// The same rows, in whatever order the tables hold them.
	dumpA := rows(dbtest.Dump(t, urlA))
	dumpB := rows(dbtest.Dump(t, urlB))
	if dumpA != dumpB {
		onlyA, onlyB := missing(dumpA, dumpB), missing(dumpB, dumpA)
		t.Errorf("the database after ImportAll and after BulkImport differ: %d rows only after ImportAll, such as\n%s\n%d only after BulkImport, such as\n%s",
			len(onlyA), strings.Join(onlyA[:min(len(onlyA), 5)], "\n"), len(onlyB), strings.Join(onlyB[:min(len(onlyB), 5)], "\n"))
	}
}

// What BulkImport loads, the store's queries find: lists, a document, search.
func TestBulkImportQueries(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	sets := generated(t)
	s := dbtest.New(t)
	if err := s.BulkImport(ctx, slices.Values(sets), nil); err != nil {
		t.Fatalf("BulkImport = %v", err)
	}
	first := sets[0]
	ps, err := s.Paragraphs(ctx, first.Document.Slug, "fr")
	if err != nil || len(ps) != len(first.Paragraphs) || ps[0].Text != first.Paragraphs[0].Text {
		t.Errorf("Paragraphs(%q) = %d paragraphs, %v; want %d, the first %q", first.Document.Slug, len(ps), err, len(first.Paragraphs), first.Paragraphs[0].Text)
	}
	body := first.Advances[0].Bodies[0].Slug
	list, err := s.Advances(ctx, store.AdvanceFilter{Bodies: []string{body}, Limit: 10})
	if err != nil || list.Total == 0 {
		t.Errorf("Advances(body %q) = %d advances, %v; want some", body, list.Total, err)
	}
	a, err := s.Advance(ctx, first.Advances[0].Slug, "es")
	if err != nil || a.Title != first.Advances[0].Translations["es"].Title {
		t.Errorf("Advance(%q, es) = %q, %v; want %q", first.Advances[0].Slug, a.Title, err, first.Advances[0].Translations["es"].Title)
	}
	res, err := s.Search(ctx, store.SearchFilter{Q: "rights", Limit: 10})
	if hits, _ := res.Total(""); err != nil || hits == 0 {
		t.Errorf("Search(rights) = %d hits, %v; want some", hits, err)
	}
	counts, err := s.Counts(ctx)
	if err != nil || counts.Paragraphs != 2_000 || counts.Documents != len(sets) {
		t.Errorf("Counts = %+v, %v; want 2,000 paragraphs in %d documents", counts, err, len(sets))
	}

	// The search triggers that BulkImport set aside work again: an import that changes its
	// texts makes them findable.
	edited := first
	edited.Paragraphs = slices.Clone(first.Paragraphs)
	edited.Paragraphs[0].Text += " Quokkaparagraph."
	edited.Quotes = slices.Clone(first.Quotes)
	edited.Quotes[0].Text += " Quokkaquote."
	edited.Advances = slices.Clone(first.Advances)
	fr := edited.Advances[0].Translations["fr"]
	fr.Title += " Quokkatraduction"
	edited.Advances[0].Translations = map[string]store.Translation{"fr": fr}
	if err := s.Import(ctx, edited); err != nil {
		t.Fatalf("Import(%q) after BulkImport = %v", edited.Document.Slug, err)
	}
	for _, q := range []store.SearchFilter{{Q: "quokkaparagraph"}, {Q: "quokkaquote"}, {Q: "quokkatraduction", Lang: "fr"}} {
		q.Limit = 10
		res, err := s.Search(ctx, q)
		if hits, _ := res.Total(""); err != nil || hits != 1 {
			t.Errorf("Search(%q, %q) after an import = %d hits, %v; want 1", q.Q, q.Lang, hits, err)
		}
	}
	counts, err = s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// The same documents again are refused, and nothing changes.
	err = s.BulkImport(ctx, slices.Values(sets[:1]), nil)
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("BulkImport of a document held already = %v, want ErrConflict", err)
	}
	if again, err := s.Counts(ctx); err != nil || again != counts {
		t.Errorf("Counts after a refused BulkImport = %+v, %v; want %+v", again, err, counts)
	}

	// The load took the search words from the statistics it gathered: under limits that make
	// "rights" frequent, its search walks the paragraphs' first rows, and says it is a sample.
	s.SetSearchLimits(100, 50)
	if res, err := s.Search(ctx, store.SearchFilter{Q: "rights", Limit: 10}); err != nil || !res.Sampled(store.KindParagraph) {
		t.Errorf("Search(rights) after BulkImport, frequent from 100 rows = sampled %v, %v; want paragraphs sampled", res.Partial, err)
	}
}

// rows are the lines of dump, sorted, with the times of change masked.
func rows(dump string) string {
	lines := strings.Split(timestamps.ReplaceAllString(dump, "TIME"), "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// missing is the lines of a that b lacks.
func missing(a, b string) []string {
	in := map[string]bool{}
	for l := range strings.SplitSeq(b, "\n") {
		in[l] = true
	}
	var out []string
	for l := range strings.SplitSeq(a, "\n") {
		if !in[l] {
			out = append(out, l)
		}
	}
	return out
}
