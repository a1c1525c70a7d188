package e2e

import (
	"net/http"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// An editor adds next year's report from the browser: signs in, creates the document,
// uploads its text (with every kind of noise a PDF's text has), previews and saves its
// paragraphs, publishes it, and finds them on the public document page; all on a phone. Then
// records an advance citing one of its paragraphs, as a draft, and publishes it.
func TestReportFromTextInBrowser(t *testing.T) {
	t.Parallel()
	srv, s := startAppStore(t)
	addAdmin(t, s)
	browser := startBrowser(t)
	tb := openEditorTab(t, browser, srv.URL)
	tb.resize(t, narrow[0])
	signIn(t, tb)
	fits := func(what string) {
		t.Helper()
		if page, screen := eval[int](t, tb, `document.documentElement.scrollWidth`), eval[int](t, tb, `document.documentElement.clientWidth`); page > screen {
			t.Errorf("%s is %dpx wide on a %dpx phone", what, page, screen)
		}
	}

	tb.follow(t, `[data-testid="editor-tasks"] a[href="`+site.EditorDocumentsPath+`"]`)
	tb.follow(t, `[data-testid="new-document"]`)
	tb.do(t, "filling in the new document",
		chromedp.SetValue(chromedp.ID("doc-symbol"), "A/74/177"),
		chromedp.SetValue(chromedp.ID("doc-title"), "Situation of human rights defenders"),
		chromedp.SetValue(chromedp.ID("doc-issued"), "2019-07-15"))
	fits("the new document's form")
	tb.follow(t, `[data-testid="save"]`)
	if got, want := tb.location(t), site.EditorDocumentURL("A-74-177"); got != want {
		t.Fatalf("creating the document led to %s, want %s", got, want)
	}
	fits("the document's form")

	tb.follow(t, `[data-testid="import-text"]`)
	file, err := filepath.Abs("../reporttext/testdata/sg-report.noisy.txt")
	if err != nil {
		t.Fatal(err)
	}
	tb.do(t, "choosing the report's text", chromedp.SetUploadFiles(chromedp.ID("text-file"), []string{file}))
	tb.follow(t, `[data-testid="preview"]`)
	if n := eval[int](t, tb, `document.querySelectorAll('[data-testid="found-paragraph"]').length`); n != 14 {
		t.Fatalf("the preview shows %d paragraphs, want 14", n)
	}
	fits("the text's preview")
	tb.follow(t, `[data-testid="save-text"]`)
	if got, want := tb.location(t), site.EditorDocumentURL("A-74-177"); got != want {
		t.Fatalf("saving the text led to %s, want %s", got, want)
	}
	if n := eval[int](t, tb, `document.querySelectorAll('[data-testid="paragraph"]').length`); n != 14 {
		t.Errorf("the document's form lists %d paragraphs after saving, want 14", n)
	}

	tb.follow(t, `[data-testid="publish"]`)
	tb.follow(t, `[data-testid="public-page"]`)
	if got, want := tb.location(t), site.DocumentURL("A-74-177"); got != want {
		t.Fatalf("the public page link led to %s, want %s", got, want)
	}
	if n := eval[int](t, tb, `document.querySelectorAll('[data-testid="paragraph"]').length`); n != 14 {
		t.Errorf("the public document page shows %d paragraphs, want 14", n)
	}
	tb.open(t, site.DocumentURL("A-74-177")+"/paragraphs/14", http.StatusOK)

	publishAdvance(t, tb, openTab(t, browser, srv.URL), srv.URL, "A-74-177", 5)
}
