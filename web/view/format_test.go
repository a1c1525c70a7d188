package view

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/a-h/templ"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
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

func TestAlternate(t *testing.T) {
	loc := Locale{Lang: i18n.French, Path: "/", Query: ""}
	for _, tc := range []struct {
		loc  Locale
		l    *i18n.Lang
		want string
	}{
		{loc, i18n.English, "/"},
		{loc, i18n.Arabic, "/ar"},
		{Locale{Lang: i18n.English, Path: "/advances", Query: "body=cescr"}, i18n.Spanish, "/es/advances?body=cescr"},
	} {
		if got := tc.loc.alternate(tc.l); got != tc.want {
			t.Errorf("%+v.alternate(%s) = %q, want %q", tc.loc, tc.l.Code, got, tc.want)
		}
	}
}
