package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// narrow are the smallest phone screens the pages must fit, without scrolling sideways.
var narrow = []viewport{
	{"320px", 320, 640, true},
	{"390px", 390, 844, true},
}

// No page, in any language, is wider than a phone's screen: a long document title in a select,
// say, must not push the page (or, in Arabic, its start) off the screen.
func TestNoPageWiderThanAPhone(t *testing.T) {
	t.Parallel()
	srv, s := startAppStore(t)
	addAdmin(t, s)
	browser := startBrowser(t)
	for _, v := range narrow {
		tb := openTab(t, browser, srv.URL)
		tb.resize(t, v)
		// Every editor's page too, signed in as an admin, who sees them all.
		editor := openEditorTab(t, browser, srv.URL)
		editor.resize(t, v)
		signIn(t, editor)
		pages := pagetypes.EveryLanguage()
		for _, path := range editorPaths() {
			pages = append(pages, pagetypes.Type{Name: path, Path: path, Status: http.StatusOK})
		}
		for _, p := range pages {
			t.Run(v.name+"/"+p.Name, func(t *testing.T) {
				tb := tb
				if strings.Contains(p.Path, site.EditorPath) {
					tb = editor
				}
				tb.open(t, p.Path, p.Status)
				w := eval[struct {
					Page, Screen int
					Widest       string
				}](t, tb, `(() => {
	const screen = document.documentElement.clientWidth;
	let widest = '';
	for (const el of document.querySelectorAll('body *')) {
		const r = el.getBoundingClientRect();
		// Wholly off to the side is how the skip link hides until focused; part-way is overflow.
		if (r.right > 0 && r.left < screen && (r.right > screen + 1 || r.left < -1)) { widest = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right); break; }
	}
	return {page: document.documentElement.scrollWidth, screen, widest};
})()`)
				if w.Page > w.Screen || w.Widest != "" {
					t.Errorf("GET %s at %s: the page is %d px wide on a %d px screen (first to overflow: %s)", p.Path, v.name, w.Page, w.Screen, w.Widest)
				}
			})
		}
	}
}
