package i18n

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// Every language has every message, every kind name, and the plural forms its rules use.
func TestCatalogsComplete(t *testing.T) {
	for _, l := range Langs {
		t.Run(l.Code, func(t *testing.T) {
			checkComplete(t, reflect.ValueOf(*l.Messages), "", l)
		})
	}
}

func checkComplete(t *testing.T, v reflect.Value, path string, l *Lang) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		if strings.TrimSpace(v.String()) == "" {
			t.Errorf("%s: %s is missing", l.Code, path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			if v.Type() == reflect.TypeFor[Plural]() && !usesForm(l, name) {
				continue
			}
			checkComplete(t, v.Field(i), strings.TrimPrefix(path+"."+name, "."), l)
		}
	case reflect.Array:
		for i := range v.Len() {
			checkComplete(t, v.Index(i), fmt.Sprintf("%s[%d]", path, i), l)
		}
	}
}

// usesForm reports whether the language's plural rules use the named form.
func usesForm(l *Lang, form string) bool {
	switch form {
	case "One", "Other":
		return true
	}
	return l == Arabic
}

func TestCount(t *testing.T) {
	tests := []struct {
		lang *Lang
		n    int
		want string
	}{
		{English, 1, "1 advance"},
		{English, 0, "0 advances"},
		{English, 1200, "1,200 advances"},
		{French, 0, "0 avancée"},
		{French, 2, "2 avancées"},
		{Spanish, 1, "1 avance"},
		{Arabic, 0, "لا إنجازات"},
		{Arabic, 2, "إنجازان"},
		{Arabic, 3, "3 إنجازات"},
		{Arabic, 11, "11 إنجازًا"},
		{Arabic, 100, "100 إنجاز"},
	}
	for _, tc := range tests {
		if got := tc.lang.Count(tc.lang.Messages.AdvanceCount, tc.n); got != tc.want {
			t.Errorf("%s.Count(AdvanceCount, %d) = %q, want %q", tc.lang.Code, tc.n, got, tc.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2016, 10, 7, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		format func(time.Time) string
		want   string
	}{
		{"en day", English.Day, "7 October 2016"},
		{"en month", English.Month, "October 2016"},
		{"en year", English.Year, "2016"},
		{"fr day", French.Day, "7 octobre 2016"},
		{"es day", Spanish.Day, "7 de octubre de 2016"},
		{"es month", Spanish.Month, "octubre de 2016"},
		{"ar day", Arabic.Day, "7 أكتوبر 2016"},
		{"ar year", Arabic.Year, "2016"},
	}
	for _, tc := range tests {
		if got := tc.format(d); got != tc.want {
			t.Errorf("%s(%v) = %q, want %q", tc.name, d, got, tc.want)
		}
	}
}

// Every catalog's messages take the same arguments as English's: a translation that drops,
// adds or retypes a verb would print %!s(MISSING) or garble a page. Plural forms may leave the
// number out ("one advance"), so each form's verbs must be English's or none.
func TestCatalogVerbs(t *testing.T) {
	en := messageStrings(reflect.ValueOf(*English.Messages), "")
	for _, l := range Langs[1:] {
		for path, s := range messageStrings(reflect.ValueOf(*l.Messages), "") {
			want := verbs(en[path])
			if strings.Contains(path, "Plural.") {
				want = verbs(en[path[:strings.LastIndex(path, ".")]+".Other"])
				if got := verbs(s); got != "" && got != want {
					t.Errorf("%s: %s has verbs %q, want %q or none", l.Code, path, got, want)
				}
				continue
			}
			if got := verbs(s); got != want {
				t.Errorf("%s: %s has verbs %q, want English's %q", l.Code, path, got, want)
			}
		}
	}
}

// messageStrings flattens a catalog to its strings by field path; plural forms are under
// "Field.Plural.Form".
func messageStrings(v reflect.Value, path string) map[string]string {
	out := map[string]string{}
	switch v.Kind() {
	case reflect.String:
		out[path] = v.String()
	case reflect.Struct:
		for i := range v.NumField() {
			name := v.Type().Field(i).Name
			if v.Type() == reflect.TypeFor[Plural]() {
				name = "Plural." + name
			}
			maps.Copy(out, messageStrings(v.Field(i), strings.TrimPrefix(path+"."+name, ".")))
		}
	}
	return out
}

var verbPattern = regexp.MustCompile(`%(\[\d+\])?[a-zA-Z%]`)

// verbs lists a message's verbs in a canonical order: a translation may reorder them with
// explicit indexes, so %[2]s %[1]s takes what %s %s does.
func verbs(s string) string {
	found := verbPattern.FindAllString(s, -1)
	for i, v := range found {
		if !strings.Contains(v, "[") && v != "%%" {
			found[i] = fmt.Sprintf("%%[%d]%s", i+1, v[1:])
		}
	}
	slices.Sort(found)
	found = slices.Compact(found)
	return strings.Join(found, " ")
}

func TestPreferred(t *testing.T) {
	tests := []struct {
		header string
		want   string
	}{
		{"fr-CH, fr;q=0.9, en;q=0.8", "fr"},
		{"es-419", "es"},
		{"ar-EG,ar;q=0.9", "ar"},
		{"de-DE", ""},
		{"", ""},
		{"!!garbage", ""},
	}
	for _, tc := range tests {
		l, ok := Preferred(tc.header)
		got := ""
		if ok {
			got = l.Code
		}
		if got != tc.want {
			t.Errorf("Preferred(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		l    *Lang
		n    int
		want string
	}{{English, 1234, "1,234"}, {French, 1234, "1\u00a0234"}, {Spanish, 12345, "12.345"}, {Arabic, 1234, "1,234"}} {
		if got := tc.l.Number(tc.n); got != tc.want {
			t.Errorf("%s.Number(%d) = %q, want %q", tc.l.Code, tc.n, got, tc.want)
		}
	}
}

// A reader looking for a citation to copy must not land among the quotes: the quotes' name in
// the menu shares no stem with the word for citing.
func TestQuotesAreNotCitations(t *testing.T) {
	for _, l := range Langs {
		cite := []rune(strings.ToLower(l.Messages.Cite))
		stem := string(cite[:min(len(cite), 4)])
		for _, name := range []string{l.Messages.NavQuotes, l.Messages.QuotesTitle, l.Messages.QuotesHeading} {
			if strings.Contains(strings.ToLower(name), stem) {
				t.Errorf("%s: the quotes are called %q, which reads like %q (citing)", l.Code, name, l.Messages.Cite)
			}
		}
	}
}
