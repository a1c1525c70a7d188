package server_test

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A list's JSON twin holds what its page lists, in the same order: the twin of a filter state
// is the page's data, not a similar query.
func TestTwinsMatchPages(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		page, twin, items, field string
	}{
		{"/advances?body=treaty-bodies&sort=date", "/advances.json?body=treaty-bodies&sort=date", `[data-testid="advance"]`, "advances"},
		{"/fr/advances?document=A-73-230", "/fr/advances.json?document=A-73-230", `[data-testid="advance"]`, "advances"},
		{"/recommendations", "/recommendations.json", `[data-testid="recommendation"]`, "recommendations"},
		{"/es/quotes", "/es/quotes.json", `[data-testid="quote"]`, "quotes"},
		{"/fr/quotes?speaker=Phil+Lynch", "/fr/quotes.json?speaker=Phil+Lynch", `[data-testid="quote"]`, "quotes"},
		{"/quotes?organisation=United+Nations", "/quotes.json?organisation=United+Nations", `[data-testid="quote"]`, "quotes"},
		{"/bodies", "/bodies.json", `[data-testid="body"]`, "bodies"},
		{"/search?q=reprisals", "/search.json?q=reprisals", `[data-testid="hit"]`, "results"},
		{"/fr/search?q=représailles&kind=advance", "/fr/search.json?q=représailles&kind=advance", `[data-testid="hit"]`, "results"},
	} {
		page := get(t, h, tc.page)
		var onPage []string
		page.doc.Find(tc.items).Each(func(_ int, item *goquery.Selection) {
			if id, ok := item.Attr("id"); ok {
				onPage = append(onPage, "#"+id)
				return
			}
			onPage = append(onPage, item.Find("a[href]").First().AttrOr("href", ""))
		})
		var twin map[string]json.RawMessage
		if err := json.Unmarshal([]byte(get(t, h, tc.twin).body), &twin); err != nil {
			t.Fatalf("GET %s: %v", tc.twin, err)
		}
		var rows []struct{ URL string }
		if err := json.Unmarshal(twin[tc.field], &rows); err != nil {
			t.Fatalf("GET %s: %s: %v", tc.twin, tc.field, err)
		}
		var inTwin []string
		for _, r := range rows {
			u, err := url.Parse(r.URL)
			if err != nil || u.Host != "example.com" {
				t.Errorf("GET %s: url %q is not this site's", tc.twin, r.URL)
			}
			if u.Fragment != "" && strings.HasPrefix(onPage[0], "#") {
				inTwin = append(inTwin, "#"+u.Fragment)
				continue
			}
			inTwin = append(inTwin, u.RequestURI())
		}
		if len(onPage) == 0 || !slices.Equal(onPage, inTwin) {
			t.Errorf("GET %s lists %q\nbut %s gives %q", tc.page, onPage, tc.twin, inTwin)
		}
	}
}
