package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// signedIn is a browser signed in as the editor, over the shipped data set.
func signedIn(t *testing.T) (*browser, *store.Store) {
	t.Helper()
	h, s := withAccounts(t)
	b := newBrowser(h)
	if rec := b.login(t, editorEmail, password); rec.Code != http.StatusSeeOther {
		t.Fatalf("signing in = %d, want 303", rec.Code)
	}
	return b, s
}

// wantRedirect checks that rec redirects to path, and follows it: the page there shows the
// notice the change left.
func wantRedirect(t *testing.T, b *browser, what string, rec *http.Response, path string) string {
	t.Helper()
	if rec.StatusCode != http.StatusSeeOther || rec.Header.Get("Location") != path {
		t.Fatalf("%s = %d to %q, want 303 to %q", what, rec.StatusCode, rec.Header.Get("Location"), path)
	}
	next := b.get(t, path)
	if next.Code != http.StatusOK {
		t.Fatalf("GET %s after %s = %d, want 200", path, what, next.Code)
	}
	return testid(t, next, "notice")
}

// problemOf is the problem shown beside the field with the given id.
func problemOf(t *testing.T, body, id string) string {
	t.Helper()
	return strings.TrimSpace(parseHTML(t, body).Find("#" + id + "-problem").Text())
}

func parseHTML(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestEditorsAreaNeedsSignIn(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	for _, path := range []string{"/editor/documents", "/editor/bodies/new", "/editor/documents/A-73-230/text", "/editor/candidates", "/fr/editor/activity"} {
		if rec := b.get(t, path); rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "login") {
			t.Errorf("GET %s without a session = %d to %q, want 303 to the sign-in page", path, rec.Code, rec.Header().Get("Location"))
		}
	}
	if rec := b.post(t, "/editor/documents", url.Values{"title": {"x"}}); rec.Code != http.StatusSeeOther {
		t.Errorf("POST /editor/documents without a session = %d, want 303 to the sign-in page", rec.Code)
	}
}

