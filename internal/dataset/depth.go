package dataset

import (
	"bytes"
	"strings"
)

// tooDeep scans data, which must be valid UTF-8, for collections nested more than limit deep.
// It returns the offset where the nesting first goes over the limit, and that depth; or -1.
//
// It is a reading of YAML's layout, not a parser, made to cost one pass and no allocation per
// level. Where it cannot tell, it counts more levels rather than fewer, so that no file it lets
// through nests deeper than limit for the parser: a level is each open flow collection ([ or
// {) outside quotes and comments, plus each block node that starts further right than the one
// holding it ("- - x" opens two sequences on one line), skipping the text of quoted and block
// scalars, where brackets are only text.
func tooDeep(data []byte, limit int) (int, int) {
	s := &depthScan{data: data, limit: limit}
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		if at := s.line(start, end); at >= 0 {
			return at, limit + 1
		}
		start = end + 1
	}
	return -1, 0
}

type depthScan struct {
	data  []byte
	limit int
	stack []block // the block nodes open at the current line, innermost last
	flow  int     // flow collections open
	quote byte    // the quote of a quoted scalar not yet closed, or 0
	// closed is the offset just after the last closing quote: a ":" there ends a JSON-like key.
	closed int
	// flowKey is the column of a flow collection that began a block node on this line, or
	// -1: if a ":" follows it, it is a key, and the mapping is a block level.
	flowKey int
	// A block scalar (| or >) runs on over the lines indented more than its owner; its
	// content's indentation is that of its first line that is not blank.
	scalar       bool
	scalarOwner  int
	scalarIndent int
}

