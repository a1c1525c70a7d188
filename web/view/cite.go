package view

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/cite"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Reference is document d, or its paragraph n when n > 0, as a reader served in loc cites it:
// read at its official address where it has one, else at the tracker's page, on loc's date.
func Reference(loc site.Locale, d store.Document, n int) cite.Reference {
	r := cite.Reference{
		ID: d.Slug, Author: d.AuthorName, Title: d.Title, Symbol: d.Symbol, Kind: string(d.Kind),
		Issued: d.Issued.ISO(), Paragraph: n, URL: d.URL, Accessed: loc.Today, Lang: d.TitleLang,
	}
	if n > 0 {
		r.ID += "-para-" + strconv.Itoa(n)
	}
	if r.URL == "" {
		path := site.DocumentURL(d.Slug)
		if n > 0 {
			path = site.ParagraphURL(d.Slug, n)
		}
		r.URL = loc.Origin + site.Localized(loc.Lang, path)
	}
	if r.Accessed.IsZero() {
		r.Accessed = time.Now().UTC()
	}
	return r
}

// ReferenceText is r written out in full for language l: author, title, symbol, date,
// paragraph, then the address and the date it was read.
func ReferenceText(l *i18n.Lang, r cite.Reference) string {
	m := l.Messages
	var parts []string
	if r.Author != "" {
		parts = append(parts, r.Author)
	}
	parts = append(parts, "“"+strings.Join(strings.Fields(r.Title), " ")+"”")
	if r.Symbol != "" {
		parts = append(parts, r.Symbol)
	}
	if d, err := store.ParseDate(r.Issued); err == nil {
		parts = append(parts, langDate(l, d))
	}
	if r.Paragraph > 0 {
		parts = append(parts, fmt.Sprintf(m.CiteParagraph, r.Paragraph))
	}
	return strings.Join(parts, ", ") + ". " + r.URL + " (" +
		fmt.Sprintf(m.CiteAccessed, l.Day(r.Accessed)) + ")."
}

// DataSetCitation is how to cite the tracker's data: its name, the data's last change, its
// address.
func DataSetCitation(l *i18n.Lang, origin string, changed time.Time) string {
	return fmt.Sprintf(l.Messages.CiteDataSetText, l.Messages.SiteName, l.Day(changed), origin+site.Localized(l, site.HomePath))
}

func langDate(l *i18n.Lang, d store.Date) string {
	switch d.Precision {
	case store.PrecisionYear:
		return l.Year(d.Time)
	case store.PrecisionMonth:
		return l.Month(d.Time)
	}
	return l.Day(d.Time)
}

// citeFormats names the reference formats as their links show them.
var citeFormats = []struct{ Ext, Name string }{{"bib", "BibTeX"}, {"ris", "RIS"}, {"json", "CSL-JSON"}}