// An editor creates a document as a draft, which the public does not see; a form with
// problems comes back with each beside its field and what was typed; the editor corrects it,
// translates its title, publishes it, and deletes it; each change is in the history.
func TestDocumentForm(t *testing.T) {
	t.Parallel()
	b, s := signedIn(t)
	fr := i18n.French.Messages

	bad := url.Values{
		"symbol": {"A/74/<script>"}, "slug": {""}, "title": {""}, "kind": {"poem"}, "issued": {"2019-13"},
		"url": {"ftp://example.org"}, "lang": {"en"}, "title_confirmed": {"true"}, "issued_confirmed": {"true"},
		"translations-fr-title": {"Un rapport"},
	}
	rec := b.post(t, "/fr/editor/documents", bad)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("POST a document with problems = %d, want 422", rec.Code)
	}
	body := rec.Body.String()
	for id, want := range map[string]string{
		"doc-title":  fr.Edit.RuleRequired,
		"doc-issued": fr.Edit.RuleDate,
		"doc-url":    fr.Edit.RuleURL,
		"doc-kind":   fr.Edit.RuleKind,
		"doc-symbol": fr.Edit.RuleSymbolSlug,
	} {
		if got := problemOf(t, body, id); got != want {
			t.Errorf("the problem beside %s is %q, want %q", id, got, want)
		}
	}
	doc := parseHTML(t, body)
	for id, want := range map[string]string{"doc-symbol": "A/74/<script>", "doc-issued": "2019-13", "doc-tr-fr-title": "Un rapport"} {
		if got, _ := doc.Find("#" + id).Attr("value"); got != want {
			t.Errorf("the field %s holds %q after a 422, want what was typed, %q", id, got, want)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Errorf("the form sends <script> back unescaped")
	}

	good := url.Values{
		"symbol": {"A/74/1"}, "title": {"Report on defenders <b>2019</b>"}, "kind": {"report"},
		"author": {"un-secretary-general"}, "issued": {"2019-07"}, "url": {"https://undocs.org/A/74/1"},
		"lang": {"en"}, "title_confirmed": {"true"}, "issued_confirmed": {"true"},
	}
	res := b.do(t, postForm("/editor/documents", good)).Result()
	if got := wantRedirect(t, b, "creating A/74/1", res, "/editor/documents/A-74-1"); got != "A/74/1 was created." {
		t.Errorf("after creating, the notice says %q", got)
	}
	if rec := get(t, b.h, "/documents/A-74-1"); rec.status != http.StatusNotFound {
		t.Errorf("GET /documents/A-74-1 while a draft = %d, want 404", rec.status)
	}
	if rec := b.get(t, "/editor/documents/A-74-1"); !strings.Contains(rec.Body.String(), "Report on defenders &lt;b&gt;2019&lt;/b&gt;") {
		t.Errorf("the document's form does not show the title escaped")
	}

	// The symbol of another document is taken.
	taken := cloneValues(good)
	taken.Set("symbol", "A/73/230")
	rec = b.post(t, "/editor/documents/A-74-1", taken)
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "doc-symbol") != i18n.English.Messages.Edit.RuleDuplicate {
		t.Errorf("taking A/73/230's symbol = %d, problem %q; want 422 with %q", rec.Code, problemOf(t, rec.Body.String(), "doc-symbol"), i18n.English.Messages.Edit.RuleDuplicate)
	}

	update := cloneValues(good)
	update.Set("title", "Report on human rights defenders")
	update.Set("translations-fr-title", "Rapport sur les défenseurs")
	res = b.do(t, postForm("/editor/documents/A-74-1", update)).Result()
	wantRedirect(t, b, "updating A/74/1", res, "/editor/documents/A-74-1")
	held, err := s.EditedDocument(t.Context(), "A-74-1")
	if err != nil {
		t.Fatal(err)
	}
	if held.Title != "Report on human rights defenders" || held.Titles["fr"] != "Rapport sur les défenseurs" || held.Author != "un-secretary-general" || held.Issued.ISO() != "2019-07" || held.Published {
		t.Errorf("after the update the document is %+v", held)
	}

	res = b.do(t, postForm("/editor/documents/A-74-1/publish", url.Values{"published": {"true"}})).Result()
	wantRedirect(t, b, "publishing A/74/1", res, "/editor/documents/A-74-1")
	if rec := get(t, b.h, "/documents/A-74-1"); rec.status != http.StatusOK {
		t.Errorf("GET /documents/A-74-1 once published = %d, want 200", rec.status)
	}

	// A source that items of other documents cite cannot be deleted.
	rec = b.post(t, "/editor/documents/ishr-sg-audit-hrds/delete", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(testid(t, rec, "form-problem"), "Advance model-national-law") {
		t.Errorf("deleting a cited source = %d: %q, want 422 naming what cites it", rec.Code, testid(t, rec, "form-problem"))
	}
	res = b.do(t, postForm("/editor/documents/A-74-1/delete", nil)).Result()
	if got := wantRedirect(t, b, "deleting A/74/1", res, "/editor/documents"); got != "A/74/1 was deleted." {
		t.Errorf("after deleting, the notice says %q", got)
	}

	list, err := s.Changes(t.Context(), store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: "A-74-1", Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	var actions []store.Action
	for _, c := range list.Changes {
		if c.ActorKind != store.EditorActor {
			t.Errorf("change %+v is not the editor's", c)
		}
		actions = append(actions, c.Action)
	}
	if want := []store.Action{store.Delete, store.Publish, store.Update, store.Create}; !slices.Equal(actions, want) {
		t.Errorf("the document's history is %v, want %v", actions, want)
	}
}

func TestParagraphForm(t *testing.T) {
	t.Parallel()
	b, s := signedIn(t)
	en := i18n.English.Messages

	rec := b.post(t, "/editor/documents/A-73-230/paragraphs", url.Values{"number": {"14"}, "text": {"Taken."}})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "para-number") != en.Edit.RuleDuplicate {
		t.Errorf("adding paragraph 14 again = %d, problem %q; want 422 with %q", rec.Code, problemOf(t, rec.Body.String(), "para-number"), en.Edit.RuleDuplicate)
	}
	rec = b.post(t, "/editor/documents/A-73-230/paragraphs", url.Values{"number": {"two"}, "text": {"Kept as typed."}})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "para-number") != en.Edit.RuleNumber {
		t.Errorf("adding paragraph two = %d, problem %q; want 422 with %q", rec.Code, problemOf(t, rec.Body.String(), "para-number"), en.Edit.RuleNumber)
	}
	if got := parseHTML(t, rec.Body.String()).Find("#para-text").Text(); got != "Kept as typed." {
		t.Errorf("the text after a 422 is %q, want what was typed", got)
	}

	res := b.do(t, postForm("/editor/documents/A-73-230/paragraphs", url.Values{"number": {"900"}, "topic": {"A new one"}, "text": {"Defenders."}})).Result()
	wantRedirect(t, b, "adding paragraph 900", res, "/editor/documents/A-73-230/paragraphs/900")
	res = b.do(t, postForm("/editor/documents/A-73-230/paragraphs/900", url.Values{"topic": {"A new topic"}, "text": {"Defenders again."}, "translations-fr-topic": {"Un sujet"}})).Result()
	wantRedirect(t, b, "updating paragraph 900", res, "/editor/documents/A-73-230/paragraphs/900")
	p, err := s.Paragraph(t.Context(), "A-73-230", 900, "fr")
	if err != nil || p.Topic != "Un sujet" || p.Text != "Defenders again." {
		t.Errorf("Paragraph(900, fr) = %+v, %v; want the French topic and the new text", p, err)
	}

	rec = b.post(t, "/editor/documents/A-73-230/paragraphs/14/delete", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(testid(t, rec, "form-problem"), "Advance") {
		t.Errorf("deleting cited paragraph 14 = %d: %q, want 422 naming what cites it", rec.Code, testid(t, rec, "form-problem"))
	}
	res = b.do(t, postForm("/editor/documents/A-73-230/paragraphs/900/delete", nil)).Result()
	wantRedirect(t, b, "deleting paragraph 900", res, "/editor/documents/A-73-230")
	if _, err := s.Paragraph(t.Context(), "A-73-230", 900, "en"); err == nil {
		t.Errorf("paragraph 900 is still there after its deletion")
	}
	if rec := b.get(t, "/editor/documents/A-73-230/paragraphs/x"); rec.Code != http.StatusNotFound {
		t.Errorf("GET paragraph x = %d, want 404", rec.Code)
	}
}

