package server_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

const (
	// The advance the tests hold back as a draft, cited by paragraph 43 and taken from the
	// ISHR news item; every search for "model law" finds it.
	draft = "model-national-law"
)

// newEditor adds the editor Grace Hopper to s, without a password to sign in with, and
// returns her user id.
func newEditor(t *testing.T, s *store.Store) int64 {
	t.Helper()
	u, err := s.CreateUser(t.Context(), store.NewUser{
		Email: "grace@example.org", Name: "Grace Hopper", Role: store.RoleEditor,
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
	})
	if err != nil {
		t.Fatalf("CreateUser = %v", err)
	}
	return u.ID
}

// publicSurfaces are every public address that shows the draft advance when it is published:
// lists, the item, its twins and History, feeds, counts, search, the document's data, a
// paragraph, a body, the source, and the Recent changes with their twins.
var publicSurfaces = []string{
	"/advances", "/advances.json", "/advances.csv", "/advances.atom", "/fr/advances.atom",
	"/advances?body=ishr", "/advances/" + draft, "/advances/" + draft + ".json", "/advances/" + draft + ".csv",
	"/advances/" + draft + "/history",
	"/documents/A-73-230", "/documents/A-73-230/data.yaml",
	"/documents/A-73-230/paragraphs/43", "/bodies/ishr", "/sources/ishr-sg-audit-hrds",
	"/search?q=model+law", "/search.json?q=model+law", "/search.csv?q=model+law",
	"/changes", "/changes.json", "/changes.atom", "/es/changes",
}

