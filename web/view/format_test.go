package view

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/a-h/templ"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func text(s string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "["+s+"]")
		return err
	})
}

func TestSprintf(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{"named in %s, from %s.", "named in [a], from [b]."},
		{"%[2]s before %[1]s", "[b] before [a]"},
		{"no verbs & <b>", "no verbs &amp; &lt;b&gt;"},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if err := Sprintf(tc.format, text("a"), text("b")).Render(context.Background(), &buf); err != nil {
			t.Fatalf("Sprintf(%q) = %v", tc.format, err)
		}
		if buf.String() != tc.want {
			t.Errorf("Sprintf(%q) = %q, want %q", tc.format, buf.String(), tc.want)
		}
	}
	if err := Sprintf("%s %s %s", text("a")).Render(context.Background(), &bytes.Buffer{}); err == nil {
		t.Error("Sprintf with too few arguments succeeded")
	}
}

// Every kind the store knows has its own name in every language.
func TestKindNames(t *testing.T) {
	for _, l := range i18n.Langs {
		m := l.Messages
		for _, k := range store.BodyKinds() {
			for _, name := range []string{bodyKind(m.BodyKinds, k), bodyKind(m.BodyKindsPlural, k)} {
				if name == "" || name == string(k) {
					t.Errorf("%s: body kind %q has no name", l.Code, k)
				}
			}
		}
		for _, k := range store.SearchKinds() {
			for _, name := range []string{searchKind(m.SearchKinds, k), searchKind(m.SearchKindsPlural, k)} {
				if name == "" || name == string(k) {
					t.Errorf("%s: search kind %q has no name", l.Code, k)
				}
			}
		}
		for _, k := range store.DocumentKinds() {
			if name := documentKind(m.DocumentKinds, k); name == "" || name == string(k) {
				t.Errorf("%s: document kind %q has no name", l.Code, k)
			}
		}
	}
}

// A UN document's official text opens in the reader's language where the UN publishes one.
func TestOfficialURL(t *testing.T) {
	for _, tc := range []struct {
		lang      *i18n.Lang
		raw, want string
	}{
		{i18n.French, "https://undocs.org/A/73/230", "https://undocs.org/fr/A/73/230"},
		{i18n.Arabic, "https://undocs.org/A/73/230", "https://undocs.org/ar/A/73/230"},
		{i18n.English, "https://undocs.org/A/73/230", "https://undocs.org/A/73/230"},
		{i18n.English, "https://undocs.org/fr/A/73/230", "https://undocs.org/en/A/73/230"},
		{i18n.Spanish, "https://undocs.org/en/CCPR/C/GC/37", "https://undocs.org/es/CCPR/C/GC/37"},
		{i18n.French, "http://ishr.ch/news/x", "http://ishr.ch/news/x"},
		{i18n.French, "https://undocs.org/", "https://undocs.org/"},
	} {
		ctx := site.WithLocale(t.Context(), site.Locale{Lang: tc.lang, Path: site.HomePath})
		if got := officialURL(ctx, tc.raw); got != tc.want {
			t.Errorf("officialURL(%s, %q) = %q, want %q", tc.lang.Code, tc.raw, got, tc.want)
		}
	}
}
