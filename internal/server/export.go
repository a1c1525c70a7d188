package server

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/bufpool"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// The data twins give a list, with the filters of its page and a lang parameter, or one item,
// as JSON and as CSV: every matching row at once, for spreadsheets and scripts. Each row
// carries its canonical address, its citation and its source's address. Every twin writes
// through writeJSON or writeCSV; the rows are the *Doc types below, which the OpenAPI
// description (openapi.go) also describes.

// writeJSON writes v as indented JSON.
func writeJSON(w http.ResponseWriter, v any) error {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(buf.Bytes())
	return err
}

// csvRow is a row of a CSV twin; its header is the CSV's first line.
type csvRow interface{ record() []string }

// writeCSV writes a header and rows as a CSV file named name: UTF-8 with a byte order mark,
// which spreadsheets need to read it as UTF-8, and cells that cannot run as formulas.
func writeCSV[T csvRow](w http.ResponseWriter, name string, header []string, rows []T) error {
	buf := bufpool.Get()
	defer bufpool.Put(buf)
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(buf)
	cw.Write(header)
	for _, row := range rows {
		cw.Write(cells(row.record()...))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, err := w.Write(buf.Bytes())
	return err
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9.]+`)

// fileName names a download after what it holds and the filter that chose it:
// advances-treaty-bodies-fr.csv.
func fileName(ext string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.Trim(unsafeName.ReplaceAllString(p, "-"), "-."); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "-") + "." + ext
}

// queryName is the parts of a file name that q's filters and language give.
func queryName(base string, q site.Query) []string {
	parts := append(append([]string{base}, q.Bodies...), q.Document)
	if q.Lang != nil {
		parts = append(parts, q.Lang.Code)
	}
	return parts
}

// dataQuery reads the query of a data twin that takes the parameters accepted, and the
// language it answers in.
func (s *Server) dataQuery(r *http.Request, accepted ...site.Param) (site.Query, *i18n.Lang, error) {
	q, err := s.listQuery(r, accepted...)
	if err != nil {
		return q, nil, err
	}
	return q, dataLang(r, q), nil
}

// Advances.

func (s *Server) serveAdvancesJSON(w http.ResponseWriter, r *http.Request) error {
	out, err := s.exportAdvances(w, r, "json")
	if err != nil || out == nil {
		return err
	}
	return writeJSON(w, out)
}

func (s *Server) serveAdvancesCSV(w http.ResponseWriter, r *http.Request) error {
	out, err := s.exportAdvances(w, r, "csv")
	if err != nil || out == nil {
		return err
	}
	return writeCSV(w, fileName("csv", queryName("advances", out.query)...), advanceHeader, out.Advances)
}

// exportAdvances reads the filters and language of a data twin in format ext and one page of
// the advances they select. The address of the next page is in the JSON, and in a Link
// header for both formats. With a redirect written, it returns nil.
func (s *Server) exportAdvances(w http.ResponseWriter, r *http.Request, ext string) (*advancesDoc, error) {
	path := site.AdvancesPath + "." + ext
	q, err := s.advancesQuery(w, r, path, site.DataParams)
	if err != nil || q == nil {
		return nil, err
	}
	l := dataLang(r, *q)
	f := advanceFilter(*q, l)
	f.Limit = advancesDataPerPage
	list, err := s.store.Advances(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := &advancesDoc{Lang: l.Code, Total: list.Total, More: list.More, Filter: filterDoc(*q), Advances: make([]advanceDoc, len(list.Advances)), query: *q}
	for i, a := range list.Advances {
		out.Advances[i] = newAdvanceDoc(s.origin(r), l, a)
	}
	if next := nextAdvances(r, *q, list, path); next != "" {
		out.Next = s.origin(r) + next
		w.Header().Set("Link", "<"+out.Next+`>; rel="next"`)
	}
	return out, nil
}

func (s *Server) serveAdvanceData(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		q, l, err := s.dataQuery(r, site.ParamLang)
		if err != nil {
			return err
		}
		a, err := s.store.Advance(r.Context(), slug, l.Code)
		if err != nil {
			return err
		}
		d := newAdvanceDoc(s.origin(r), l, a)
		if format == "csv" {
			return writeCSV(w, fileName("csv", queryName("advance-"+slug, q)...), advanceHeader, []advanceDoc{d})
		}
		return writeJSON(w, d)
	}
}

// filterDoc is the filter a list twin answered, as its JSON repeats it.
func filterDoc(q site.Query) map[string]string {
	f := map[string]string{}
	if len(q.Bodies) > 0 {
		f["body"] = strings.Join(q.Bodies, ",") // slugs hold no commas
	}
	if q.Document != "" {
		f["document"] = q.Document
	}
	if q.Speaker != "" {
		f["speaker"] = q.Speaker
	}
	if q.Organisation != "" {
		f["organisation"] = q.Organisation
	}
	return f
}

// advancesDoc is a page of advances as the JSON twin gives it: Total counts the advances
// that match, up to store.CountLimit, and More says that more match; Next is the address of
// the next page, absent on the last.
type advancesDoc struct {
	Lang     string            `json:"lang"`
	Total    int               `json:"total"`
	More     bool              `json:"more,omitempty"`
	Filter   map[string]string `json:"filter"`
	Next     string            `json:"next,omitempty"`
	Advances []advanceDoc      `json:"advances"`
	query    site.Query
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
	DocumentURL   string    `json:"document_url"`
	Paragraphs    []int     `json:"paragraphs"`
	Citations     []string  `json:"citations"`
	Bodies        []bodyRef `json:"bodies"`
	Date          string    `json:"date,omitempty"`
	DatePrecision string    `json:"date_precision,omitempty"`
	// DateConfirmed is given only with a date: an undated advance has no date to confirm.
	DateConfirmed *bool `json:"date_confirmed,omitempty"`
	// DateWhy says why the date is unconfirmed or, with no date, why there is none.
	DateWhy   string    `json:"date_why,omitempty"`
	Source    string    `json:"source"`
	SourceURL string    `json:"source_url"`
	Facts     []factDoc `json:"facts"`
}

var advanceHeader = []string{"slug", "url", "title", "summary", "lang", "document", "paragraphs", "citations",
	"bodies", "date", "date_precision", "date_confirmed", "source", "source_url", "document_url"}

func (d advanceDoc) record() []string {
	var bodies []string
	for _, b := range d.Bodies {
		bodies = append(bodies, b.Name)
	}
	return []string{d.Slug, d.URL, d.Title, d.Summary, d.Lang, d.Document, joinInts(d.Paragraphs),
		strings.Join(d.Citations, "; "), strings.Join(bodies, "; "), d.Date, d.DatePrecision,
		optionalBool(d.DateConfirmed), d.Source, d.SourceURL, d.DocumentURL}
}

type bodyRef struct {
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
		Lang: a.Lang, Document: a.Document.Label(), DocumentURL: origin + l.Prefix() + site.DocumentURL(a.Document.Slug),
		Paragraphs: a.Paragraphs, Citations: citations(l, a.Document, a.Paragraphs),
		Bodies: bodyRefs(a.Bodies), Facts: []factDoc{}, DateWhy: a.EventWhy,
		Source: a.Source.Label(), SourceURL: a.Source.URL,
	}
	for _, f := range a.Facts {
		d.Facts = append(d.Facts, factDoc{Text: f.Text, Confirmed: f.Confirmed, Why: f.Why, SourceURL: f.SourceURL})
	}
	if a.Event.Known() {
		d.Date, d.DatePrecision = a.Event.ISO(), string(a.Event.Precision)
		d.DateConfirmed = &a.EventConfirmed
	}
	return d
}

func citations(l *i18n.Lang, doc store.DocRef, ns []int) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, view.Citation(l, doc, n))
	}
	return out
}

func bodyRefs(bs []store.BodyRef) []bodyRef {
	out := []bodyRef{}
	for _, b := range bs {
		out = append(out, bodyRef{Slug: b.Slug, Name: b.Label(), Confirmed: b.Confirmed})
	}
	return out
}

// Recommendations.

// recommendationsDoc is a page of recommendations: Total counts those on it; Next is the next
// page's address.
type recommendationsDoc struct {
	Lang            string              `json:"lang"`
	Total           int                 `json:"total"`
	Filter          map[string]string   `json:"filter"`
	Next            string              `json:"next,omitempty"`
	Recommendations []recommendationDoc `json:"recommendations"`
}

type recommendationDoc struct {
	Slug        string    `json:"slug"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	Text        string    `json:"text"`
	Lang        string    `json:"lang"`
	Document    string    `json:"document"`
	DocumentURL string    `json:"document_url"`
	Paragraphs  []int     `json:"paragraphs"`
	Citations   []string  `json:"citations"`
	Addressees  []bodyRef `json:"addressees"`
	Source      string    `json:"source"`
	SourceURL   string    `json:"source_url"`
	// FollowUp is what has become of it, where that is known.
	FollowUp *followUpDoc `json:"follow_up,omitempty"`
}

