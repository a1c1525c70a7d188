package dataset

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// The limits a data file must keep. No real file comes near them: the A/73/230 file is 24 kB
// and nests 5 deep. They are there because the YAML parser's cost grows with nesting far
// faster than with size (it rebuilds a path at every level): 100,000 nested "[" in a 200 kB
// file take it gigabytes, so such a file must be refused before it reaches the parser.
const (
	DefaultMaxSize  = 8 << 20
	DefaultMaxDepth = 64
)

// Options says what a file may do beyond what the format allows by default.
type Options struct {
	MaxSize  int // in bytes; 0 means DefaultMaxSize
	MaxDepth int // of collections nested in one another; 0 means DefaultMaxDepth
	// UpdateShared lets a file change the bodies and sources that the database already holds
	// with other fields: records that other documents' files may have defined.
	UpdateShared bool
}

func (o Options) maxSize() int {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	return DefaultMaxSize
}

func (o Options) maxDepth() int {
	if o.MaxDepth > 0 {
		return o.MaxDepth
	}
	return DefaultMaxDepth
}

// ReadFile reads the data file at path, but no more of it than opts allows: a file over the
// size limit is refused with a *ValidationError without being read in full.
func ReadFile(path string, opts Options) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(path, f, opts)
}

// ReadText reads a plain text to import (a report's text) from r, a file or standard input
// named name in messages, under the limits a data file has: over opts' size, not UTF-8, or
// holding NUL, it is refused with a *ValidationError, a text over the size without being read
// in full.
func ReadText(name string, r io.Reader, opts Options) ([]byte, error) {
	data, err := read(name, r, opts)
	if err != nil {
		return nil, err
	}
	if ps := encodingProblems(data); len(ps) > 0 {
		return nil, &ValidationError{File: name, Problems: ps}
	}
	return data, nil
}

func read(name string, r io.Reader, opts Options) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(opts.maxSize())+1))
	if err != nil {
		return nil, err
	}
	if len(data) > opts.maxSize() {
		size := int64(len(data))
		if f, ok := r.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				size = fi.Size()
			}
		}
		return nil, &ValidationError{File: name, Problems: []Problem{tooBig(size, opts.maxSize())}}
	}
	return data, nil
}

func tooBig(size int64, limit int) Problem {
	return Problem{Line: 1, Column: 1, Message: fmt.Sprintf(
		"the file is %s, over the limit of %s: a data file describes one document; "+
			"if this one really needs more, raise the limit with -max-size", bytesize(size), bytesize(int64(limit)))}
}

func bytesize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB (%d bytes)", float64(n)/(1<<20), n)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB (%d bytes)", float64(n)/(1<<10), n)
	}
	return fmt.Sprintf("%d bytes", n)
}

// precheck refuses, cheaply and before any parsing, what the YAML parser must never see: a file
// over the size limit, bytes that are not UTF-8 (which the parser would silently replace) or
// NUL, and collections nested deeper than the limit. It reports each kind of fault once, at its
// first place: a hostile file can hold millions of them.
func precheck(data []byte, opts Options) []Problem {
	if len(data) > opts.maxSize() {
		return []Problem{tooBig(int64(len(data)), opts.maxSize())}
	}
	if problems := encodingProblems(data); len(problems) > 0 {
		// The depth scan reads the file as text; on bytes that are not, it would only add noise.
		return problems
	}
	if i, depth := tooDeep(data, opts.maxDepth()); i >= 0 {
		line, col := lineCol(data, i)
		return []Problem{{Line: line, Column: col, Message: fmt.Sprintf(
			"nested %d deep, over the limit of %d: no data file needs so many lists and mappings inside one another",
			depth, opts.maxDepth())}}
	}
	return nil
}

// encodingProblems reports the first byte of data that is not UTF-8 and the first NUL: text
// the parsers would silently change, and the database cannot hold.
func encodingProblems(data []byte) []Problem {
	var problems []Problem
	if i := invalidUTF8(data); i >= 0 {
		line, col := lineCol(data, i)
		problems = append(problems, Problem{Line: line, Column: col, Message: fmt.Sprintf(
			"byte %d (0x%02x) is not UTF-8: save the file as UTF-8", i, data[i])})
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		problems = append(problems, Problem{Line: line, Column: col, Message: fmt.Sprintf(
			"byte %d is a NUL character, which a data file cannot hold", i)})
	}
	return problems
}

// invalidUTF8 is the offset of the first byte that is not part of valid UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineCol is the line and column, counted from 1 in characters as the YAML parser counts them,
// of the byte at offset i.
func lineCol(data []byte, i int) (line, col int) {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return bytes.Count(data[:start], []byte{'\n'}) + 1, utf8.RuneCount(data[start:i]) + 1
}
