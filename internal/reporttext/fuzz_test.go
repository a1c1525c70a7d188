package reporttext_test

import (
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/reporttext"
)

// FuzzParse checks that Parse takes any text without panicking, and that what it returns
// keeps its promises: numbers above zero, no empty text, warnings that agree with the numbers.
// Its seeds, in testdata/fuzz/FuzzParse, are the test reports and texts at the parser's edges.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		r := reporttext.Parse(text)
		for _, p := range r.Paragraphs {
			if p.Number < 1 || p.Text == "" || p.Line < 1 {
				t.Fatalf("Parse(%q) gave paragraph %+v: want a number and a line above 0 and some text", text, p)
			}
		}
		// The numbering warnings, worked out again from the paragraphs.
		var want []reporttext.Warning
		first := map[int]int{}
		prev := 0
		for _, p := range r.Paragraphs {
			if line, ok := first[p.Number]; ok {
				want = append(want, reporttext.Warning{Kind: reporttext.Duplicate, Line: p.Line, Number: p.Number, Previous: prev, FirstLine: line})
			} else {
				first[p.Number] = p.Line
				if p.Number < prev {
					want = append(want, reporttext.Warning{Kind: reporttext.Backwards, Line: p.Line, Number: p.Number, Previous: prev})
				} else if p.Number > prev+1 {
					want = append(want, reporttext.Warning{Kind: reporttext.Gap, Line: p.Line, Number: p.Number, Previous: prev})
				}
			}
			prev = p.Number
		}
		var got []reporttext.Warning
		line := 0
		for _, w := range r.Warnings {
			if w.Line < line {
				t.Fatalf("Parse(%q) warnings %v are not in the order of the text", text, r.Warnings)
			}
			line = w.Line
			switch w.Kind {
			case reporttext.Gap, reporttext.Duplicate, reporttext.Backwards:
				got = append(got, w)
			case reporttext.Empty, reporttext.Unnumbered:
			default:
				t.Fatalf("Parse(%q) gave a warning of unknown kind: %+v", text, w)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("Parse(%q) numbering warnings = %v, want %v", text, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Parse(%q) numbering warnings = %v, want %v", text, got, want)
			}
		}
		for _, h := range r.Headings {
			if h.Title == "" {
				t.Fatalf("Parse(%q) gave a heading with no title: %+v", text, h)
			}
		}
	})
}
