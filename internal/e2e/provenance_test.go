package e2e

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// The readers' issue on provenance, item by item, in every language.

// Every "unconfirmed" says why, on every page that shows one: the document, its paragraphs'
// advances, an advance with an inferred body and fact.
func TestUnconfirmedSaysWhy(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		for _, path := range []string{"/documents", "/documents/A-73-230", "/advances", "/advances/defender-networks", "/advances/special-procedures-reprisals-policy"} {
			tb.open(t, l.Prefix()+path, http.StatusOK)
			got := eval[struct{ Marks, Bare int }](t, tb, `({
				marks: document.querySelectorAll('[data-testid="unconfirmed"], [data-testid="title-unconfirmed"]').length,
				bare: [...document.querySelectorAll('[data-testid="unconfirmed"], [data-testid="title-unconfirmed"]')]
					.filter(e => !(e.querySelector('[data-testid="why"]')?.textContent.trim())).length})`)
			if got.Marks == 0 {
				t.Errorf("%s%s: no unconfirmed value shown, want some", l.Prefix(), path)
			}
			if got.Bare > 0 {
				t.Errorf("%s%s: %d of %d unconfirmed marks give no reason", l.Prefix(), path, got.Bare, got.Marks)
			}
		}
		// The document's reasons are translated into French and Spanish; Arabic shows them
		// in English, marked as such.
		tb.open(t, l.Prefix()+"/documents/A-73-230", http.StatusOK)
		why := eval[struct{ Lang, Text string }](t, tb, `(() => { const w = document.querySelector('[data-testid="title-unconfirmed"] [data-testid="why"]');
			return {lang: w.querySelector('[lang]')?.lang ?? '', text: w.textContent} })()`)
		if !strings.Contains(why.Text, "72/247") {
			t.Errorf("%s: the title's reason is %q, want it to name resolution 72/247", l.Code, why.Text)
		}
		if wantLang := map[string]string{"ar": "en"}[l.Code]; why.Lang != wantLang {
			t.Errorf("%s: the title's reason is marked lang %q, want %q", l.Code, why.Lang, wantLang)
		}
	}
}

// Every fact, confirmed or not, links to its source: its own page, or its advance's source.
func TestEveryFactHasASource(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	tb.open(t, "/advances", http.StatusOK)
	slugs := eval[[]string](t, tb, `[...document.querySelectorAll('[data-testid="advance"] h2 a')].map(a => a.pathname.split('/').pop())`)
	if len(slugs) != 11 {
		t.Fatalf("the advances list links %d advances, want 11", len(slugs))
	}
	for _, l := range i18n.Langs {
		facts := 0
		for _, slug := range slugs {
			tb.open(t, l.Prefix()+"/advances/"+slug, http.StatusOK)
			got := eval[struct{ Facts, Linked int }](t, tb, `({
				facts: document.querySelectorAll('[data-testid="fact"]').length,
				linked: [...document.querySelectorAll('[data-testid="fact"]')].filter(f => f.querySelector('a[data-testid="fact-source"][href]')).length})`)
			if got.Linked != got.Facts {
				t.Errorf("%s/advances/%s: %d of %d facts link to a source", l.Prefix(), slug, got.Linked, got.Facts)
			}
			facts += got.Facts
		}
		if facts < 15 {
			t.Errorf("%s: the advances show %d facts in all, want the data set's", l.Code, facts)
		}
	}
}

// An undated advance does not claim a confirmed date in the data twins.
func TestUndatedAdvancesClaimNoConfirmedDate(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/advances", http.StatusOK)
		got := eval[struct {
			Undated, ClaimedJSON int
			WhyJSON, CSV         string
		}](t, tb, `(async () => {
			const json = await (await fetch(`+jsString(l.Prefix()+"/advances.json")+`)).json();
			const undated = json.advances.filter(a => !a.date);
			return {undated: undated.length,
				claimedJSON: undated.filter(a => 'date_confirmed' in a).length,
				whyJSON: json.advances.find(a => a.slug === 'national-laws-burkina-faso-cote-d-ivoire').date_why ?? '',
				csv: await (await fetch(`+jsString(l.Prefix()+"/advances.csv")+`)).text()};
		})()`, chromedp.EvalAwaitPromise)
		rows, err := csv.NewReader(strings.NewReader(got.CSV)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: the CSV twin reads as %d rows, %v", l.Code, len(rows), err)
		}
		date, confirmed := slices.Index(rows[0], "date"), slices.Index(rows[0], "date_confirmed")
		undatedCSV, claimedCSV := 0, 0
		for _, r := range rows[1:] {
			if r[date] == "" {
				undatedCSV++
				if r[confirmed] != "" {
					claimedCSV++
				}
			}
		}
		if undatedCSV != 3 || claimedCSV > 0 {
			t.Errorf("%s: the CSV twin has %d undated advances, %d of them with a date_confirmed; want 3, none", l.Code, undatedCSV, claimedCSV)
		}
		if got.Undated != 3 {
			t.Errorf("%s: the JSON twin has %d undated advances, want 3", l.Code, got.Undated)
		}
		if got.ClaimedJSON > 0 {
			t.Errorf("%s: %d undated advances claim date_confirmed in the JSON twin, want none", l.Code, got.ClaimedJSON)
		}
		if !strings.Contains(got.WhyJSON, "2014") || !strings.Contains(got.WhyJSON, "2017") {
			t.Errorf("%s: the JSON twin gives the national laws' date_why %q, want both years", l.Code, got.WhyJSON)
		}
	}
}

