// Package view renders the tracker's pages as templ components. The reader's language travels
// in the context (WithLocale), so every component can reach its messages without threading
// them through props.
package view

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"

	"github.com/a-h/templ"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Locale is the language of a request and what the layout needs to offer the others.
type Locale struct {
	Origin  string // the site's scheme and host, for the absolute addresses of alternates
	Lang    *i18n.Lang
	Path    string     // the page's path without its language prefix: "/advances"
	Query   string     // the raw query string, kept by the language links
	Suggest *i18n.Lang // a language the reader's browser prefers, offered but never imposed
}

type localeKey struct{}

// WithLocale returns ctx carrying loc.
func WithLocale(ctx context.Context, loc Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, loc)
}

// LocaleFrom returns the locale that ctx carries, English when it carries none.
func LocaleFrom(ctx context.Context) Locale { return locale(ctx) }

func locale(ctx context.Context) Locale {
	if loc, ok := ctx.Value(localeKey{}).(Locale); ok && loc.Lang != nil {
		return loc
	}
	return Locale{Lang: i18n.English, Path: "/"}
}

func lang(ctx context.Context) *i18n.Lang  { return locale(ctx).Lang }
func t(ctx context.Context) *i18n.Messages { return lang(ctx).Messages }

// href is path in the page's language.
func href(ctx context.Context, path string) templ.SafeURL {
	return templ.SafeURL(localized(lang(ctx), path))
}

func localized(l *i18n.Lang, path string) string {
	if path == "/" && l.Prefix() != "" {
		return l.Prefix()
	}
	return l.Prefix() + path
}

// alternate is the path of this page in language l.
func (loc Locale) alternate(l *i18n.Lang) string {
	u := localized(l, loc.Path)
	if loc.Query != "" {
		u += "?" + loc.Query
	}
	return u
}

// absolute is the full address of this page in language l: search engines want alternates so.
func (loc Locale) absolute(l *i18n.Lang) string { return loc.Origin + loc.alternate(l) }

// textDir is the direction of text in a language; the scripts of these languages run right
// to left.
func textDir(code string) string {
	switch code {
	case "ar", "fa", "he", "ur":
		return "rtl"
	}
	return "ltr"
}

func count(ctx context.Context, p i18n.Plural, n int) string { return lang(ctx).Count(p, n) }

func number(ctx context.Context, n int) string { return lang(ctx).Number(n) }

// date writes a date to the precision it is known to: "2000", "June 2015", "7 October 2016".
func date(ctx context.Context, d store.Date) string {
	return lang(ctx).Date(d.Time, d.Precision)
}

// Citation is how people cite a paragraph: "A/73/230, para. 14".
func Citation(l *i18n.Lang, doc store.DocRef, n int) string {
	return fmt.Sprintf(l.Messages.Citation, doc.Label(), n)
}

func citation(ctx context.Context, doc store.DocRef, n int) string {
	return Citation(lang(ctx), doc, n)
}

// DocumentURL and the functions after it build the tracker's public paths, before any
// language prefix.
func DocumentURL(slug string) string { return "/documents/" + url.PathEscape(slug) }

// ParagraphURL is the permalink of paragraph n.
func ParagraphURL(doc string, n int) string {
	return DocumentURL(doc) + "/paragraphs/" + strconv.Itoa(n)
}

// ParagraphAnchor is paragraph n's place on its document's page.
func ParagraphAnchor(doc string, n int) string {
	return DocumentURL(doc) + "#" + ParagraphID(n)
}

// ParagraphID is the id of paragraph n's element on its document's page.
func ParagraphID(n int) string { return "para-" + strconv.Itoa(n) }

// AdvanceURL is an advance's page.
func AdvanceURL(slug string) string { return "/advances/" + url.PathEscape(slug) }

// RecommendationURL is a recommendation's page.
func RecommendationURL(slug string) string { return "/recommendations/" + url.PathEscape(slug) }

// BodyURL is a body's page.
func BodyURL(slug string) string { return "/bodies/" + url.PathEscape(slug) }

func kindName(m map[string]string, kind string) string {
	if name, ok := m[kind]; ok {
		return name
	}
	return kind
}

var verb = regexp.MustCompile(`%(?:\[(\d+)\])?s`)

// Sprintf renders a message with components in place of its %s verbs, so that text from the
// data keeps its own language mark inside a sentence of the interface. Translations may
// reorder the verbs as %[2]s.
func Sprintf(format string, args ...templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		rest, n := format, 0
		for {
			m := verb.FindStringSubmatchIndex(rest)
			if m == nil {
				_, err := io.WriteString(w, templ.EscapeString(rest))
				return err
			}
			if _, err := io.WriteString(w, templ.EscapeString(rest[:m[0]])); err != nil {
				return err
			}
			i := n
			if m[2] >= 0 {
				i, _ = strconv.Atoi(rest[m[2]:m[3]])
				i--
			}
			n++
			if i < 0 || i >= len(args) {
				return fmt.Errorf("view.Sprintf(%q): no argument %d", format, i+1)
			}
			if err := args[i].Render(ctx, w); err != nil {
				return err
			}
			rest = rest[m[1]:]
		}
	})
}

// otherLang is textLang where it differs from the page's language, for a lang attribute on an
// element such as <option> that cannot hold a marked span; "" leaves the attribute out.
func otherLang(ctx context.Context, textLang string) string {
	if textLang == lang(ctx).Code {
		return ""
	}
	return textLang
}

// optionLang is the language of a document's label in a list option: none for a symbol.
func optionLang(ctx context.Context, d store.DocRef) string {
	if d.Symbol != "" {
		return ""
	}
	return otherLang(ctx, d.TitleLang)
}
