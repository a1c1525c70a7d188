package unhrdb_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
)

const info = `[
  {"Name": "General Comment No. 25: Science", "Signature": "E/C.12/GC/25", "Adoption Date": "6 March 2020",
   "Adoption Year": 2020, "Committee": "CESCR", "Link": "https://undocs.org/E/C.12/GC/25", "File PATH": "/json_data/gc25.json"},
  {"Name": "Joint General Comment No. 3 of the CMW / No. 22 of the CRC", "Signature": "CRC/C/GC/22, CMW/C/GC/3",
   "Adoption Date": "16 Nov 2017", "Adoption Year": "2017", "Committee": "CRC, CMW", "Link": "ftp://x", "File PATH": "/json_data/joint.json"},
  {"Name": "GR 1", "Signature": "A/48/18", "Adoption Date": "sometime", "Adoption Year": "1993", "Committee": "CERD, XYZ", "File PATH": "/json_data/Annotated_CERD_GR1.json"},
  {"Name": "GR 2", "Signature": "A/48/18", "Adoption Year": 1993.5, "Committee": "CERD", "File PATH": "/json_data/Annotated_CERD_GR2.json"},
  {"Name": "", "Signature": "X/1", "Committee": "CAT", "File PATH": "/json_data/gc25.json"},
  {"Name": "Gone", "Signature": "X/2", "Committee": "CAT", "File PATH": "/json_data/gone.json"},
  {"Name": "Escape", "Signature": "X/3", "Committee": "CAT", "File PATH": "../../etc/passwd"},
  {"Name": "Again", "Signature": "X/4", "Committee": "CAT", "File PATH": "json_data/gc25.json"}
]`

const gc25 = `[
  {"ID": 1, "Text": "One."},
  {"ID": "2.", "Text": "Two."},
  {"ID": "12a", "Text": "Odd."},
  {"ID": 2, "Text": "Two again."},
  {"Text": "3. No ID."},
  {"ID": 0, "Text": "Zero."},
  {"ID": 4, "Text": 4},
  {"ID": 5, "Text": "  "},
  "not a paragraph",
  {"ID": 6.0, "Text": "Six.", "Labels": ["Children"]}
]`

func layout() fstest.MapFS {
	return fstest.MapFS{
		"GC-info.json":                       {Data: []byte(info)},
		"json_data/gc25.json":                {Data: []byte(gc25)},
		"json_data/joint.json":               {Data: []byte(`[{"ID": "1", "Text": "Joint."}]`)},
		"json_data/Annotated_CERD_GR1.json":  {Data: []byte(`[{"ID": 1, "Text": "A."}]`)},
		"json_data/Annotated_CERD_GR2.json":  {Data: []byte(`[]`)},
		"json_data/stray.json":               {Data: []byte(`[]`)},
		"json_data/not-json-but-unread.json": {Data: []byte(`{`)},
	}
}

