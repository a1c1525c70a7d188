package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The document page prints as a briefing: no navigation, filters or buttons; citations kept;
// the address of every outside link written out; the site the paths are on named.
func TestPrintBriefing(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	tb.open(t, "/documents/A-73-230", http.StatusOK)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulating print: %v", err)
	}
	type printed struct {
		Nav, Languages, CopyButtons, PrintedFrom, Citation string
		OfficialAfter, ParagraphAfter                      string
	}
	got := eval[printed](t, tb, `(() => {
		const shown = sel => { const e = document.querySelector(sel); return e ? getComputedStyle(e).display : 'missing' };
		const after = sel => getComputedStyle(document.querySelector(sel), '::after').content;
		return {
			Nav: shown('.site-nav'), Languages: shown('.languages'), CopyButtons: shown('.copy-button'),
			PrintedFrom: shown('.print-only'), Citation: shown('#para-14 [data-testid="citation"]'),
			OfficialAfter: after('#para-14 [data-testid="missing-text"] a'),
			ParagraphAfter: after('#para-14 h2 a'),
		};
	})()`)
	if got.Nav != "none" || got.Languages != "none" || got.CopyButtons != "none" {
		t.Errorf("printed, the navigation, languages and copy buttons show as %q, %q, %q; want none", got.Nav, got.Languages, got.CopyButtons)
	}
	if got.PrintedFrom == "none" || got.Citation == "none" {
		t.Errorf("printed, the site line shows as %q and the citation as %q; want both shown", got.PrintedFrom, got.Citation)
	}
	if !strings.Contains(got.OfficialAfter, "https://undocs.org/A/73/230") {
		t.Errorf("printed, the link to the official text ends with %s, want its address", got.OfficialAfter)
	}
	if !strings.Contains(got.ParagraphAfter, "/documents/A-73-230/paragraphs/14") {
		t.Errorf("printed, the paragraph's permalink ends with %s, want its path", got.ParagraphAfter)
	}
}
