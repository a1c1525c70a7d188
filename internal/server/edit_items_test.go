package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// en are the English words of the editors' pages.
var en = i18n.English.Messages.Edit

// problems are the messages beside an item form's fields, by field name: a problem's id is
// the field's, f-NAME, and -problem.
func problems(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(`[data-testid="field-problem"]`).Each(func(_ int, s *goquery.Selection) {
		name := strings.TrimSuffix(strings.TrimPrefix(s.AttrOr("id", ""), "f-"), "-problem")
		out[name] = strings.TrimSpace(s.Text())
	})
	return out
}

// advanceForm is a valid new advance of A/73/230, citing paragraph 43.
func advanceForm() url.Values {
	return url.Values{
		"document": {"A-73-230"}, "slug": {"draft-advance"}, "title": {"A draft advance"},
		"summary": {"What it is."}, "paragraphs": {"43"}, "date": {"2019-06"}, "date_confirmed": {"yes"},
		"bodies-0-body": {"ohchr"}, "bodies-0-confirmed": {"yes"}, "bodies-0-why": {""},
		"bodies-1-body": {""}, "bodies-1-confirmed": {"yes"}, "bodies-1-why": {""},
		"facts-0-text": {""}, "facts-0-confirmed": {"yes"}, "facts-0-why": {""}, "facts-0-source_url": {""},
		"translations-fr-title": {"Une avancée en brouillon"}, "translations-fr-text": {"Ce qu’elle est."},
		"translations-fr-date_why": {""},
		"translations-es-title":    {""}, "translations-es-text": {""}, "translations-es-date_why": {""},
	}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

func TestEditorFormsNeedASession(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	for _, p := range []string{"/editor/advances", "/editor/advances/new", "/fr/editor/quotes", "/editor/recommendations/system-wide-approach-to-civic-space/edit"} {
		if rec := b.get(t, p); rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "/login") {
			t.Errorf("GET %s without a session = %d to %q, want 303 to the sign-in page", p, rec.Code, rec.Header().Get("Location"))
		}
	}
	if rec := b.post(t, "/editor/advances", advanceForm()); rec.Code != http.StatusSeeOther || get(t, h, "/advances/draft-advance").status != http.StatusNotFound {
		t.Errorf("POST /editor/advances without a session = %d; want 303 to sign in, and nothing saved", rec.Code)
	}
}

