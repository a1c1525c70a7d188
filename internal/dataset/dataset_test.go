package dataset_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// advanceSummary is what the seed must say of each advance.
type advanceSummary struct {
	Paragraphs []int
	Bodies     []string // slugs, with "?" after an unconfirmed one
	Event      string   // as written in the file
	Source     string
}

func summarize(a store.Advance) advanceSummary {
	s := advanceSummary{Paragraphs: a.Paragraphs, Source: a.Source.Slug}
	for _, b := range a.Bodies {
		if b.Confirmed {
			s.Bodies = append(s.Bodies, b.Slug)
		} else {
			s.Bodies = append(s.Bodies, b.Slug+"?")
		}
	}
	slices.Sort(s.Bodies)
	switch a.Event.Precision {
	case store.PrecisionYear:
		s.Event = a.Event.Time.Format("2006")
	case store.PrecisionMonth:
		s.Event = a.Event.Time.Format("2006-01")
	case store.PrecisionDay:
		s.Event = a.Event.Time.Format("2006-01-02")
	}
	return s
}

func TestSeed(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	set, err := dataset.Import(ctx, s, "seed", mustSeed(t))
	if err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}

	const news = "ishr-sg-audit-hrds"
	want := map[string]advanceSummary{
		"special-rapporteur-on-defenders":          {nil, []string{"sr-hrds"}, "2000", news},
		"cescr-statement-on-defenders":             {[]int{14}, []string{"cescr"}, "2016-10-07", news},
		"joint-statement-on-defenders":             {[]int{15}, []string{"sr-hrds", "treaty-bodies"}, "2018-05-30", news},
		"crc-discussion-on-child-defenders":        {[]int{16}, []string{"crc"}, "2018-09-28", news},
		"special-procedures-reprisals-policy":      {[]int{21}, []string{"special-procedures"}, "2015-06", news},
		"san-jose-guidelines":                      {[]int{22}, []string{"treaty-body-chairs"}, "2015-06", news},
		"resolutions-on-defenders":                 {nil, []string{"general-assembly", "human-rights-council"}, "", news},
		"senior-official-on-reprisals":             {[]int{24}, []string{"asg-human-rights", "un-secretary-general"}, "2016-10", news},
		"defender-networks":                        {[]int{32}, []string{"ohchr?"}, "", news},
		"model-national-law":                       {[]int{43}, []string{"ishr"}, "2016-06-21", news},
		"national-laws-burkina-faso-cote-d-ivoire": {[]int{39, 43}, []string{"burkina-faso", "cote-d-ivoire"}, "", news},
	}
	list, err := s.Advances(ctx, store.AdvanceFilter{Document: "A-73-230"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]advanceSummary{}
	for _, a := range list.Advances {
		got[a.Slug] = summarize(a)
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Advances(A-73-230) differ from the article (-want +got):\n%s", diff)
	}

	// The file keeps the article's order.
	wantOrder := []string{
		"special-rapporteur-on-defenders", "cescr-statement-on-defenders", "joint-statement-on-defenders",
		"crc-discussion-on-child-defenders", "special-procedures-reprisals-policy", "san-jose-guidelines",
		"resolutions-on-defenders", "senior-official-on-reprisals", "defender-networks",
		"model-national-law", "national-laws-burkina-faso-cote-d-ivoire",
	}
	var order []string
	for _, a := range set.Advances {
		order = append(order, a.Slug)
	}
	if diff := cmp.Diff(wantOrder, order); diff != "" {
		t.Errorf("seed advances out of the article's order (-want +got):\n%s", diff)
	}

	recs, err := s.Recommendations(ctx, store.ItemFilter{Document: "A-73-230"})
	if err != nil {
		t.Fatal(err)
	}
	gotRecs := map[string][]int{}
	for _, r := range recs {
		gotRecs[r.Slug] = r.Paragraphs
	}
	wantRecs := map[string][]int{"threats-as-early-warning": {64}, "system-wide-approach-to-civic-space": {66}}
	if diff := cmp.Diff(wantRecs, gotRecs); diff != "" {
		t.Errorf("Recommendations(A-73-230) paragraphs (-want +got):\n%s", diff)
	}

	quotes, err := s.Quotes(ctx, store.ItemFilter{Document: "A-73-230"})
	if err != nil {
		t.Fatal(err)
	}
	speakers := map[string]int{}
	for _, q := range quotes {
		speakers[q.SpeakerName]++
		if q.Paragraph != 0 || q.Source.Slug != news {
			t.Errorf("quote %q: paragraph %d, source %q; want no paragraph and source %q", q.Slug, q.Paragraph, q.Source.Slug, news)
		}
	}
	if diff := cmp.Diff(map[string]int{"UN Secretary-General": 2, "Phil Lynch": 4}, speakers); diff != "" {
		t.Errorf("quotes by speaker (-want +got):\n%s", diff)
	}
	// Every quote is the article's words, exactly: only line breaks and the shape of the
	// apostrophe may differ. The article lies in the shared folder; without it only this
	// subtest skips.
	t.Run("quotes are the article's words", func(t *testing.T) {
		article, err := os.ReadFile(testenv.Shared(t, "seed", "ishr-article.txt"))
		if err != nil {
			t.Fatal(err)
		}
		normal := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "’", "'")), " ") }
		for _, q := range quotes {
			if !strings.Contains(normal(string(article)), normal(q.Text)) {
				t.Errorf("quote %q is not the article's words: %q", q.Slug, q.Text)
			}
		}
	})

	doc, err := s.Document(ctx, "A-73-230", "en")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Symbol != "A/73/230" || doc.Kind != "report" || doc.AuthorSlug != "un-secretary-general" ||
		doc.TitleConfirmed || doc.IssuedConfirmed || doc.Issued.Precision != store.PrecisionYear ||
		doc.Issued.Time.Year() != 2018 || doc.URL != "https://undocs.org/A/73/230" {
		t.Errorf("Document(A-73-230) = %+v, want the SG's report of 2018, title and date unconfirmed", doc)
	}

	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := store.Counts{Documents: 1, Paragraphs: 11, Advances: 11, Recommendations: 2, Quotes: 6, Bodies: 14}
	if counts != wantCounts {
		t.Errorf("Counts() = %+v, want %+v", counts, wantCounts)
	}
}

