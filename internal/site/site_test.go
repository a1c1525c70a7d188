package site

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestAlternate(t *testing.T) {
	home := Locale{Lang: i18n.French, Path: HomePath}
	for _, tc := range []struct {
		loc  Locale
		l    *i18n.Lang
		want string
	}{
		{home, i18n.English, "/"},
		{home, i18n.Arabic, "/ar"},
		{Locale{Lang: i18n.English, Path: Query{Bodies: []string{"cescr"}}.URL(AdvancesPath)}, i18n.Spanish, "/es/advances?body=cescr"},
		{Locale{Lang: i18n.English, Path: DocumentURL("/evil.example")}, i18n.French, "/fr/documents/%2Fevil.example"},
	} {
		if got := tc.loc.Alternate(tc.l); got != tc.want {
			t.Errorf("%+v.Alternate(%s) = %q, want %q", tc.loc, tc.l.Code, got, tc.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	m := i18n.English.Messages
	tests := []struct {
		raw      string
		accepted []Param
		want     Query
		bad      string // part of the message, when the query is refused
	}{
		{"", ListParams, Query{}, ""},
		{"body=cescr&document=A-73-230&sort=date", ListParams, Query{Bodies: []string{"cescr"}, Document: "A-73-230", Sort: store.SortDate}, ""},
		{"sort=paragraph", ListParams, Query{Sort: store.SortParagraph}, ""},
		{"lang=fr", DataParams, Query{Lang: i18n.French}, ""},
		{"lang=", DataParams, Query{}, ""},
		{"sort=updated", ListParams, Query{}, "not by “updated”"},
		{"page=0", SearchParams, Query{}, "not a page number"},
		{"page=99999999999", SearchParams, Query{}, "not a page number"},
		{"page=-1", SearchParams, Query{}, "not a page number"},
		{"page=2", FeedParams, Query{}, "does not know the parameter “page”"},
		{"after=" + paraCursor.String(), ListParams, Query{After: paraCursor}, ""},
		{"sort=date&after=" + dateCursor.String(), DataParams, Query{Sort: store.SortDate, After: dateCursor}, ""},
		{"after=" + paraCursor.String(), FeedParams, Query{}, "does not know the parameter “after”"},
		{"after=" + itemCursor.String(), QuoteListParams, Query{After: itemCursor}, ""},
		{"lang=xx", DataParams, Query{}, "not a language"},
		{"body=a&body=b&body=a&body=", ListParams, Query{Bodies: []string{"a", "b"}}, ""},
		{strings.TrimSuffix(strings.Repeat("body=x&", 5)+"body=y"+strings.Repeat("&body=z", 5), "&"), ListParams, Query{}, "at most 10 bodies"},
		{"document=a&document=b", ListParams, Query{}, "more than once"},
		{"body=%ff", ListParams, Query{}, "malformed"},
		{"body=%00", ListParams, Query{}, "malformed"},
		{"body=%zz", ListParams, Query{}, "malformed"},
		{"x=1", nil, Query{}, "takes no parameters"},
		{"zzz=1&aaa=2", ListParams, Query{}, "“aaa”"}, // the first unknown, in order
		{"q=+San+Jos%C3%A9+&kind=advance&page=2", SearchParams, Query{Q: "San José", Kind: store.KindAdvance, Page: 2}, ""},
		{"q=&kind=", SearchParams, Query{}, ""},
		{"q=" + strings.Repeat("é", MaxSearch), SearchParams, Query{Q: strings.Repeat("é", MaxSearch)}, ""},
		{"q=" + strings.Repeat("é", MaxSearch+1), SearchParams, Query{}, "up to 256 characters"},
		{"q=a%0Ab", SearchParams, Query{}, "cannot be searched"},
		{"kind=page", SearchParams, Query{}, "not a kind of result"},
		{"q=x&lang=fr", SearchParams, Query{}, "does not know the parameter “lang”"},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := ParseQuery(tc.raw, m, tc.accepted...)
			if tc.bad == "" {
				if err != nil {
					t.Fatalf("ParseQuery(%q) = %v", tc.raw, err)
				}
				if diff := cmp.Diff(tc.want, got, sameLang); diff != "" {
					t.Errorf("ParseQuery(%q) mismatch (-want +got):\n%s", tc.raw, diff)
				}
				return
			}
			var bq *BadQuery
			if !errors.As(err, &bq) || !strings.Contains(bq.Message, tc.bad) {
				t.Errorf("ParseQuery(%q) = %v, want a BadQuery saying %q", tc.raw, err, tc.bad)
			}
		})
	}
}

var (
	paraCursor = store.Cursor{Sort: store.SortParagraph, Document: "A-73-230", Paragraph: 14, Position: 2, ID: 7}
	dateCursor = store.Cursor{Sort: store.SortDate, DocumentID: 1, Position: 1, ID: 9}
	itemCursor = store.Cursor{Sort: store.SortDocument, Document: "A-73-230", Position: 2, ID: 5}
)

// An after parameter that no page wrote, or one written for another order, names no place in
// the list: the reader is told so, whatever was done to it.
func TestParseQueryBadCursor(t *testing.T) {
	for _, raw := range []string{
		"after=", "after=x", "after=%25%25", "after=" + paraCursor.String() + ".", "after=" + paraCursor.String()[1:],
		"after=" + dateCursor.String(), // a place in the date order, for the paragraph order
		"sort=date&after=" + paraCursor.String(),
		"after=" + itemCursor.String(), // a recommendation's place, on the advances
	} {
		_, err := ParseQuery(raw, i18n.English.Messages, ListParams...)
		var bc *BadCursor
		if !errors.As(err, &bc) {
			t.Errorf("ParseQuery(%q) = %v, want a BadCursor", raw, err)
		}
	}
}

// One state of a list has one address, which reads back as the same state.
func TestQueryURL(t *testing.T) {
	tests := []struct {
		q    Query
		want string
	}{
		{Query{}, "/advances"},
		{Query{Sort: store.SortParagraph, Page: 1}, "/advances"},
		{Query{Bodies: []string{"treaty bodies&x"}, Sort: store.SortDate, Page: 2}, "/advances?body=treaty+bodies%26x&sort=date&page=2"},
		{Query{Document: "A-73-230", Lang: i18n.Arabic}, "/advances?document=A-73-230&lang=ar"},
		{Query{Bodies: []string{"cescr"}, After: paraCursor}, "/advances?body=cescr&after=" + paraCursor.String()},
		{Query{Q: `"San José" -x`, Kind: store.KindQuote, Bodies: []string{"cescr"}, Page: 3}, "/advances?q=%22San+Jos%C3%A9%22+-x&kind=quote&body=cescr&page=3"},
	}
	for _, tc := range tests {
		got := tc.q.URL(AdvancesPath)
		if got != tc.want {
			t.Errorf("%+v.URL = %q, want %q", tc.q, got, tc.want)
		}
		_, raw, _ := strings.Cut(got, "?")
		back, err := ParseQuery(raw, i18n.English.Messages, ParamQ, ParamKind, ParamBody, ParamDocument, ParamSort, ParamAfter, ParamPage, ParamLang)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %v", raw, err)
		}
		if back.URL(AdvancesPath) != got {
			t.Errorf("ParseQuery(%q).URL = %q, want %q", raw, back.URL(AdvancesPath), got)
		}
	}
	if got, want := (Query{Bodies: []string{"cescr"}, Sort: store.SortDate, Page: 4}).Feed(AdvancesPath), "/advances.atom?body=cescr"; got != want {
		t.Errorf("Feed = %q, want %q", got, want)
	}
	if got, want := (Query{Bodies: []string{"cescr"}, After: paraCursor}).Data(AdvancesPath, "csv"), "/advances.csv?body=cescr"; got != want {
		t.Errorf("Data = %q, want %q", got, want)
	}
}