// followUpDoc is a recommendation's follow-up: its status (store.FollowUpStatus) as of a
// date, as the page at SourceURL says.
type followUpDoc struct {
	Status        string `json:"status"`
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	SourceURL     string `json:"source_url"`
}

// recommendationHeader puts the follow-up's columns last, after those the CSV had before
// it: a spreadsheet that reads columns by place keeps working.
var recommendationHeader = []string{"slug", "url", "title", "text", "lang", "document", "paragraphs", "citations",
	"addressees", "source", "source_url", "document_url", "follow_up_status", "follow_up_date", "follow_up_source_url"}

func (d recommendationDoc) record() []string {
	var bodies []string
	for _, b := range d.Addressees {
		bodies = append(bodies, b.Name)
	}
	var f followUpDoc
	if d.FollowUp != nil {
		f = *d.FollowUp
	}
	return []string{d.Slug, d.URL, d.Title, d.Text, d.Lang, d.Document, joinInts(d.Paragraphs),
		strings.Join(d.Citations, "; "), strings.Join(bodies, "; "), d.Source, d.SourceURL, d.DocumentURL,
		f.Status, f.Date, f.SourceURL}
}

func newRecommendationDoc(origin string, l *i18n.Lang, r store.Recommendation) recommendationDoc {
	d := recommendationDoc{
		Slug: r.Slug, URL: origin + l.Prefix() + site.RecommendationURL(r.Slug), Title: r.Title, Text: r.Text,
		Lang: r.Lang, Document: r.Document.Label(), DocumentURL: origin + l.Prefix() + site.DocumentURL(r.Document.Slug),
		Paragraphs: r.Paragraphs, Citations: citations(l, r.Document, r.Paragraphs), Addressees: bodyRefs(r.Addressees),
		Source: r.Source.Label(), SourceURL: r.Source.URL,
	}
	if r.FollowUpStatus != "" {
		d.FollowUp = &followUpDoc{
			Status: string(r.FollowUpStatus), Date: r.FollowUpDate.ISO(),
			DatePrecision: string(r.FollowUpDate.Precision), SourceURL: r.FollowUpSourceURL,
		}
	}
	return d
}

