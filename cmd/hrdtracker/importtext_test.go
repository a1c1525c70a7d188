package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// report is the start of a report as pdftotext gives it, numbered as A/73/230 is: its
// paragraph 14 is one that the data set's advances cite.
const report = `                                                                      A/73/230
     Summary

     The present report is submitted pursuant to General Assembly resolution
     72/247.

     III.   Contribution of the United Nations system

          13.    The human rights treaty bodies increasingly address the situation
                 of defenders in their concluding observations.1

          14.    In 2016, the Committee on Economic, Social and Cultural Rights
                 adopted its first statement on human rights defend-
                 ers, and calls on States to:
                 (a)    Recognize publicly the role of defenders;

          ___________________
          1   See A/HRC/37/51.

2/19                                                            18-12345
` + "\f" + `A/73/230

                 (b)    Investigate any attack against defenders.
`

func TestImportText(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	getenv := env(map[string]string{"DATABASE_URL": url})
	ctx := t.Context()
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.yaml")
	_, data := dataset.Seed()
	file := filepath.Join(dir, "report.txt")
	for name, content := range map[string][]byte{seed: data, file: []byte(report)} {
		if err := os.WriteFile(name, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"import", seed}, getenv, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	paragraphs := func() map[int]store.Paragraph {
		ps, err := s.Paragraphs(ctx, "A-73-230", "en")
		if err != nil {
			t.Fatal(err)
		}
		m := map[int]store.Paragraph{}
		for _, p := range ps {
			m[p.Number] = p
		}
		return m
	}
	before := paragraphs()

	out.Reset()
	if err := run(ctx, []string{"import-text", "--document", "A-73-230", "-dry-run", file}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("import-text -dry-run = %v", err)
	}
	for _, want := range []string{
		"report.txt: paragraphs: 2, headings: 1, footnotes: 1",
		"  III. Contribution of the United Nations system\n      13  The human rights treaty bodies increasingly address the situation of…\n      14  In 2016, the Committee",
		"line 9: the first paragraph is 13: 1 to 12 missing",
		"A-73-230: dry run, nothing saved; saving would make: 1 added (13), 1 changed (14), 0 unchanged, 0 removed",
		"paragraph 15 is not in the text but stays as it was, cited by advance joint-statement-on-defenders\n",
		"paragraph 43 is not in the text but stays as it was, cited by advance model-national-law, advance national-laws-burkina-faso-cote-d-ivoire\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("import-text -dry-run printed\n%s\nwant it to say %q", out.String(), want)
		}
	}
	if after := paragraphs(); len(after) != len(before) || after[14].Text != before[14].Text {
		t.Errorf("import-text -dry-run changed the paragraphs: %v, then %v", before, after)
	}

	out.Reset()
	if err := run(ctx, []string{"import-text", "-document", "A-73-230", file}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("import-text = %v", err)
	}
	if !strings.Contains(out.String(), "A-73-230: saved: 1 added (13), 1 changed (14), 0 unchanged, 0 removed") {
		t.Errorf("import-text printed\n%s\nwant the changes saved", out.String())
	}
	after := paragraphs()
	want14 := "In 2016, the Committee on Economic, Social and Cultural Rights adopted its first statement on human rights defenders, and calls on States to:\n" +
		"(a) Recognize publicly the role of defenders;\n(b) Investigate any attack against defenders."
	if p := after[14]; p.Text != want14 || p.Topic != before[14].Topic {
		t.Errorf("paragraph 14 after import-text = %+v\nwant the text %q and the topic %q as it was", p, want14, before[14].Topic)
	}
	if len(after) != len(before)+1 {
		t.Errorf("import-text left %d paragraphs, want %d: the cited ones kept, 13 added", len(after), len(before)+1)
	}

	// From standard input, a text whose numbering repeats itself is shown, then refused.
	out.Reset()
	dup := "1. One.\n2. Two.\n2. Two again.\n"
	err = importText(ctx, url, []string{"-document", "A-73-230", "-"}, strings.NewReader(dup), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "more than one paragraph numbered 2") || !strings.Contains(out.String(), "line 3: paragraph 2 again (first at line 2)") {
		t.Errorf("import-text - of a duplicate = %v, printed\n%s\nwant the warning shown and the text refused", err, out.String())
	}
	if got := paragraphs(); len(got) != len(after) {
		t.Errorf("a refused import-text changed the paragraphs")
	}

	for _, tc := range []struct {
		name string
		args []string
		in   string
		want string
	}{
		{"an unknown document", []string{"-document", "A-99-1", "-"}, "1. One.", `no document "A-99-1" in the database`},
		{"no document", []string{"-"}, "1. One.", "usage: hrdtracker import-text"},
		{"no paragraph", []string{"-document", "A-73-230", "-"}, "Just words.", "no numbered paragraph found"},
		{"a NUL", []string{"-document", "A-73-230", "-"}, "1. One\x00.", "standard input:1:7: byte 6 is a NUL"},
		{"not UTF-8", []string{"-document", "A-73-230", "-"}, "1. caf\xe9.", "is not UTF-8"},
		{"too big", []string{"-document", "A-73-230", "-max-size", "4", "-"}, "1. One.", "over the limit of 4 bytes"},
		{"a missing file", []string{"-document", "A-73-230", filepath.Join(dir, "none.txt")}, "", "none.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := importText(ctx, url, tc.args, strings.NewReader(tc.in), &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("import-text %q of %q = %v, want an error saying %q", tc.args, tc.in, err, tc.want)
			}
		})
	}
}
