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
