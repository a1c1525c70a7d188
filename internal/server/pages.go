package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	counts, err := s.store.Counts(ctx)
	if err != nil {
		return err
	}
	const latest = 5
	docs, err := s.store.LatestDocuments(ctx, latest, lang(r).Code)
	if err != nil {
		return err
	}
	bodies, err := s.store.BodyCounts(ctx, "", lang(r).Code)
	if err != nil {
		return err
	}
	years, err := s.store.AdvanceYears(ctx, "")
	if err != nil {
		return err
	}
	changed, err := s.store.LastChange(ctx)
	if err != nil {
		return err
	}
	return s.page(w, r, site.HomePath, view.Home(view.HomePage{Counts: counts, Documents: docs, Bodies: bodies, Years: years, Changed: changed}))
}

// documentsPerPage is how many documents a page of the list shows.
const documentsPerPage = 50

func (s *Server) serveDocuments(w http.ResponseWriter, r *http.Request) error {
	q, _, err := s.itemsQuery(r, site.DocumentsPath, site.DocumentListParams, store.SortIssued)
	if err != nil {
		return err
	}
	bodies, err := s.filterBodies(r, q)
	if err != nil {
		return err
	}
	p, err := s.store.DocumentPage(r.Context(), store.DocumentFilter{Authors: q.Bodies, Lang: lang(r).Code, After: q.After, Limit: documentsPerPage})
	if err != nil {
		return err
	}
	return s.page(w, r, q.URL(site.DocumentsPath), view.Documents(view.DocumentsPage{Query: q, Bodies: bodies, Documents: p.Items, Next: p.Next}))
}

// filterBodies are the bodies q filters by, named in the reader's language, for the chips
// that remove them.
func (s *Server) filterBodies(r *http.Request, q site.Query) ([]store.Body, error) {
	if len(q.Bodies) == 0 {
		return nil, nil
	}
	return s.store.Bodies(r.Context(), q.Bodies, lang(r).Code)
}

func (s *Server) serveDocument(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	p, err := s.documentPage(r, slug, 0)
	if err != nil {
		return err
	}
	if p.Document.Kind == store.News {
		// A secondary source is not a UN document: its page lists what it is the source of.
		http.Redirect(w, r, lang(r).Prefix()+site.SourceURL(slug), http.StatusMovedPermanently)
		return nil
	}
	return s.page(w, r, site.DocumentURL(slug), view.Document(p))
}

func (s *Server) serveSources(w http.ResponseWriter, r *http.Request) error {
	q, _, err := s.itemsQuery(r, site.SourcesPath, site.SourceListParams, store.SortIssued)
	if err != nil {
		return err
	}
	p, err := s.store.DocumentPage(r.Context(), store.DocumentFilter{Sources: true, Lang: lang(r).Code, After: q.After, Limit: documentsPerPage})
	if err != nil {
		return err
	}
	return s.page(w, r, q.URL(site.SourcesPath), view.Sources(view.SourcesPage{Query: q, Sources: p.Items, Next: p.Next}))
}

// serveSource shows a document as a source: everything the tracker takes from it.
func (s *Server) serveSource(w http.ResponseWriter, r *http.Request) error {
	ctx, code := r.Context(), lang(r).Code
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	doc, err := s.findDocument(r, slug)
	if err != nil {
		return err
	}
	p := view.SourcePage{Source: doc}
	advances, err := s.store.Advances(ctx, store.AdvanceFilter{Source: slug, Lang: code})
	if err != nil {
		return err
	}
	p.Advances = advances.Advances
	filter := store.ItemFilter{Source: slug, Lang: code}
	if p.Recommendations, err = s.store.Recommendations(ctx, filter); err != nil {
		return err
	}
	if p.Quotes, err = s.store.Quotes(ctx, filter); err != nil {
		return err
	}
	return s.page(w, r, site.SourceURL(slug), view.Source(p))
}

func (s *Server) serveParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	raw := chi.URLParam(r, "n")
	n, ok := site.Positive(raw)
	if !ok {
		return badRequest(messages(r).ErrBadParagraph, site.Clip(raw), site.Clip(slug))
	}
	if canonical := strconv.Itoa(n); raw != canonical {
		// "014" and "+14" name paragraph 14; its permalink is the one to keep and cite.
		http.Redirect(w, r, lang(r).Prefix()+site.ParagraphURL(slug, n), http.StatusMovedPermanently)
		return nil
	}
	p, err := s.documentPage(r, slug, n)
	if err != nil {
		return err
	}
	if len(p.Paragraphs) == 0 {
		return notFound(messages(r).ErrNoParagraph, p.Document.Label(), n)
	}
	return s.page(w, r, site.ParagraphURL(slug, n), view.Paragraph(view.ParagraphPage{DocumentPage: p, Paragraph: p.Paragraphs[0]}))
}

// documentPage gathers a document and its items; with n > 0, only its paragraph n (none where
// it has no such paragraph) and the items that cite it.
func (s *Server) documentPage(r *http.Request, slug string, n int) (view.DocumentPage, error) {
	c, err := s.store.DocumentContents(r.Context(), slug, n, lang(r).Code)
	if errors.Is(err, store.ErrNotFound) {
		return view.DocumentPage{}, notFound(messages(r).ErrNoDocument, site.Clip(slug))
	}
	return view.DocumentPage{DocumentContents: c}, err
}

