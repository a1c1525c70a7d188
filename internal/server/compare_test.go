package server_test

import (
	"encoding/json"
	"net/http"

	"github.com/PuerkitoBio/goquery"
	"slices"
	"strings"
	"testing"
)

// Several bodies compare them: the list holds the advances of either, each once; every body
// is a chip of its own; the twins and the feed take the same bodies.
func TestCompareBodies(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	tb := advanceSlugs(get(t, h, "/advances?body=treaty-bodies").doc)
	sp := advanceSlugs(get(t, h, "/advances?body=special-procedures").doc)
	both := get(t, h, "/advances?body=treaty-bodies&body=special-procedures")
	got := advanceSlugs(both.doc)
	want := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(tb), sp...))))
	if sorted := slices.Sorted(slices.Values(got)); !slices.Equal(sorted, want) || len(got) != len(want) {
		t.Errorf("treaty bodies and special procedures list %q, want each of %q once", got, want)
	}
	shared := "joint-statement-on-defenders"
	if !slices.Contains(tb, shared) || !slices.Contains(sp, shared) {
		t.Errorf("the joint statement is missing from a list: treaty bodies %q, special procedures %q", tb, sp)
	}
	// A shared advance says in each group's list that the other group shares it.
	for _, list := range []string{"/advances?body=treaty-bodies", "/advances?body=special-procedures", "/fr/advances?body=special-procedures"} {
		var tags []string
		get(t, h, list).doc.Find(`[data-testid="advance"]`).Each(func(_ int, card *goquery.Selection) {
			if strings.HasSuffix(card.Find("h2 a").AttrOr("href", ""), "/advances/"+shared) {
				card.Find(`[data-testid="bodies"] a`).Each(func(_ int, a *goquery.Selection) { tags = append(tags, a.AttrOr("href", "")) })
			}
		})
		if len(tags) != 2 {
			t.Errorf("GET %s: the joint statement names bodies %q, want both of its bodies", list, tags)
		}
	}
	chips := both.doc.Find(`[data-testid="active-filters"] a`)
	var removals []string
	chips.Each(func(_ int, a *goquery.Selection) { removals = append(removals, a.AttrOr("href", "")) })
	for _, want := range []string{"/advances?body=special-procedures", "/advances?body=treaty-bodies"} {
		if !slices.Contains(removals, want) {
			t.Errorf("the chips remove to %q, want one leading to %q", removals, want)
		}
	}
	var twin struct{ Advances []struct{ Slug string } }
	if err := json.Unmarshal([]byte(get(t, h, "/advances.json?body=treaty-bodies&body=special-procedures").body), &twin); err != nil {
		t.Fatal(err)
	}
	if len(twin.Advances) != len(want) {
		t.Errorf("the JSON twin of both bodies has %d advances, want %d", len(twin.Advances), len(want))
	}
	feed := get(t, h, "/advances.atom?body=treaty-bodies&body=special-procedures").body
	title, _, _ := strings.Cut(feed[strings.Index(feed, "<title>")+len("<title>"):], "</title>")
	if strings.Count(feed, "<entry") != len(want) || !strings.Contains(title, bodyLabel(t, h, "treaty-bodies")+", "+bodyLabel(t, h, "special-procedures")) {
		t.Errorf("the feed of both bodies has %d entries and the title %q; want %d, and a title naming both", strings.Count(feed, "<entry"), title, len(want))
	}
	if csv := get(t, h, "/advances.csv?body=treaty-bodies&body=special-procedures"); csv.header.Get("Content-Disposition") != `attachment; filename="advances-treaty-bodies-special-procedures.csv"` {
		t.Errorf("the CSV twin of both bodies is named %q", csv.header.Get("Content-Disposition"))
	}
	if r := get(t, h, "/advances?body=treaty-bodies&body=nobody"); r.status != 400 {
		t.Errorf("a second, unknown body answers %d, want 400", r.status)
	}
}

// bodyLabel is the name a body goes by on its page's heading.
func bodyLabel(t *testing.T, h http.Handler, slug string) string {
	t.Helper()
	var b struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
	}
	if err := json.Unmarshal([]byte(get(t, h, "/bodies/"+slug+".json").body), &b); err != nil {
		t.Fatal(err)
	}
	if b.ShortName != "" {
		return b.ShortName
	}
	return b.Name
}