func TestDraftIsNowherePublic(t *testing.T) {
	t.Parallel()
	h, s := seeded(t)
	ctx := t.Context()
	editor := newEditor(t, s)
	for _, p := range publicSurfaces {
		if r := get(t, h, p); r.status != http.StatusOK || !strings.Contains(r.body, draft) {
			t.Fatalf("GET %s = %d; want the published advance %s on it", p, r.status, draft)
		}
	}
	home := get(t, h, "/").doc.Find(`[data-testid="advance-count"]`).Text()
	documentAdvances := func() (n int) {
		var doc struct{ Advances int }
		if err := json.Unmarshal([]byte(get(t, h, "/documents/A-73-230/data.json").body), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Advances
	}
	held := documentAdvances()

	if err := s.SetPublished(ctx, editor, store.AdvanceItem, draft, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range publicSurfaces {
		r := get(t, h, p)
		if strings.Contains(r.body, draft) {
			t.Errorf("GET %s = %d, showing the draft %s", p, r.status, draft)
		}
		if strings.HasPrefix(p, "/advances/") && r.status != http.StatusNotFound {
			t.Errorf("GET %s of a draft = %d, want 404 as for a missing advance", p, r.status)
		}
	}
	if got := get(t, h, "/").doc.Find(`[data-testid="advance-count"]`).Text(); got == home {
		t.Errorf("the front page counts %q advances with one of them a draft, as many as before", got)
	}
	if got := documentAdvances(); got != held-1 {
		t.Errorf("A/73/230's data.json counts %d advances with one a draft, want %d", got, held-1)
	}

	if err := s.SetPublished(ctx, editor, store.AdvanceItem, draft, true); err != nil {
		t.Fatal(err)
	}
	for _, p := range publicSurfaces {
		if r := get(t, h, p); r.status != http.StatusOK || !strings.Contains(r.body, draft) {
			t.Errorf("GET %s = %d once published again; want the advance on it", p, r.status)
		}
	}
	// Publishing is the newest public change; withdrawing it was the editor's affair.
	first := get(t, h, "/changes").doc.Find(`[data-testid="change"]`).First()
	if got := first.Find(`[data-testid="change-summary"]`).Text(); got != "Published by Grace Hopper" {
		t.Errorf("the newest of the recent changes says %q, want %q", got, "Published by Grace Hopper")
	}
	if got := first.Find(`[data-testid="change-item"]`).AttrOr("href", ""); got != "/advances/"+draft {
		t.Errorf("the newest of the recent changes links to %q, want the advance", got)
	}
	var doc struct{ Changes []struct{ By, Editor string } }
	if err := json.Unmarshal([]byte(get(t, h, "/changes.json").body), &doc); err != nil {
		t.Fatal(err)
	}
	if c := doc.Changes[0]; c.By != "editor" || c.Editor != "Grace Hopper" {
		t.Errorf("/changes.json's newest change is by %q, %q; want the editor, Grace Hopper", c.By, c.Editor)
	}
	if body := get(t, h, "/changes").body; strings.Contains(body, "grace@example.org") {
		t.Error("the recent changes show the editor's e-mail address")
	}
	if strings.Contains(get(t, h, "/changes").body, "Withdrawn") {
		t.Error("the recent changes show the withdrawal; it made a draft, which is for editors only")
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(get(t, h, "/fr/changes.atom").body), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) == 0 || !strings.HasPrefix(feed.Entries[0].Title, "Publication par Grace Hopper") ||
		!strings.HasSuffix(feed.Entries[0].Link.Href, "/fr/advances/"+draft) {
		t.Errorf("the French feed's first entry = %+v; want the publication, linking to the French page", feed.Entries[:min(1, len(feed.Entries))])
	}
}

func TestHistory(t *testing.T) {
	t.Parallel()
	h, s := seeded(t)
	ctx := t.Context()
	editor := newEditor(t, s)
	set, err := s.Export(ctx, "A-73-230")
	if err != nil {
		t.Fatal(err)
	}
	var in store.AdvanceInput
	for _, a := range set.Advances {
		if a.Slug == draft {
			in = a
		}
	}
	old := in.Title
	in.Title = `A <script>alert("model")</script> law`
	if err := s.UpdateAdvance(ctx, editor, draft, in); err != nil {
		t.Fatal(err)
	}

	page := get(t, h, "/advances/"+draft)
	if got := page.doc.Find(`[data-testid="history-link"]`).AttrOr("href", ""); got != "/advances/"+draft+"/history" {
		t.Errorf("the advance's page links to its History at %q", got)
	}
	if got := get(t, h, "/fr/advances/"+draft).doc.Find(`[data-testid="history-link"]`).AttrOr("href", ""); got != "/fr/advances/"+draft+"/history" {
		t.Errorf("the French advance's page links to its History at %q", got)
	}
	r := get(t, h, "/advances/"+draft+"/history")
	if r.status != http.StatusOK {
		t.Fatalf("GET History = %d", r.status)
	}
	if strings.Contains(r.body, "<script>alert") {
		t.Error("History shows the title's <script> as markup, not text")
	}
	changes := r.doc.Find(`[data-testid="change"]`)
	if changes.Length() != 2 {
		t.Fatalf("History lists %d changes, want the editor's update and the import's create", changes.Length())
	}
	summaries := texts(changes.Find(`[data-testid="change-summary"]`))
	if summaries[0] != "Changed by Grace Hopper" || summaries[1] != "Added by the import" {
		t.Errorf("History's changes = %q, want the update by Grace Hopper, then the import's create", summaries)
	}
	fields := texts(changes.First().Find(`[data-testid="change-field"]`))
	want := `before: ` + old + ` after: A <script>alert("model")</script> law`
	if len(fields) != 1 || fields[0] != want {
		t.Errorf("the update's fields = %q, want [%q]", fields, want)
	}

	for _, p := range []string{"/documents/A-73-230/history", "/recommendations/system-wide-approach-to-civic-space/history",
		"/bodies/ishr/history", "/documents/ishr-sg-audit-hrds/history", "/ar/bodies/treaty-bodies/history"} {
		if r := get(t, h, p); r.status != http.StatusOK || r.doc.Find(`[data-testid="change"]`).Length() == 0 {
			t.Errorf("GET %s = %d with %d changes; want the import's", p, r.status, r.doc.Find(`[data-testid="change"]`).Length())
		}
	}
	// A document's History holds its paragraphs' changes.
	if got := get(t, h, "/documents/A-73-230/history").doc.Find(`a[href="/documents/A-73-230/paragraphs/43"]`).Length(); got != 1 {
		t.Errorf("A/73/230's History links paragraph 43 %d times, want once, for its creation", got)
	}
	for _, p := range []string{"/advances/no-such/history", "/bodies/no-such/history", "/documents/no-such/history"} {
		if r := get(t, h, p); r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, r.status)
		}
	}
	// The lists of changes page by cursor: a page number names no page of them.
	for _, p := range []string{"/changes?page=x", "/changes?page=0", "/changes?colour=red", "/advances/" + draft + "/history?sort=date",
		"/changes.json?page=-1", "/changes?page=99", "/advances/" + draft + "/history?page=9", "/changes?after=xyz",
		"/bodies/ishr/history?after=" + store.Cursor{Sort: store.SortDocument, Document: "A-1", Position: 1, ID: 1}.String()} {
		if r := get(t, h, p); r.status != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 400", p, r.status)
		}
	}
}