// block is a node of block layout: a sequence (opened by "- ") or any other node starting at col.
type block struct {
	col int
	seq bool
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// line scans the line data[start:end] and returns the offset where the nesting goes over the
// limit, or -1.
func (s *depthScan) line(start, end int) int {
	d := s.data
	s.flowKey = -1 // a key is on one line
	if s.quote != 0 || s.flow > 0 {
		// Line breaks inside quotes and flow collections are only spaces.
		return s.scan(start, start, end, false, false)
	}
	i := start
	for i < end && d[i] == ' ' {
		i++
	}
	indent := i - start
	blank := true
	for j := i; j < end; j++ {
		if !isBlank(d[j]) {
			blank = false
			break
		}
	}
	if s.scalar {
		if blank {
			return -1
		}
		if indent > s.scalarOwner && indent >= s.scalarIndent {
			if s.scalarIndent == 0 {
				s.scalarIndent = indent
			}
			return -1
		}
		s.scalar = false
	}
	if blank || d[i] == '#' {
		return -1
	}
	if indent == 0 {
		switch {
		case d[i] == '%':
			return -1 // a directive
		case marker(d[i:end], "..."):
			s.stack = s.stack[:0]
			return -1
		case marker(d[i:end], "---"):
			// A new document: nothing of the last one is open any more.
			s.stack = s.stack[:0]
			return s.scan(start, i+3, end, true, false)
		}
	}
	seq := d[i] == '-' && (i+1 == end || isBlank(d[i+1]))
	for n := len(s.stack); n > 0 && s.stack[n-1].col > indent; n-- {
		s.stack = s.stack[:n-1]
	}
	// A sequence may sit at the column of the mapping key that holds it; the mapping's next
	// key ends it.
	if n := len(s.stack); n > 0 && s.stack[n-1].col == indent && s.stack[n-1].seq && !seq {
		s.stack = s.stack[:n-1]
	}
	return s.scan(start, i, end, true, false)
}

// marker reports whether line starts with the document marker m, alone or before a space.
func marker(line []byte, m string) bool {
	return bytes.HasPrefix(line, []byte(m)) && (len(line) == len(m) || isBlank(line[len(m)]))
}

// open notes a block node starting at col; it reports false when that goes over the limit.
func (s *depthScan) open(col int, seq bool) bool {
	if n := len(s.stack); n > 0 {
		top := s.stack[n-1]
		if col < top.col || (col == top.col && (top.seq || !seq)) {
			return true // the same level as top: a sibling
		}
	}
	s.stack = append(s.stack, block{col, seq})
	return len(s.stack)+s.flow <= s.limit
}

func (s *depthScan) enterFlow() bool {
	s.flow++
	return len(s.stack)+s.flow <= s.limit
}

// scan reads data[i:end], part of the line that starts at lineStart. nodeStart says a node may
// start at i; value, that it would be a mapping's value, which opens no block level of its own.
func (s *depthScan) scan(lineStart, i, end int, nodeStart, value bool) int {
	d := s.data
	for i < end {
		if s.quote != 0 {
			i = s.skipQuote(i, end)
			nodeStart = false
			continue
		}
		c := d[i]
		if isBlank(c) {
			i++
			continue
		}
		if c == '#' && (i == lineStart || isBlank(d[i-1])) {
			return -1 // a comment, to the end of the line
		}
		followedByBlank := i+1 == end || isBlank(d[i+1])
		if s.flow > 0 {
			switch c {
			case '[', '{':
				if !s.enterFlow() {
					return i
				}
				nodeStart = true
			case ']', '}':
				s.flow--
				nodeStart = false
			case ',':
				nodeStart = true
			case '"', '\'':
				if nodeStart {
					s.quote = c
				}
				nodeStart = false
			case ':', '?':
				nodeStart = followedByBlank || (c == ':' && i == s.closed) ||
					(i+1 < end && strings.IndexByte("[]{},", d[i+1]) >= 0)
			case '&', '!':
				i = skipWord(d, i, end)
				continue
			default:
				nodeStart = false
			}
			i++
			continue
		}
		if !nodeStart {
			// Inside a plain scalar, or after a quoted one: ": " makes what came before a key.
			if c == ':' && (followedByBlank || i == s.closed) {
				if s.flowKey >= 0 && !s.open(s.flowKey, false) {
					return i
				}
				s.flowKey = -1
				nodeStart, value = true, true
			}
			i++
			continue
		}
		col := i - lineStart
		switch {
		case (c == '-' || c == '?' || c == ':') && followedByBlank:
			if !s.open(col, c == '-') {
				return i
			}
			value = false
			i++
		case c == '[' || c == '{':
			// The collection is a level of its own; it opens a block level only if it
			// turns out to be a mapping's key, at the ":" after it.
			if !value {
				s.flowKey = col
			}
			if !s.enterFlow() {
				return i
			}
			nodeStart = true
			i++
		case c == '"' || c == '\'':
			if !value && !s.open(col, false) {
				return i
			}
			s.quote = c
			nodeStart = false
			i++
		case c == '|' || c == '>':
			s.scalar, s.scalarOwner, s.scalarIndent = true, -1, 0
			if n := len(s.stack); n > 0 {
				s.scalarOwner = s.stack[n-1].col
			}
			return -1
		case c == '&' || c == '!':
			i = skipWord(d, i, end)
		default:
			if !value && !s.open(col, false) {
				return i
			}
			nodeStart = false
			i++
		}
	}
	return -1
}

// skipQuote reads a quoted scalar from i to its closing quote, and returns the offset after it,
// or end when the scalar runs on past the line.
func (s *depthScan) skipQuote(i, end int) int {
	d := s.data
	for i < end {
		switch c := d[i]; {
		case c == '\\' && s.quote == '"':
			i += 2
		case c == s.quote && s.quote == '\'' && i+1 < end && d[i+1] == '\'':
			i += 2
		case c == s.quote:
			s.quote = 0
			s.closed = i + 1
			return i + 1
		default:
			i++
		}
	}
	return end
}

// skipWord returns the offset after the anchor or tag at i.
func skipWord(d []byte, i, end int) int {
	for i < end && !isBlank(d[i]) && strings.IndexByte("[]{},", d[i]) < 0 {
		i++
	}
	return i
}
