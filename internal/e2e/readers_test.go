package e2e

import (
	"net/http"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// "Read it in the official document" opens the UN's text in the reader's language.
func TestOfficialTextInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/documents/A-73-230", http.StatusOK)
		got := eval[string](t, tb, `document.querySelector('#para-14 [data-testid="missing-text"] a, dd a.url').href`)
		want := "https://undocs.org/" + l.Code + "/A/73/230"
		if l == i18n.English {
			want = "https://undocs.org/A/73/230"
		}
		if got != want {
			t.Errorf("%s: the official text is at %q, want %q", l.Code, got, want)
		}
	}
}

// From a filtered list, in every language, a reader reaches a page that explains feeds in
// their language and gives the address of the feed of that very filter, to copy.
func TestFollowFromAList(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/advances?body=cescr", http.StatusOK)
		tb.follow(t, `a[data-testid="follow"]`)
		if got, want := tb.location(t), l.Prefix()+"/follow?body=cescr"; got != want {
			t.Fatalf("%s: following lands on %q, want %q", l.Code, got, want)
		}
		got := eval[struct{ Lede, Feed string }](t, tb, `({lede: document.querySelector('.lede').textContent, feed: document.querySelector('[data-testid="feed"] input').value})`)
		if got.Lede != l.Messages.FollowLede {
			t.Errorf("%s: the Follow page explains %q, want the catalog's explanation", l.Code, got.Lede)
		}
		if want := srv.URL + l.Prefix() + "/advances.atom?body=cescr"; got.Feed != want {
			t.Errorf("%s: the feed to copy is %q, want %q", l.Code, got.Feed, want)
		}
	}
}
