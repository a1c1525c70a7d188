// Package reporttext reads the plain text of a UN report, as an editor pastes it or as
// pdftotext gives it, into the report's numbered paragraphs.
//
// UN documents number their paragraphs ("14. The Committee ..."), and what people cite is that
// number. Parse finds the paragraphs and joins their wrapped lines; it keeps sub-items ((a),
// (b), (i)) inside their paragraph, each on a line of its own; it takes out what the printed
// page adds (the symbol, job numbers such as 18-12345 (E), page numbers, "Please recycle",
// lines that repeat at every page break, form feeds) and the footnotes with their markers; and
// it sets apart the headings ("II. Background", "A. Reprisals") and the text before paragraph
// 1 (the cover page and the summary). Warnings point at numbering that a preview should show:
// gaps, duplicates, numbers going backwards, and text that belongs to no paragraph.
//
// Parse never fails: any text gives a Report, perhaps with no paragraphs.
package reporttext

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Report is what Parse found in a text.
type Report struct {
	// Preamble is the text before the first paragraph (the cover page, the summary), a line
	// for each block of the original.
	Preamble   string
	Headings   []Heading
	Paragraphs []Paragraph // in the order of the text, duplicates included
	Footnotes  []Footnote  // in the order of the text
	Warnings   []Warning   // in the order of the text
}

// Paragraph is a numbered paragraph. Its text is never empty: wrapped lines are joined with
// spaces, and each sub-item ((a), (b), (i)) starts a new line.
type Paragraph struct {
	Number int
	Text   string
	Line   int // of the text given to Parse, counted from 1, where the number stands
}

