package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

func countQuotes(t *testing.T, tb *tab) int {
	t.Helper()
	return eval[int](t, tb, `document.querySelectorAll('[data-testid="quote"]').length`)
}

// A reader narrows the quotes to one speaker's, with JavaScript and without, in every
// language, and removes the filter by its chip.
func TestFilterQuotesBySpeaker(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	browser := startBrowser(t)
	for _, l := range i18n.Langs {
		for _, script := range []bool{true, false} {
			name := l.Code + " JavaScript off"
			if script {
				name = l.Code + " JavaScript on"
			}
			t.Run(name, func(t *testing.T) {
				tb := openTab(t, browser, srv.URL)
				if !script {
					tb.disableScript(t)
				}
				list := l.Prefix() + "/quotes"
				tb.open(t, list, http.StatusOK)
				if got := countQuotes(t, tb); got != 6 {
					t.Fatalf("%s lists %d quotes, want 6", list, got)
				}
				eval[bool](t, tb, `window.notReloaded = true`)
				tb.do(t, "choosing Phil Lynch", chromedp.SetValue(chromedp.ID("filter-speaker"), "Phil Lynch"))
				if script {
					eval[bool](t, tb, `document.getElementById("filter-speaker").dispatchEvent(new Event("change", {bubbles: true}))`)
				} else {
					tb.do(t, "applying the filter", chromedp.Click(chromedp.CSS(`form[data-testid="filters"] button[type="submit"]`)))
				}
				tb.do(t, "waiting for the filtered list", chromedp.WaitVisible(chromedp.CSS(`[data-testid="active-filters"]`)))
				if kept := eval[bool](t, tb, `window.notReloaded === true`); kept != script {
					t.Errorf("the page was updated in place: %v, want %v (in place only with JavaScript)", kept, script)
				}
				loc, err := url.Parse(tb.location(t))
				if err != nil {
					t.Fatal(err)
				}
				if loc.Path != list || loc.Query().Get("speaker") != "Phil Lynch" {
					t.Errorf("after filtering, the address is %s, want %s with speaker=Phil Lynch", loc, list)
				}
				if got := countQuotes(t, tb); got != 4 {
					t.Errorf("filtered by Phil Lynch, the page lists %d quotes, want 4", got)
				}
				speakers := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="quote"] [data-testid="speaker"]')].map(e => e.textContent.trim())`)
				for _, s := range speakers {
					if !strings.HasPrefix(s, "Phil Lynch") {
						t.Errorf("filtered by Phil Lynch, the page lists a quote by %q", s)
					}
				}
				chip := strings.Replace(l.Messages.RemoveSpeaker, "%s", "Phil Lynch", 1) + " ✕"
				active := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="active-filters"] a')].map(a => a.textContent.trim())`)
				if len(active) == 0 || active[0] != chip {
					t.Errorf("active filters = %q, want %q first", active, chip)
				}
				tb.do(t, "removing the filter",
					chromedp.Click(chromedp.CSS(`[data-testid="active-filters"] a`)),
					chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="active-filters"]`)),
				)
				if got := countQuotes(t, tb); got != 6 {
					t.Errorf("after removing the filter, the page lists %d quotes, want 6", got)
				}
			})
		}
	}
}

// A reader copies a quote's citation, which names the speaker and where the words were read,
// in the page's language.
func TestCopyQuoteCitation(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	b := startBrowser(t)
	in := map[string]string{"en": ", in: ", "fr": ", dans\u00a0: ", "es": ", en: ", "ar": "، في: "}
	for _, l := range i18n.Langs {
		t.Run(l.Code, func(t *testing.T) {
			tb := openTab(t, b, srv.URL)
			if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: "clipboard-write"}, Setting: browser.PermissionSettingGranted, Origin: srv.URL,
			}); err != nil {
				t.Fatalf("granting clipboard-write: %v", err)
			}
			tb.open(t, l.Prefix()+"/quotes#quote-lynch-significant-advances", http.StatusOK)
			const quote = `document.getElementById("quote-lynch-significant-advances")`
			cite := eval[string](t, tb, quote+`.querySelector('[data-testid="quote-cite"] [data-copy]').dataset.copy`)
			if want := "Phil Lynch (Executive Director"; !strings.HasPrefix(cite, want) || !strings.Contains(cite, in[l.Code]) || !strings.HasSuffix(cite, "significant-advances") {
				t.Errorf("the quote's citation is %q, want the speaker, %q, the source's title and address", cite, in[l.Code])
			}
			shown := eval[string](t, tb, quote+`.querySelector('[data-testid="quote-cite"] [data-copy]').textContent.replace(/\s+/g, " ").trim()`)
			if shown != strings.Join(strings.Fields(cite), " ") {
				t.Errorf("the citation shows %q, want what it copies, %q", shown, cite)
			}
			button := quote + `.querySelector('.copy-button')`
			if got := eval[string](t, tb, button+`.firstChild.data`); got != l.Messages.CopyCitation {
				t.Errorf("the copy button reads %q, want %q", got, l.Messages.CopyCitation)
			}
			tb.do(t, "copying the citation", chromedp.Click(chromedp.CSS(`#quote-lynch-significant-advances .copy-button`)))
			copied := eval[string](t, tb, `new Promise(done => setTimeout(() => done(`+button+`.firstChild.data), 300))`, chromedp.EvalAwaitPromise)
			if copied != l.Messages.Copied {
				t.Errorf("after a click, the copy button reads %q, want %q", copied, l.Messages.Copied)
			}
		})
	}
}

