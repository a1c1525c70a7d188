package reporttext_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/reporttext"
)

// want is a test report's expected content, whichever way its text is laid out.
type want struct {
	Paragraphs []struct {
		Number int
		Text   string
	}
	Headings []struct {
		Label, Title string
		Before       int
	}
	Footnotes []struct{ Mark, Text string }
	Summary   string // a block of the preamble
}

// Each report in testdata comes twice: clean (as copied from a web page, or a dense paste of
// wrapped lines), and noisy (as pdftotext lays out the printed pages: running headers and
// footers, job numbers, page numbers, footnotes with their markers, words broken at lines'
// ends, form feeds or none). Both must give the same paragraphs and headings.
func TestParseReports(t *testing.T) {
	for _, name := range []string{"sg-report", "rapporteur-report"} {
		var w want
		data, err := os.ReadFile(filepath.Join("testdata", name+".want.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &w); err != nil {
			t.Fatal(err)
		}
		for _, column := range []string{"clean", "noisy"} {
			t.Run(name+"/"+column, func(t *testing.T) {
				text, err := os.ReadFile(filepath.Join("testdata", name+"."+column+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				r := reporttext.Parse(string(text))
				var got want
				for _, p := range r.Paragraphs {
					got.Paragraphs = append(got.Paragraphs, struct {
						Number int
						Text   string
					}{p.Number, p.Text})
				}
				for _, h := range r.Headings {
					got.Headings = append(got.Headings, struct {
						Label, Title string
						Before       int
					}{h.Label, h.Title, h.Before})
				}
				for _, f := range r.Footnotes {
					got.Footnotes = append(got.Footnotes, struct{ Mark, Text string }{f.Mark, f.Text})
				}
				wantCol := w
				if column == "clean" {
					wantCol.Footnotes = nil // a clean copy has none
				}
				if diff := cmp.Diff(wantCol.Paragraphs, got.Paragraphs); diff != "" {
					t.Errorf("paragraphs (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(wantCol.Headings, got.Headings); diff != "" {
					t.Errorf("headings (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(wantCol.Footnotes, got.Footnotes); diff != "" {
					t.Errorf("footnotes (-want +got):\n%s", diff)
				}
				if !strings.Contains(r.Preamble, w.Summary) {
					t.Errorf("preamble = %q, want it to hold the summary %q", r.Preamble, w.Summary)
				}
				if len(r.Warnings) > 0 {
					t.Errorf("warnings = %v, want none", r.Warnings)
				}
			})
		}
	}
}

// A text numbered badly gets its paragraphs, and a warning at each place where the numbering
// goes wrong.
func TestParseWarnings(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "numbering.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := reporttext.Parse(string(text))
	var numbers []int
	for _, p := range r.Paragraphs {
		numbers = append(numbers, p.Number)
	}
	if want := []int{1, 2, 4, 5, 5, 3, 9}; !cmp.Equal(numbers, want) {
		t.Errorf("paragraph numbers = %v, want %v", numbers, want)
	}
	want := []reporttext.Warning{
		{Kind: reporttext.Gap, Line: 15, Number: 4, Previous: 2},
		{Kind: reporttext.Duplicate, Line: 20, Number: 5, Previous: 5, FirstLine: 18},
		{Kind: reporttext.Backwards, Line: 22, Number: 3, Previous: 5},
		{Kind: reporttext.Gap, Line: 26, Number: 9, Previous: 3},
		{Kind: reporttext.Unnumbered, Line: 30, Number: 9},
	}
	if diff := cmp.Diff(want, r.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if got := r.Duplicates(); !cmp.Equal(got, []int{5}) {
		t.Errorf("Duplicates() = %v, want [5]", got)
	}
	var msgs []string
	for _, w := range r.Warnings {
		msgs = append(msgs, w.String())
	}
	wantMsgs := []string{
		"line 15: paragraph 4 follows 2: 3 missing",
		"line 20: paragraph 5 again (first at line 18)",
		"line 22: paragraph 3 follows 5: the numbering goes backwards",
		"line 26: paragraph 9 follows 3: 4 to 8 missing",
		"line 30: text outside any numbered paragraph: left out",
	}
	if diff := cmp.Diff(wantMsgs, msgs); diff != "" {
		t.Errorf("warning messages (-want +got):\n%s", diff)
	}
}

func TestParseCases(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []reporttext.Paragraph
		warnings   []reporttext.WarningKind
	}{{
		name: "a wrapped line starting with a year is no paragraph",
		text: "1. The Declaration was adopted in\n1998. It was the first instrument.\n2. Next.",
		want: []reporttext.Paragraph{
			{Number: 1, Line: 1, Text: "The Declaration was adopted in 1998. It was the first instrument."},
			{Number: 2, Line: 3, Text: "Next."},
		},
	}, {
		name: "nor one after an abbreviation",
		text: "1. As noted in the previous report (see para.\n14. above), defenders face risks.",
		want: []reporttext.Paragraph{{Number: 1, Line: 1, Text: "As noted in the previous report (see para. 14. above), defenders face risks."}},
	}, {
		name: "a paragraph may start with a number",
		text: "1. First.\n2. 2018 marked the anniversary.\n3. 20 years after, ...",
		want: []reporttext.Paragraph{
			{Number: 1, Line: 1, Text: "First."},
			{Number: 2, Line: 2, Text: "2018 marked the anniversary."},
			{Number: 3, Line: 3, Text: "20 years after, ..."},
		},
	}, {
		name: "Roman numerals and letters head sections",
		text: "IV. Conclusions\n\n1. The end.\n\nC. Civil society\n\n2. More.\n\nV. Recommendations\n\n3. Do.",
		want: []reporttext.Paragraph{
			{Number: 1, Line: 3, Text: "The end."},
			{Number: 2, Line: 7, Text: "More."},
			{Number: 3, Line: 11, Text: "Do."},
		},
	}, {
		name: "sub-items stay in their paragraph, a line each",
		text: "7. States should:\n(a) Recognize\ndefenders;\n(b) Protect them:\n(i) At home;\n(ii) Abroad.\n8. Next.",
		want: []reporttext.Paragraph{
			{Number: 7, Line: 1, Text: "States should:\n(a) Recognize defenders;\n(b) Protect them:\n(i) At home;\n(ii) Abroad."},
			{Number: 8, Line: 7, Text: "Next."},
		},
		warnings: []reporttext.WarningKind{reporttext.Gap}, // a text should start at 1
	}, {
		name: "words broken at a line's end join; compounds keep their hyphen",
		text: "1. Human rights defend-\ners and non-\ngovernmental organizations, the Secretary-\nGeneral, follow-\nup and multi-\nlateral work; multilateral (paras. 12-\n15).",
		want: []reporttext.Paragraph{{Number: 1, Line: 1, Text: "Human rights defenders and non-governmental organizations, the Secretary-General, follow-up and multilateral work; multilateral (paras. 12-15)."}},
	}, {
		name: "footnote markers go, other numbers stay",
		text: "1. Defenders.1 The defenders2 of article 3 and resolution 72/4, in 2018.5 E/CN.4. G6 and\n" +
			"para.3 (OHCHR).6 grew 2.5 times in the 1990s, 4 in all.\n" +
			"__________\n1 One.\n2 Two.\n3 Three.\n4 Four.\n5 Five.\n6 Six.",
		want: []reporttext.Paragraph{{Number: 1, Line: 1, Text: "Defenders. The defenders of article 3 and resolution 72/4, in 2018. E/CN.4. G6 and para.3 (OHCHR). grew 2.5 times in the 1990s, 4 in all."}},
	}, {
		name:     "a number alone is an empty paragraph",
		text:     "1.\n2. Text.",
		want:     []reporttext.Paragraph{{Number: 2, Line: 2, Text: "Text."}},
		warnings: []reporttext.WarningKind{reporttext.Empty, reporttext.Gap},
	}, {
		name: "a paragraph across a page break",
		text: "1. The Special\n\n\f2/19   18-12345\n\nRapporteur spoke.\n\n22 \n\n2. Next.",
		want: []reporttext.Paragraph{
			{Number: 1, Line: 1, Text: "The Special Rapporteur spoke."},
			{Number: 2, Line: 9, Text: "Next."},
		},
	}, {
		name: "Windows line ends, tabs and no-break spaces",
		text: "1.\tThe\u00a0Committee\r\nmet.\r\n2. Again.",
		want: []reporttext.Paragraph{
			{Number: 1, Line: 1, Text: "The Committee met."},
			{Number: 2, Line: 3, Text: "Again."},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			r := reporttext.Parse(tc.text)
			if diff := cmp.Diff(tc.want, r.Paragraphs); diff != "" {
				t.Errorf("Parse(%q) paragraphs (-want +got):\n%s", tc.text, diff)
			}
			var kinds []reporttext.WarningKind
			for _, w := range r.Warnings {
				kinds = append(kinds, w.Kind)
			}
			if !cmp.Equal(kinds, tc.warnings) {
				t.Errorf("Parse(%q) warnings = %v, want %v", tc.text, r.Warnings, tc.warnings)
			}
		})
	}
}

func TestFirstWords(t *testing.T) {
	p := reporttext.Paragraph{Number: 1, Text: "The Committee\non the Rights of the Child"}
	for n, want := range map[int]string{3: "The Committee on…", 8: "The Committee on the Rights of the Child", 100: "The Committee on the Rights of the Child"} {
		if got := p.FirstWords(n); got != want {
			t.Errorf("FirstWords(%d) = %q, want %q", n, got, want)
		}
	}
}