// The national laws' page says, where the date would be, why one date cannot stand for two laws.
func TestNationalLawsSayWhyNoDate(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/advances/national-laws-burkina-faso-cote-d-ivoire", http.StatusOK)
		got := eval[struct{ Text, Lang string }](t, tb, `(() => { const n = document.querySelector('[data-testid="advance-page"] dd [data-testid="no-date"]');
			return n ? {text: n.textContent, lang: n.querySelector('[data-testid="why"] [lang]')?.lang ?? ''} : {text: '', lang: ''} })()`)
		for _, want := range []string{"2014", "2017"} {
			if !strings.Contains(got.Text, want) {
				t.Errorf("%s: the date reads %q, want a reason naming %s", l.Code, got.Text, want)
			}
		}
		if wantLang := map[string]string{"ar": "en"}[l.Code]; got.Lang != wantLang {
			t.Errorf("%s: the reason is marked lang %q, want %q", l.Code, got.Lang, wantLang)
		}
	}
}

// The news item is a source, not a UN document: it has its own page, which lists everything
// it is the source of, and its old document address leads there.
func TestSourcePage(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/documents", http.StatusOK)
		if n := eval[int](t, tb, `document.querySelectorAll('[data-testid="documents"] > li').length`); n != 1 {
			t.Errorf("%s: the documents list shows %d documents, want A/73/230 alone", l.Code, n)
		}
		tb.open(t, l.Prefix()+"/documents/ishr-sg-audit-hrds", http.StatusOK)
		if got, want := tb.location(t), l.Prefix()+"/sources/ishr-sg-audit-hrds"; got != want {
			t.Errorf("%s: the news item's document address lands on %q, want %q", l.Code, got, want)
		}
		got := eval[struct{ Advances, Recs, Quotes int }](t, tb, `({
			advances: document.querySelectorAll('[data-testid="source-advances"] a[href*="/advances/"]').length,
			recs: document.querySelectorAll('[data-testid="source-recommendations"] a[href*="/recommendations/"]').length,
			quotes: document.querySelectorAll('[data-testid="source-quotes"] a[href*="/quotes?document="][href*="#quote-"]').length})`)
		if got.Advances != 11 || got.Recs != 2 || got.Quotes != 6 {
			t.Errorf("%s: the source page links %+v, want 11 advances, 2 recommendations, 6 quotes", l.Code, got)
		}
		tb.open(t, l.Prefix()+"/sources", http.StatusOK)
		tb.follow(t, `[data-testid="sources"] h2 a`)
		if got, want := tb.location(t), l.Prefix()+"/sources/ishr-sg-audit-hrds"; got != want {
			t.Errorf("%s: the sources list leads to %q, want %q", l.Code, got, want)
		}
	}
}

// A quote's place is where it was said: the report for the Secretary-General's words, the news
// item for Phil Lynch's, which are about the report rather than in it.
func TestQuotesSayWhereTheyWereSaid(t *testing.T) {
	t.Parallel()
	srv := startApp(t)
	tb := openTab(t, startBrowser(t), srv.URL)
	for _, l := range i18n.Langs {
		tb.open(t, l.Prefix()+"/quotes", http.StatusOK)
		got := eval[[]struct{ Speaker, First, Text string }](t, tb, `[...document.querySelectorAll('[data-testid="quote"]')].map(q => ({
			speaker: q.querySelector('[data-testid="speaker"]').textContent.trim(),
			first: new URL(q.querySelector('[data-testid="quote-place"] a').href).pathname,
			text: q.querySelector('[data-testid="quote-place"]').textContent}))`)
		if len(got) != 6 {
			t.Fatalf("%s: %d quotes, want 6", l.Code, len(got))
		}
		for _, q := range got {
			want := l.Prefix() + "/documents/A-73-230"
			if strings.HasPrefix(q.Speaker, "Phil Lynch") {
				want = l.Prefix() + "/sources/ishr-sg-audit-hrds"
				about := strings.TrimSuffix(l.Messages.SaidAbout, "%s")
				if !strings.Contains(q.Text, about+"A/73/230") {
					t.Errorf("%s: %s's quote reads %q, want it said about A/73/230", l.Code, q.Speaker, q.Text)
				}
			}
			if q.First != want {
				t.Errorf("%s: %s's quote is placed at %s, want %s", l.Code, q.Speaker, q.First, want)
			}
		}
	}
}
