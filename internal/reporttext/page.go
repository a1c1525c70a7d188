package reporttext

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

type lineKind int

const (
	blank     lineKind = iota
	content            // the report's own text
	furniture          // what the printed page adds: symbol, job number, page number...
	footnote           // a footnote, or the rule above the footnotes
)

type line struct {
	no        int // counted from 1
	text      string
	kind      lineKind
	pageBreak bool // a form feed stood in the line
}

// split cuts text into lines, each with its spaces collapsed and the characters that print
// nothing taken out.
func split(text string) []line {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	raw := strings.Split(text, "\n")
	lines := make([]line, len(raw))
	for i, s := range raw {
		l := line{no: i + 1, pageBreak: strings.ContainsRune(s, '\f'), text: clean(s)}
		if l.text != "" {
			l.kind = content
		}
		lines[i] = l
	}
	return lines
}

// clean collapses s's spaces (no-break spaces too) and takes out soft hyphens, zero-width
// characters and superscript digits (footnote markers as a copy from a PDF may give them).
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff',
			r == '¹', r == '²', r == '³', r >= '⁰' && r <= '⁹':
			return -1
		case r == '\u2010', r == '\u2011': // hyphens that are the ASCII one in all but code
			return '-'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var (
	// UN symbols: A/73/230, A/HRC/37/51, E/C.12/GC/25 (with the asterisk of a first page).
	symbol = regexp.MustCompile(`^[A-Z]{1,6}(?:/[A-Za-z0-9.\-]+)+\*?$`)
	// Job numbers: 18-12345, 18-12345(E), GE.18-12345(E).
	jobNumber = regexp.MustCompile(`^(?:GE\.)?\d{2}-\d{4,6}(?:\([A-Z]\))?$`)
	// The bar code under the job number: *1812345*.
	barcode = regexp.MustCompile(`^\*\d{6,9}\*$`)
	// "2/19": page 2 of 19.
	pageOf = regexp.MustCompile(`^(\d{1,3})/(\d{1,3})$`)
	// Bare page numbers, the language letter of a job number, and its dates (030818).
	pageNumber   = regexp.MustCompile(`^\d{1,3}$`)
	languageMark = regexp.MustCompile(`^\([A-Z]\)$`)
	dateStamp    = regexp.MustCompile(`^\d{6}$`)
	recycle      = regexp.MustCompile(`(?i)^\W*please\s+recycle\W*$`)
)

// isFurniture reports whether s is a line that the printed page adds: made only of page
// numbers, symbols, job numbers and the like, or "Please recycle".
func isFurniture(s string) bool {
	if recycle.MatchString(s) {
		return true
	}
	fields := strings.Fields(s)
	strong := false
	for _, f := range fields {
		switch {
		case symbol.MatchString(f), jobNumber.MatchString(f), barcode.MatchString(f):
			strong = true
		case pageOf.MatchString(f):
			m := pageOf.FindStringSubmatch(f)
			if atoi(m[1]) > atoi(m[2]) {
				return false
			}
			strong = true
		case pageNumber.MatchString(f), languageMark.MatchString(f), dateStamp.MatchString(f):
		default:
			return false
		}
	}
	// A number alone is a page number; "(E)" or "030818" alone could be anything.
	return strong || (len(fields) == 1 && pageNumber.MatchString(fields[0]))
}

// A running header or footer is short.
const maxRunning = 80

