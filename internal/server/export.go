package server

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// The data twins of the advances list take its filters and a lang parameter, and give every
// matching advance at once: they are for spreadsheets and scripts, not for reading.

func (s *Server) serveAdvancesJSON(w http.ResponseWriter, r *http.Request) error {
	l, list, err := s.exportAdvances(r)
	if err != nil {
		return err
	}
	out := advancesDoc{Lang: l.Code, Total: list.Total, Advances: make([]advanceDoc, len(list.Advances))}
	for i, a := range list.Advances {
		out.Advances[i] = newAdvanceDoc(s.origin(r), l, a)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (s *Server) serveAdvancesCSV(w http.ResponseWriter, r *http.Request) error {
	l, list, err := s.exportAdvances(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="advances.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"slug", "url", "title", "summary", "lang", "document", "paragraphs", "citations",
		"bodies", "date", "date_precision", "date_confirmed", "source"})
	for _, a := range list.Advances {
		d := newAdvanceDoc(s.origin(r), l, a)
		var bodies []string
		for _, b := range d.Bodies {
			bodies = append(bodies, b.Name)
		}
		cw.Write(cells(d.Slug, d.URL, d.Title, d.Summary, d.Lang, d.Document, joinInts(d.Paragraphs),
			strings.Join(d.Citations, "; "), strings.Join(bodies, "; "), d.Date, d.DatePrecision,
			optionalBool(d.DateConfirmed), d.Source))
	}
	cw.Flush()
	return cw.Error()
}

// exportAdvances reads the filters and language of a data twin and the advances they select.
func (s *Server) exportAdvances(r *http.Request) (*i18n.Lang, store.AdvanceList, error) {
	q, err := s.listQuery(r, site.DataParams...)
	if err != nil {
		return nil, store.AdvanceList{}, err
	}
	l := dataLang(r, q)
	list, err := s.store.Advances(r.Context(), advanceFilter(q, l))
	return l, list, err
}

type advancesDoc struct {
	Lang     string       `json:"lang"`
	Total    int          `json:"total"`
	Advances []advanceDoc `json:"advances"`
}

// advanceDoc is an advance as the data twins give it. Lang is the language its title and
// summary are in: the one asked for, or the original where there is no translation.
type advanceDoc struct {
	Slug          string    `json:"slug"`
	URL           string    `json:"url"`
	Title         string    `json:"title"`
	Summary       string    `json:"summary"`
	Lang          string    `json:"lang"`
	Document      string    `json:"document"`
	Paragraphs    []int     `json:"paragraphs"`
	Citations     []string  `json:"citations"`
	Bodies        []bodyDoc `json:"bodies"`
	Date          string    `json:"date,omitempty"`
	DatePrecision string    `json:"date_precision,omitempty"`
	// DateConfirmed is given only with a date: an undated advance has no date to confirm.
	DateConfirmed *bool `json:"date_confirmed,omitempty"`
	// DateWhy says why the date is unconfirmed or, with no date, why there is none.
	DateWhy string    `json:"date_why,omitempty"`
	Source  string    `json:"source"`
	Facts   []factDoc `json:"facts"`
}

type bodyDoc struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	Confirmed bool   `json:"confirmed"`
}

type factDoc struct {
	Text      string `json:"text"`
	Confirmed bool   `json:"confirmed"`
	Why       string `json:"why,omitempty"`
	SourceURL string `json:"source_url,omitempty"`
}

// newAdvanceDoc writes a for the data twins; origin makes its address absolute, as a
// spreadsheet cell needs it.
func newAdvanceDoc(origin string, l *i18n.Lang, a store.Advance) advanceDoc {
	d := advanceDoc{
		Slug: a.Slug, URL: origin + l.Prefix() + site.AdvanceURL(a.Slug), Title: a.Title, Summary: a.Summary,
		Lang: a.Lang, Document: a.Document.Label(), Paragraphs: a.Paragraphs, Citations: []string{},
		Bodies: []bodyDoc{}, Facts: []factDoc{}, DateWhy: a.EventWhy, Source: a.Source.Label(),
	}
	for _, b := range a.Bodies {
		d.Bodies = append(d.Bodies, bodyDoc{Slug: b.Slug, Name: b.Label(), Confirmed: b.Confirmed})
	}
	for _, f := range a.Facts {
		d.Facts = append(d.Facts, factDoc{Text: f.Text, Confirmed: f.Confirmed, Why: f.Why, SourceURL: f.SourceURL})
	}
	for _, n := range a.Paragraphs {
		d.Citations = append(d.Citations, view.Citation(l, a.Document, n))
	}
	if a.Event.Known() {
		d.Date, d.DatePrecision = a.Event.ISO(), string(a.Event.Precision)
		d.DateConfirmed = &a.EventConfirmed
	}
	return d
}

// cells guards spreadsheet users: a cell that starts with = + - @ or a tab or carriage return
// would run as a formula.
func cells(values ...string) []string {
	for i, v := range values {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			values[i] = "'" + v
		}
	}
	return values
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "; ")
}

// optionalBool is a cell for a status that may not apply: empty, as for an undated advance's
// date_confirmed.
func optionalBool(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "true"
	}
	return "false"
}