func TestEditAdvance(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	b.login(t, editorEmail, password)

	// The candidates' queue links here with the document and the paragraph.
	rec := b.get(t, "/editor/advances/new?document=A-73-230&paragraph=43")
	doc := document(t, rec)
	if rec.Code != http.StatusOK || doc.Find(`#f-document`).AttrOr("value", "") != "A-73-230" || doc.Find(`#f-paragraphs`).AttrOr("value", "") != "43" {
		t.Fatalf("GET the new advance's form = %d with document %q and paragraphs %q; want A-73-230 and 43", rec.Code,
			doc.Find(`#f-document`).AttrOr("value", ""), doc.Find(`#f-paragraphs`).AttrOr("value", ""))
	}
	for _, q := range []string{"colour=red", "paragraph=x", "paragraph=0", "document=a&document=b"} {
		if rec := b.get(t, "/editor/advances/new?"+q); rec.Code != http.StatusBadRequest {
			t.Errorf("GET /editor/advances/new?%s = %d, want 400", q, rec.Code)
		}
	}

	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"missing and malformed", with(advanceForm(), "title", "", "date", "soon", "paragraphs", "43, x"),
			map[string]string{"title": en.RuleRequired, "date": en.RuleDate, "paragraphs": en.ErrParagraphList}},
		{"unknown document", with(advanceForm(), "document", "no-such"), map[string]string{"document": fmt.Sprintf(en.NotFoundDocument, "no-such")}},
		{"no document", with(advanceForm(), "document", ""), map[string]string{"document": en.RuleRequired}},
		{"slug taken", with(advanceForm(), "slug", "model-national-law"), map[string]string{"slug": en.RuleDuplicate}},
		{"bad slug", with(advanceForm(), "slug", "Not A Slug"), map[string]string{"slug": en.RuleSlug}},
		{"paragraph not in the document", with(advanceForm(), "paragraphs", "43, 999"), map[string]string{"paragraphs": en.RuleParagraph}},
		{"no body", with(advanceForm(), "bodies-0-body", ""), map[string]string{"bodies": en.RuleRequired}},
		{"unconfirmed body without a reason", with(advanceForm(), "bodies-0-confirmed", "no"),
			map[string]string{"bodies-0-confirmed": en.RuleReasonMissing}},
		{"fact without a source's address", with(advanceForm(), "facts-0-text", "A fact", "facts-0-source_url", "nowhere"),
			map[string]string{"facts-0-source_url": en.RuleURL}},
		{"translated title without summary", with(advanceForm(), "translations-fr-text", ""), map[string]string{"translations-fr-text": en.RuleRequired}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := b.post(t, "/editor/advances", tc.form)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("POST = %d, want 422", rec.Code)
			}
			doc := document(t, rec)
			got := problems(doc)
			for field, msg := range tc.want {
				if got[field] != msg {
					t.Errorf("the problem beside %s = %q, want %q (all: %q)", field, got[field], msg, got)
				}
			}
			if doc.Find(`[data-testid="form-problem"]`).Length() != 1 {
				t.Error("the form sent back says nothing above it")
			}
			// What was typed stays.
			if got := doc.Find(`#f-slug`).AttrOr("value", ""); got != tc.form.Get("slug") {
				t.Errorf("the slug sent back = %q, want %q as typed", got, tc.form.Get("slug"))
			}
			if got := doc.Find(`#f-paragraphs`).AttrOr("value", ""); got != tc.form.Get("paragraphs") {
				t.Errorf("the paragraphs sent back = %q, want %q as typed", got, tc.form.Get("paragraphs"))
			}
		})
	}
	if get(t, h, "/advances/draft-advance").status != http.StatusNotFound {
		t.Fatal("a form sent back with problems saved its advance")
	}

	// In French, the problems are French.
	rec = b.post(t, "/fr/editor/advances", with(advanceForm(), "title", ""))
	if got := problems(document(t, rec))["title"]; rec.Code != http.StatusUnprocessableEntity || got != i18n.French.Messages.Edit.RuleRequired {
		t.Errorf("POST /fr/editor/advances without a title = %d, %q; want 422, %q", rec.Code, got, i18n.French.Messages.Edit.RuleRequired)
	}

	form := with(advanceForm(), "summary", `A <script>alert("x")</script> summary`)
	rec = b.post(t, "/editor/advances", form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/editor/advances/draft-advance/edit" {
		t.Fatalf("POST a valid advance = %d to %q, want 303 to its form", rec.Code, rec.Header().Get("Location"))
	}
	rec = b.get(t, "/editor/advances/draft-advance/edit")
	if got := testid(t, rec, "notice"); rec.Code != http.StatusOK || got != fmt.Sprintf(en.CreatedNotice, "draft-advance") {
		t.Errorf("the advance's form = %d, saying %q; want the notice that it is a draft", rec.Code, got)
	}
	doc = document(t, rec)
	if strings.Contains(rec.Body.String(), `<script>alert`) || doc.Find(`#f-summary`).Text() != form.Get("summary") {
		t.Errorf("the summary shows as %q; want the text, escaped", doc.Find(`#f-summary`).Text())
	}
	if got := doc.Find(`#f-translations-fr-title`).AttrOr("value", ""); got != "Une avancée en brouillon" {
		t.Errorf("the French title in the form = %q", got)
	}
	if got := document(t, b.get(t, "/editor/advances")).Find(`[data-slug="draft-advance"] [data-testid="item-state"]`).Text(); strings.TrimSpace(got) != en.Draft {
		t.Errorf("the editor's list marks the advance %q, want draft", got)
	}
	for _, p := range []string{"/advances/draft-advance", "/advances", "/search?q=draft+advance", "/advances.atom", "/changes"} {
		if r := get(t, h, p); strings.Contains(r.body, "draft-advance") || p == "/advances/draft-advance" && r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d and shows the draft", p, r.status)
		}
	}

	// Update: the title changes; a fact comes in.
	rec = b.post(t, "/editor/advances/draft-advance/edit", with(form, "title", "A better title", "facts-0-text", "A fact", "facts-0-source_url", "https://example.org/fact"))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST the update = %d, want 303: %q", rec.Code, problems(document(t, rec)))
	}
	rec = b.get(t, "/editor/advances/draft-advance/edit")
	if doc := document(t, rec); doc.Find(`#f-title`).AttrOr("value", "") != "A better title" || doc.Find(`#f-facts-0-text`).Text() != "A fact" {
		t.Errorf("after the update the form holds %q and fact %q", doc.Find(`#f-title`).AttrOr("value", ""), doc.Find(`#f-facts-0-text`).Text())
	}

	rec = b.post(t, "/editor/advances/draft-advance/publish", url.Values{"published": {"true"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST publish = %d, want 303", rec.Code)
	}
	for _, p := range []string{"/advances/draft-advance", "/advances", "/search?q=better+title", "/advances.atom"} {
		if r := get(t, h, p); r.status != http.StatusOK || !strings.Contains(r.body, "draft-advance") {
			t.Errorf("GET %s = %d once published, without the advance", p, r.status)
		}
	}
	history := get(t, h, "/advances/draft-advance/history")
	if got := texts(history.doc.Find(`[data-testid="change-summary"]`)); len(got) == 0 || got[0] != "Published by Eve Editor" {
		t.Errorf("the advance's History = %q, want its publication by Eve Editor first", got)
	}
	if strings.Contains(history.body, editorEmail) {
		t.Error("the History shows the editor's e-mail address")
	}

	if rec := b.post(t, "/editor/advances/draft-advance/publish", url.Values{"published": {"maybe"}}); rec.Code != http.StatusBadRequest {
		t.Errorf("POST publish=maybe = %d, want 400", rec.Code)
	}
	if rec := b.post(t, "/editor/advances/no-such/publish", url.Values{"published": {"true"}}); rec.Code != http.StatusNotFound {
		t.Errorf("POST publish of a missing advance = %d, want 404", rec.Code)
	}
	rec = b.post(t, "/editor/advances/draft-advance/delete", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/editor/advances" {
		t.Fatalf("POST delete = %d to %q, want 303 to the list", rec.Code, rec.Header().Get("Location"))
	}
	if got := testid(t, b.get(t, "/editor/advances"), "notice"); got != fmt.Sprintf(en.DeletedNotice, "draft-advance") {
		t.Errorf("the list after deleting says %q", got)
	}
	if r := get(t, h, "/advances/draft-advance"); r.status != http.StatusNotFound {
		t.Errorf("GET the deleted advance = %d, want 404", r.status)
	}
	if rec := b.post(t, "/editor/advances/draft-advance/delete", nil); rec.Code != http.StatusNotFound {
		t.Errorf("POST delete again = %d, want 404", rec.Code)
	}
}

func TestEditRecommendation(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	b.login(t, editorEmail, password)
	form := url.Values{
		"document": {"A-73-230"}, "slug": {"follow-it"}, "title": {"Follow it"}, "text": {"Follow it up."},
		"paragraphs": {"64"}, "addressees": {"ohchr", "ishr"}, "follow_up-status": {"in-progress"},
		"follow_up-date": {"2024-05"}, "follow_up-source_url": {""},
		"translations-fr-title": {""}, "translations-fr-text": {""},
	}
	rec := b.post(t, "/editor/recommendations", form)
	if got := problems(document(t, rec)); rec.Code != http.StatusUnprocessableEntity || got["follow_up-source_url"] != en.RuleRequired {
		t.Fatalf("POST a follow-up without its source = %d, %q; want 422 with the source required", rec.Code, got)
	}
	if got := document(t, rec).Find(`input[name="addressees"][checked]`).Length(); got != 2 {
		t.Errorf("the form sent back checks %d addressees, want the 2 chosen", got)
	}
	rec = b.post(t, "/editor/recommendations", with(form, "follow_up-source_url", "https://example.org/follow-up", "paragraphs", ""))
	if got := problems(document(t, rec)); got["paragraphs"] != en.RuleRequired {
		t.Errorf("POST without paragraphs: problems %q, want paragraphs required", got)
	}
	form.Set("follow_up-source_url", "https://example.org/follow-up")
	if rec := b.post(t, "/editor/recommendations", form); rec.Code != http.StatusSeeOther {
		t.Fatalf("POST a valid recommendation = %d: %q", rec.Code, problems(document(t, rec)))
	}
	doc := document(t, b.get(t, "/editor/recommendations/follow-it/edit"))
	if got := doc.Find(`#f-follow_up-status option[selected]`).AttrOr("value", ""); got != "in-progress" {
		t.Errorf("the form's follow-up status = %q, want in-progress", got)
	}
	if get(t, h, "/recommendations/follow-it").status != http.StatusNotFound {
		t.Error("the draft recommendation is public")
	}
	b.post(t, "/editor/recommendations/follow-it/publish", url.Values{"published": {"true"}})
	r := get(t, h, "/recommendations/follow-it")
	if got := strings.Join(strings.Fields(r.doc.Find(`[data-testid="follow-up"]`).Text()), " "); r.status != http.StatusOK || !strings.HasPrefix(got, "in progress, as of ") {
		t.Errorf("GET the published recommendation = %d with follow-up %q; want it in progress", r.status, got)
	}
	if got := r.doc.Find(`[data-testid="follow-up"] a`).AttrOr("href", ""); got != "https://example.org/follow-up" {
		t.Errorf("the follow-up links its source at %q", got)
	}
	if r := get(t, h, "/documents/A-73-230/data.yaml"); !strings.Contains(r.body, "status: in-progress") {
		t.Error("the document's data file leaves out the follow-up")
	}
	// The data twins give it too, and the OpenAPI description says so.
	var twin struct {
		FollowUp *struct {
			Status    string `json:"status"`
			Date      string `json:"date"`
			SourceURL string `json:"source_url"`
		} `json:"follow_up"`
	}
	if r := get(t, h, "/recommendations/follow-it.json"); json.Unmarshal([]byte(r.body), &twin) != nil || twin.FollowUp == nil ||
		twin.FollowUp.Status != "in-progress" || twin.FollowUp.Date != "2024-05" || twin.FollowUp.SourceURL != "https://example.org/follow-up" {
		t.Errorf("the recommendation's JSON gives the follow-up %+v; want in-progress as of 2024-05, with its source", twin.FollowUp)
	}
	if r := get(t, h, "/recommendations/follow-it.csv"); !strings.Contains(r.body, ",in-progress,2024-05,https://example.org/follow-up") {
		t.Errorf("the recommendation's CSV leaves out the follow-up:\n%s", r.body)
	}
	if r := get(t, h, site.OpenAPIPath); !strings.Contains(r.body, `"follow_up"`) {
		t.Error("the OpenAPI description leaves out the recommendations' follow-up")
	}
	if rec := b.post(t, "/editor/recommendations/follow-it/delete", nil); rec.Code != http.StatusSeeOther || get(t, h, "/recommendations/follow-it").status != http.StatusNotFound {
		t.Errorf("POST delete = %d; want 303 and the recommendation gone", rec.Code)
	}
}

func TestEditQuote(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	b.login(t, editorEmail, password)
	form := url.Values{
		"document": {"A-73-230"}, "slug": {"new-words"}, "text": {"Words said."}, "speaker-name": {"A speaker"},
		"speaker-role": {""}, "speaker-organisation": {"ISHR"}, "speaker-body": {"ishr"}, "context": {""},
		"paragraph": {"x"}, "said_in": {""}, "lang": {""}, "source": {"ishr-sg-audit-hrds"},
	}
	rec := b.post(t, "/es/editor/quotes", form)
	if got := problems(document(t, rec)); rec.Code != http.StatusUnprocessableEntity || got["paragraph"] != i18n.Spanish.Messages.Edit.RuleNumber {
		t.Fatalf("POST a quote with paragraph x = %d, %q; want 422 in Spanish", rec.Code, got)
	}
	rec = b.post(t, "/editor/quotes", with(form, "paragraph", "43", "speaker-name", "", "said_in", "elsewhere"))
	if got := problems(document(t, rec)); got["speaker-name"] != en.RuleRequired || got["said_in"] == "" {
		t.Errorf("POST without a speaker, said elsewhere: problems %q", got)
	}
	if rec := b.post(t, "/editor/quotes", with(form, "paragraph", "43")); rec.Code != http.StatusSeeOther {
		t.Fatalf("POST a valid quote = %d: %q", rec.Code, problems(document(t, rec)))
	}
	if strings.Contains(get(t, h, "/quotes").body, "Words said.") {
		t.Error("the draft quote is on the public list")
	}
	b.post(t, "/editor/quotes/new-words/publish", url.Values{"published": {"true"}})
	if !strings.Contains(get(t, h, "/quotes").body, "Words said.") {
		t.Error("the published quote is not on the public list")
	}
	rec = b.post(t, "/editor/quotes/new-words/edit", with(form, "paragraph", "43", "text", "Other words."))
	if rec.Code != http.StatusSeeOther || !strings.Contains(get(t, h, "/quotes").body, "Other words.") {
		t.Errorf("POST the quote's update = %d; want 303 and the new words public", rec.Code)
	}
	if rec := b.post(t, "/editor/quotes/new-words/delete", nil); rec.Code != http.StatusSeeOther || strings.Contains(get(t, h, "/quotes").body, "Other words.") {
		t.Errorf("POST delete = %d; want 303 and the quote gone", rec.Code)
	}
}
