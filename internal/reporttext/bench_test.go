package reporttext_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/reporttext"
)

// BenchmarkParse reads texts of about 1 MB: a long report as pdftotext gives it, and texts
// made to cost the most (lines that repeat beside page furniture; an endless broken word;
// footnote rules and marks), which must take time in proportion to their size.
func BenchmarkParse(b *testing.B) {
	noisy, err := os.ReadFile(filepath.Join("testdata", "sg-report.noisy.txt"))
	if err != nil {
		b.Fatal(err)
	}
	const size = 1 << 20
	for _, bc := range []struct{ name, text string }{
		{"report", strings.Repeat(string(noisy), size/len(noisy))},
		{"repeated-lines", strings.Repeat("x\n", size/2) + "2/19\n"},
		{"broken-word", "1. " + strings.Repeat("a-\n", size/3)},
		{"footnotes", strings.Repeat("______\n1 a\n2 b\n", size/16)},
		{"paragraphs", strings.Repeat("1. A.\n", size/6)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				reporttext.Parse(bc.text)
			}
		})
	}
}