// itemsDataPerPage is how many recommendations or quotes a page of their data twins gives.
const itemsDataPerPage = 1000

// exportRecommendations reads the query of a recommendations' twin in format ext and one page
// of what it selects; the next page's address goes in a Link header, and in next.
func (s *Server) exportRecommendations(w http.ResponseWriter, r *http.Request, ext string) (site.Query, *i18n.Lang, []recommendationDoc, string, error) {
	q, l, err := s.itemsQuery(r, site.RecommendationsPath+"."+ext, site.ItemDataParams, store.SortDocument)
	if err != nil {
		return q, nil, nil, "", err
	}
	p, err := s.store.RecommendationPage(r.Context(), store.ItemFilter{Bodies: q.Bodies, Document: q.Document, Lang: l.Code, After: q.After, Limit: itemsDataPerPage})
	docs := make([]recommendationDoc, len(p.Items))
	for i, rec := range p.Items {
		docs[i] = newRecommendationDoc(s.origin(r), l, rec)
	}
	return q, l, docs, s.nextLink(w, r, q, p.Next, site.RecommendationsPath+"."+ext), err
}

func (s *Server) serveRecommendationsJSON(w http.ResponseWriter, r *http.Request) error {
	q, l, docs, next, err := s.exportRecommendations(w, r, "json")
	if err != nil {
		return err
	}
	return writeJSON(w, recommendationsDoc{Lang: l.Code, Total: len(docs), Filter: filterDoc(q), Next: next, Recommendations: docs})
}

func (s *Server) serveRecommendationsCSV(w http.ResponseWriter, r *http.Request) error {
	q, _, docs, _, err := s.exportRecommendations(w, r, "csv")
	if err != nil {
		return err
	}
	return writeCSV(w, fileName("csv", queryName("recommendations", q)...), recommendationHeader, docs)
}

// itemsQuery reads the query of a list in one order, or of its twins, at path: a damaged
// cursor, or one of another order, is a 400 that links the first page.
func (s *Server) itemsQuery(r *http.Request, path string, accepted []site.Param, order store.Sort) (site.Query, *i18n.Lang, error) {
	return s.orderedQuery(r, path, accepted, func(site.Query) store.Sort { return order })
}

