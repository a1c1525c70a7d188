// Package cite writes references to documents and their paragraphs in the formats that
// reference managers read: BibTeX, RIS and CSL-JSON. It knows nothing of HTTP or the database;
// the server fills a Reference and the view writes its text.
package cite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Reference is a document, or one paragraph of it, as a reader cites it.
type Reference struct {
	ID        string    // a key for reference managers: "A-73-230-para-14"
	Author    string    // the body that issued the document, a corporate author
	Title     string    // in the language asked for where translated
	Symbol    string    // "A/73/230"; empty for a document the UN gave none
	Kind      string    // the document's kind: report, resolution, statement, general-comment, news
	Issued    string    // ISO 8601 to its precision: 2018, 2018-07 or 2018-07-19; empty if unknown
	Paragraph int       // 0 for the whole document
	URL       string    // where the text is read
	Accessed  time.Time // when the reader read it (the request's date, UTC)
	Lang      string    // the language of Title
}

// Formats are the file formats a reference is downloaded in: the file extension, its media type.
var Formats = []struct{ Ext, MediaType string }{
	{"bib", "application/x-bibtex; charset=utf-8"},
	{"ris", "application/x-research-info-systems; charset=utf-8"},
	{"json", "application/vnd.citationstyles.csl+json; charset=utf-8"},
}

// dateParts are the numbers of an ISO date to its precision: [2018] or [2018, 7, 19].
func dateParts(iso string) []int {
	var out []int
	for _, p := range strings.Split(iso, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// BibTeX writes r as one BibTeX entry, its text escaped so that any title keeps its braces
// balanced. Corporate authors are braced whole, as BibTeX requires.
func (r Reference) BibTeX() string {
	kind := "misc"
	if r.Kind == "report" {
		kind = "techreport"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "@%s{%s,\n", kind, bibKey(r.ID))
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
		}
	}
	if r.Author != "" {
		field("author", "{"+bibEscape(r.Author)+"}")
		if kind == "techreport" {
			field("institution", bibEscape(r.Author))
		}
	}
	field("title", "{"+bibEscape(r.Title)+"}")
	field("number", bibEscape(r.Symbol))
	parts := dateParts(r.Issued)
	if len(parts) > 0 {
		field("year", strconv.Itoa(parts[0]))
	}
	if len(parts) > 1 {
		field("month", strconv.Itoa(parts[1]))
	}
	if r.Paragraph > 0 {
		field("note", "para. "+strconv.Itoa(r.Paragraph))
	}
	field("url", bibEscape(r.URL))
	field("urldate", r.Accessed.Format(time.DateOnly))
	field("language", r.Lang)
	b.WriteString("}\n")
	return b.String()
}

var bibEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, `{`, `\{`, `}`, `\}`, `&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`,
	`_`, `\_`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
)

func bibEscape(s string) string { return bibEscaper.Replace(oneLine(s)) }

// bibKey keeps the letters, digits and - of id: a key may hold no space, comma or brace.
func bibKey(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, id)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// RIS writes r as one RIS record, from TY to ER, lines ending in CRLF as the format wants.
func (r Reference) RIS() string {
	var b strings.Builder
	tag := func(t, value string) {
		if value != "" {
			b.WriteString(t + "  - " + oneLine(value) + "\r\n")
		}
	}
	ty := "GEN"
	switch r.Kind {
	case "report":
		ty = "RPRT"
	case "news":
		ty = "NEWS"
	}
	tag("TY", ty)
	tag("ID", r.ID)
	tag("AU", r.Author)
	tag("TI", r.Title)
	tag("CN", r.Symbol)
	if parts := dateParts(r.Issued); len(parts) > 0 {
		tag("PY", strconv.Itoa(parts[0]))
		d := fmt.Sprintf("%04d/", parts[0])
		for _, p := range parts[1:] {
			d += fmt.Sprintf("%02d/", p)
		}
		tag("DA", d)
	}
	if r.Paragraph > 0 {
		tag("N1", "para. "+strconv.Itoa(r.Paragraph))
	}
	tag("UR", r.URL)
	tag("Y2", r.Accessed.Format("2006/01/02"))
	tag("LA", r.Lang)
	b.WriteString("ER  - \r\n")
	return b.String()
}

// CSL is a reference as CSL-JSON gives it: the format of Zotero, Pandoc and citeproc.
type CSL struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title"`
	Author    []CSLName `json:"author,omitempty"`
	Number    string    `json:"number,omitempty"`
	Issued    *CSLDate  `json:"issued,omitempty"`
	Accessed  CSLDate   `json:"accessed"`
	URL       string    `json:"URL"`
	Locator   string    `json:"locator,omitempty"`
	Label     string    `json:"label,omitempty"`
	Language  string    `json:"language,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
}

// CSLName is an author; a body is a literal name.
type CSLName struct {
	Literal string `json:"literal"`
}

// CSLDate is a date to its precision: [[2018]] or [[2018, 7, 19]].
type CSLDate struct {
	DateParts [][]int `json:"date-parts"`
}

// CSL writes r for CSL-JSON; a file holds an array of them.
func (r Reference) CSL() CSL {
	c := CSL{
		ID: r.ID, Type: "document", Title: oneLine(r.Title), Number: r.Symbol, URL: r.URL, Language: r.Lang,
		Accessed: CSLDate{DateParts: [][]int{{r.Accessed.Year(), int(r.Accessed.Month()), r.Accessed.Day()}}},
	}
	switch r.Kind {
	case "report":
		c.Type = "report"
	case "news":
		c.Type = "article-newspaper"
	}
	if r.Author != "" {
		c.Author = []CSLName{{Literal: r.Author}}
		c.Publisher = r.Author
	}
	if parts := dateParts(r.Issued); len(parts) > 0 {
		c.Issued = &CSLDate{DateParts: [][]int{parts}}
	}
	if r.Paragraph > 0 {
		c.Locator, c.Label = strconv.Itoa(r.Paragraph), "paragraph"
	}
	return c
}