func TestReference(t *testing.T) {
	for _, tc := range []struct {
		q      string
		symbol string
		n      int
		ok     bool
	}{
		{"A/73/230", "A/73/230", 0, true},
		{" A/73/230 para 43 ", "A/73/230", 43, true},
		{"CCPR/C/GC/37 para. 30", "CCPR/C/GC/37", 30, true},
		{"E/C.12/GC/24, paras. 3", "E/C.12/GC/24", 3, true},
		{"A/73/230 par. 12", "A/73/230", 12, true},
		{"A/73/230, párr. 12", "A/73/230", 12, true},
		{"A/73/230 §4", "A/73/230", 4, true},
		{"A/73/230.", "A/73/230", 0, true},
		{"reprisals", "", 0, false},
		{"A/73/230 reprisals", "", 0, false},
		{"A/73/230 para 0", "", 0, false},
		{"/73/230", "", 0, false},
	} {
		symbol, n, ok := Reference(tc.q)
		if symbol != tc.symbol || n != tc.n || ok != tc.ok {
			t.Errorf("Reference(%q) = %q, %d, %v; want %q, %d, %v", tc.q, symbol, n, ok, tc.symbol, tc.n, tc.ok)
		}
	}
}

// Whatever a request's query says, the links built from it stay on this site: a path that
// starts with one slash and a single segment of ours, never //host or /\host.
func FuzzQueryLinks(f *testing.F) {
	for _, seed := range []string{
		"", "body=cescr&page=2", "body=%2F%2Fevil.example", "document=%5Cevil.example", "body=%09/evil",
		"lang=fr&sort=date", strings.Repeat("&", 100), "page=1e9", "body=%E2%80%AE",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := ParseQuery(raw, i18n.English.Messages, ParamQ, ParamKind, ParamBody, ParamDocument, ParamSort, ParamPage, ParamLang)
		if err != nil {
			var bq *BadQuery
			if !errors.As(err, &bq) {
				t.Fatalf("ParseQuery(%q) = %v, want a BadQuery", raw, err)
			}
			return
		}
		for _, l := range i18n.Langs {
			for _, link := range []string{
				Localized(l, q.URL(AdvancesPath)), Localized(l, q.Feed(AdvancesPath)),
				Localized(l, q.Data(AdvancesPath, "csv")), Localized(l, DocumentURL(strings.Join(q.Bodies, "/"))),
				Localized(l, q.URL(SearchPath)), Localized(l, q.Data(SearchPath, "json")),
				Localized(l, ParagraphURL(q.Document, q.Page)),
			} {
				u, err := url.Parse(link)
				if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(link, "/") ||
					strings.HasPrefix(link, "//") || strings.HasPrefix(link, `/\`) ||
					strings.ContainsAny(link, "\x00\t\r\n\\ ") {
					t.Fatalf("query %q gives link %q, which could leave the site", raw, link)
				}
			}
		}
	})
}

// sameLang compares languages by identity: there is one *Lang for each.
var sameLang = cmp.Comparer(func(a, b *i18n.Lang) bool { return a == b })