// quoteOrder is the order of the quotes q selects: a body's are in the order of their index.
func quoteOrder(q site.Query) store.Sort {
	if len(q.Bodies) > 0 {
		return store.SortAdded
	}
	return store.SortDocument
}

// orderedQuery is itemsQuery for a list whose order depends on its filters.
func (s *Server) orderedQuery(r *http.Request, path string, accepted []site.Param, order func(site.Query) store.Sort) (site.Query, *i18n.Lang, error) {
	q, l, err := s.dataQuery(r, accepted...)
	var bad *site.BadCursor
	if errors.As(err, &bad) || (err == nil && !q.CursorFits(order(q))) {
		return q, nil, badRequest(messages(r).ErrBadCursor, site.Localized(lang(r), path))
	}
	return q, l, err
}

// nextLink is the absolute address of the page after q's that starts at next, set as a Link
// header too; "" on the last page.
func (s *Server) nextLink(w http.ResponseWriter, r *http.Request, q site.Query, next *store.Cursor, path string) string {
	if next == nil {
		return ""
	}
	u := s.origin(r) + site.Localized(lang(r), q.Starting(*next).URL(path))
	w.Header().Set("Link", "<"+u+`>; rel="next"`)
	return u
}

func (s *Server) serveRecommendationData(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		q, l, err := s.dataQuery(r, site.ParamLang)
		if err != nil {
			return err
		}
		rec, err := s.store.Recommendation(r.Context(), slug, l.Code)
		if err != nil {
			return err
		}
		d := newRecommendationDoc(s.origin(r), l, rec)
		if format == "csv" {
			return writeCSV(w, fileName("csv", queryName("recommendation-"+slug, q)...), recommendationHeader, []recommendationDoc{d})
		}
		return writeJSON(w, d)
	}
}

// Quotes.

// quotesDoc is a page of quotes: Total counts those on it; Next is the next page's address.
type quotesDoc struct {
	Lang   string            `json:"lang"`
	Total  int               `json:"total"`
	Filter map[string]string `json:"filter"`
	Next   string            `json:"next,omitempty"`
	Quotes []quoteDoc        `json:"quotes"`
}

// quoteDoc is a quote: its words stay in the language they were said in (lang); its address
// is its place on the list of quotes, which is the quote's own page.
type quoteDoc struct {
	Slug                string `json:"slug"`
	URL                 string `json:"url"`
	Text                string `json:"text"`
	Lang                string `json:"lang"`
	Context             string `json:"context"`
	SpeakerName         string `json:"speaker_name"`
	SpeakerRole         string `json:"speaker_role"`
	SpeakerOrganisation string `json:"speaker_organisation"`
	Document            string `json:"document"`
	Paragraph           int    `json:"paragraph,omitempty"`
	Citation            string `json:"citation"`
	Source              string `json:"source"`
	SourceURL           string `json:"source_url"`
	// CiteAs is the quote's own citation, as its page offers it to copy.
	CiteAs      string `json:"cite_as"`
	SpeakerBody string `json:"speaker_body,omitempty"` // the slug of the body the speaker speaks for
}

var quoteHeader = []string{"slug", "url", "text", "lang", "context", "speaker_name", "speaker_role",
	"speaker_organisation", "document", "paragraph", "citation", "source", "source_url", "cite_as", "speaker_body"}

func (d quoteDoc) record() []string {
	para := ""
	if d.Paragraph > 0 {
		para = strconv.Itoa(d.Paragraph)
	}
	return []string{d.Slug, d.URL, d.Text, d.Lang, d.Context, d.SpeakerName, d.SpeakerRole,
		d.SpeakerOrganisation, d.Document, para, d.Citation, d.Source, d.SourceURL, d.CiteAs, d.SpeakerBody}
}

func newQuoteDoc(origin string, l *i18n.Lang, q store.Quote) quoteDoc {
	d := quoteDoc{
		Slug: q.Slug, Text: q.Text, Lang: q.Lang, Context: q.Context, SpeakerName: q.SpeakerName,
		SpeakerRole: q.SpeakerRole, SpeakerOrganisation: q.SpeakerOrganisation, Document: q.Document.Label(),
		Paragraph: q.Paragraph, Citation: q.Document.Label(), Source: q.Source.Label(), SourceURL: q.Source.URL,
		URL: origin + l.Prefix() + site.QuoteURL(q.Document.Slug, q.Slug), CiteAs: view.QuoteCitation(l, q), SpeakerBody: q.SpeakerBody,
	}
	if q.Paragraph > 0 {
		d.Citation = view.Citation(l, q.Document, q.Paragraph)
	}
	return d
}

