package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// A filtered list printed as a briefing says what it was filtered by, in plain words: the
// heading is never left with nothing under it.
func TestPrintFilteredList(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	browser := startBrowser(t)
	for _, l := range i18n.Langs {
		tb := openTab(t, browser, srv.URL)
		printFilteredList(t, tb, l.Prefix()+"/advances?body=treaty-bodies&document=A-73-230")
	}
}

func printFilteredList(t *testing.T, tb *tab, path string) {
	t.Helper()
	tb.open(t, path, http.StatusOK)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatalf("emulating print: %v", err)
	}
	got := eval[struct {
		Heading, Filters string
		Items            []string
	}](t, tb, `(() => {
		const list = document.querySelector('[data-testid="active-filters"]');
		return {
			heading: getComputedStyle(list.previousElementSibling).display,
			filters: getComputedStyle(list).display,
			items: [...list.querySelectorAll('li')].filter(li => getComputedStyle(li).display !== 'none').map(li => li.innerText.trim()),
		};
	})()`)
	if got.Heading == "none" || got.Filters == "none" {
		t.Fatalf("printed, the active filters' heading shows as %q and the filters as %q; want both shown", got.Heading, got.Filters)
	}
	if len(got.Items) != 2 {
		t.Fatalf("printed, the active filters read %q; want the body and the document, without the link to clear them", got.Items)
	}
	for _, item := range got.Items {
		if strings.Contains(item, "✕") || strings.Contains(item, "<") {
			t.Errorf("printed, an active filter reads %q; want plain words", item)
		}
	}
}
