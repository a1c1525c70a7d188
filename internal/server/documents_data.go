package server

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/cite"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// documentDoc is a document as the data twins give it: Reference is its full reference,
// TextURL its official text (its source).
type documentDoc struct {
	Slug       string         `json:"slug"`
	URL        string         `json:"url"`
	Symbol     string         `json:"symbol"`
	Title      string         `json:"title"`
	Lang       string         `json:"lang"`
	Kind       string         `json:"kind"`
	Author     string         `json:"author"`
	Issued     string         `json:"issued,omitempty"`
	TextURL    string         `json:"source_url"`
	AboutURL   string         `json:"about_url"`
	Citation   string         `json:"citation"`
	Reference  string         `json:"reference"`
	DataURL    string         `json:"data_url"`
	Advances   int            `json:"advances"`
	Paragraphs []paragraphDoc `json:"paragraphs,omitempty"`
}

// paragraphDoc is one paragraph of a document, with its citation and full reference.
type paragraphDoc struct {
	Number    int    `json:"number"`
	URL       string `json:"url"`
	Topic     string `json:"topic"`
	Text      string `json:"text"`
	Citation  string `json:"citation"`
	Reference string `json:"reference"`
}

var documentHeader = []string{"slug", "url", "symbol", "title", "lang", "kind", "author", "issued",
	"source_url", "about_url", "citation", "reference", "data_url", "advances"}

func (d documentDoc) record() []string {
	return []string{d.Slug, d.URL, d.Symbol, d.Title, d.Lang, d.Kind, d.Author, d.Issued, d.TextURL,
		d.AboutURL, d.Citation, d.Reference, d.DataURL, strconv.Itoa(d.Advances)}
}

var paragraphHeader = []string{"number", "url", "topic", "text", "citation", "reference"}

func (p paragraphDoc) record() []string {
	return []string{strconv.Itoa(p.Number), p.URL, p.Topic, p.Text, p.Citation, p.Reference}
}

// documentsDoc is a page of documents: Total counts those on it; Next is the next page's
// address.
type documentsDoc struct {
	Lang      string        `json:"lang"`
	Total     int           `json:"total"`
	Next      string        `json:"next,omitempty"`
	Documents []documentDoc `json:"documents"`
}

// locale is the request's locale in language l, the language of a data twin.
func dataLocale(r *http.Request, l *i18n.Lang) site.Locale {
	loc := site.LocaleFrom(r.Context())
	loc.Lang = l
	return loc
}

func newDocumentDoc(loc site.Locale, d store.Document) documentDoc {
	l, abs := loc.Lang, func(path string) string { return loc.Origin + site.Localized(loc.Lang, path) }
	return documentDoc{
		Slug: d.Slug, URL: abs(site.DocumentPage(d.Slug, d.Kind)), Symbol: d.Symbol, Title: d.Title, Lang: d.TitleLang,
		Kind: string(d.Kind), Author: d.AuthorName, Issued: d.Issued.ISO(), TextURL: d.URL, AboutURL: d.AboutURL,
		Citation: d.Label(), Reference: view.ReferenceText(l, view.Reference(loc, d, 0)),
		DataURL: abs(site.DocumentData(d.Slug, "json")), Advances: d.Advances,
	}
}

// exportDocuments reads the query of a documents' twin in format ext and one page of the
// documents, itemsDataPerPage of them; the next page's address goes in a Link header, and in
// next.
func (s *Server) exportDocuments(w http.ResponseWriter, r *http.Request, ext string) (site.Query, *i18n.Lang, []documentDoc, string, error) {
	path := site.DocumentsPath + "." + ext
	q, l, err := s.itemsQuery(r, path, site.DocumentDataParams, store.SortIssued)
	if err != nil {
		return q, nil, nil, "", err
	}
	p, err := s.store.DocumentPage(r.Context(), store.DocumentFilter{Authors: q.Bodies, Lang: l.Code, After: q.After, Limit: itemsDataPerPage})
	docs := make([]documentDoc, len(p.Items))
	for i, d := range p.Items {
		docs[i] = newDocumentDoc(dataLocale(r, l), d)
	}
	return q, l, docs, s.nextLink(w, r, q, p.Next, path), err
}

