package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// axeTags are the axe-core rule sets that make up WCAG 2.2 level AA: axe tags each rule with
// the version and level that brought it in.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeResult is the part of axe.run's result the test reports.
type axeResult struct {
	Passes     int `json:"passes"`
	Violations []struct {
		ID      string `json:"id"`
		Impact  string `json:"impact"`
		Help    string `json:"help"`
		HelpURL string `json:"helpUrl"`
		Nodes   []struct {
			Target  []string `json:"target"`
			HTML    string   `json:"html"`
			Summary string   `json:"summary"`
		} `json:"nodes"`
	} `json:"violations"`
}

const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']}).then(r => ({
	passes: r.passes.length,
	violations: r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''})),
	})),
}))`

// axeSource reads axe-core as npm installed it. The test evaluates it in each page through
// DevTools, which the page's Content-Security-Policy does not govern.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join("node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	testenv.Require(t, "axe-core (npm)", err, howToDeps)
	return string(b)
}

// Every page type passes axe-core's WCAG 2.2 AA rules at phone and desktop widths.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	axe := axeSource(t)
	tags, err := json.Marshal(axeTags)
	if err != nil {
		t.Fatal(err)
	}
	run := fmt.Sprintf(axeRun, tags)
	srv, s := startAppStore(t)
	addAdmin(t, s)
	browser := startBrowser(t)
	check := func(t *testing.T, tb *tab) axeResult {
		t.Helper()
		tb.do(t, "loading axe-core", chromedp.Evaluate[chromedp.Void](axe))
		res := eval[axeResult](t, tb, run, chromedp.EvalAwaitPromise)
		if res.Passes == 0 {
			t.Fatalf("axe passed no rule: are the tags %q right?", axeTags)
		}
		return res
	}

	// A page with known faults proves that axe runs and that its findings reach the test.
	t.Run("planted faults", func(t *testing.T) {
		tb := openTab(t, browser, srv.URL)
		tb.open(t, "/", http.StatusOK)
		tb.do(t, "planting faults", chromedp.Evaluate[chromedp.Void](
			`document.documentElement.removeAttribute('lang'); document.querySelector('main').insertAdjacentHTML('beforeend', '<img src="data:,">')`))
		var got []string
		for _, v := range check(t, tb).Violations {
			got = append(got, v.ID)
		}
		for _, want := range []string{"html-has-lang", "image-alt"} {
			if !slices.Contains(got, want) {
				t.Errorf("axe found %q on a page without lang and with an image without alt, want %s among them", got, want)
			}
		}
	})

	checkPage := func(t *testing.T, tb *tab, path string, status int, v viewport) {
		tb.open(t, path, status)
		for _, viol := range check(t, tb).Violations {
			var b strings.Builder
			fmt.Fprintf(&b, "%s (%s): %s\n    %s", viol.ID, viol.Impact, viol.Help, viol.HelpURL)
			for _, n := range viol.Nodes {
				fmt.Fprintf(&b, "\n    at %s: %s", strings.Join(n.Target, " "), n.HTML)
				if n.Summary != "" {
					fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
				}
			}
			t.Errorf("GET %s at %s width: %s", path, v.name, b.String())
		}
	}
	for _, v := range viewports {
		tb := openTab(t, browser, srv.URL)
		tb.resize(t, v)
		for _, p := range pagetypes.EveryLanguage() {
			t.Run(v.name+"/"+p.Name, func(t *testing.T) { checkPage(t, tb, p.Path, p.Status, v) })
		}
		// The editors' pages, signed in as an admin, who sees them all.
		editor := openEditorTab(t, browser, srv.URL)
		editor.resize(t, v)
		signIn(t, editor)
		for _, path := range editorPaths() {
			t.Run(v.name+path, func(t *testing.T) { checkPage(t, editor, path, http.StatusOK, v) })
		}
	}
}