func TestBodyForm(t *testing.T) {
	t.Parallel()
	b, s := signedIn(t)
	en := i18n.English.Messages

	rec := b.post(t, "/editor/bodies", url.Values{"slug": {"Bad Slug"}, "name": {""}, "kind": {"treaty-body"}, "parent": {"nobody"}, "lang": {"en"}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("POST a body with problems = %d, want 422", rec.Code)
	}
	for id, want := range map[string]string{"body-slug": en.Edit.RuleSlug, "body-name": en.Edit.RuleRequired, "body-parent": en.Edit.RuleUnknown} {
		if got := problemOf(t, rec.Body.String(), id); got != want {
			t.Errorf("the problem beside %s is %q, want %q", id, got, want)
		}
	}
	form := url.Values{"slug": {"ccpr"}, "name": {"Human Rights Committee"}, "short_name": {"CCPR"}, "kind": {"treaty-body"}, "parent": {"treaty-bodies"}, "lang": {"en"}, "translations-fr-name": {"Comité des droits de l'homme"}}
	res := b.do(t, postForm("/editor/bodies", form)).Result()
	wantRedirect(t, b, "adding ccpr", res, "/editor/bodies/ccpr")
	if got, err := s.Body(t.Context(), "ccpr", "fr"); err != nil || got.Name != "Comité des droits de l'homme" || got.ParentSlug != "treaty-bodies" {
		t.Errorf("Body(ccpr, fr) = %+v, %v", got, err)
	}
	// Treaty bodies cannot be part of one of their own.
	rec = b.post(t, "/editor/bodies/treaty-bodies", url.Values{"name": {"Treaty bodies"}, "kind": {"treaty-body"}, "parent": {"ccpr"}, "lang": {"en"}})
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "body-parent") != en.Edit.RuleCycle {
		t.Errorf("making treaty-bodies part of ccpr = %d, problem %q; want 422 with %q", rec.Code, problemOf(t, rec.Body.String(), "body-parent"), en.Edit.RuleCycle)
	}
	rec = b.post(t, "/editor/bodies/cescr/delete", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(testid(t, rec, "form-problem"), "Advance cescr-statement-on-defenders") {
		t.Errorf("deleting cescr = %d: %q, want 422 naming what cites it", rec.Code, testid(t, rec, "form-problem"))
	}
	res = b.do(t, postForm("/editor/bodies/ccpr/delete", nil)).Result()
	wantRedirect(t, b, "deleting ccpr", res, "/editor/bodies")
	list, err := s.Changes(t.Context(), store.ChangeFilter{ItemType: store.BodyItem, ItemKey: "ccpr"})
	if err != nil || len(list.Changes) != 2 {
		t.Errorf("ccpr's history = %+v, %v; want its creation and deletion", list.Changes, err)
	}
}

// textForm is a multipart form of the text page: the text pasted, or a file.
func textForm(t *testing.T, path, action, text, file string) *http.Request {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("action", action)
	w.WriteField("text", text)
	if file != "" {
		fw, err := w.CreateFormFile("file", "report.txt")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(file))
	}
	w.Close()
	req, err := http.NewRequest(http.MethodPost, path, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return req
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../reporttext/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// An editor creates next year's report, previews its text (a file with every kind of noise),
// saves its paragraphs, and publishes it: readers see them, and the history names the editor.
func TestReportFromText(t *testing.T) {
	t.Parallel()
	b, s := signedIn(t)
	fr := i18n.French.Messages

	res := b.do(t, postForm("/editor/documents", url.Values{"symbol": {"A/74/2"}, "title": {"Next report"}, "kind": {"report"}, "lang": {"en"}, "title_confirmed": {"true"}, "issued_confirmed": {"true"}})).Result()
	wantRedirect(t, b, "creating A/74/2", res, "/editor/documents/A-74-2")

	// Numbers given twice: the preview shows every warning, in French, and offers no save.
	rec := b.do(t, textForm(t, "/fr/editor/documents/A-74-2/text", "preview", readTestdata(t, "numbering.txt"), ""))
	// testid folds every space, the no-break space before French colons among them.
	if rec.Code != http.StatusUnprocessableEntity || testid(t, rec, "form-problem") != strings.Join(strings.Fields(fr.Edit.DuplicatesRefused), " ") {
		t.Errorf("previewing a text with a duplicate = %d: %q, want 422 with %q", rec.Code, testid(t, rec, "form-problem"), fr.Edit.DuplicatesRefused)
	}
	var kinds []string
	parseHTML(t, rec.Body.String()).Find(`[data-testid="warning"]`).Each(func(_ int, w *goquery.Selection) {
		kinds = append(kinds, w.AttrOr("data-kind", ""))
	})
	for _, k := range []string{"gap", "duplicate", "backwards", "unnumbered"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("the preview's warnings are %v, want a %s among them", kinds, k)
		}
	}
	if got := testid(t, rec, "warning"); !strings.Contains(got, "Ligne") {
		t.Errorf("the warnings read %q, want them in French", got)
	}
	if parseHTML(t, rec.Body.String()).Find(`[data-testid="save-text"]`).Length() != 0 {
		t.Errorf("a text with a duplicate can be saved")
	}

	noisy := readTestdata(t, "sg-report.noisy.txt")
	rec = b.do(t, textForm(t, "/editor/documents/A-74-2/text", "preview", "", noisy))
	if rec.Code != http.StatusOK {
		t.Fatalf("previewing the noisy report = %d, want 200: %s", rec.Code, testid(t, rec, "form-problem"))
	}
	doc := parseHTML(t, rec.Body.String())
	if got := doc.Find(`[data-testid="found-paragraph"]`).Length(); got != 14 {
		t.Errorf("the preview shows %d paragraphs, want 14", got)
	}
	if got := testid(t, rec, "would-add"); got != "Added: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14" {
		t.Errorf("the preview says %q", got)
	}
	if got := doc.Find("#text-text").Text(); got != noisy {
		t.Errorf("the preview's text area does not hold the file's text for saving")
	}
	if n, err := s.EditedDocument(t.Context(), "A-74-2"); err != nil || len(n.Paragraphs) != 0 {
		t.Errorf("after a preview the document has %d paragraphs (%v), want none", len(n.Paragraphs), err)
	}

	res = b.do(t, textForm(t, "/editor/documents/A-74-2/text", "save", doc.Find("#text-text").Text(), "")).Result()
	if got := wantRedirect(t, b, "saving the text", res, "/editor/documents/A-74-2"); got != "The paragraphs of A/74/2 were saved: 14 added, 0 changed, 0 removed." {
		t.Errorf("after saving, the notice says %q", got)
	}
	held, err := s.EditedDocument(t.Context(), "A-74-2")
	if err != nil || len(held.Paragraphs) != 14 {
		t.Fatalf("after saving, the document has %d paragraphs (%v), want 14", len(held.Paragraphs), err)
	}
	list, err := s.Changes(t.Context(), store.ChangeFilter{ItemType: store.DocumentItem, ItemKey: "A-74-2", Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for _, c := range list.Changes {
		if c.ItemType == store.ParagraphItem && c.Action == store.Create && c.ActorKind == store.EditorActor {
			created++
		}
	}
	if created != 14 {
		t.Errorf("the history holds %d paragraph creations by the editor, want 14", created)
	}

	b.do(t, postForm("/editor/documents/A-74-2/publish", url.Values{"published": {"true"}}))
	page := get(t, b.h, "/documents/A-74-2")
	if got := page.doc.Find(`[data-testid="paragraph"]`).Length(); page.status != http.StatusOK || got != 14 {
		t.Errorf("GET /documents/A-74-2 once published = %d with %d paragraphs, want 200 with 14", page.status, got)
	}
}

func TestTextFormRefusals(t *testing.T) {
	t.Parallel()
	b, _ := signedIn(t)
	en := i18n.English.Messages
	rec := b.do(t, textForm(t, "/editor/documents/A-73-230/text", "preview", "   ", ""))
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "text-text") != en.Edit.TextMissing {
		t.Errorf("previewing no text = %d, want 422 with %q", rec.Code, en.Edit.TextMissing)
	}
	rec = b.do(t, textForm(t, "/editor/documents/A-73-230/text", "preview", "", "1. Invalid \xff text."))
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec.Body.String(), "text-file") != en.Edit.TextUnreadable {
		t.Errorf("previewing a file that is not UTF-8 = %d, want 422 with %q", rec.Code, en.Edit.TextUnreadable)
	}
	rec = b.do(t, textForm(t, "/editor/documents/A-73-230/text", "preview", "Only a summary.", ""))
	if rec.Code != http.StatusUnprocessableEntity || testid(t, rec, "form-problem") != en.Edit.NoneFound {
		t.Errorf("previewing a text without paragraphs = %d, want 422 with %q", rec.Code, en.Edit.NoneFound)
	}
	rec = b.do(t, textForm(t, "/editor/documents/A-73-230/text", "publish", "1. Text.", ""))
	if rec.Code != http.StatusBadRequest {
		t.Errorf("an unknown action = %d, want 400", rec.Code)
	}
	rec = b.do(t, textForm(t, "/editor/documents/A-73-230/text", "preview", strings.Repeat("1. Too long.\n", 200_000), ""))
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a text over 2 MiB = %d, want 413", rec.Code)
	}
	rec = b.do(t, textForm(t, "/editor/documents/no-such-document/text", "preview", "1. Text.", ""))
	if rec.Code != http.StatusNotFound {
		t.Errorf("the text of a missing document = %d, want 404", rec.Code)
	}
}