func (s *Server) serveDocumentsJSON(w http.ResponseWriter, r *http.Request) error {
	_, l, docs, next, err := s.exportDocuments(w, r, "json")
	if err != nil {
		return err
	}
	return writeJSON(w, documentsDoc{Lang: l.Code, Total: len(docs), Next: next, Documents: docs})
}

func (s *Server) serveDocumentsCSV(w http.ResponseWriter, r *http.Request) error {
	q, _, docs, _, err := s.exportDocuments(w, r, "csv")
	if err != nil {
		return err
	}
	return writeCSV(w, fileName("csv", queryName("documents", q)...), documentHeader, docs)
}

// serveDocumentData gives one document with its paragraphs: as JSON, or as CSV with one row
// per paragraph.
func (s *Server) serveDocumentData(format string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		q, l, err := s.dataQuery(r, site.ParamLang)
		if err != nil {
			return err
		}
		d, err := s.store.Document(r.Context(), slug, l.Code)
		if err != nil {
			return err
		}
		paras, err := s.store.Paragraphs(r.Context(), slug, l.Code)
		if err != nil {
			return err
		}
		loc := dataLocale(r, l)
		out := newDocumentDoc(loc, d)
		out.Paragraphs = []paragraphDoc{}
		for _, p := range paras {
			out.Paragraphs = append(out.Paragraphs, paragraphDoc{
				Number: p.Number, URL: loc.Origin + site.Localized(l, site.ParagraphURL(slug, p.Number)),
				Topic: p.Topic, Text: p.Text, Citation: view.Citation(l, d.DocRef, p.Number),
				Reference: view.ReferenceText(l, view.Reference(loc, d, p.Number)),
			})
		}
		if format == "csv" {
			return writeCSV(w, fileName("csv", queryName(slug, q)...), paragraphHeader, out.Paragraphs)
		}
		return writeJSON(w, out)
	}
}

// serveDocumentYAML gives a document in the import format (internal/dataset): importing the
// files of every document into an empty database gives the same data.
func (s *Server) serveDocumentYAML(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if _, err := s.listQuery(r); err != nil {
		return err
	}
	set, err := s.store.Export(r.Context(), slug)
	if err != nil {
		return err
	}
	out, err := dataset.Marshal(set)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName("yaml", slug)+`"`)
	_, err = w.Write(out)
	return err
}

// serveCite gives the reference of a document, or of one of its paragraphs when the route
// names one, in format ext (bib, ris, json), in the language of the prefix.
func (s *Server) serveCite(ext string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := slugParam(r)
		if err != nil {
			return err
		}
		if _, err := s.listQuery(r); err != nil {
			return err
		}
		n := 0
		if raw := chi.URLParam(r, "n"); raw != "" {
			var ok bool
			if n, ok = site.Positive(raw); !ok || strconv.Itoa(n) != raw {
				return badRequest(messages(r).ErrBadParagraph, site.Clip(raw), site.Clip(slug))
			}
			if _, err := s.store.Paragraph(r.Context(), slug, n, lang(r).Code); err != nil {
				return err
			}
		}
		d, err := s.store.Document(r.Context(), slug, lang(r).Code)
		if err != nil {
			return err
		}
		ref := view.Reference(site.LocaleFrom(r.Context()), d, n)
		var body []byte
		switch ext {
		case "bib":
			body = []byte(ref.BibTeX())
		case "ris":
			body = []byte(ref.RIS())
		default:
			if body, err = json.MarshalIndent([]cite.CSL{ref.CSL()}, "", "  "); err != nil {
				return err
			}
			body = append(body, '\n')
		}
		for _, f := range cite.Formats {
			if f.Ext == ext {
				w.Header().Set("Content-Type", f.MediaType)
			}
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(ext, ref.ID)+`"`)
		_, err = w.Write(body)
		return err
	}
}