func mustSeed(t *testing.T) []byte {
	t.Helper()
	name, data := dataset.Seed()
	if name == "" || len(data) == 0 {
		t.Fatalf("Seed() = %q, %d bytes; want the A/73/230 file", name, len(data))
	}
	return data
}

func TestParseDefaults(t *testing.T) {
	const src = `
document:
  symbol: E/C.12/2016/2
  title: A statement
  kind: statement
bodies:
  - {slug: cescr, kind: treaty-body, name: CESCR}
paragraphs:
  - number: 1
advances:
  - slug: an-advance
    title: An advance
    paragraphs: [1]
    bodies: [cescr]
    date: 2016-10
quotes:
  - slug: a-quote
    text: |
      Exact words.
    speaker: {name: Someone}
`
	got, err := dataset.Parse("defaults.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse(defaults.yaml) = %v", err)
	}
	want := store.ImportSet{
		Lang: "en",
		Document: store.DocumentInput{
			Slug: "E-C.12-2016-2", Symbol: "E/C.12/2016/2", Title: "A statement", Kind: "statement",
			TitleConfirmed: true, IssuedConfirmed: true,
		},
		Bodies:     []store.BodyInput{{Slug: "cescr", Kind: "treaty-body", Name: "CESCR"}},
		Paragraphs: []store.Paragraph{{Number: 1}},
		Advances: []store.AdvanceInput{{
			Slug:           "an-advance",
			Title:          "An advance",
			Source:         "E-C.12-2016-2",
			Event:          store.Date{Time: time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC), Precision: store.PrecisionMonth},
			EventConfirmed: true,
			Paragraphs:     []int{1},
			Bodies:         []store.BodyRef{{Slug: "cescr", Confirmed: true}},
		}},
		Quotes: []store.QuoteInput{{Slug: "a-quote", Text: "Exact words.", Source: "E-C.12-2016-2", SpeakerName: "Someone"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(defaults.yaml) mismatch (-want +got):\n%s", diff)
	}
}

