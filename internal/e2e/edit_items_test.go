package e2e

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// An editor signs in, adds an advance citing a paragraph of A/73/230 from the form the
// candidates' queue links to, and saves it as a draft, which readers do not see; publishes
// it, and then finds it on the public list, in search, in the feed, and in its History under
// the editor's name.
func TestAddAndPublishAdvance(t *testing.T) {
	t.Parallel()
	srv, s := startAppStore(t)
	addAdmin(t, s)
	browser := startBrowser(t)
	tb := openEditorTab(t, browser, srv.URL)
	reader := openTab(t, browser, srv.URL)
	signIn(t, tb)

	publishAdvance(t, tb, reader, srv.URL, "A-73-230", 43)
}

// publishAdvance adds an advance citing paragraph n of document from the form the candidates'
// queue links to, and saves it as a draft, which readers do not see; publishes it, and then
// finds it on the public list, in search, in the feed, and in its History under the editor's
// name.
func publishAdvance(t *testing.T, tb, reader *tab, base, document string, n int) {
	t.Helper()
	const slug = "regional-defenders-network"
	tb.open(t, fmt.Sprintf("%s%s?document=%s&paragraph=%d", site.EditorAdvancesPath, site.NewItem, document, n), http.StatusOK)
	if got := eval[string](t, tb, `document.getElementById('f-paragraphs').value`); got != strconv.Itoa(n) {
		t.Fatalf("the new advance's form cites %q, want paragraph %d", got, n)
	}
	tb.do(t, "filling in the advance",
		chromedp.SetValue(chromedp.ID("f-slug"), slug),
		chromedp.SetValue(chromedp.ID("f-title"), "A regional network of defenders"),
		chromedp.SetValue(chromedp.ID("f-summary"), fmt.Sprintf("Defenders of the region meet every year, as paragraph %d records.", n)),
		chromedp.SetValue(chromedp.ID("f-bodies-0-body"), "ohchr"))
	tb.follow(t, `[data-testid="save"]`)
	if got, want := tb.location(t), site.EditorItemURL(site.EditorAdvancesPath, slug); got != want {
		t.Fatalf("saving the advance led to %s (%q), want %s", got,
			eval[string](t, tb, `Array.from(document.querySelectorAll('[data-testid="field-problem"]')).map(e => e.id + ': ' + e.textContent).join('; ')`), want)
	}
	if got := eval[string](t, tb, `document.querySelector('[data-testid="notice"]').textContent`); !strings.Contains(got, slug) {
		t.Errorf("after saving, the page says %q, want the notice naming %s", got, slug)
	}

	// A draft: not public anywhere.
	reader.open(t, site.AdvanceURL(slug), http.StatusNotFound)
	reader.open(t, site.AdvancesPath, http.StatusOK)
	if n := eval[int](t, reader, `document.querySelectorAll('a[href="/advances/`+slug+`"]').length`); n != 0 {
		t.Errorf("the public list links the draft %d times", n)
	}

	tb.follow(t, `[data-testid="publish"]`)
	if got, want := eval[string](t, tb, `document.querySelector('[data-testid="notice"]').textContent`), fmt.Sprintf(i18n.English.Messages.Edit.PublishedNotice, slug); got != want {
		t.Errorf("after publishing, the page says %q, want %q", got, want)
	}

	reader.open(t, site.AdvancesPath, http.StatusOK)
	if n := eval[int](t, reader, `document.querySelectorAll('a[href="/advances/`+slug+`"]').length`); n == 0 {
		t.Error("the public list does not link the published advance")
	}
	reader.open(t, site.SearchPath+"?q=regional+network", http.StatusOK)
	if n := eval[int](t, reader, `document.querySelectorAll('a[href="/advances/`+slug+`"]').length`); n == 0 {
		t.Error("searching for the advance's title does not find it")
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	resp, err := http.Get(base + "/advances.atom")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || xml.Unmarshal(body, &feed) != nil || len(feed.Entries) == 0 || feed.Entries[0].Title != "A regional network of defenders" {
		t.Errorf("the advances' feed starts with %+v, want the published advance", feed.Entries[:min(1, len(feed.Entries))])
	}
	reader.open(t, site.HistoryURL(site.AdvanceURL(slug)), http.StatusOK)
	if got := eval[string](t, reader, `document.querySelector('[data-testid="change-summary"]').textContent`); got != "Published by "+adminName {
		t.Errorf("the advance's History starts with %q, want its publication by %s", got, adminName)
	}
}
