// Package i18n holds the tracker's interface in each of its languages: the message catalogs,
// plural rules, and the formats of dates and numbers.
package i18n

import (
	"fmt"
	"slices"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Lang is one interface language.
type Lang struct {
	Code     string // as in URLs and lang attributes: "fr"
	Name     string // the language's name in itself: "Français"
	Messages *Messages
	tag      language.Tag
	printer  *message.Printer
}

// Dir is the value of the dir attribute for the language.
func (l *Lang) Dir() string { return Dir(l.Code) }

// rightToLeft lists the languages, ours and those of quoted text, whose scripts run right to left.
var rightToLeft = []string{"ar", "fa", "he", "ur"}

// Dir is the value of the dir attribute for text in the language with the given code.
func Dir(code string) string {
	if slices.Contains(rightToLeft, code) {
		return "rtl"
	}
	return "ltr"
}

// Prefix is what the language adds in front of a path: "" for English, "/fr" for French.
func (l *Lang) Prefix() string {
	if l == English {
		return ""
	}
	return "/" + l.Code
}

// newLang makes a language. Every language writes its numbers in Latin digits, Arabic too, as
// the symbols and paragraph numbers beside them are, and as the UN's Arabic documents do.
func newLang(code, name string, m *Messages) *Lang {
	tag := language.MustParse(code)
	return &Lang{Code: code, Name: name, Messages: m, tag: tag,
		printer: message.NewPrinter(language.MustParse(code + "-u-nu-latn"))}
}

// The interface languages. English is served at the root, the others under their code.
var (
	English = newLang("en", "English", &en)
	French  = newLang("fr", "Français", &fr)
	Spanish = newLang("es", "Español", &es)
	Arabic  = newLang("ar", "العربية", &ar)

	// Langs lists every language, English first.
	Langs = []*Lang{English, French, Spanish, Arabic}
)

// ByCode returns the language with the given code.
func ByCode(code string) (*Lang, bool) {
	for _, l := range Langs {
		if l.Code == code {
			return l, true
		}
	}
	return nil, false
}

var matcher = language.NewMatcher([]language.Tag{English.tag, French.tag, Spanish.tag, Arabic.tag})

// Preferred is the language an Accept-Language header asks for, when it names one of ours.
func Preferred(acceptLanguage string) (*Lang, bool) {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return nil, false
	}
	_, i, conf := matcher.Match(tags...)
	if conf < language.High {
		return nil, false
	}
	return Langs[i], true
}

// Number writes n with the language's digits and grouping.
func (l *Lang) Number(n int) string { return l.printer.Sprintf("%d", n) }

// digits writes n in the language's digits without grouping, as years are written.
func (l *Lang) digits(n int) string {
	return l.printer.Sprint(number.Decimal(n, number.NoSeparator()))
}

// Count writes n with the plural form of p that the language's rules choose for it.
func (l *Lang) Count(p Plural, n int) string {
	form := p.Other
	switch plural.Cardinal.MatchPlural(l.tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		form = or(p.Zero, form)
	case plural.One:
		form = or(p.One, form)
	case plural.Two:
		form = or(p.Two, form)
	case plural.Few:
		form = or(p.Few, form)
	case plural.Many:
		form = or(p.Many, form)
	}
	if !containsVerb(form) {
		return form
	}
	return fmt.Sprintf(form, l.Number(n))
}

// Year writes t's year, as a date known only to its year is written.
func (l *Lang) Year(t time.Time) string { return l.digits(t.Year()) }

// Month writes t's month and year: "October 2016".
func (l *Lang) Month(t time.Time) string {
	return fmt.Sprintf(l.Messages.DateMonth, l.digits(t.Day()), l.Messages.Months[t.Month()-1], l.digits(t.Year()))
}

// Day writes t's day, month and year: "7 October 2016".
func (l *Lang) Day(t time.Time) string {
	return fmt.Sprintf(l.Messages.DateDay, l.digits(t.Day()), l.Messages.Months[t.Month()-1], l.digits(t.Year()))
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

func containsVerb(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] != '%' {
			return true
		}
	}
	return false
}