func TestParseTranslations(t *testing.T) {
	t.Parallel()
	const src = `
lang: fr
document:
  symbol: A/1/1
  title: Un rapport
  kind: report
  translations:
    en: {title: A report}
bodies:
  - {slug: cdh, kind: charter-body, name: Conseil des droits de l’homme}
paragraphs:
  - number: 1
advances:
  - slug: une-avancee
    title: Une avancée
    summary: Ce qui s’est passé.
    paragraphs: [1]
    bodies: [cdh]
    translations:
      en: {title: An advance, summary: What happened.}
      es: {title: Un avance, summary: Lo que pasó.}
recommendations:
  - slug: une-recommandation
    title: Une recommandation
    text: Faire mieux.
    paragraphs: [1]
    translations:
      en: {title: A recommendation, text: Do better.}
quotes:
  - {slug: a-quote, text: Exact words., lang: en, speaker: {name: Someone}}
  - {slug: une-citation, text: Des mots exacts., speaker: {name: Quelqu’un}}
`
	set, err := dataset.Parse("fr.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse(fr.yaml) = %v", err)
	}
	got := struct {
		Lang                string
		Titles              map[string]string
		Advance, Rec        map[string]store.Translation
		QuoteLang, QuoteDef string
	}{set.Lang, set.Document.Titles, set.Advances[0].Translations, set.Recommendations[0].Translations, set.Quotes[0].Lang, set.Quotes[1].Lang}
	want := struct {
		Lang                string
		Titles              map[string]string
		Advance, Rec        map[string]store.Translation
		QuoteLang, QuoteDef string
	}{
		Lang:   "fr",
		Titles: map[string]string{"en": "A report"},
		Advance: map[string]store.Translation{
			"en": {Title: "An advance", Text: "What happened."},
			"es": {Title: "Un avance", Text: "Lo que pasó."},
		},
		Rec:       map[string]store.Translation{"en": {Title: "A recommendation", Text: "Do better."}},
		QuoteLang: "en",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(fr.yaml) languages (-want +got):\n%s", diff)
	}

	s := dbtest.New(t)
	if err := s.Import(t.Context(), set); err != nil {
		t.Fatalf("Import(fr.yaml) = %v", err)
	}
	for _, tc := range []struct{ lang, title, titleLang string }{
		{"en", "An advance", "en"}, {"es", "Un avance", "es"}, {"fr", "Une avancée", "fr"}, {"ar", "Une avancée", "fr"},
	} {
		a, err := s.Advance(t.Context(), "une-avancee", tc.lang)
		if err != nil || a.Title != tc.title || a.Lang != tc.titleLang {
			t.Errorf("Advance(une-avancee, %q) = %q in %q, %v; want %q in %q", tc.lang, a.Title, a.Lang, err, tc.title, tc.titleLang)
		}
	}
	quotes, err := s.Quotes(t.Context(), store.ItemFilter{})
	if err != nil || quotes[0].Lang != "en" || quotes[1].Lang != "fr" {
		t.Errorf("Quotes() = %+v, %v; want the first in English and the second in the file's French", quotes, err)
	}
}

