package e2e

import (
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// "Read it in the official document" opens the UN's text in the reader's language.
func TestOfficialTextInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/documents/A-73-230", http.StatusOK)
		got := eval[string](t, tb, `document.querySelector('#para-14 [data-testid="missing-text"] a, dd a.url').href`)
		want := "https://undocs.org/" + l.Code + "/A/73/230"
		if l == i18n.English {
			want = "https://undocs.org/A/73/230"
		}
		if got != want {
			t.Errorf("%s: the official text is at %q, want %q", l.Code, got, want)
		}
	}
}

// From a filtered list, in every language, a reader reaches a page that explains feeds in
// their language and gives the address of the feed of that very filter, to copy.
func TestFollowFromAList(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/advances?body=cescr", http.StatusOK)
		tb.follow(t, `a[data-testid="follow"]`)
		if got, want := tb.location(t), l.Prefix()+"/follow?body=cescr"; got != want {
			t.Fatalf("%s: following lands on %q, want %q", l.Code, got, want)
		}
		got := eval[struct{ Lede, Feed string }](t, tb, `({lede: document.querySelector('.lede').textContent, feed: document.querySelector('[data-testid="feed"] input').value})`)
		if got.Lede != l.Messages.FollowLede {
			t.Errorf("%s: the Follow page explains %q, want the catalog's explanation", l.Code, got.Lede)
		}
		if want := srv.URL + l.Prefix() + "/advances.atom?body=cescr"; got.Feed != want {
			t.Errorf("%s: the feed to copy is %q, want %q", l.Code, got.Feed, want)
		}
	}
}

// waitFor polls the page until expr is true, across an update in place or a page load alike.
func waitFor(t *testing.T, tb *tab, what, expr string) {
	t.Helper()
	for deadline := time.Now().Add(actionTimeout); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		// An evaluation during a page load fails; the next try reads the new page.
		if ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: %s never held", what, expr)
}

// A reader compares two groups of bodies with the form, with and without JavaScript, sees each
// as a chip of its own, and removes one.
func TestCompareBodiesInTheForm(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	browser := startBrowser(t)
	for _, l := range i18n.Langs {
		for _, script := range []bool{true, false} {
			tb := openTab(t, browser, srv.URL)
			if !script {
				tb.disableScript(t)
			}
			tb.open(t, l.Prefix()+"/advances?body=treaty-bodies", http.StatusOK)
			tb.do(t, "choosing special procedures to compare", chromedp.SetValue(chromedp.ID("filter-compare"), "special-procedures"))
			if script {
				// As a reader's choice does; the script updates the list in place.
				eval[bool](t, tb, `document.getElementById("filter-compare").dispatchEvent(new Event("change", {bubbles: true}))`)
			} else {
				tb.do(t, "applying the filter", chromedp.Click(chromedp.CSS(`form[data-testid="filters"] button[type="submit"]`)))
			}
			waitFor(t, tb, "the second chip", `document.querySelectorAll('[data-testid="active-filters"] li').length >= 3`)
			if script {
				// The form keeps both bodies after the update: changing the order lists both still.
				eval[bool](t, tb, `(() => { const s = document.getElementById("filter-sort"); s.value = "date"; return s.dispatchEvent(new Event("change", {bubbles: true})) })()`)
				waitFor(t, tb, "the new order", `location.search.includes("sort=date")`)
			}
			loc, err := url.Parse(tb.location(t))
			if err != nil {
				t.Fatal(err)
			}
			if got := loc.Query()["body"]; loc.Path != l.Prefix()+"/advances" || !slices.Equal(got, []string{"treaty-bodies", "special-procedures"}) {
				t.Errorf("%s, script %v: comparing lands on %s, want %s/advances with both bodies", l.Code, script, loc, l.Prefix())
			}
			chips := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="active-filters"] li:not(.clear-all) a')].map(a => a.getAttribute('href'))`)
			order := "" // with the script, the order was changed after comparing
			if script {
				order = "&sort=date"
			}
			if !slices.Equal(chips, []string{l.Prefix() + "/advances?body=special-procedures" + order, l.Prefix() + "/advances?body=treaty-bodies" + order}) {
				t.Errorf("%s, script %v: the chips remove to %q, want one chip for each body", l.Code, script, chips)
			}
		}
	}
}
