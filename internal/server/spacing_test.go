package server_test

import (
	"regexp"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// straySpace finds a space inside brackets, or a plain space before punctuation: French puts
// a no-break space before its colons, the other languages none at all.
var straySpace = regexp.MustCompile(`\( |[^\S\x{00a0}\x{202f}]\)| [:;,.!?](\s|$)`)

var asciiSpace = regexp.MustCompile(`[ \t\r\n]+`)

// No page, in any language, shows a stray space: "(CESCR )", "conclusions : A/73/230".
func TestNoStraySpaces(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, l := range i18n.Langs {
		for _, p := range pagetypes.All {
			url := p.In(l).Path
			r := get(t, h, url)
			r.doc.Find("script, style, pre, textarea").Remove()
			// Only ASCII runs fold to one space: a no-break space is a choice, not layout.
			text := asciiSpace.ReplaceAllString(r.doc.Find("body").Text(), " ")
			for _, m := range straySpace.FindAllStringIndex(text, -1) {
				from, to := max(m[0]-30, 0), min(m[1]+30, len(text))
				t.Errorf("GET %s: stray space in %q", url, text[from:to])
			}
		}
	}
}
