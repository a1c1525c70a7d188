package reporttext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// vocabulary is the set of words the report's text holds, in lower case, hyphenated compounds
// whole: it tells a word broken at a line's end from a compound.
func vocabulary(lines []line) map[string]bool {
	words := map[string]bool{}
	for _, l := range lines {
		if l.kind != content {
			continue
		}
		for _, w := range strings.Fields(l.text) {
			w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }))
			w = strings.TrimLeft(w, "-")
			if w != "" && !strings.HasSuffix(w, "-") {
				words[w] = true
			}
		}
	}
	return words
}

// appendLine adds the line s to the text in b: on a line of its own when it is a sub-item,
// and otherwise after a space, or glued to a word that the line before broke with a hyphen.
func appendLine(b *bytes.Buffer, s string, sub bool, vocab map[string]bool) {
	switch {
	case b.Len() == 0:
	case sub:
		b.WriteByte('\n')
	default:
		stem, ok := brokenWord(b.Bytes())
		switch {
		case !ok:
			b.WriteByte(' ')
		case joinsBroken(stem, s, vocab):
			b.Truncate(b.Len() - 1) // the hyphen
		}
	}
	b.WriteString(s)
}

const maxWord = 64

// brokenWord reports whether text ends with a hyphen glued to what comes before it, a word
// ("defend-", "Secretary-") or a number ("paras. 12-"), and returns that word: the line after
// goes on without a space.
func brokenWord(text []byte) (string, bool) {
	if len(text) < 2 || text[len(text)-1] != '-' || text[len(text)-2] == ' ' || text[len(text)-2] == '\n' {
		return "", false
	}
	// No word is longer than maxWord: looking no further back keeps a text of one endless
	// "word" from costing time in the square of its length.
	from := max(0, len(text)-maxWord)
	start := from + bytes.LastIndexAny(text[from:], " \n") + 1
	return string(text[start : len(text)-1]), true
}

// Hyphenated compounds that UN texts use often, by their first or last part: broken at their
// hyphen, they keep it.
var (
	compoundFirst = map[string]bool{
		"non": true, "self": true, "co": true, "multi": true, "anti": true, "cross": true, "ex": true,
		"well": true, "long": true, "short": true, "follow": true, "high": true, "low": true,
		"full": true, "part": true, "one": true, "two": true, "three": true, "first": true,
		"second": true, "third": true, "pre": true, "post": true, "sub": true,
		"state": true, "decision": true, "gender": true, "rights": true, "child": true,
		"community": true, "country": true, "region": true, "system": true, "time": true,
		"so": true, "counter": true, "semi": true, "mid": true,
	}
	compoundLast = map[string]bool{
		"based": true, "related": true, "specific": true, "led": true, "wide": true, "term": true,
		"level": true, "making": true, "oriented": true, "sensitive": true, "responsive": true,
		"up": true, "free": true, "friendly": true, "like": true, "owned": true, "run": true,
		"building": true, "affected": true, "centred": true, "focused": true, "year": true,
		"determination": true, "governmental": true, "discrimination": true, "being": true,
	}
)

// joinsBroken decides whether stem-, ending a line, and the line s make one word without the
// hyphen ("defend-" "ers" is "defenders") rather than a compound ("non-" "governmental",
// "Secretary-" "General"). The report's own words decide first; then the compounds above;
// otherwise it is a word broken at the line's end.
func joinsBroken(stem, s string, vocab map[string]bool) bool {
	if last, _ := utf8.DecodeLastRuneInString(stem); !unicode.IsLetter(last) {
		return false
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	next := s[:end]
	first, _ := utf8.DecodeRuneInString(next)
	if next == "" || !unicode.IsLower(first) {
		return false
	}
	stem = strings.ToLower(stem)
	if vocab[stem+"-"+next] {
		return false
	}
	if vocab[stem+next] {
		return true
	}
	part := stem[strings.LastIndexByte(stem, '-')+1:]
	return !compoundFirst[part] && !compoundLast[next]
}
