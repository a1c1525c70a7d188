package dataset

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

func TestPrecheck(t *testing.T) {
	opts := Options{MaxSize: 1 << 16, MaxDepth: 8}
	tests := []struct {
		name string
		data string
		want string // part of the one problem's message; empty for none
		line int
		col  int
	}{
		{"flat", "a: [1, {b: c}]\n", "", 0, 0},
		{"at the limit", strings.Repeat("[", 8) + strings.Repeat("]", 8), "", 0, 0},
		{"over the limit", strings.Repeat("[", 9), "nested 9 deep", 1, 9},
		{"brackets in quotes", `a: "[[[[[[[[[["` + "\nb: '[[[[[[[[[['\n", "", 0, 0},
		{"brackets in plain text", "a: b [[[[[[[[[[ c\n", "", 0, 0},
		{"brackets in a comment", "a: b # [[[[[[[[[[\n", "", 0, 0},
		{"brackets in a block scalar", "a: |\n  [[[[[[[[[[\n  {{{{{{{{{{\nb: c\n", "", 0, 0},
		{"closing quotes in brackets", `[ "]", [ "]", [ "]", [ "]", [ "]", [ "]", [ "]", [ "]", [ "]"`, "nested 9 deep", 1, 57},
		{"compact sequences", strings.Repeat("- ", 9) + "x\n", "nested 9 deep", 1, 17},
		{"indented mappings", "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n        i:\n", "nested 9 deep", 9, 9},
		{"sequences at their key's column", "a:\n- b:\n  - c:\n    - d:\n      - e:\n", "nested 9 deep", 5, 9},
		{"siblings", strings.Repeat("- a: b\n  c: [d]\n", 100), "", 0, 0},
		{"invalid UTF-8", "a: b\nc: d\xffe\n", "byte 9 (0xff) is not UTF-8", 2, 5},
		{"invalid UTF-8 after other text", "a: é\xc3\n", "byte 5 (0xc3) is not UTF-8", 1, 5},
		{"NUL", "a: b\x00\n", "byte 4 is a NUL", 1, 5},
		{"too big", strings.Repeat("a", 1<<16+1), "raise the limit with -max-size", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := precheck([]byte(tc.data), opts)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("precheck(%q) = %+v, want no problem", tc.data, got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0].Message, tc.want) || got[0].Line != tc.line || got[0].Column != tc.col {
				t.Errorf("precheck(%q) = %+v, want one problem at %d:%d saying %q", tc.data, got, tc.line, tc.col, tc.want)
			}
		})
	}
}

// FuzzPrecheck checks that precheck never panics, that what it accepts is valid UTF-8 without
// NUL, within the size limit, and nests no deeper than the limit for the YAML parser itself,
// and that the checks after it do not panic on what it accepts.
func FuzzPrecheck(f *testing.F) {
	const maxSize, maxDepth = 1 << 16, 8
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := precheck(data, Options{MaxSize: maxSize, MaxDepth: maxDepth})
		if len(problems) > 0 {
			for _, p := range problems {
				if p.Line < 1 || p.Column < 1 || p.Line > bytes.Count(data, []byte{'\n'})+1 || p.Message == "" {
					t.Fatalf("precheck(%q) gives a problem out of the file: %+v", data, p)
				}
			}
			return
		}
		if len(data) > maxSize || !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			t.Fatalf("precheck accepted %q: too big, not UTF-8, or with NUL", data)
		}
		tree, err := parser.ParseBytes(data, 0)
		if err != nil {
			return
		}
		for _, doc := range tree.Docs {
			v := &depthVisitor{max: new(int)}
			ast.Walk(v, doc)
			if *v.max > maxDepth {
				t.Fatalf("precheck accepted %q, which the parser nests %d deep, over %d", data, *v.max, maxDepth)
			}
		}
		_, _ = Parse("fuzz.yaml", data)
	})
}

// depthVisitor finds how deep a YAML tree nests its collections: each sequence, and each
// key-value pair of a mapping, is a level.
type depthVisitor struct {
	depth int
	max   *int
}

func (v *depthVisitor) Visit(n ast.Node) ast.Visitor {
	if v.max == nil {
		v.max = new(int)
	}
	switch n.(type) {
	case *ast.SequenceNode, *ast.MappingValueNode:
		d := &depthVisitor{depth: v.depth + 1, max: v.max}
		*v.max = max(*v.max, d.depth)
		return d
	}
	return v
}

// A report's text to import meets the limits of a data file, but not its nesting: brackets
// are plain text there.
func TestReadText(t *testing.T) {
	opts := Options{MaxSize: 64, MaxDepth: 2}
	for _, tc := range []struct{ name, data, want string }{
		{"plain text", "1. The Committee [[[[ noted\n", ""},
		{"invalid UTF-8", "1. A\n2. caf\xe9\n", "report.txt:2:7: byte 11 (0xe9) is not UTF-8"},
		{"NUL", "1. A\x00", "report.txt:1:5: byte 4 is a NUL"},
		{"too big", strings.Repeat("a", 65), "report.txt:1:1: the file is 65 bytes, over the limit of 64 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := ReadText("report.txt", strings.NewReader(tc.data), opts)
			switch {
			case tc.want == "" && (err != nil || string(data) != tc.data):
				t.Errorf("ReadText(%q) = %q, %v; want it read whole", tc.data, data, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("ReadText(%q) = %v, want an error saying %q", tc.data, err, tc.want)
			}
		})
	}
}
