package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// In French, Spanish and Arabic, a body's name, a paragraph's topic and a fact read in the
// page's language where the data set translates them, each within an element of that language;
// what it leaves in English is marked as English and as not yet translated.
func TestNamesInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	name, data := dataset.Seed()
	set, err := dataset.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs[1:] {
		for _, b := range set.Bodies {
			want, ok := b.Translations[l.Code]
			if !ok || b.Slug != "cescr" && b.Slug != "ohchr" {
				continue
			}
			tb.open(t, l.Prefix()+"/bodies/"+b.Slug, http.StatusOK)
			if got := eval[string](t, tb, `document.querySelector('h1').textContent`); !strings.Contains(got, want.Name) {
				t.Errorf("%s: body %s is headed %q, want its name %q", l.Code, b.Slug, got, want.Name)
			}
		}
		tb.open(t, l.Prefix()+"/documents/A-73-230", http.StatusOK)
		for _, p := range set.Paragraphs {
			want, ok := p.Topics[l.Code]
			if !ok {
				continue
			}
			got := eval[struct{ Text, Lang string }](t, tb, `(() => {
				const s = document.querySelector('#para-`+strconv.Itoa(p.Number)+` p strong').parentElement;
				return {text: s.textContent, lang: (s.closest('[lang]') || document.documentElement).getAttribute('lang')};
			})()`)
			if !strings.Contains(got.Text, want) || got.Lang != l.Code {
				t.Errorf("%s: paragraph %d is about %q in lang %q, want %q in %s", l.Code, p.Number, got.Text, got.Lang, want, l.Code)
			}
		}
		for _, a := range set.Advances {
			if len(a.Facts) == 0 {
				continue
			}
			tb.open(t, l.Prefix()+"/advances/"+a.Slug, http.StatusOK)
			facts := eval[[]struct{ Text, Lang, Note string }](t, tb, `[...document.querySelectorAll('[data-testid="fact"]')].map(li => {
				const marked = li.querySelector('[lang]:not([lang="`+l.Code+`"])');
				return {text: li.textContent, lang: marked ? marked.getAttribute('lang') : '`+l.Code+`', note: li.querySelector('[data-testid="untranslated"]') ? 'yes' : ''};
			})`)
			for i, f := range a.Facts {
				if i >= len(facts) {
					t.Fatalf("%s: %s shows %d facts, want %d", l.Code, a.Slug, len(facts), len(a.Facts))
				}
				if want, ok := f.Texts[l.Code]; ok {
					if !strings.Contains(facts[i].Text, want) {
						t.Errorf("%s: %s's fact %d reads %q, want %q", l.Code, a.Slug, i, facts[i].Text, want)
					}
				} else if facts[i].Lang != set.Lang || facts[i].Note == "" {
					t.Errorf("%s: %s's fact %d is untranslated but marked lang %q, note %q", l.Code, a.Slug, i, facts[i].Lang, facts[i].Note)
				}
			}
			break
		}
	}
}
