package e2e

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// The words a reader meets, in every language: the menu's quotes can't pass for citations to
// copy, a paragraph's page gives its short citation once, and no text has a stray space before
// a bracket or a colon ("(CESCR )", "conclusions : A/73/230").
func TestWordsReadersMeet(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	stray := regexp.MustCompile(`\( |[^\S\x{00a0}\x{202f}]\)| [:;,](\s|$)`)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/documents/A-73-230/paragraphs/43", http.StatusOK)
		short := fmt.Sprintf(l.Messages.Citation, "A/73/230", 43)
		got := eval[struct {
			Nav       string
			Citations int
		}](t, tb, `({
			nav: document.querySelector('.site-nav a[href$="/quotes"]').textContent.trim(),
			citations: [...document.querySelectorAll('main input, main .citation')]
				.filter(e => (e.value || e.textContent).trim() === `+jsString(short)+`).length,
		})`)
		stem := strings.ToLower(string([]rune(l.Messages.Cite)[:min(4, len([]rune(l.Messages.Cite)))]))
		if strings.Contains(strings.ToLower(got.Nav), stem) {
			t.Errorf("%s: the menu calls the quotes %q, which reads like citing (%q)", l.Code, got.Nav, l.Messages.Cite)
		}
		if got.Citations != 1 {
			t.Errorf("%s: paragraph 43's page shows its short citation %d times, want once", l.Code, got.Citations)
		}
		for _, p := range pagetypes.All {
			path := p.In(l).Path
			tb.open(t, path, p.Status)
			text := eval[string](t, tb, `document.querySelector('main').innerText`)
			for _, m := range stray.FindAllStringIndex(text, -1) {
				t.Errorf("GET %s: a stray space in %q", path, text[max(m[0]-30, 0):min(m[1]+30, len(text))])
			}
		}
	}
}
