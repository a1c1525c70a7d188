package i18n

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Every language has every message, every kind name, and the plural forms its rules use.
func TestCatalogsComplete(t *testing.T) {
	for _, l := range Langs {
		t.Run(l.Code, func(t *testing.T) {
			checkComplete(t, reflect.ValueOf(*l.Messages), "", l)
			for kind := range English.Messages.BodyKinds {
				if l.Messages.BodyKinds[kind] == "" || l.Messages.BodyKindsPlural[kind] == "" {
					t.Errorf("%s: no name for body kind %q", l.Code, kind)
				}
			}
			for kind := range English.Messages.DocumentKinds {
				if l.Messages.DocumentKinds[kind] == "" {
					t.Errorf("%s: no name for document kind %q", l.Code, kind)
				}
			}
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
		lang      *Lang
		precision string
		want      string
	}{
		{English, "day", "7 October 2016"},
		{English, "month", "October 2016"},
		{English, "year", "2016"},
		{French, "day", "7 octobre 2016"},
		{Spanish, "day", "7 de octubre de 2016"},
		{Spanish, "month", "octubre de 2016"},
		{Arabic, "day", "7 أكتوبر 2016"},
		{English, "", ""},
	}
	for _, tc := range tests {
		if got := tc.lang.Date(d, tc.precision); got != tc.want {
			t.Errorf("%s.Date(%v, %q) = %q, want %q", tc.lang.Code, d, tc.precision, got, tc.want)
		}
	}
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