// A body's page lists the documents it wrote and the quotes of its people, with links, in
// every language.
func TestBodyListsDocumentsAndQuotes(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	b := startBrowser(t)
	for _, l := range i18n.Langs {
		t.Run(l.Code, func(t *testing.T) {
			tb := openTab(t, b, srv.URL)
			tb.open(t, l.Prefix()+"/bodies/un-secretary-general", http.StatusOK)
			headings := eval[[]string](t, tb, `[...document.querySelectorAll('h2')].map(h => h.textContent.trim())`)
			for _, want := range []string{l.Messages.DocumentsWritten, l.Messages.QuotesByPeople} {
				if !contains(headings, want) {
					t.Errorf("the body's headings are %q, want %q among them", headings, want)
				}
			}
			docs := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="body-document"] a')].map(a => a.getAttribute("href"))`)
			if want := l.Prefix() + "/documents/A-73-230"; !contains(docs, want) {
				t.Errorf("the documents it wrote link to %q, want %q among them", docs, want)
			}
			if got := countQuotes(t, tb); got != 2 {
				t.Errorf("the page lists %d quotes by its people, want the Secretary-General's 2", got)
			}
			tb.follow(t, `[data-testid="body-document"] a[href$="/documents/A-73-230"]`)
			if got := tb.location(t); got != l.Prefix()+"/documents/A-73-230" {
				t.Errorf("the document's link leads to %s", got)
			}
			tb.open(t, l.Prefix()+"/bodies/ishr", http.StatusOK)
			if got := countQuotes(t, tb); got != 4 {
				t.Errorf("ISHR's page lists %d quotes by its people, want Phil Lynch's 4", got)
			}
		})
	}
}

// The Follow page lists the feeds of the recommendations and of the quotes, in every language,
// and the lists link to theirs.
func TestFollowListsItemFeeds(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	b := startBrowser(t)
	for _, l := range i18n.Langs {
		t.Run(l.Code, func(t *testing.T) {
			tb := openTab(t, b, srv.URL)
			tb.open(t, l.Prefix()+"/follow", http.StatusOK)
			names := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="feed"] h3')].map(h => h.textContent.trim())`)
			urls := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="feed"] input')].map(i => i.value)`)
			for _, want := range []struct{ name, path string }{
				{l.Messages.FollowRecs, l.Prefix() + "/recommendations.atom"},
				{l.Messages.FollowQuotes, l.Prefix() + "/quotes.atom"},
			} {
				if !contains(names, want.name) {
					t.Errorf("the Follow page names its feeds %q, want %q among them", names, want.name)
				}
				if !contains(urls, srv.URL+want.path) {
					t.Errorf("the Follow page lists feeds %q, want %s", urls, srv.URL+want.path)
				}
			}
			for _, list := range []string{"/recommendations", "/quotes"} {
				tb.open(t, l.Prefix()+list, http.StatusOK)
				href := eval[string](t, tb, `document.querySelector('[data-testid="feed"]').getAttribute("href")`)
				if want := l.Prefix() + list + ".atom"; href != want {
					t.Errorf("%s links to the feed %q, want %q", list, href, want)
				}
				tb.open(t, href, http.StatusOK)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
