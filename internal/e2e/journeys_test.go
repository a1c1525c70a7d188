package e2e

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// A reader jumps to paragraph 43 of the report, sees the two advances it records, opens one,
// and follows its paragraph link back to the paragraph.
func TestReadParagraph(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)

	tb.open(t, "/documents/A-73-230#para-43", http.StatusOK)
	checkTargeted(t, tb, "para-43")
	advances := eval[[]string](t, tb, `[...document.querySelectorAll('#para-43 [data-testid="paragraph-advances"] a')].map(a => a.textContent.trim())`)
	slices.Sort(advances) // their order is the page's business
	want := []string{
		"A Model National Law on human rights defenders",
		"National laws on defenders in Burkina Faso and Côte d'Ivoire",
	}
	if diff := cmp.Diff(want, advances); diff != "" {
		t.Fatalf("advances under paragraph 43 (-want +got):\n%s", diff)
	}

	tb.follow(t, `#para-43 [data-testid="paragraph-advances"] a[href="/advances/model-national-law"]`)
	if got, want := tb.location(t), "/advances/model-national-law"; got != want {
		t.Fatalf("the advance's link led to %s, want %s", got, want)
	}
	if got := eval[string](t, tb, `document.querySelector('[data-testid="advance-page"] h1').textContent.trim()`); got != want[0] {
		t.Errorf("advance page heading = %q, want %q", got, want[0])
	}

	tb.follow(t, `[data-testid="advance-page"] [data-testid="paragraphs"] a`)
	if got, want := tb.location(t), "/documents/A-73-230/paragraphs/43"; got != want {
		t.Fatalf("the paragraph link led to %s, want %s", got, want)
	}
	if got, want := eval[string](t, tb, `document.querySelector('[data-testid="citation-input"]').value`), "A/73/230, para. 43"; got != want {
		t.Errorf("paragraph page citation = %q, want %q", got, want)
	}

	tb.follow(t, `main a[href$="#para-43"]`)
	if got, want := tb.location(t), "/documents/A-73-230#para-43"; got != want {
		t.Fatalf("the link to the whole document led to %s, want %s", got, want)
	}
	checkTargeted(t, tb, "para-43")
}

// checkTargeted checks that the element with the given id is the page's :target and that the
// browser scrolled it into view.
func checkTargeted(t *testing.T, tb *tab, id string) {
	t.Helper()
	type state struct {
		Exists, Target, InView bool
		Top, H                 float64
	}
	got := eval[state](t, tb, `(() => {
		const e = document.getElementById(`+jsString(id)+`);
		if (!e) return {Exists: false};
		const r = e.getBoundingClientRect();
		// Sub-pixel layout may leave the top a fraction above the edge.
		return {Exists: true, Target: e.matches(":target"), InView: r.top > -1 && r.top < innerHeight, Top: r.top, H: innerHeight};
	})()`)
	if !got.Exists || !got.Target || !got.InView {
		t.Errorf("#%s: %+v, want it present, the :target and scrolled into view", id, got)
	}
}

