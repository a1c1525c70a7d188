package server_test

import (
	"encoding/xml"

	"github.com/PuerkitoBio/goquery"
	"net/http"
	"strings"
	"testing"
)

// A feed's title names its filters and language, so a reader following several tells them apart.
func TestFeedTitles(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct{ path, want string }{
		{"/advances.atom", "Advances on human rights defenders (English)"},
		{"/advances.atom?body=cescr", "Advances on human rights defenders: CESCR (English)"},
		{"/fr/advances.atom?body=cescr&document=A-73-230", "Avancées pour les défenseurs des droits humains\u00a0: CESCR, A/73/230 (Français)"},
		{"/advances.atom?lang=es", "Avances para los defensores de derechos humanos (Español)"},
		{"/recommendations.atom?body=ohchr", "Recommendations on human rights defenders: OHCHR (English)"},
		{"/fr/quotes.atom?speaker=Phil+Lynch", "Propos sur les défenseurs des droits humains\u00a0: Phil Lynch (Français)"},
		{"/quotes.atom?organisation=United+Nations&lang=ar", "الاقتباسات المتعلقة بالمدافعين عن حقوق الإنسان: United Nations (العربية)"},
	} {
		r := get(t, h, tc.path)
		var feed struct {
			Title string `xml:"title"`
		}
		if err := xml.Unmarshal([]byte(r.body), &feed); err != nil {
			t.Fatalf("GET %s: %v", tc.path, err)
		}
		if feed.Title != tc.want {
			t.Errorf("GET %s: title %q, want %q", tc.path, feed.Title, tc.want)
		}
	}
}

// The Follow page explains feeds and lists those of the filters it is given, at full addresses.
func TestFollowPage(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/fr/follow?body=cescr")
	if r.status != http.StatusOK {
		t.Fatalf("GET /fr/follow?body=cescr = %d", r.status)
	}
	var urls []string
	r.doc.Find(`[data-testid="feed"] input`).Each(func(_ int, s *goquery.Selection) { urls = append(urls, s.AttrOr("value", "")) })
	if len(urls) != 4 || !strings.HasSuffix(urls[0], "/fr/advances.atom?body=cescr") || !strings.HasSuffix(urls[1], "/fr/advances.atom") ||
		!strings.HasSuffix(urls[2], "/fr/recommendations.atom") || !strings.HasSuffix(urls[3], "/fr/quotes.atom") {
		t.Errorf("the Follow page lists feeds %q, want the CESCR feed, all advances, the recommendations and the quotes, in French", urls)
	}
	if got := texts(r.doc.Find(`[data-testid="feed"] h3`)); len(got) == 0 || !strings.Contains(got[0], "CESCR") {
		t.Errorf("the Follow page names its feeds %q, want the first to name CESCR", got)
	}
	for _, path := range []string{"/", "/advances?body=cescr", "/recommendations", "/quotes", "/documents", "/bodies"} {
		if get(t, h, path).doc.Find(`a[data-testid="follow"]`).Length() == 0 {
			t.Errorf("GET %s links to no Follow page", path)
		}
	}
	if r := get(t, h, "/follow?body=nobody"); r.status != http.StatusBadRequest {
		t.Errorf("GET /follow?body=nobody = %d, want 400", r.status)
	}
}