// generalComment is a General Comment as import-unhrdb loads one: a paragraph speaks of
// defenders, another does not.
const generalComment = `
document:
  symbol: CCPR/C/GC/37
  title: General comment No. 37 on the right of peaceful assembly
  kind: general-comment
  author: ccpr
  issued: 2020-07-23
bodies:
  - slug: ccpr
    kind: treaty-body
    name: Human Rights Committee
paragraphs:
  - number: 30
    text: States must protect journalists and human rights defenders who monitor assemblies.
  - number: 31
    text: The right applies to assemblies in public and private spaces.
`

func TestCandidates(t *testing.T) {
	t.Parallel()
	b, s := signedIn(t)
	if _, err := dataset.Import(t.Context(), s, "gc37.yaml", []byte(generalComment)); err != nil {
		t.Fatal(err)
	}
	candidates := func() []string {
		rec := b.get(t, "/editor/candidates")
		if rec.Code != http.StatusOK {
			t.Fatalf("GET /editor/candidates = %d", rec.Code)
		}
		var out []string
		parseHTML(t, rec.Body.String()).Find(`[data-testid="candidate"]`).Each(func(_ int, c *goquery.Selection) {
			href, _ := c.Find(`[data-testid="new-advance"]`).Attr("href")
			out = append(out, c.AttrOr("data-document", "")+" "+c.AttrOr("data-number", "")+" "+href)
		})
		return out
	}
	got := candidates()
	want := "CCPR-C-GC-37 30 /editor/advances/new?document=CCPR-C-GC-37&paragraph=30"
	if !slices.Contains(got, want) || slices.ContainsFunc(got, func(c string) bool { return strings.HasPrefix(c, "CCPR-C-GC-37 31 ") }) {
		t.Errorf("the candidates are %q, want %q among them and not paragraph 31", got, want)
	}
	// A/73/230's paragraph 14 speaks of defenders, but an advance cites it.
	if slices.ContainsFunc(got, func(c string) bool { return strings.HasPrefix(c, "A-73-230 14 ") }) {
		t.Errorf("the candidates %q hold A/73/230's paragraph 14, which an advance cites", got)
	}
	editor, err := s.UserByEmail(t.Context(), editorEmail)
	if err != nil {
		t.Fatal(err)
	}
	in := store.AdvanceInput{Slug: "gc37-defenders", Title: "Defenders monitoring assemblies", Source: "CCPR-C-GC-37", Paragraphs: []int{30}, Bodies: []store.BodyRef{{Slug: "ccpr", Confirmed: true}}}
	if err := s.CreateAdvance(t.Context(), editor.ID, "CCPR-C-GC-37", in); err != nil {
		t.Fatal(err)
	}
	if got := candidates(); slices.Contains(got, want) {
		t.Errorf("the candidates %q still hold paragraph 30 once an advance cites it", got)
	}
	if rec := b.get(t, "/editor/candidates?page=99"); rec.Code != http.StatusNotFound {
		t.Errorf("GET a page of candidates past the last = %d, want 404", rec.Code)
	}
	if rec := b.get(t, "/editor/candidates?page=x"); rec.Code != http.StatusBadRequest {
		t.Errorf("GET candidates?page=x = %d, want 400", rec.Code)
	}
}