// FirstWords is the start of p's text, at most n words, with an ellipsis when there is more:
// what a preview shows of each paragraph.
func (p Paragraph) FirstWords(n int) string {
	words := strings.Fields(p.Text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}

// Heading is a heading of the report: "II. Background" has the label "II" and the title
// "Background"; an unnumbered heading ("Annex") has no label.
type Heading struct {
	Label  string
	Title  string
	Line   int
	Before int // the number of the paragraph that follows it; 0 when none does
}

// Footnote is a footnote's text with its mark: a number, or asterisks.
type Footnote struct {
	Mark string
	Text string
	Line int
}

// WarningKind says what a Warning is about.
type WarningKind string

// The kinds of warning. A duplicate makes the text unfit to save: two paragraphs cannot have
// one number. The others leave it fit, but an editor should look.
const (
	// Gap: Number follows Previous, but is more than one above it (Previous is 0 for the
	// first paragraph, which should be 1).
	Gap WarningKind = "gap"
	// Duplicate: a paragraph with Number came before, at FirstLine.
	Duplicate WarningKind = "duplicate"
	// Backwards: Number is below Previous, the number before it, and new.
	Backwards WarningKind = "backwards"
	// Empty: the number Number stands with no text after it; the paragraph is left out.
	Empty WarningKind = "empty"
	// Unnumbered: text after a heading (or after the last paragraph) that belongs to no
	// numbered paragraph; it is left out. Number is the paragraph before it, 0 for none.
	Unnumbered WarningKind = "unnumbered"
)

// Warning is something about the numbering that an editor should see before saving.
type Warning struct {
	Kind      WarningKind
	Line      int
	Number    int
	Previous  int // the number of the paragraph before (Gap, Backwards)
	FirstLine int // where the number first appeared (Duplicate)
}

// String says what w means in English, for the command line; a web page builds its own
// message, in the reader's language, from w's fields.
func (w Warning) String() string {
	switch w.Kind {
	case Gap:
		missing := fmt.Sprint(w.Previous + 1)
		if w.Number-w.Previous > 2 {
			missing = fmt.Sprintf("%d to %d", w.Previous+1, w.Number-1)
		}
		if w.Previous == 0 {
			return fmt.Sprintf("line %d: the first paragraph is %d: %s missing", w.Line, w.Number, missing)
		}
		return fmt.Sprintf("line %d: paragraph %d follows %d: %s missing", w.Line, w.Number, w.Previous, missing)
	case Duplicate:
		return fmt.Sprintf("line %d: paragraph %d again (first at line %d)", w.Line, w.Number, w.FirstLine)
	case Backwards:
		return fmt.Sprintf("line %d: paragraph %d follows %d: the numbering goes backwards", w.Line, w.Number, w.Previous)
	case Empty:
		return fmt.Sprintf("line %d: paragraph %d has no text: left out", w.Line, w.Number)
	case Unnumbered:
		return fmt.Sprintf("line %d: text outside any numbered paragraph: left out", w.Line)
	}
	return fmt.Sprintf("line %d: %s", w.Line, w.Kind)
}

// Duplicates lists the numbers that more than one paragraph has, in the order of the text.
func (r Report) Duplicates() []int {
	var ns []int
	for _, w := range r.Warnings {
		if w.Kind == Duplicate && !slices.Contains(ns, w.Number) {
			ns = append(ns, w.Number)
		}
	}
	return ns
}

// Parse reads text into a Report.
func Parse(text string) Report {
	lines := split(text)
	markNoise(lines)
	var r Report
	r.Footnotes = takeFootnotes(lines)
	stripMarkers(lines, r.Footnotes)
	p := parser{r: &r, items: contentItems(lines), vocab: vocabulary(lines)}
	p.run()
	r.Warnings = append(r.Warnings, numberingWarnings(r.Paragraphs)...)
	slices.SortStableFunc(r.Warnings, func(a, b Warning) int { return a.Line - b.Line })
	return r
}

// numberingWarnings compares each paragraph's number with the one before it.
func numberingWarnings(ps []Paragraph) []Warning {
	var ws []Warning
	first := map[int]int{} // number -> line
	prev := 0
	for _, p := range ps {
		switch line, seen := first[p.Number]; {
		case seen:
			ws = append(ws, Warning{Kind: Duplicate, Line: p.Line, Number: p.Number, Previous: prev, FirstLine: line})
		case p.Number < prev:
			ws = append(ws, Warning{Kind: Backwards, Line: p.Line, Number: p.Number, Previous: prev})
		case p.Number > prev+1:
			ws = append(ws, Warning{Kind: Gap, Line: p.Line, Number: p.Number, Previous: prev})
		}
		if _, seen := first[p.Number]; !seen {
			first[p.Number] = p.Line
		}
		prev = p.Number
	}
	return ws
}

// item is a line of the report's own text: not blank, not page furniture, not a footnote.
type item struct {
	no   int
	text string
	// gapBefore: a blank line, a page break, or lines taken out stand between this item and
	// the one before, or it is the first.
	gapBefore bool
}

func contentItems(lines []line) []item {
	var items []item
	gap := true
	for _, l := range lines {
		if l.kind != content {
			gap = true
			continue
		}
		if l.pageBreak {
			gap = true
		}
		items = append(items, item{no: l.no, text: l.text, gapBefore: gap})
		gap = false
	}
	return items
}

var (
	// A paragraph's number starts its line: "14. The Committee", or "14." alone.
	paragraphStart = regexp.MustCompile(`^(\d{1,4})\.(?:\s+(.*))?$`)
	// A heading's label: a Roman numeral or a capital letter ("IV. Conclusions", "A. Reprisals").
	labelledHeading = regexp.MustCompile(`^([IVXLC]{1,7}|[A-Z])\.\s+(\S.*)$`)
	roman           = regexp.MustCompile(`^(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$|^C$`)
	subItem         = regexp.MustCompile(`^\((?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\)(?:\s|$)`)
	// A line of a table of contents ends in dot leaders and a page number.
	contentsLine = regexp.MustCompile(`(?:\. ?){4,}\s*\d*$|…\s*\d+$`)
)

const (
	// The furthest a paragraph's number may jump ahead of the one before and still be read
	// as a number: a line that starts with a year ("2018. The ...") is not paragraph 2018.
	maxJump = 100
	// The highest number a first paragraph may have, for the same reason.
	maxFirst = 999
	// Headings are short; a longer line is text.
	maxHeading = 150
	// An unnumbered heading is shorter still, and has few words.
	maxBareHeading      = 80
	maxBareHeadingWords = 12
)

type parser struct {
	r     *Report
	items []item
	vocab map[string]bool

	para    *Paragraph // the paragraph being read; nil before the first and after a heading
	text    bytes.Buffer
	pending []int // indexes in r.Headings of headings waiting for the next paragraph
	orphan  bool  // the text being skipped has been warned about
	pre     bytes.Buffer
}

func (p *parser) run() {
	for i := 0; i < len(p.items); i++ {
		it := p.items[i]
		if !p.started() && contentsLine.MatchString(it.text) {
			p.addPreamble(it)
			continue
		}
		if n, rest, ok := p.paragraphNumber(i); ok {
			if p.numberedHeading(i, n, rest) {
				i = p.heading(i, fmt.Sprint(n), rest)
				continue
			}
			p.startParagraph(it, n, rest)
			continue
		}
		if label, title, ok := p.labelledHeading(i); ok {
			i = p.heading(i, label, title)
			continue
		}
		if p.started() && p.bareHeading(i) {
			p.heading(i, "", it.text)
			continue
		}
		switch {
		case p.para != nil:
			appendLine(&p.text, it.text, subItem.MatchString(it.text), p.vocab)
		case !p.started():
			p.addPreamble(it)
		case !p.orphan:
			p.orphan = true
			prev := 0
			if n := len(p.r.Paragraphs); n > 0 {
				prev = p.r.Paragraphs[n-1].Number
			}
			p.r.Warnings = append(p.r.Warnings, Warning{Kind: Unnumbered, Line: it.no, Number: prev})
		}
	}
	p.finishParagraph()
	p.r.Preamble = p.pre.String()
}

// started reports whether a paragraph or a heading after the preamble has been seen.
func (p *parser) started() bool {
	return len(p.r.Paragraphs) > 0 || p.para != nil || len(p.pending) > 0
}

func (p *parser) addPreamble(it item) {
	if p.pre.Len() > 0 && it.gapBefore {
		p.pre.WriteByte('\n')
		p.pre.WriteString(it.text)
		return
	}
	appendLine(&p.pre, it.text, subItem.MatchString(it.text), p.vocab)
}

// previous is the number of the last paragraph started, 0 before the first.
func (p *parser) previous() (int, bool) {
	if p.para != nil {
		return p.para.Number, true
	}
	if n := len(p.r.Paragraphs); n > 0 {
		return p.r.Paragraphs[n-1].Number, true
	}
	return 0, false
}

// afterBreak reports whether item i may start a paragraph or a heading: it is the first, or
// follows a gap, a heading, or a line that ends a sentence. A wrapped line never does, even
// when it starts with a number and a full stop ("... adopted in\n2018. The ...").
func (p *parser) afterBreak(i int) bool {
	if i == 0 || p.items[i].gapBefore {
		return true
	}
	if n := len(p.r.Headings); n > 0 && p.r.Headings[n-1].Line == p.items[i-1].no {
		return true
	}
	return endsSentence(p.items[i-1].text)
}

func (p *parser) gapAfter(i int) bool { return i+1 >= len(p.items) || p.items[i+1].gapBefore }

// paragraphNumber reports whether item i starts a paragraph, with its number and the text on
// its line.
func (p *parser) paragraphNumber(i int) (n int, rest string, ok bool) {
	m := paragraphStart.FindStringSubmatch(p.items[i].text)
	if m == nil || !p.afterBreak(i) {
		return 0, "", false
	}
	n = atoi(m[1])
	prev, any := p.previous()
	if n < 1 || (any && n > prev+maxJump) || (!any && n > maxFirst) {
		return 0, "", false
	}
	return n, m[2], true
}

// numberedHeading reports whether the numbered line i is a heading ("1. Treaty bodies" under
// "A. Human rights mechanisms"): short, set apart, with no full stop, followed by a
// paragraph, and not the number the next paragraph would have.
func (p *parser) numberedHeading(i, n int, title string) bool {
	prev, _ := p.previous()
	if n == prev+1 || !p.items[i].gapBefore || !p.gapAfter(i) || !titleLike(title, maxBareHeading) {
		return false
	}
	return i+1 < len(p.items) && paragraphStart.MatchString(p.items[i+1].text)
}

func (p *parser) labelledHeading(i int) (label, title string, ok bool) {
	m := labelledHeading.FindStringSubmatch(p.items[i].text)
	if m == nil || !p.afterBreak(i) || !titleLike(m[2], maxHeading) {
		return "", "", false
	}
	if len(m[1]) > 1 && !roman.MatchString(m[1]) {
		return "", "", false
	}
	return m[1], m[2], true
}

// bareHeading reports whether item i is an unnumbered heading ("Annex", "Recommendations"):
// a short line, alone between gaps, after a finished sentence.
func (p *parser) bareHeading(i int) bool {
	it := p.items[i]
	if !it.gapBefore || !p.gapAfter(i) || (i > 0 && !endsSentence(p.items[i-1].text)) {
		return false
	}
	return titleLike(it.text, maxBareHeading) && len(strings.Fields(it.text)) <= maxBareHeadingWords
}

// titleLike reports whether s could be a heading's title: not long, starting with a capital,
// and not ending as a sentence or a clause does.
func titleLike(s string, max int) bool {
	if s == "" || utf8.RuneCountInString(s) > max {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsUpper(first) && !strings.ContainsRune(".,;:", last)
}

// heading records the heading at item i, with up to two wrapped lines of its title, and
// returns the index of its last line.
func (p *parser) heading(i int, label, title string) int {
	p.finishParagraph()
	last := i
	if label != "" {
		// A long title wraps: the lines that follow it up to a gap or a paragraph are its own.
		for k := 1; k <= 2 && i+k < len(p.items); k++ {
			next := p.items[i+k]
			if next.gapBefore || paragraphStart.MatchString(next.text) || labelledHeading.MatchString(next.text) || subItem.MatchString(next.text) {
				break
			}
			if p.gapAfter(i+k) || paragraphStart.MatchString(p.items[i+k+1].text) {
				var b bytes.Buffer
				b.WriteString(title)
				for j := i + 1; j <= i+k; j++ {
					appendLine(&b, p.items[j].text, false, p.vocab)
				}
				title = b.String()
				last = i + k
				break
			}
		}
	}
	p.r.Headings = append(p.r.Headings, Heading{Label: label, Title: title, Line: p.items[i].no})
	p.pending = append(p.pending, len(p.r.Headings)-1)
	p.orphan = false
	return last
}

func (p *parser) startParagraph(it item, n int, rest string) {
	p.finishParagraph()
	p.para = &Paragraph{Number: n, Line: it.no}
	p.text.Reset()
	p.text.WriteString(rest)
	p.orphan = false
}

func (p *parser) finishParagraph() {
	if p.para == nil {
		return
	}
	para := *p.para
	p.para = nil
	para.Text = strings.TrimSpace(p.text.String())
	if para.Text == "" {
		p.r.Warnings = append(p.r.Warnings, Warning{Kind: Empty, Line: para.Line, Number: para.Number})
		return
	}
	for _, h := range p.pending {
		p.r.Headings[h].Before = para.Number
	}
	p.pending = p.pending[:0]
	p.r.Paragraphs = append(p.r.Paragraphs, para)
}

// abbreviations end in a full stop that ends no sentence: "see para." may wrap before "14.".
var abbreviations = map[string]bool{
	"para": true, "paras": true, "no": true, "nos": true, "art": true, "arts": true, "p": true,
	"pp": true, "vol": true, "chap": true, "ch": true, "sect": true, "cf": true, "e.g": true,
	"i.e": true, "mr": true, "ms": true, "mrs": true, "dr": true, "rev": true, "add": true,
	"corr": true, "op": true, "cit": true,
}

// endsSentence reports whether s ends a sentence or a clause, so that what follows may start a
// paragraph: a full stop (not an abbreviation's), a colon, a semicolon, a question or an
// exclamation mark, maybe within closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `)]"'”’»`)
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case ':', ';', '!', '?':
		return true
	case '.':
		word := strings.ToLower(s[strings.LastIndexByte(s, ' ')+1 : len(s)-1])
		word = strings.TrimLeft(word, `("'“‘`)
		return !abbreviations[word]
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