func TestReadFS(t *testing.T) {
	fsys := layout()
	delete(fsys, "json_data/not-json-but-unread.json")
	c, fatal := unhrdb.ReadFS(fsys)
	if len(fatal) > 0 {
		t.Fatalf("ReadFS = %v, want no fatal problem", fatal)
	}
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`GC-info.json: [1].Link: "ftp://x" is not an http(s) address: left out`,
		`GC-info.json: [2].Committee: unknown committee "XYZ" (known: CESCR, CRC, CEDAW, CCPR, CRPD, CERD, CMW, CAT, CED): left out`,
		`GC-info.json: [2].Adoption Date: "sometime" is not a date: Adoption Year is used`,
		`GC-info.json: [2].Signature: "A/48/18" is also the Signature of [3]: it names the report that published them, not each document: they are imported without a symbol, with slugs from their files' names`,
		`GC-info.json: [3].Adoption Year: 1993.5 is not a year: ignored`,
		`GC-info.json: [4].Name: missing: a document needs a title: entry skipped`,
		`GC-info.json: [5].File PATH: json_data/gone.json is missing: entry skipped`,
		`GC-info.json: [6].File PATH: "../../etc/passwd" is not a file in the directory: entry skipped`,
		`GC-info.json: [7].File PATH: "json_data/gc25.json" is entry [0]'s file too: entry skipped`,
		`json_data/gc25.json: [2].ID: "12a" is not a paragraph number (a whole number from 1): paragraph skipped`,
		`json_data/gc25.json: [3].ID: 2 is paragraph [1]'s number too: paragraph skipped`,
		`json_data/gc25.json: [4].ID: missing: paragraph skipped (its text begins "3. No ID.")`,
		`json_data/gc25.json: [5].ID: 0 is not a paragraph number (a whole number from 1): paragraph skipped`,
		`json_data/gc25.json: [6].Text: is a number, not text: paragraph skipped`,
		`json_data/gc25.json: [7].Text: paragraph 5 has no text: imported without it`,
		`json_data/gc25.json: [8]: is not an object: paragraph skipped`,
		`json_data/Annotated_CERD_GR2.json: no paragraph can be imported: document CERD-GR2 imported without paragraphs`,
		`json_data/stray.json: no entry of GC-info.json names this file: not imported`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadFS warnings (-want +got):\n%s", diff)
	}

	slugs := func(c unhrdb.Corpus) []string {
		var out []string
		for _, d := range c.Documents {
			out = append(out, d.Set.Document.Slug)
		}
		return out
	}
	if diff := cmp.Diff([]string{"E-C.12-GC-25", "CRC-C-GC-22", "CERD-GR1", "CERD-GR2"}, slugs(c)); diff != "" {
		t.Fatalf("ReadFS documents (-want +got):\n%s", diff)
	}
	gc := c.Documents[0].Set
	wantDoc := store.DocumentInput{
		Slug: "E-C.12-GC-25", Symbol: "E/C.12/GC/25", Title: "General Comment No. 25: Science", Author: "cescr",
		URL: "https://undocs.org/E/C.12/GC/25", Kind: store.GeneralComment, TitleConfirmed: true, IssuedConfirmed: true,
		Issued: store.Date{Time: time.Date(2020, 3, 6, 0, 0, 0, 0, time.UTC), Precision: store.PrecisionDay},
	}
	if diff := cmp.Diff(wantDoc, gc.Document); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	wantParas := []store.Paragraph{{Number: 1, Text: "One."}, {Number: 2, Text: "Two."}, {Number: 5}, {Number: 6, Text: "Six."}}
	if diff := cmp.Diff(wantParas, gc.Paragraphs); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}

	joint := c.Documents[1]
	if joint.Set.Document.Symbol != "CRC/C/GC/22" || joint.Set.Document.Author != "crc" || joint.Set.Document.URL != "" ||
		!slices.Equal(joint.Committees, []string{"crc", "cmw"}) {
		t.Errorf("joint document = %+v, committees %v; want symbol CRC/C/GC/22, author crc, no link, committees crc and cmw", joint.Set.Document, joint.Committees)
	}
	var bodies []string
	for _, b := range joint.Set.Bodies {
		bodies = append(bodies, b.Slug+"<"+b.Parent)
	}
	if diff := cmp.Diff([]string{"treaty-bodies<", "crc<treaty-bodies", "cmw<treaty-bodies"}, bodies); diff != "" {
		t.Errorf("joint document's bodies (-want +got):\n%s", diff)
	}
	if d := c.Documents[2].Set.Document; d.Symbol != "" || d.Issued.ISO() != "1993" {
		t.Errorf("document sharing a Signature = %+v, want no symbol and issued 1993 (the year)", d)
	}
	if d := c.Documents[3].Set.Document; d.Issued.Known() {
		t.Errorf("document with no readable date = %+v, want no date of issue", d)
	}
}