// A reader filters the advances by a UN body through the form, with JavaScript on (choosing
// the body updates the list in place) and off (the plain GET form and its Apply button), sees
// the one advance and the active filter, then clears it.
func TestFilterAdvances(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	browser := startBrowser(t)
	for _, tc := range []struct {
		name   string
		script bool
	}{
		{"JavaScript on", true},
		{"JavaScript off", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := openTab(t, browser, srv.URL)
			if !tc.script {
				tb.disableScript(t)
			}
			tb.open(t, "/advances", http.StatusOK)
			if got := countAdvances(t, tb); got != 11 {
				t.Fatalf("/advances lists %d advances, want 11", got)
			}

			// A mark on the window survives an update in place but not a page load.
			eval[bool](t, tb, `window.notReloaded = true`)
			tb.do(t, "choosing CESCR", chromedp.SetValue(chromedp.ID("filter-body"), "cescr"))
			if tc.script {
				// As a reader's choice does; the script needs no Apply.
				eval[bool](t, tb, `document.getElementById("filter-body").dispatchEvent(new Event("change", {bubbles: true}))`)
			} else {
				tb.do(t, "applying the filter", chromedp.Click(chromedp.CSS(`form[data-testid="filters"] button[type="submit"]`)))
			}
			tb.do(t, "waiting for the filtered list", chromedp.WaitVisible(chromedp.CSS(`[data-testid="active-filters"]`)))
			if kept := eval[bool](t, tb, `window.notReloaded === true`); kept != tc.script {
				t.Errorf("the page was updated in place: %v, want %v (in place only with JavaScript)", kept, tc.script)
			}
			loc, err := url.Parse(tb.location(t))
			if err != nil {
				t.Fatal(err)
			}
			if loc.Path != "/advances" || loc.Query().Get("body") != "cescr" {
				t.Errorf("after filtering, the address is %s, want /advances with body=cescr (a URL to bookmark)", loc)
			}
			if got := countAdvances(t, tb); got != 1 {
				t.Errorf("filtered by CESCR, the page lists %d advances, want 1", got)
			}
			title := eval[string](t, tb, `document.querySelector('[data-testid="advance"] h2').textContent.trim()`)
			if want := "First statement on human rights defenders by a treaty body"; title != want {
				t.Errorf("filtered by CESCR, the advance is %q, want %q", title, want)
			}
			active := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="active-filters"] a')].map(a => a.textContent.trim())`)
			if !slices.ContainsFunc(active, func(s string) bool { return s == "Body: CESCR ✕" }) {
				t.Errorf("active filters = %q, want one for the body CESCR", active)
			}

			tb.do(t, "clearing the filter",
				chromedp.Click(chromedp.CSS(`[data-testid="active-filters"] a[href="/advances"]`)),
				chromedp.WaitNotPresent(chromedp.CSS(`[data-testid="active-filters"]`)),
			)
			if got := tb.location(t); got != "/advances" {
				t.Errorf("after clearing, the address is %s, want /advances", got)
			}
			if got := countAdvances(t, tb); got != 11 {
				t.Errorf("after clearing, the page lists %d advances, want 11", got)
			}
		})
	}
}

func countAdvances(t *testing.T, tb *tab) int {
	t.Helper()
	return eval[int](t, tb, `document.querySelectorAll('[data-testid="advance"]').length`)
}

// A reader goes from the list of recommendations to one and finds its citation.
func TestRecommendationCitation(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)

	tb.open(t, "/recommendations", http.StatusOK)
	tb.follow(t, `[data-testid="recommendation"] a[href="/recommendations/system-wide-approach-to-civic-space"]`)
	if got, want := eval[string](t, tb, `document.querySelector('h1').textContent.trim()`), "A system-wide approach to civil society space"; got != want {
		t.Errorf("recommendation heading = %q, want %q", got, want)
	}
	citations := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="recommendation-page"] [data-testid="citation"]')].map(e => e.textContent.trim())`)
	if want := []string{"A/73/230, para. 66"}; !slices.Equal(citations, want) {
		t.Errorf("recommendation citations = %q, want %q", citations, want)
	}

	// The Copy button beside the citation says what it copies, and says Copied once the
	// clipboard has taken it.
	if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "clipboard-write"}, Setting: browser.PermissionSettingGranted, Origin: srv.URL,
	}); err != nil {
		t.Fatalf("granting clipboard-write: %v", err)
	}
	const button = `document.querySelector('[data-testid="recommendation-page"] .copy-button')`
	if got := eval[string](t, tb, button+`.textContent`); got != "Copy A/73/230, para. 66" {
		t.Errorf("the copy button reads %q, want it to name the citation it copies", got)
	}
	tb.do(t, "copying the citation",
		chromedp.Click(chromedp.CSS(`[data-testid="recommendation-page"] .copy-button`)),
		chromedp.WaitReady(chromedp.CSS(`[data-testid="recommendation-page"] .copy-button`)),
	)
	copied := eval[string](t, tb, `new Promise(done => setTimeout(() => done(`+button+`.firstChild.data), 300))`, chromedp.EvalAwaitPromise)
	if copied != "Copied" {
		t.Errorf("after a click, the copy button reads %q, want Copied: the clipboard refused the citation", copied)
	}
}