func (s *Server) exportQuotes(w http.ResponseWriter, r *http.Request, ext string) (site.Query, *i18n.Lang, []quoteDoc, string, error) {
	q, l, err := s.orderedQuery(r, site.QuotesPath+"."+ext, site.QuoteDataParams, quoteOrder)
	if err != nil {
		return q, nil, nil, "", err
	}
	f := quoteFilter(q)
	f.Limit = itemsDataPerPage
	p, err := s.store.QuotePage(r.Context(), f)
	docs := make([]quoteDoc, len(p.Items))
	for i, quote := range p.Items {
		docs[i] = newQuoteDoc(s.origin(r), l, quote)
	}
	return q, l, docs, s.nextLink(w, r, q, p.Next, site.QuotesPath+"."+ext), err
}

func (s *Server) serveQuotesJSON(w http.ResponseWriter, r *http.Request) error {
	q, l, docs, next, err := s.exportQuotes(w, r, "json")
	if err != nil {
		return err
	}
	return writeJSON(w, quotesDoc{Lang: l.Code, Total: len(docs), Filter: filterDoc(q), Next: next, Quotes: docs})
}

func (s *Server) serveQuotesCSV(w http.ResponseWriter, r *http.Request) error {
	q, _, docs, _, err := s.exportQuotes(w, r, "csv")
	if err != nil {
		return err
	}
	return writeCSV(w, fileName("csv", queryName("quotes", q)...), quoteHeader, docs)
}

// Bodies.

type bodiesDoc struct {
	Lang   string    `json:"lang"`
	Total  int       `json:"total"`
	Bodies []bodyDoc `json:"bodies"`
}

type bodyDoc struct {
	Slug      string `json:"slug"`
	URL       string `json:"url"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Parent    string `json:"parent"`
	Advances  int    `json:"advances"`
	// AdvancesURL lists its advances, its own and its members'.
	AdvancesURL string `json:"advances_url"`
}

var bodyHeader = []string{"slug", "url", "kind", "name", "short_name", "parent", "advances", "advances_url"}

func (d bodyDoc) record() []string {
	return []string{d.Slug, d.URL, d.Kind, d.Name, d.ShortName, d.Parent, strconv.Itoa(d.Advances), d.AdvancesURL}
}

func newBodyDoc(origin string, l *i18n.Lang, b store.BodyCount) bodyDoc {
	return bodyDoc{
		Slug: b.Slug, URL: origin + l.Prefix() + site.BodyURL(b.Slug), Kind: string(b.Kind), Name: b.Name,
		ShortName: b.ShortName, Parent: b.ParentSlug, Advances: b.Advances,
		AdvancesURL: origin + site.Localized(l, site.Query{Bodies: []string{b.Slug}}.URL(site.AdvancesPath)),
	}
}

func (s *Server) exportBodies(r *http.Request) (site.Query, *i18n.Lang, []bodyDoc, error) {
	q, l, err := s.dataQuery(r, site.ParamLang)
	if err != nil {
		return q, nil, nil, err
	}
	bodies, err := s.store.BodyCounts(r.Context(), "", l.Code)
	docs := make([]bodyDoc, len(bodies))
	for i, b := range bodies {
		docs[i] = newBodyDoc(s.origin(r), l, b)
	}
	return q, l, docs, err
}

func (s *Server) serveBodiesJSON(w http.ResponseWriter, r *http.Request) error {
	_, l, docs, err := s.exportBodies(r)
	if err != nil {
		return err
	}
	return writeJSON(w, bodiesDoc{Lang: l.Code, Total: len(docs), Bodies: docs})
}

func (s *Server) serveBodiesCSV(w http.ResponseWriter, r *http.Request) error {
	q, _, docs, err := s.exportBodies(r)
	if err != nil {
		return err
	}
	return writeCSV(w, fileName("csv", queryName("bodies", q)...), bodyHeader, docs)
}

func (s *Server) serveBodyData(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		q, l, docs, err := s.exportBodies(r)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if d.Slug == slug {
				if format == "csv" {
					return writeCSV(w, fileName("csv", queryName("body-"+slug, q)...), bodyHeader, []bodyDoc{d})
				}
				return writeJSON(w, d)
			}
		}
		return notFound(l.Messages.ErrNoBody, site.Clip(slug))
	}
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