func TestReadFSFatal(t *testing.T) {
	tests := []struct {
		name string
		edit func(fstest.MapFS)
		want []string
	}{
		{"no GC-info.json", func(f fstest.MapFS) { delete(f, "GC-info.json") },
			[]string{"GC-info.json: no such file or directory"}},
		{"GC-info.json malformed", func(f fstest.MapFS) {
			f["GC-info.json"] = &fstest.MapFile{Data: []byte("[\n  {\"Name\": \"x\",\n   }\n]")}
		},
			[]string{"GC-info.json:3:4: malformed JSON: invalid character '}' looking for beginning of object key string"}},
		{"GC-info.json an object", func(f fstest.MapFS) { f["GC-info.json"] = &fstest.MapFile{Data: []byte(`{"a": 1}`)} },
			[]string{"GC-info.json: is an object, not a list"}},
		{"an entry not an object", func(f fstest.MapFS) { f["GC-info.json"] = &fstest.MapFile{Data: []byte(`[1, "x"]`)} },
			[]string{"GC-info.json: [0]: is a number, not an object", "GC-info.json: [1]: is text, not an object"}},
		{"paragraph files malformed", func(f fstest.MapFS) {
			f["json_data/gc25.json"] = &fstest.MapFile{Data: []byte(`[{"ID": 1, "Text": "a"}`)}
			f["json_data/joint.json"] = &fstest.MapFile{Data: []byte(`{"ID": 1}`)}
		}, []string{
			"json_data/gc25.json:1:23: malformed JSON: unexpected end of JSON input",
			"json_data/joint.json: is an object, not a list",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := layout()
			tc.edit(fsys)
			c, fatal := unhrdb.ReadFS(fsys)
			var got []string
			for _, p := range fatal {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ReadFS fatal problems (-want +got):\n%s", diff)
			}
			if len(c.Documents) > 0 {
				t.Errorf("ReadFS = %d documents with fatal problems, want none", len(c.Documents))
			}
		})
	}
}

func TestReadDirectory(t *testing.T) {
	_, err := unhrdb.Read(filepath.Join(t.TempDir(), "absent"))
	var e *unhrdb.Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("Read(absent) = %v, want an *Error saying it is missing", err)
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := unhrdb.Read(f); !errors.As(err, &e) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Read(file) = %v, want an *Error saying it is no directory", err)
	}
}

// The committees the data set defines are taken from it as they are, so that neither import
// changes the other's bodies.
func TestCommitteesAsTheDataSetHasThem(t *testing.T) {
	seed, err := dataset.Parse(dataset.Seed())
	if err != nil {
		t.Fatal(err)
	}
	c, fatal := unhrdb.ReadFS(layout())
	if len(fatal) > 0 {
		t.Fatal(fatal)
	}
	found := 0
	for _, d := range c.Documents {
		for _, b := range d.Set.Bodies {
			for _, s := range seed.Bodies {
				if s.Slug == b.Slug {
					found++
					if diff := cmp.Diff(s, b); diff != "" {
						t.Errorf("body %s (-data set +unhrdb):\n%s", b.Slug, diff)
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("no body of the layout is in the data set; want treaty-bodies, cescr and crc")
	}
}

// The corpus in the shared folder: 180 documents of 181 entries (one file is missing), and
// every odd record reported at its place.
func TestCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	c, err := unhrdb.Read(dir)
	if err != nil {
		t.Fatalf("Read(%s) = %v", dir, err)
	}
	if len(c.Documents) != 180 || c.Paragraphs() != 6531 {
		t.Errorf("Read(corpus) = %d documents, %d paragraphs; want 180 and 6,531", len(c.Documents), c.Paragraphs())
	}
	var got []string
	for _, w := range c.Warnings {
		if !strings.Contains(w.Message, "is also the Signature of") {
			got = append(got, w.File+": "+w.Path)
		}
	}
	want := []string{
		"GC-info.json: [16].Adoption Date",
		"GC-info.json: [26].File PATH",
		"GC-info.json: [173].Adoption Date",
		"json_data/Annotated_CRC_CEDAW-GC18-Harmful-REV.json: [31].ID",
		"json_data/Annotated_CRC-GC5-Implementation.json: [0].ID",
		"json_data/Annotated_ESCR-GC23-CondWork.json: [48].ID",
		"json_data/Annotated_ESCR-GC23-CondWork.json: [64].ID",
		"json_data/Annotated_ESCR-GC21-Culture.json: [14].ID",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read(corpus) warnings (-want +got):\n%s", diff)
	}
	slugs, symbols := map[string]bool{}, map[string]bool{}
	for _, d := range c.Documents {
		doc := d.Set.Document
		if slugs[doc.Slug] || (doc.Symbol != "" && symbols[doc.Symbol]) || !dataset.ValidDocumentSlug(doc.Slug) {
			t.Errorf("document %q (%q): slug invalid or repeated, or symbol repeated", doc.Slug, doc.Symbol)
		}
		slugs[doc.Slug], symbols[doc.Symbol] = true, true
		if doc.Author == "" || !doc.Issued.Known() {
			t.Errorf("document %q = %+v, want an author and a date", doc.Slug, doc)
		}
	}
}
