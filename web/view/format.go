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
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func locale(ctx context.Context) site.Locale { return site.LocaleFrom(ctx) }

func lang(ctx context.Context) *i18n.Lang  { return locale(ctx).Lang }
func t(ctx context.Context) *i18n.Messages { return lang(ctx).Messages }

// href is path in the page's language.
func href(ctx context.Context, path string) templ.SafeURL {
	return templ.SafeURL(site.Localized(lang(ctx), path))
}

func count(ctx context.Context, p i18n.Plural, n int) string { return lang(ctx).Count(p, n) }

func number(ctx context.Context, n int) string { return lang(ctx).Number(n) }

// date writes a date to the precision it is known to: "2000", "June 2015", "7 October 2016".
func date(ctx context.Context, d store.Date) string {
	l := lang(ctx)
	switch d.Precision {
	case store.PrecisionYear:
		return l.Year(d.Time)
	case store.PrecisionMonth:
		return l.Month(d.Time)
	case store.PrecisionDay:
		return l.Day(d.Time)
	}
	return ""
}

// Citation is how people cite a paragraph: "A/73/230, para. 14".
func Citation(l *i18n.Lang, doc store.DocRef, n int) string {
	return fmt.Sprintf(l.Messages.Citation, doc.Label(), n)
}

func citation(ctx context.Context, doc store.DocRef, n int) string {
	return Citation(lang(ctx), doc, n)
}

// bodyKind names a kind of body from names, the singular or plural catalog; a kind the
// catalog lacks (TestKindNames prevents it) shows as it is stored.
func bodyKind(names i18n.BodyKindNames, k store.BodyKind) string {
	switch k {
	case store.TreatyBody:
		return names.TreatyBody
	case store.SpecialProcedure:
		return names.SpecialProcedure
	case store.CharterBody:
		return names.CharterBody
	case store.Secretariat:
		return names.Secretariat
	case store.State:
		return names.State
	case store.CivilSociety:
		return names.CivilSociety
	}
	return string(k)
}

// documentKind names a kind of document.
func documentKind(names i18n.DocumentKindNames, k store.DocumentKind) string {
	switch k {
	case store.Report:
		return names.Report
	case store.Resolution:
		return names.Resolution
	case store.Statement:
		return names.Statement
	case store.GeneralComment:
		return names.GeneralComment
	case store.News:
		return names.News
	}
	return string(k)
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

// unLanguages are the UN's six official languages, in which the Official Document System
// publishes every document.
var unLanguages = []string{"ar", "zh", "en", "fr", "ru", "es"}

// officialURL is a UN document's address in the page's language where the UN publishes one:
// undocs.org answers https://undocs.org/fr/A/73/230 with the French text. Other addresses are
// left as they are.
func officialURL(ctx context.Context, raw string) string {
	code := lang(ctx).Code
	u, err := url.Parse(raw)
	if err != nil || u.Host != "undocs.org" || !slices.Contains(unLanguages, code) {
		return raw
	}
	symbol := strings.TrimPrefix(u.Path, "/")
	first, rest, ok := strings.Cut(symbol, "/")
	switch {
	case ok && slices.Contains(unLanguages, first):
		symbol = rest // already in a language: give the reader's instead
	case code == "en":
		return raw // undocs.org's own default is English
	}
	if symbol == "" {
		return raw
	}
	return "https://undocs.org/" + code + "/" + symbol
}

// excerpt is the first words of a text, to name it in a list.
func excerpt(s string) string {
	const words = 10
	f := strings.Fields(s)
	if len(f) <= words {
		return s
	}
	return strings.Join(f[:words], " ") + " …"
}

// urlLang is the language to mark a document's address with: none for a UN document, whose
// address holds only its symbol; the document's own for a source, whose address may hold words.
func urlLang(d store.Document) string {
	if d.Symbol != "" {
		return ""
	}
	return d.Lang
}

// QuoteCitation is a quote's citation in language l: its speaker with role and organisation,
// then where we read the words and that source's address: "Phil Lynch (Executive Director,
// ISHR), in: <title>, <URL>".
func QuoteCitation(l *i18n.Lang, q store.Quote) string {
	return fmt.Sprintf(l.Messages.QuoteCitation, quoteWho(l, q), q.Source.Label(), q.Source.URL)
}

// quoteWho is a quote's speaker with role and organisation: "Phil Lynch (Executive Director,
// ISHR)".
func quoteWho(l *i18n.Lang, q store.Quote) string {
	m := l.Messages
	who := q.SpeakerName
	var about []string
	for _, s := range []string{q.SpeakerRole, q.SpeakerOrganisation} {
		if s != "" {
			about = append(about, s)
		}
	}
	if len(about) > 0 {
		who = fmt.Sprintf(m.QuoteSpeaker, who, strings.Join(about, m.Comma))
	}
	return who
}