// findDocument is the document with the given slug, or a 404 that says how documents are named.
func (s *Server) findDocument(r *http.Request, slug string) (store.Document, error) {
	doc, err := s.store.Document(r.Context(), slug, lang(r).Code)
	if errors.Is(err, store.ErrNotFound) {
		return doc, notFound(messages(r).ErrNoDocument, site.Clip(slug))
	}
	return doc, err
}

func (s *Server) serveAdvance(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	a, err := s.store.Advance(r.Context(), slug, lang(r).Code)
	if err != nil {
		return err
	}
	return s.page(w, r, site.AdvanceURL(slug), view.Advance(a))
}

// itemsPerPage is how many recommendations or quotes a page lists.
const itemsPerPage = 50

func (s *Server) serveRecommendations(w http.ResponseWriter, r *http.Request) error {
	q, _, err := s.itemsQuery(r, site.RecommendationsPath, site.RecommendationListParams, store.SortDocument)
	if err != nil {
		return err
	}
	bodies, err := s.filterBodies(r, q)
	if err != nil {
		return err
	}
	p, err := s.store.RecommendationPage(r.Context(), store.ItemFilter{Bodies: q.Bodies, Lang: lang(r).Code, After: q.After, Limit: itemsPerPage})
	if err != nil {
		return err
	}
	return s.page(w, r, q.URL(site.RecommendationsPath), view.Recommendations(view.RecommendationsPage{Query: q, Bodies: bodies, Recommendations: p.Items, Next: p.Next}))
}

func (s *Server) serveRecommendation(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	rec, err := s.store.Recommendation(r.Context(), slug, lang(r).Code)
	if err != nil {
		return err
	}
	return s.page(w, r, site.RecommendationURL(slug), view.Recommendation(rec))
}

func (s *Server) serveQuotes(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q, _, err := s.itemsQuery(r, site.QuotesPath, site.QuoteListParams, store.SortDocument)
	if err != nil {
		return err
	}
	p := view.QuotesPage{Query: q}
	f := quoteFilter(q)
	if q.Document == "" {
		// A document's quotes are one page: a quote's address is its place on it.
		f.Limit = itemsPerPage
	}
	quotes, err := s.store.QuotePage(ctx, f)
	if err != nil {
		return err
	}
	p.Quotes, p.Next = quotes.Items, quotes.Next
	if p.Speakers, p.Organisations, err = s.store.QuoteFacets(ctx, quoteFilter(q)); err != nil {
		return err
	}
	if q.Document != "" {
		doc, err := s.store.Document(ctx, q.Document, lang(r).Code)
		if err != nil {
			return err
		}
		p.DocumentLabel = doc.Label()
	}
	return s.page(w, r, q.URL(site.QuotesPath), view.Quotes(p))
}

func (s *Server) serveBodies(w http.ResponseWriter, r *http.Request) error {
	bodies, err := s.store.BodyCounts(r.Context(), "", lang(r).Code)
	if err != nil {
		return err
	}
	return s.page(w, r, site.BodiesPath, view.Bodies(bodies))
}

func (s *Server) serveBody(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	b, err := s.store.Body(ctx, slug, lang(r).Code)
	if errors.Is(err, store.ErrNotFound) {
		return notFound(messages(r).ErrNoBody, site.Clip(slug))
	}
	if err != nil {
		return err
	}
	all, err := s.store.BodyCounts(ctx, "", lang(r).Code)
	if err != nil {
		return err
	}
	p := view.BodyPage{Body: b}
	for _, m := range all {
		if m.ParentSlug == slug {
			p.Members = append(p.Members, m)
		}
	}
	code := lang(r).Code
	// Its latest advances, and the link to the list of them all.
	if p.Advances, err = s.store.Advances(ctx, store.AdvanceFilter{Bodies: []string{slug}, Sort: store.SortLatest, Limit: advancesPerPage, Lang: code}); err != nil {
		return err
	}
	// A body's page shows the first of its recommendations, documents and quotes, each with
	// the address of the whole list: a committee may have thousands.
	recs, err := s.store.RecommendationPage(ctx, store.ItemFilter{Bodies: []string{slug}, Lang: code, Limit: view.BodyListed})
	if err != nil {
		return err
	}
	p.Recommendations, p.MoreRecommendations = recs.Items, recs.Next != nil
	if p.Years, err = s.store.AdvanceYears(ctx, slug); err != nil {
		return err
	}
	// What it and the bodies under it wrote and said, as its advances and recommendations
	// count those of the bodies under it.
	docs, err := s.store.DocumentPage(ctx, store.DocumentFilter{Authors: []string{slug}, Lang: code, Limit: view.BodyListed})
	if err != nil {
		return err
	}
	p.Documents, p.MoreDocuments = docs.Items, docs.Next != nil
	quotes, err := s.store.QuotePage(ctx, store.ItemFilter{Bodies: []string{slug}, Limit: view.BodyListed})
	if err != nil {
		return err
	}
	p.Quotes, p.MoreQuotes = quotes.Items, quotes.Next != nil
	return s.page(w, r, site.BodyURL(slug), view.Body(p))
}