func TestActivity(t *testing.T) {
	t.Parallel()
	b, _ := signedIn(t)
	b.do(t, postForm("/editor/documents", url.Values{"symbol": {"A/74/3"}, "title": {"A draft"}, "kind": {"report"}, "lang": {"en"}, "title_confirmed": {"true"}, "issued_confirmed": {"true"}}))
	rec := b.get(t, "/editor/activity")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /editor/activity = %d", rec.Code)
	}
	first := parseHTML(t, rec.Body.String()).Find(`[data-testid="change"]`).First()
	summary := strings.TrimSpace(first.Find(`[data-testid="change-summary"]`).Text())
	if summary != "Added by Eve Editor" || first.Find(`[data-testid="not-public"]`).Length() != 1 || !strings.Contains(first.Text(), "A draft") {
		t.Errorf("the latest activity is %q, %q; want the draft's creation by Eve Editor, marked not public", summary, first.Text())
	}
	if public := get(t, b.h, "/changes"); strings.Contains(public.body, "A draft") {
		t.Errorf("the public Recent changes show the draft's creation")
	}
}

func TestEditFormsInEveryLanguage(t *testing.T) {
	t.Parallel()
	b, _ := signedIn(t)
	for _, l := range i18n.Langs {
		for _, path := range []string{"/editor", "/editor/documents", "/editor/documents/new", "/editor/documents/A-73-230", "/editor/documents/A-73-230/text", "/editor/documents/A-73-230/paragraphs/14", "/editor/documents/A-73-230/paragraphs/new", "/editor/bodies", "/editor/bodies/new", "/editor/bodies/cescr", "/editor/candidates", "/editor/activity"} {
			full := strings.TrimSuffix("/"+l.Code, "/en") + path
			if l == i18n.English {
				full = path
			}
			rec := b.get(t, full)
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", full, rec.Code)
				continue
			}
			if got, _ := parseHTML(t, rec.Body.String()).Find("html").Attr("lang"); got != l.Code {
				t.Errorf("GET %s is in %q, want %q", full, got, l.Code)
			}
		}
	}
	if rec := b.get(t, "/editor/documents?x=1"); rec.Code != http.StatusBadRequest {
		t.Errorf("GET /editor/documents?x=1 = %d, want 400", rec.Code)
	}
}

func postForm(path string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
