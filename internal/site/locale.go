package site

import (
	"context"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// Locale is the language a page is served in and what its layout needs to offer the others.
type Locale struct {
	Origin  string     // the site's scheme and host, for absolute addresses
	Lang    *i18n.Lang // the page's language
	Suggest *i18n.Lang // a language the reader's browser prefers, offered but never imposed
	// Path is the page's own address without a language prefix ("/advances?body=cescr"), built
	// by its handler from the route and validated parameters; error pages leave it "/".
	Path string
	// Today is the request's date (UTC): the date a full reference says the reader accessed
	// the text.
	Today time.Time
}

type localeKey struct{}

// WithLocale returns ctx carrying loc.
func WithLocale(ctx context.Context, loc Locale) context.Context {
	return context.WithValue(ctx, localeKey{}, loc)
}

// LocaleFrom returns the locale that ctx carries: English at the home page when it carries none.
func LocaleFrom(ctx context.Context) Locale {
	if loc, ok := ctx.Value(localeKey{}).(Locale); ok && loc.Lang != nil {
		return loc
	}
	return Locale{Lang: i18n.English, Path: HomePath}
}

// Localized is path in language l: "/fr/advances", and "/fr" for the home page.
func Localized(l *i18n.Lang, path string) string {
	if path == HomePath && l.Prefix() != "" {
		return l.Prefix()
	}
	return l.Prefix() + path
}

// Alternate is this page's address in language l.
func (loc Locale) Alternate(l *i18n.Lang) string { return Localized(l, loc.Path) }

// Absolute is this page's full address in language l, as search engines want alternates.
func (loc Locale) Absolute(l *i18n.Lang) string { return loc.Origin + loc.Alternate(l) }