// A reader downloads the filtered advances for a spreadsheet from the link on the list.
func TestExportLink(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	tb.open(t, "/fr/advances?body=cescr", http.StatusOK)
	csv := eval[string](t, tb, `fetch(document.querySelector('[data-testid="export-csv"]').href).then(r => r.text())`, chromedp.EvalAwaitPromise)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "slug,") || !strings.Contains(lines[1], "Première déclaration") {
		t.Errorf("the CSV link gives %q, want a header and the one CESCR advance in French", lines)
	}
}

// focused describes the element that has the keyboard focus, and how its outline looks.
type focused struct {
	Tag, ID, Href, Text string
	Outline             string // style, width and colour, for the failure message
	OutlineVisible      bool
	OnScreen            bool
}

const focusedJS = `(() => {
	const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
	return {
		Tag: e.tagName.toLowerCase(), ID: e.id, Href: e.getAttribute('href') || '',
		Text: (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40),
		Outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
		OutlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)',
		OnScreen: r.width > 1 && r.height > 1 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
	};
})()`

// tabTo presses Tab and returns what then has the focus.
func tabTo(t *testing.T, tb *tab) focused {
	t.Helper()
	tb.do(t, "pressing Tab", chromedp.KeyEvent(kb.Tab))
	return eval[focused](t, tb, focusedJS)
}

// A keyboard user tabs through the filter form: the focus reaches its controls in order, and
// each shows a visible outline.
func TestKeyboardFilterForm(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	tb.open(t, "/advances", http.StatusOK)

	// The header's links come first; how many there are is the layout's business.
	var f focused
	for range 30 {
		if f = tabTo(t, tb); f.ID == "filter-body" {
			break
		}
	}
	if f.ID != "filter-body" {
		t.Fatalf("30 presses of Tab never reached the body filter (#filter-body); the focus ended on %+v", f)
	}
	checkOutline(t, f)
	for _, want := range []string{"filter-compare", "filter-document", "filter-sort"} {
		f = tabTo(t, tb)
		if f.ID != want {
			t.Fatalf("after the previous filter, Tab moved the focus to %+v, want #%s", f, want)
		}
		checkOutline(t, f)
	}
	f = tabTo(t, tb)
	if f.Tag != "button" || f.Text != "Apply" {
		t.Fatalf("after the sort filter, Tab moved the focus to %+v, want the Apply button", f)
	}
	checkOutline(t, f)
}

func checkOutline(t *testing.T, f focused) {
	t.Helper()
	if !f.OutlineVisible {
		t.Errorf("focused <%s id=%q> has outline %q, want a visible focus ring", f.Tag, f.ID, f.Outline)
	}
}

// On every page the first Tab lands on a visible skip link, and following it puts the focus on
// the main content.
func TestSkipLink(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, p := range pagetypes.EveryLanguage() {
		t.Run(p.Name, func(t *testing.T) {
			tb.open(t, p.Path, p.Status)
			f := tabTo(t, tb)
			if f.Tag != "a" || f.Href != "#main" {
				t.Fatalf("the first Tab focused %+v, want the skip link to #main", f)
			}
			if !f.OnScreen {
				t.Errorf("the focused skip link %q is not on screen", f.Text)
			}
			checkOutline(t, f)
			tb.do(t, "following the skip link", chromedp.KeyEvent(kb.Enter))
			if got := eval[string](t, tb, `document.activeElement.id`); got != "main" {
				t.Errorf("after following the skip link, the focus is on #%s, want #main", got)
			}
		})
	}
}
