package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// paragraphsWithText counts the rows of paragraphs, in a dump, that carry text.
func paragraphsWithText(dump string) (rows, withText int) {
	_, table, ok := strings.Cut(dump, "COPY public.paragraphs (")
	if !ok {
		return 0, 0
	}
	header, table, _ := strings.Cut(table, ") FROM stdin;\n")
	text := slices.Index(strings.Split(header, ", "), "text")
	table, _, _ = strings.Cut(table, "\n\\.\n")
	for row := range strings.SplitSeq(table, "\n") {
		rows++
		if f := strings.Split(row, "\t"); text >= 0 && len(f) > text && f[text] != "" {
			withText++
		}
	}
	return rows, withText
}

// rows is a dump's lines, sorted, without the sequences' values.
func rows(dump string) []string {
	var lines []string
	for l := range strings.SplitSeq(dump, "\n") {
		if !strings.HasPrefix(l, "SELECT pg_catalog.setval(") {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}

func counts(t *testing.T, url string) store.Counts {
	t.Helper()
	s, err := store.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The corpus in the shared folder imports in full, and importing it again changes nothing.
func TestImportUNHRDB(t *testing.T) {
	t.Parallel()
	dir := testenv.Corpus(t)
	url := dbtest.NewURL(t)
	getenv := env(map[string]string{"DATABASE_URL": url})
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"import-unhrdb", dir}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("import-unhrdb %s = %v\n%s", dir, err, errOut.String())
	}
	t.Logf("%s", out.String())
	if !strings.Contains(out.String(), "imported 180 documents, 6,531 paragraphs, 10 bodies") {
		t.Errorf("import-unhrdb printed %q, want a summary of 180 documents, 6,531 paragraphs and 10 bodies", out.String())
	}
	// Each record left out is reported at its place, from the directory given.
	want := filepath.Join(dir, "json_data", "Annotated_CRC-GC5-Implementation.json") + `: [0].ID: "0." is not a paragraph number`
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("import-unhrdb warned:\n%s\nwant a line with %q", errOut.String(), want)
	}
	if strings.Contains(errOut.String(), "\r") {
		t.Error("import-unhrdb wrote a progress line to a stderr that is no terminal")
	}
	c := counts(t, url)
	before := dbtest.Dump(t, url)
	rows, withText := paragraphsWithText(before)
	if c.Documents != 180 || c.Paragraphs != 6531 || c.Bodies != 10 || rows != 6531 || withText != 6531 {
		t.Errorf("after import-unhrdb: %+v, %d paragraphs dumped, %d with text; want 180 documents, 6,531 paragraphs all with text, 10 bodies",
			c, rows, withText)
	}

	out.Reset()
	if err := run(t.Context(), []string{"import-unhrdb", dir}, getenv, nil, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("import-unhrdb %s again = %v", dir, err)
	}
	if diff := cmp.Diff(before, dbtest.Dump(t, url)); diff != "" {
		t.Errorf("importing the corpus again changed the database (-before +after):\n%s", diff)
	}
}

// The data set and the corpus share bodies (treaty-bodies, cescr, crc); either may be
// imported first, and importing the other again changes nothing.
func TestImportUNHRDBWithTheDataSet(t *testing.T) {
	t.Parallel()
	dir := testenv.Corpus(t)
	seed := filepath.Join(t.TempDir(), "a-73-230.yaml")
	_, data := dataset.Seed()
	if err := os.WriteFile(seed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	seedArgs, corpusArgs := []string{"import", seed}, []string{"import-unhrdb", dir}
	for _, tc := range []struct {
		name  string
		steps [][]string
	}{
		{"data set first", [][]string{seedArgs, corpusArgs, seedArgs}},
		{"corpus first", [][]string{corpusArgs, seedArgs, corpusArgs}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := dbtest.NewURL(t)
			getenv := env(map[string]string{"DATABASE_URL": url})
			var before string
			for i, args := range tc.steps {
				if i == len(tc.steps)-1 {
					before = dbtest.Dump(t, url)
				}
				var errOut bytes.Buffer
				if err := run(t.Context(), args, getenv, nil, &bytes.Buffer{}, &errOut); err != nil {
					t.Fatalf("step %d, %q = %v", i+1, args, err)
				}
			}
			// The data set's import writes its translations afresh, so their rows may come
			// back in another order, and its advances, recommendations and quotes take new
			// identity values even when unchanged (their upserts are INSERT ... ON CONFLICT):
			// the rows are compared, not their order nor the sequences.
			if diff := cmp.Diff(rows(before), rows(dbtest.Dump(t, url))); diff != "" {
				t.Errorf("importing %q again changed the database (-before +after):\n%s", tc.steps[0], diff)
			}
			if c := counts(t, url); c.Documents != 181 || c.Paragraphs != 6531+11 || c.Bodies != 21 {
				t.Errorf("counts = %+v, want 181 UN documents (180 and A/73/230; its news item counts as a source), 6,542 paragraphs and 21 bodies (the data set's 14 and 7 committees)", c)
			}
		})
	}
}