// markNoise marks the lines that the printed page adds: those that look it (isFurniture), and
// lines that repeat and stand at a page's edge, beside such lines or a form feed (a running
// title). Repeated lines elsewhere are the report's own.
func markNoise(lines []line) {
	counts := map[string]int{}
	for i := range lines {
		l := &lines[i]
		if l.kind != content {
			continue
		}
		if isFurniture(l.text) {
			l.kind = furniture
			continue
		}
		if utf8.RuneCountInString(l.text) <= maxRunning && !paragraphStart.MatchString(l.text) && !subItem.MatchString(l.text) {
			counts[l.text]++
		}
	}
	// A line that becomes furniture puts its neighbours at a page's edge: look at them again,
	// each time one changes, rather than go over every line until nothing does.
	var queue []int
	for i, l := range lines {
		if l.kind == furniture || l.pageBreak {
			queue = append(queue, i)
		}
	}
	check := func(i int) {
		if i >= 0 && i < len(lines) && lines[i].kind == content && counts[lines[i].text] > 1 && atPageEdge(lines, i) {
			lines[i].kind = furniture
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		check(i)
		check(nonBlank(lines, i, -1))
		check(nonBlank(lines, i, +1))
	}
}

// nonBlank is the index of the first line that is not blank from i in the direction dir, or
// -1 when there is none.
func nonBlank(lines []line, i, dir int) int {
	for j := i + dir; j >= 0 && j < len(lines); j += dir {
		if lines[j].kind != blank {
			return j
		}
	}
	return -1
}

// atPageEdge reports whether a form feed or page furniture is next to line i, blank lines
// aside.
func atPageEdge(lines []line, i int) bool {
	if lines[i].pageBreak {
		return true
	}
	for j := i - 1; j >= 0; j-- {
		if lines[j].pageBreak && lines[j].kind == blank {
			return true
		}
		if lines[j].kind != blank {
			if lines[j].kind == furniture {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(lines); j++ {
		if lines[j].pageBreak || lines[j].kind == furniture {
			return true
		}
		if lines[j].kind != blank {
			break
		}
	}
	return false
}

var (
	// The rule above a page's footnotes.
	footnoteRule = regexp.MustCompile(`^[_\-–—]{5,}$`)
	// A footnote starts with its mark: "12 See A/HRC/37/51." or "* A/73/150.".
	footnoteStart = regexp.MustCompile(`^(\d{1,3}|\*{1,3})(?:\s+(.*))?$`)
)

// The furthest one footnote's number may jump ahead of the one before, and the highest the
// first may have: beyond, a line starting with a number is text ("14 States replied...").
const (
	maxFootnoteJump  = 10
	maxFirstFootnote = 999
)

// takeFootnotes takes out the footnotes at the bottom of each page: from the rule above them
// to the page's end (its furniture, a form feed, or the text's end). Footnotes number up through
// the whole report.
func takeFootnotes(lines []line) []Footnote {
	var notes []Footnote
	var texts [][]string // each note's lines, joined at the end
	last := 0            // the last footnote number
	for i := 0; i < len(lines); i++ {
		if lines[i].kind != content || !footnoteRule.MatchString(lines[i].text) {
			continue
		}
		lines[i].kind = footnote
	notes:
		for j := i + 1; j < len(lines); j++ {
			l := &lines[j]
			if l.kind == furniture || l.pageBreak || footnoteRule.MatchString(l.text) ||
				paragraphStart.MatchString(l.text) || labelledHeading.MatchString(l.text) {
				break
			}
			if l.kind == blank {
				continue
			}
			m := footnoteStart.FindStringSubmatch(l.text)
			switch {
			case m != nil && (m[1][0] == '*' || nextFootnote(atoi(m[1]), last)):
				if m[1][0] != '*' {
					last = atoi(m[1])
				}
				notes = append(notes, Footnote{Mark: m[1], Line: l.no})
				texts = append(texts, []string{m[2]})
			case len(notes) > 0:
				// A footnote's wrapped line, or its end carried over from the page before.
				texts[len(texts)-1] = append(texts[len(texts)-1], l.text)
			default:
				break notes
			}
			l.kind = footnote
			i = j
		}
	}
	kept := notes[:0]
	for i, n := range notes {
		n.Text = strings.TrimSpace(strings.Join(texts[i], " "))
		if n.Text != "" {
			kept = append(kept, n)
		}
	}
	return kept
}

// nextFootnote reports whether n can be the number of the footnote after the one numbered last
// (0 for none).
func nextFootnote(n, last int) bool {
	if last == 0 {
		return n >= 1 && n <= maxFirstFootnote
	}
	return n > last && n <= last+maxFootnoteJump
}

// stripMarkers takes out of the report's text the markers of the footnotes found: numbers
// glued to the word or punctuation before them ("defenders.12 The", "defenders12"). Only the
// numbers of footnotes are taken, and never those in a symbol (A/HRC/37/51), a decimal, a
// word with digits (G20), or after a space ("article 19", "2018").
func stripMarkers(lines []line, notes []Footnote) {
	marks := map[string]bool{}
	for _, n := range notes {
		if n.Mark[0] != '*' {
			marks[n.Mark] = true
		}
	}
	if len(marks) == 0 {
		return
	}
	for i := range lines {
		if lines[i].kind == content {
			lines[i].text = stripLine(lines[i].text, marks)
		}
	}
}

func stripLine(s string, marks map[string]bool) string {
	var b strings.Builder
	kept := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if i > 0 && marks[s[i:j]] && markerBefore(s[:i]) && markerAfter(s[j:]) {
			b.WriteString(s[kept:i])
			kept = j
		}
		i = j
	}
	if kept == 0 {
		return s
	}
	b.WriteString(s[kept:])
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// markerBefore reports whether what precedes a number makes it a footnote marker: a word in
// lower case, or punctuation after a word in lower case, a bracket or a quote, or after a year.
func markerBefore(prefix string) bool {
	word := prefix[strings.LastIndexByte(prefix, ' ')+1:]
	if word == "" || strings.ContainsRune(word, '/') {
		return false
	}
	core := strings.TrimRight(word, `.,;:)]"'”’»`)
	punct := word[len(core):]
	if core == "" {
		return false
	}
	if punct == "" {
		last, _ := utf8.DecodeLastRuneInString(core)
		return unicode.IsLower(last) && !strings.ContainsAny(core, "0123456789")
	}
	if strings.ContainsAny(punct, `)]"'”’»`) {
		return true
	}
	if isYear(core) {
		return true
	}
	if strings.ContainsAny(core, "0123456789") {
		return false // a decimal (2.5), a numbered reference (19.3)
	}
	if punct[0] == '.' && abbreviations[strings.ToLower(strings.TrimLeft(core, `("'“‘`))] {
		return false // para.14
	}
	last, _ := utf8.DecodeLastRuneInString(core)
	return unicode.IsLower(last)
}

func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && isDigit(s[2]) && isDigit(s[3])
}

func markerAfter(suffix string) bool {
	return suffix == "" || strings.ContainsRune(" .,;:)", rune(suffix[0]))
}
