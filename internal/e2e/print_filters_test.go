package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A filtered list printed as a briefing says what it was filtered by, in plain words: the
// heading is never left with nothing under it.
func TestPrintFilteredList(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	tb.open(t, "/fr/advances?body=treaty-bodies&document=A-73-230", http.StatusOK)
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