func readReport(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// edit replaces each old string of the pairs, which must occur exactly once in data, by its new one.
func edit(t *testing.T, data []byte, pairs ...string) []byte {
	t.Helper()
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		if n := strings.Count(s, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times in the file, want once", pairs[i], n)
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return []byte(s)
}

// place is where a problem is, without its wording.
type place struct {
	Line int
	Path string
}

func places(ps []dataset.Problem) []place {
	var out []place
	for _, p := range ps {
		out = append(out, place{p.Line, p.Path})
	}
	return out
}

func TestImportInvalid(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	report := readReport(t)
	if _, err := dataset.Import(ctx, s, "report.yaml", report); err != nil {
		t.Fatalf("Import(report.yaml) = %v", err)
	}
	before, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		edits []string
		want  place
		msg   string // part of the problem's message
	}{
		{"unknown body", []string{"bodies: [cescr]", "bodies: [cescr, cesr]"},
			place{38, "advances[0].bodies[1]"}, `unknown body "cesr"`},
		{"unknown parent", []string{"parent: treaty-bodies", "parent: treaty-body"},
			place{25, "bodies[2].parent"}, `unknown body "treaty-body"`},
		{"duplicate slug", []string{"slug: second-advance", "slug: first-advance"},
			place{45, "advances[1].slug"}, `duplicate slug "first-advance", first at line 34`},
		{"duplicate paragraph", []string{"- number: 3", "- number: 2", "paragraphs: [3]", "paragraphs: [1]"},
			place{32, "paragraphs[2].number"}, "duplicate paragraph 2, first at line 29"},
		{"paragraph not positive", []string{"- number: 3", "- number: 0", "paragraphs: [3]", "paragraphs: [1]"},
			place{32, "paragraphs[2].number"}, "0 is not a paragraph number"},
		{"item not a mapping", []string{"- number: 3", "- 3", "paragraphs: [3]", "paragraphs: [1]"},
			place{32, "paragraphs[2]"}, "want a mapping, got a whole number"},
		{"paragraph not listed", []string{"paragraphs: [2]", "paragraphs: [4]"},
			place{47, "advances[1].paragraphs[0]"}, "paragraph 4 is not listed"},
		{"paragraph cited twice", []string{"paragraphs: [1, 2]", "paragraphs: [1, 1]"},
			place{37, "advances[0].paragraphs[1]"}, "duplicate paragraph 1"},
		{"missing required field", []string{"    title: Second advance\n", ""},
			place{45, "advances[1].title"}, "required"},
		{"missing source", []string{"    source: A-1-1\n", ""},
			place{45, "advances[1].source"}, "required: name the document or one of sources"},
		{"missing fact status", []string{"        confirmed: true\n", ""},
			place{42, "advances[0].facts[0].confirmed"}, "required"},
		{"missing speaker name", []string{"      name: Someone\n", ""},
			place{68, "quotes[0].speaker.name"}, "required"},
		{"wrong type bool", []string{"        confirmed: false", "        confirmed: no"},
			place{51, "advances[1].bodies[1].confirmed"}, "want true or false, got text"},
		{"wrong type number", []string{"paragraph: 1", "paragraph: one"},
			place{70, "quotes[0].paragraph"}, "want a whole number, got text"},
		{"wrong type list", []string{"bodies: [cescr]", "bodies: cescr"},
			place{38, "advances[0].bodies"}, "want a list, got text"},
		{"wrong type text", []string{"title: First advance", "title: 2016"},
			place{35, "advances[0].title"}, "want text, got a whole number: put it in quotes"},
		{"unknown key", []string{"summary: What", "summry: What"},
			place{36, "advances[0].summry"}, "unknown key"},
		{"bad date", []string{"date: 2016-10-07", "date: 2016-10-32"},
			place{53, "advances[1].date"}, `"2016-10-32" is not a date`},
		{"unknown source", []string{"source: A-1-1", "source: A-1-2"},
			place{56, "advances[1].source"}, `unknown source "A-1-2"`},
		{"bad kind", []string{"kind: news", "kind: blog"},
			place{12, "sources[0].kind"}, `unknown kind "blog"`},
		{"bad URL", []string{"url: https://example.org/A/1/1", "url: example.org/A/1/1"},
			place{8, "document.url"}, "not a web address"},
		{"bad slug form", []string{"slug: a-quote", "slug: A Quote"},
			place{65, "quotes[0].slug"}, "not a valid slug"},
		{"parent cycle", []string{"name: Treaty bodies\n", "name: Treaty bodies\n    parent: cescr\n"},
			place{21, "bodies[1].parent"}, "parents form a cycle: treaty-bodies -> cescr -> treaty-bodies"},
		{"syntax error", []string{"title: First advance", `title: "First advance`},
			place{35, ""}, "could not find end character of double-quoted text"},
		{"duplicate key", []string{"title: First advance\n", "title: First advance\n    title: Again\n"},
			place{36, ""}, `"title" already defined`},
		{"two YAML documents", []string{"    source: news-item\n" + "quotes:", "    source: news-item\n---\nquotes:"},
			place{65, ""}, "one YAML document"},
		{"translation without summary", []string{"    date: 2016\n", "    date: 2016\n    translations:\n      fr: {title: Première}\n"},
			place{41, "advances[0].translations.fr.summary"}, "required"},
		{"translation into the file's language", []string{"    date: 2016\n", "    date: 2016\n    translations:\n      en: {title: First, summary: Sum}\n"},
			place{41, "advances[0].translations.en"}, `written in "en" already`},
		{"bad language code", []string{"    paragraph: 1\n", "    paragraph: 1\n    lang: French\n"},
			place{71, "quotes[0].lang"}, "not a language code"},
		{"unconfirmed without a reason", []string{"        why: Inferred from the subject.\n", ""},
			place{51, "advances[1].bodies[1].confirmed"}, "unconfirmed without a reason: add why"},
		{"unconfirmed date without a reason", []string{"    date_why: Only the month is in the source; the day is inferred.\n", ""},
			place{54, "advances[1].date_confirmed"}, "unconfirmed without a reason: add date_why"},
		{"reason beside a confirmed fact", []string{"        confirmed: true\n", "        confirmed: true\n        why: Because.\n"},
			place{44, "advances[0].facts[0].why"}, "a reason is for an unconfirmed value"},
		{"reason beside a confirmed title", []string{"  title: A test report\n", "  title: A test report\n  title_why: Because.\n"},
			place{5, "document.title_why"}, "a reason is for an unconfirmed value"},
		{"date status without a date", []string{"    date: 2016\n", "    date_confirmed: false\n"},
			place{39, "advances[0].date_confirmed"}, "there is no date to confirm"},
		{"quote said elsewhere", []string{"    paragraph: 1\n", "    paragraph: 1\n    said_in: elsewhere\n"},
			place{71, "quotes[0].said_in"}, "neither the document"},
		{"NUL in text", []string{"title: First advance", `title: "First\0advance"`},
			place{35, "advances[0].title"}, "NUL character"},
		{"empty file", []string{string(report), "# nothing here\n"},
			place{1, ""}, "empty file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := edit(t, report, tc.edits...)
			_, err := dataset.Import(ctx, s, "bad.yaml", data)
			var verr *dataset.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Import(bad.yaml) = %v, want a *ValidationError", err)
			}
			if diff := cmp.Diff([]place{tc.want}, places(verr.Problems)); diff != "" {
				t.Errorf("Import(bad.yaml) = %v\nwrong problems (-want +got):\n%s", err, diff)
			}
			if len(verr.Problems) > 0 && !strings.Contains(verr.Problems[0].Message, tc.msg) {
				t.Errorf("Import(bad.yaml) = %v, want a message containing %q", err, tc.msg)
			}
			after, err := s.Counts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if after != before {
				t.Errorf("Counts() after a bad import = %+v, want %+v as before", after, before)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	data := edit(t, readReport(t),
		"summary: What", "summry: What",
		"bodies: [cescr]", "bodies: [cescr, cesr]",
		"title: Second advance", `title: ""`,
		"        confirmed: false", "        confirmed: no",
		"date: 2016-10-07", "date: 2016-13",
	)
	_, err := dataset.Parse("several.yaml", data)
	var verr *dataset.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Parse(several.yaml) = %v, want a *ValidationError", err)
	}
	want := []place{
		{36, "advances[0].summry"},
		{38, "advances[0].bodies[1]"},
		{46, "advances[1].title"},
		{51, "advances[1].bodies[1].confirmed"},
		{53, "advances[1].date"},
	}
	if diff := cmp.Diff(want, places(verr.Problems)); diff != "" {
		t.Errorf("Parse(several.yaml) = %v\nwrong problems (-want +got):\n%s", err, diff)
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(verr.Problems) || !strings.HasPrefix(lines[1], "several.yaml:38:21: advances[0].bodies[1]: ") {
		t.Errorf("Parse(several.yaml).Error() = %q, want one line per problem as file:line:col: path: message", err)
	}
}

func TestValidationErrorMessage(t *testing.T) {
	err := &dataset.ValidationError{File: "f.yaml", Problems: []dataset.Problem{
		{Line: 1, Column: 2, Path: "a[0].b", Message: "bad"},
		{Line: 3, Column: 4, Message: "worse"},
	}}
	if got, want := err.Error(), "f.yaml:1:2: a[0].b: bad\nf.yaml:3:4: worse"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// state is everything the store shows of its data.
type state struct {
	Counts          store.Counts
	Documents       []store.Document
	Paragraphs      map[string][]store.Paragraph
	Bodies          []store.BodyCount
	Advances        []store.Advance
	Recommendations []store.Recommendation
	Quotes          []store.Quote
}

func snapshot(t *testing.T, s *store.Store) state {
	t.Helper()
	ctx := t.Context()
	st := state{Paragraphs: map[string][]store.Paragraph{}}
	var err error
	if st.Counts, err = s.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	if st.Documents, err = s.LatestDocuments(ctx, 10, "en"); err != nil {
		t.Fatal(err)
	}
	for _, d := range st.Documents {
		if st.Paragraphs[d.Slug], err = s.Paragraphs(ctx, d.Slug, ""); err != nil {
			t.Fatal(err)
		}
	}
	if st.Bodies, err = s.BodyCounts(ctx, "", ""); err != nil {
		t.Fatal(err)
	}
	list, err := s.Advances(ctx, store.AdvanceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Advances = list.Advances
	if st.Recommendations, err = s.Recommendations(ctx, store.ItemFilter{}); err != nil {
		t.Fatal(err)
	}
	if st.Quotes, err = s.Quotes(ctx, store.ItemFilter{}); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestImportTwice(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	report := readReport(t)
	if _, err := dataset.Import(ctx, s, "report.yaml", report); err != nil {
		t.Fatalf("Import(report.yaml) = %v", err)
	}
	once := snapshot(t, s)
	if _, err := dataset.Import(ctx, s, "report.yaml", report); err != nil {
		t.Fatalf("Import(report.yaml) again = %v", err)
	}
	if diff := cmp.Diff(once, snapshot(t, s)); diff != "" {
		t.Errorf("importing the same file twice changed the data (-once +twice):\n%s", diff)
	}
	want := store.Counts{Documents: 1, Paragraphs: 3, Advances: 2, Recommendations: 1, Quotes: 1, Bodies: 3}
	if once.Counts != want {
		t.Errorf("Counts() = %+v, want %+v", once.Counts, want)
	}
}

func TestImportEdited(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	report := readReport(t)
	if _, err := dataset.Import(ctx, s, "report.yaml", report); err != nil {
		t.Fatalf("Import(report.yaml) = %v", err)
	}
	before := snapshot(t, s)

	// The second advance goes, the first is retitled, and paragraph 2 goes with its citations.
	text := string(report)
	second := text[strings.Index(text, "  - slug: second-advance"):strings.Index(text, "recommendations:")]
	edited := edit(t, report,
		second, "",
		"title: First advance", "title: First advance, retitled",
		"paragraphs: [1, 2]", "paragraphs: [1]",
		"  - number: 2\n    topic: The second paragraph\n    text: The text of the second paragraph.\n", "",
	)
	if _, err := dataset.Import(ctx, s, "edited.yaml", edited); err != nil {
		t.Fatalf("Import(edited.yaml) = %v", err)
	}
	after := snapshot(t, s)

	if _, err := s.Advance(ctx, "second-advance", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Advance(second-advance) after its removal = %v, want ErrNotFound", err)
	}
	first, err := s.Advance(ctx, "first-advance", "en")
	if err != nil {
		t.Fatal(err)
	}
	if first.Title != "First advance, retitled" || !slices.Equal(first.Paragraphs, []int{1}) {
		t.Errorf("Advance(first-advance) = %q citing %v, want the new title citing [1]", first.Title, first.Paragraphs)
	}
	if diff := cmp.Diff(before.Recommendations, after.Recommendations); diff != "" {
		t.Errorf("the unchanged recommendation changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before.Quotes, after.Quotes); diff != "" {
		t.Errorf("the unchanged quote changed (-before +after):\n%s", diff)
	}

	// The edited file imported over the old one must leave what it leaves on an empty database.
	fresh := dbtest.New(t)
	if _, err := dataset.Import(ctx, fresh, "edited.yaml", edited); err != nil {
		t.Fatalf("Import(edited.yaml) on an empty database = %v", err)
	}
	// The times of the last change differ, being the times of two imports.
	if diff := cmp.Diff(snapshot(t, fresh), after, cmpopts.IgnoreFields(store.Advance{}, "Updated"),
		cmpopts.IgnoreFields(store.Recommendation{}, "Updated"), cmpopts.IgnoreFields(store.Quote{}, "Updated")); diff != "" {
		t.Errorf("edited import differs from a fresh import of the edited file (-fresh +edited):\n%s", diff)
	}
}

func TestImportConflict(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	report := readReport(t)
	if _, err := dataset.Import(ctx, s, "report.yaml", report); err != nil {
		t.Fatalf("Import(report.yaml) = %v", err)
	}
	before := snapshot(t, s)

	// Another document whose file reuses the first document's item slugs.
	other := edit(t, report, "symbol: A/1/1", "symbol: A/2/2", "source: A-1-1", "source: A-2-2")
	_, err := dataset.Import(ctx, s, "other.yaml", other)
	if !errors.Is(err, store.ErrConflict) {
		t.Fatalf("Import(other.yaml) = %v, want ErrConflict", err)
	}
	if diff := cmp.Diff(before, snapshot(t, s)); diff != "" {
		t.Errorf("a conflicting import changed the data (-before +after):\n%s", diff)
	}
	if _, err := s.Document(ctx, "A-2-2", "en"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(A-2-2) after a failed import = %v, want ErrNotFound", err)
	}
}

// gcParagraphNumber reads the ID of a General Comment's paragraph: a number, or text like "12.".
func gcParagraphNumber(id any) (int, bool) {
	switch id := id.(type) {
	case float64:
		return int(id), id > 0 && id == math.Trunc(id)
	case string:
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(id), "."))
		return n, err == nil && n > 0
	}
	return 0, false
}

// gcInfo describes a General Comment in GC-info.json.
type gcInfo struct {
	File      string `json:"File PATH"`
	Name      string `json:"Name"`
	Signature string `json:"Signature"`
	Adopted   string `json:"Adoption Date"`
	Link      string `json:"Link"`
}

// TestImportGeneralComment turns a real General Comment into a data file and imports it.
func TestImportGeneralComment(t *testing.T) {
	t.Parallel()
	dir := testenv.Corpus(t)
	var infos []gcInfo
	readJSON(t, filepath.Join(dir, "GC-info.json"), &infos)
	i := slices.IndexFunc(infos, func(info gcInfo) bool { return info.Signature == "E/C.12/GC/24" })
	if i < 0 {
		t.Fatal("GC-info.json has no E/C.12/GC/24")
	}
	info := infos[i]
	var paras []struct {
		ID   any
		Text string
	}
	readJSON(t, filepath.Join(dir, info.File), &paras)

	adopted, err := time.Parse("2 January 2006", info.Adopted)
	if err != nil {
		t.Fatalf("Adoption Date %q: %v", info.Adopted, err)
	}
	var paragraphs []map[string]any
	texts := map[int]string{}
	for _, p := range paras {
		n, ok := gcParagraphNumber(p.ID)
		if !ok {
			t.Fatalf("%s: paragraph ID %#v is not a number", info.File, p.ID)
		}
		paragraphs = append(paragraphs, map[string]any{"number": n, "text": p.Text})
		texts[n] = strings.TrimSpace(p.Text)
	}
	file := map[string]any{
		"document": map[string]any{
			"symbol": info.Signature,
			"title":  info.Name,
			"kind":   "general-comment",
			"author": "cescr",
			"issued": adopted.Format("2006-01-02"),
			"url":    info.Link,
		},
		"bodies": []map[string]any{
			{"slug": "treaty-bodies", "kind": "treaty-body", "name": "Human rights treaty bodies"},
			{"slug": "cescr", "kind": "treaty-body", "name": "Committee on Economic, Social and Cultural Rights",
				"short_name": "CESCR", "parent": "treaty-bodies"},
		},
		"paragraphs": paragraphs,
		"advances": []map[string]any{{
			"slug": "gc-24-business", "title": "State obligations in the context of business activities",
			"paragraphs": []int{1, 24}, "bodies": []string{"cescr"}, "date": adopted.Format("2006-01-02"),
		}},
		"quotes": []map[string]any{{
			"slug": "gc-24-para-1", "text": texts[1], "paragraph": 1,
			"speaker": map[string]any{"name": "Committee on Economic, Social and Cultural Rights"},
		}},
	}
	data, err := yaml.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}

	s := dbtest.New(t)
	ctx := t.Context()
	if _, err := dataset.Import(ctx, s, "gc-24.yaml", data); err != nil {
		t.Fatalf("Import(gc-24.yaml) = %v", err)
	}
	got, err := s.Paragraphs(ctx, "E-C.12-GC-24", "")
	if err != nil {
		t.Fatal(err)
	}
	gotTexts := map[int]string{}
	for _, p := range got {
		gotTexts[p.Number] = p.Text
	}
	if diff := cmp.Diff(texts, gotTexts); diff != "" {
		t.Errorf("Paragraphs(E-C.12-GC-24) differ from %s (-json +store):\n%s", info.File, diff)
	}
	a, err := s.Advance(ctx, "gc-24-business", "en")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Paragraphs, []int{1, 24}) || a.Source.Slug != "E-C.12-GC-24" {
		t.Errorf("Advance(gc-24-business) cites %v from %q, want [1 24] from the General Comment itself", a.Paragraphs, a.Source.Slug)
	}
	quotes, err := s.Quotes(ctx, store.ItemFilter{Document: "E-C.12-GC-24", Paragraph: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(quotes) != 1 || quotes[0].Text != texts[1] {
		t.Errorf("Quotes(paragraph 1) = %+v, want paragraph 1's text verbatim", quotes)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestNameTranslationProblems checks that the translations of body names, paragraph topics
// and facts are held to the rules of the others: a language code other than the file's, and
// no empty value.
func TestNameTranslationProblems(t *testing.T) {
	t.Parallel()
	const src = `
document: {symbol: A/1/1, title: A report, kind: report}
bodies:
  - slug: hrc
    kind: charter-body
    name: Human Rights Council
    translations:
      fr: {name: Conseil des droits de l’homme, short_name: CDH}
      EN: {name: Human Rights Council}
      en: {name: Human Rights Council}
      es: {name: ""}
paragraphs:
  - number: 1
    topic: A topic
    translations:
      fr: {topic: Un sujet}
      es: {topic: ~}
  - number: 2
    translations:
      fr: {topic: Un sujet}
advances:
  - slug: an-advance
    title: An advance
    bodies: [hrc]
    facts:
      - text: A fact.
        confirmed: true
        translations:
          fr: {text: Un fait.}
          ar: {text: ""}
`
	_, err := dataset.Parse("names.yaml", []byte(src))
	var verr *dataset.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Parse(names.yaml) = %v, want a *ValidationError", err)
	}
	var got []string
	for _, p := range verr.Problems {
		got = append(got, p.Path)
	}
	want := []string{
		"bodies[0].translations.fr.short_name",
		"bodies[0].translations.EN",
		"bodies[0].translations.en",
		"bodies[0].translations.es.name",
		"paragraphs[0].translations.es.topic",
		"paragraphs[1].translations.fr.topic",
		"advances[0].facts[0].translations.ar.text",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(names.yaml) problems (-want +got):\n%s\n%v", diff, err)
	}
}