func TestRecentChanges(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/")
	if got := r.doc.Find(`footer [data-testid="changes-link"]`).AttrOr("href", ""); got != "/changes" {
		t.Errorf("the footer links to the recent changes at %q", got)
	}
	var doc struct {
		Total   int
		More    bool
		Next    string
		Changes []struct {
			ID         int64
			Action, By string
			ItemType   string `json:"item_type"`
			URL        string
			After      map[string]any
		}
	}
	twin := get(t, h, "/changes.json")
	if err := json.Unmarshal([]byte(twin.body), &doc); err != nil {
		t.Fatal(err)
	}
	// The data set's 14 bodies, 2 documents, 11 paragraphs, 11 advances, 2 recommendations and 6 quotes.
	if doc.Total != 46 || doc.More || len(doc.Changes) != 20 || !strings.HasPrefix(doc.Next, "http://example.com/changes.json?after=") ||
		twin.header.Get("Link") != "<"+doc.Next+`>; rel="next"` {
		t.Errorf("/changes.json = %d changes of %d, next %q (Link %q); want 20 of 46 and the next page's address",
			len(doc.Changes), doc.Total, doc.Next, twin.header.Get("Link"))
	}
	for _, c := range doc.Changes {
		if c.Action != "create" || c.By != "import" || c.ItemType == "" || c.URL == "" || len(c.After) == 0 {
			t.Errorf("/changes.json holds %+v; want the import's creates, each with its page and fields", c)
		}
	}
	// The pages, each change once, the twin's first page first; the last links back to the first.
	pages := walk(t, h, "/fr/changes", `[data-testid="change"]`, "id")
	if got := lengths(pages); !slices.Equal(got, []int{20, 20, 6}) {
		t.Fatalf("walking /fr/changes: pages of %v changes, want [20 20 6]", got)
	}
	all := slices.Concat(pages...)
	if len(slices.Compact(slices.Sorted(slices.Values(all)))) != 46 {
		t.Errorf("walking /fr/changes shows %d different changes, want 46", len(all))
	}
	for i, c := range doc.Changes {
		if want := "change-" + strconv.FormatInt(c.ID, 10); all[i] != want {
			t.Errorf("change %d on the page is %q, on the twin %q", i, all[i], want)
		}
	}
	next := strings.TrimPrefix(doc.Next, "http://example.com")
	if r := get(t, h, next); r.status != http.StatusOK || !strings.Contains(r.body, `"id": `) {
		t.Errorf("GET %s = %d, want the twin's second page", next, r.status)
	}
	second := get(t, h, "/changes?after="+strings.TrimPrefix(next, "/changes.json?after="))
	if got := second.doc.Find(`a[rel="first"]`).AttrOr("href", ""); got != "/changes" {
		t.Errorf("the second page links its first at %q", got)
	}
	// The addresses of the pages by number: the first moves, the others say where to start.
	if r := get(t, h, "/changes?page=1"); r.status != http.StatusMovedPermanently || r.header.Get("Location") != "/changes" {
		t.Errorf("GET /changes?page=1 = %d to %q, want 301 to /changes", r.status, r.header.Get("Location"))
	}
	if r := get(t, h, "/fr/changes?page=3"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "/fr/changes") {
		t.Errorf("GET /fr/changes?page=3 = %d, want 400 naming the first page", r.status)
	}
}
