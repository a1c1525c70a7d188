package server

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// searchDataPerPage is how many hits a page of search's data twins gives: they page too, since
// a frequent word matches most of the corpus.
const searchDataPerPage = 100

// serveSearch shows the search form, with help when no words are given, or one page of what
// the words find. A UN symbol, with or without a paragraph, leads straight to its page.
func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.SearchParams...)
	if err != nil {
		return err
	}
	page := max(q.Page, 1)
	p := view.SearchPage{Query: q, Page: page}
	if q.Q == "" {
		return s.page(w, r, q.URL(site.SearchPath), view.Search(p))
	}
	if q.Kind == "" && q.Page == 0 && !q.Filtered() {
		if to, err := s.reference(r, q.Q); err != nil {
			return err
		} else if to != "" {
			http.Redirect(w, r, site.Localized(lang(r), to), http.StatusSeeOther)
			return nil
		}
	}
	if p.Results, err = s.store.Search(r.Context(), searchFilter(q, lang(r), view.SearchPerPage)); err != nil {
		return err
	}
	if page > 1 && len(p.Results.Hits) == 0 {
		return notFound(messages(r).ErrSearchPastLast, page, site.Localized(lang(r), q.OnPage(1).URL(site.SearchPath)))
	}
	n, _ := p.Results.Total(q.Kind)
	p.Pages = pages(n, view.SearchPerPage)
	return s.page(w, r, q.URL(site.SearchPath), view.Search(p))
}

// reference is the page that q names when it is a document's symbol, with or without a
// paragraph number; "" when it names none.
func (s *Server) reference(r *http.Request, q string) (string, error) {
	symbol, n, ok := site.Reference(q)
	if !ok {
		return "", nil
	}
	slug, err := s.store.DocumentBySymbol(r.Context(), symbol)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if n > 0 {
		return site.ParagraphURL(slug, n), nil
	}
	return site.DocumentURL(slug), nil
}

// searchFilter is what q asks of the store, for a reader of language l, n hits a page.
func searchFilter(q site.Query, l *i18n.Lang, n int) store.SearchFilter {
	return store.SearchFilter{
		Q: q.Q, Kind: q.Kind, Bodies: q.Bodies, Document: q.Document, Lang: l.Code,
		Limit: n, Offset: (max(q.Page, 1) - 1) * n,
	}
}

func pages(total, perPage int) int { return (total + perPage - 1) / perPage }

func (s *Server) serveSearchJSON(w http.ResponseWriter, r *http.Request) error {
	out, err := s.exportSearch(r, "json")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func (s *Server) serveSearchCSV(w http.ResponseWriter, r *http.Request) error {
	out, err := s.exportSearch(r, "csv")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="search.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"kind", "title", "snippet", "url", "citation", "document", "lang"})
	for _, h := range out.Results {
		cw.Write(cells(string(h.Kind), h.Title, h.Snippet, h.URL, h.Citation, h.Document, h.Lang))
	}
	cw.Flush()
	return cw.Error()
}

// exportSearch reads the query of a search's data twin in format ext and runs it.
func (s *Server) exportSearch(r *http.Request, ext string) (searchDoc, error) {
	q, err := s.listQuery(r, site.SearchDataParams...)
	if err != nil {
		return searchDoc{}, err
	}
	if q.Q == "" {
		return searchDoc{}, badRequest(messages(r).ErrSearchNoQuery, site.Localized(lang(r), site.Query{Q: "reprisals"}.Data(site.SearchPath, "json")))
	}
	l := dataLang(r, q)
	res, err := s.store.Search(r.Context(), searchFilter(q, l, searchDataPerPage))
	if err != nil {
		return searchDoc{}, err
	}
	page := max(q.Page, 1)
	if page > 1 && len(res.Hits) == 0 {
		return searchDoc{}, notFound(messages(r).ErrSearchPastLast, page, site.Localized(lang(r), q.OnPage(1).Data(site.SearchPath, ext)))
	}
	origin := s.origin(r)
	total, more := res.Total(q.Kind)
	out := searchDoc{
		Lang: l.Code, Q: q.Q, Kind: string(q.Kind), Total: total, More: more, Page: page,
		Pages: pages(total, searchDataPerPage), Counts: map[string]int{}, Results: []hitDoc{},
	}
	for _, k := range store.SearchKinds() {
		out.Counts[string(k)], _ = res.Total(k)
	}
	if page < out.Pages {
		out.Next = origin + site.Localized(lang(r), q.OnPage(page+1).URL(site.SearchPath+"."+ext))
	}
	for _, h := range res.Hits {
		d := hitDoc{
			Kind: h.Kind, Title: view.HitTitle(l, h), Snippet: store.Unmark(h.Snippet),
			URL: origin + l.Prefix() + view.HitURL(h), Document: h.Document.Label(), Lang: h.Lang,
		}
		if h.Kind == store.KindParagraph && d.Snippet == "" {
			d.Snippet = store.Unmark(h.Title) // a paragraph whose text we lack: its topic
		}
		if h.Paragraph > 0 {
			d.Paragraph = h.Paragraph
			d.Citation = view.Citation(l, h.Document, h.Paragraph)
		}
		out.Results = append(out.Results, d)
	}
	return out, nil
}

// searchDoc is one page of a search as its data twins give it.
type searchDoc struct {
	Lang    string         `json:"lang"`
	Q       string         `json:"q"`
	Kind    string         `json:"kind,omitempty"`
	Total   int            `json:"total"` // up to store.SearchCandidates of each kind
	More    bool           `json:"more,omitempty"`
	Page    int            `json:"page"`
	Pages   int            `json:"pages"`
	Next    string         `json:"next,omitempty"`
	Counts  map[string]int `json:"counts"`
	Results []hitDoc       `json:"results"`
}

// hitDoc is a hit as the data twins give it: its title and snippet as plain text, in Lang.
type hitDoc struct {
	Kind      store.SearchKind `json:"kind"`
	Title     string           `json:"title"`
	Snippet   string           `json:"snippet"`
	URL       string           `json:"url"`
	Citation  string           `json:"citation,omitempty"`
	Document  string           `json:"document"`
	Paragraph int              `json:"paragraph,omitempty"`
	Lang      string           `json:"lang"`
}