// A directory that cannot be read, or that clashes with the database, changes nothing and
// says where the problems are; records left out are reported with their file and place.
func TestImportUNHRDBProblems(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	getenv := env(map[string]string{"DATABASE_URL": url})
	_, data := dataset.Seed()
	seed := filepath.Join(t.TempDir(), "a-73-230.yaml")
	if err := os.WriteFile(seed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(t.Context(), []string{"import", seed}, getenv, nil, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}

	write := func(t *testing.T, files map[string]string) string {
		dir := t.TempDir()
		for name, text := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	const info = `[
  {"Name": "Science", "Signature": "E/C.12/GC/25", "Adoption Year": 2020, "Committee": "CESCR", "File PATH": "/json_data/a.json"},
  {"Name": "Torture", "Signature": "CAT/C/GC/9", "Adoption Year": 2020, "Committee": "CAT", "File PATH": "/json_data/b.json"}
]`
	const good = `[{"ID": 1, "Text": "One."}, {"ID": "12a", "Text": "Odd."}]`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // in the error, each with the directory before it
	}{
		{"malformed paragraph file", map[string]string{
			"GC-info.json": info, "json_data/a.json": good, "json_data/b.json": "[\n  {\"ID\": 1 \"Text\": \"x\"}\n]",
		}, []string{"json_data/b.json:2:12: malformed JSON: invalid character '\"' after object key:value pair"}},
		{"no GC-info.json", map[string]string{"json_data/a.json": good},
			[]string{"GC-info.json: no such file or directory"}},
		{"an entry that is no object", map[string]string{"GC-info.json": `[["E/C.12/GC/25"]]`},
			[]string{"GC-info.json: [0]: is a list, not an object"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, tc.files)
			before := dbtest.Dump(t, url)
			err := run(t.Context(), []string{"import-unhrdb", dir}, getenv, nil, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil {
				t.Fatal("import-unhrdb of a broken directory succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), filepath.Join(dir, w)) {
					t.Errorf("import-unhrdb = %v, want %q", err, filepath.Join(dir, w))
				}
			}
			if !strings.Contains(err.Error(), "nothing was imported") {
				t.Errorf("import-unhrdb = %v, want it to say nothing was imported", err)
			}
			if diff := cmp.Diff(before, dbtest.Dump(t, url)); diff != "" {
				t.Errorf("a refused import changed the database (-before +after):\n%s", diff)
			}
		})
	}

	// The database refuses the second document: the first, though fine, is not written either.
	t.Run("a body held with other fields", func(t *testing.T) {
		dir := write(t, map[string]string{"GC-info.json": info, "json_data/a.json": good, "json_data/b.json": good})
		renamed := filepath.Join(t.TempDir(), "renamed.yaml")
		if err := os.WriteFile(renamed, []byte("document: {slug: X-1, title: X, kind: report}\n"+
			"bodies: [{slug: cat, kind: treaty-body, name: Committee against Torture (renamed)}]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := run(t.Context(), []string{"import", renamed}, getenv, nil, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		before := dbtest.Dump(t, url)
		var errOut bytes.Buffer
		err := run(t.Context(), []string{"import-unhrdb", dir}, getenv, nil, &bytes.Buffer{}, &errOut)
		if err == nil || !strings.Contains(err.Error(), `body "cat" is in the database with name "Committee against Torture (renamed)"`) ||
			!strings.Contains(err.Error(), "-update-shared") {
			t.Fatalf("import-unhrdb over a renamed body = %v, want it refused, naming the body and -update-shared", err)
		}
		if diff := cmp.Diff(before, dbtest.Dump(t, url)); diff != "" {
			t.Errorf("a refused import changed the database (-before +after):\n%s", diff)
		}
		// Records left out are warnings, at their place; the rest is imported.
		for _, w := range []string{`json_data/a.json: [1].ID: "12a" is not a paragraph number`, `json_data/b.json: [1].ID: "12a"`} {
			if !strings.Contains(errOut.String(), filepath.Join(dir, w)) {
				t.Errorf("import-unhrdb warned:\n%s\nwant %q", errOut.String(), filepath.Join(dir, w))
			}
		}
		var out bytes.Buffer
		if err := run(t.Context(), []string{"import-unhrdb", "-update-shared", dir}, getenv, nil, &out, &bytes.Buffer{}); err != nil {
			t.Fatalf("import-unhrdb -update-shared = %v", err)
		}
		if !strings.Contains(out.String(), "imported 2 documents, 2 paragraphs, 3 bodies") {
			t.Errorf("import-unhrdb -update-shared printed %q, want 2 documents, 2 paragraphs, 3 bodies", out.String())
		}
	})

	for _, args := range [][]string{{"import-unhrdb"}, {"import-unhrdb", "a", "b"}, {"import-unhrdb", "-frobnicate", "a"}} {
		if err := run(t.Context(), args, getenv, nil, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
			t.Errorf("run(%q) succeeded, want a usage error", args)
		}
	}
}
