// Package server is the tracker's HTTP interface: routes, handlers and their errors.
package server

import (
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagecache"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/static"
)

// Server answers the tracker's HTTP requests.
type Server struct {
	store    *store.Store
	log      *slog.Logger
	opts     Options
	cache    *pagecache.Cache
	outages  *warnings // rate-limits the warning that the database is unavailable
	auth     *auth.Authenticator
	sessions *auth.Sessions
	router   *chi.Mux      // the routes, which a 405 consults for the methods an address takes
	slots    chan struct{} // one per render that may run at once (rendering)
}

// Options are the server's settings; the zero value serves.
type Options struct {
	// PublicURL is the site's address as readers reach it ("https://tracker.example.org");
	// empty, as in development, it is taken from each request's Host, and responses are
	// marked private so that no shared cache keeps a page with another's host in it.
	PublicURL string
	// RequestTimeout bounds each request (10s when zero), so that a stalled database gives
	// the reader a 503 rather than a page that never comes.
	RequestTimeout time.Duration
	// Renders bounds the pages, data twins and forms rendered at once (2 per CPU when zero);
	// more wait their turn, until their RequestTimeout.
	Renders int
	// Cache keeps rendered public pages; its owner empties it on every change to the data
	// (store.Listen). Without one, every request is rendered, with the same ETag, 304 and
	// compression.
	Cache *pagecache.Cache
}

// New returns the tracker's HTTP handler.
func New(s *store.Store, log *slog.Logger, opts Options) http.Handler {
	return newServer(s, log, opts).routes()
}

func newServer(s *store.Store, log *slog.Logger, opts Options) *Server {
	opts.PublicURL = strings.TrimSuffix(opts.PublicURL, "/")
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 10 * time.Second
	}
	if opts.Renders == 0 {
		// Enough to keep every core busy while as many wait on the database, few enough
		// that the largest answers (a data twin's thousand rows) rendered at once stay
		// within the heap's limit.
		opts.Renders = 2 * runtime.GOMAXPROCS(0)
	}
	srv := &Server{store: s, log: log, opts: opts, cache: opts.Cache, slots: make(chan struct{}, opts.Renders), outages: &warnings{interval: 10 * time.Second},
		auth: auth.NewAuthenticator(s, auth.DefaultLimits, nil)}
	srv.sessions = auth.NewSessions(s.Sessions(), auth.SessionOptions{
		Secure: strings.HasPrefix(opts.PublicURL, "https://"),
		// A session that cannot be loaded or saved gets the error page, like any failure.
		OnError: func(w http.ResponseWriter, r *http.Request, err error) {
			srv.handle(func(http.ResponseWriter, *http.Request) error { return err })(w, r)
		},
	})
	if srv.cache == nil {
		srv.cache = pagecache.New(0)
	}
	return srv
}

// methodNotAllowed answers a method that the address does not take, with those it takes:
// every public address is only read (GET, HEAD); the sign-in and editors' forms also take POST.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) error {
	allow := "GET, HEAD"
	switch get, post := s.router.Match(chi.NewRouteContext(), http.MethodGet, r.URL.Path),
		s.router.Match(chi.NewRouteContext(), http.MethodPost, r.URL.Path); {
	case get && post:
		allow = "GET, HEAD, POST"
	case post:
		allow = "POST"
	}
	w.Header().Set("Allow", allow)
	return &httpError{status: http.StatusMethodNotAllowed, message: messages(r).ErrMethod}
}

// routes is the one place that lists every URL the tracker answers. Pages are served in
// English at the root and in each other language under its code: /fr/advances.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	s.router = r
	// Readers and crawlers may ask with HEAD, or add a slash to a path; both still find the
	// page. The checks every request passes first are wrapped around the router below.
	r.Use(s.deadline, middleware.GetHead, trimSlash)
	r.MethodNotAllowed(s.handle(s.methodNotAllowed))
	r.Get("/healthz", s.serveHealthz)
	r.Get("/readyz", s.serveReadyz)
	r.With(middleware.Compress(5, "text/css", "text/javascript", "image/svg+xml")).Get(static.Prefix+"*", static.Handler().ServeHTTP)
	r.With(s.withLang(i18n.English)).Get(site.OpenAPIPath, s.handleData(s.serveOpenAPI))

	pages := func(r chi.Router) {
		r.NotFound(s.handle(func(w http.ResponseWriter, r *http.Request) error {
			return &httpError{status: http.StatusNotFound, message: messages(r).ErrNoPage}
		}))
		r.MethodNotAllowed(s.handle(s.methodNotAllowed))
		// Every list and item has data twins (openapi.go lists the JSON ones): a list's at
		// its path plus .json or .csv, an item's likewise ("/advances/{slug}.json"), except a
		// document's, whose slug may hold dots: its data and references sit under its path.
		r.Get("/", s.handle(s.serveHome))
		r.Get("/documents", s.handle(s.serveDocuments))
		r.Get("/documents.json", s.handleData(s.serveDocumentsJSON))
		r.Get("/documents.csv", s.handleData(s.serveDocumentsCSV))
		r.Get("/documents/{slug}", s.handle(s.serveDocument))
		r.Get("/documents/{slug}/data.json", s.handleData(s.serveDocumentData("json")))
		r.Get("/documents/{slug}/data.csv", s.handleData(s.serveDocumentData("csv")))
		r.Get("/documents/{slug}/data.yaml", s.handleData(s.serveDocumentYAML))
		r.Get("/documents/{slug}/cite.bib", s.handleData(s.serveCite("bib")))
		r.Get("/documents/{slug}/cite.ris", s.handleData(s.serveCite("ris")))
		r.Get("/documents/{slug}/cite.json", s.handleData(s.serveCite("json")))
		r.Get("/documents/{slug}/paragraphs/{n}", s.handle(s.serveParagraph))
		r.Get("/documents/{slug}/paragraphs/{n}/cite.bib", s.handleData(s.serveCite("bib")))
		r.Get("/documents/{slug}/paragraphs/{n}/cite.ris", s.handleData(s.serveCite("ris")))
		r.Get("/documents/{slug}/paragraphs/{n}/cite.json", s.handleData(s.serveCite("json")))
		r.Get("/advances", s.handle(s.serveAdvances))
		r.Get("/advances.json", s.handleData(s.serveAdvancesJSON))
		r.Get("/advances.csv", s.handleData(s.serveAdvancesCSV))
		r.Get("/advances.atom", s.handleData(s.serveAdvancesAtom))
		r.Get("/advances/{slug}", s.handle(s.serveAdvance))
		r.Get("/advances/{slug}.json", s.handleData(s.serveAdvanceData("json")))
		r.Get("/advances/{slug}.csv", s.handleData(s.serveAdvanceData("csv")))
		r.Get("/recommendations", s.handle(s.serveRecommendations))
		r.Get("/recommendations.json", s.handleData(s.serveRecommendationsJSON))
		r.Get("/recommendations.csv", s.handleData(s.serveRecommendationsCSV))
		r.Get("/recommendations.atom", s.handleData(s.serveRecommendationsAtom))
		r.Get("/recommendations/{slug}", s.handle(s.serveRecommendation))
		r.Get("/recommendations/{slug}.json", s.handleData(s.serveRecommendationData("json")))
		r.Get("/recommendations/{slug}.csv", s.handleData(s.serveRecommendationData("csv")))
		r.Get("/quotes", s.handle(s.serveQuotes))
		r.Get("/quotes.json", s.handleData(s.serveQuotesJSON))
		r.Get("/quotes.csv", s.handleData(s.serveQuotesCSV))
		r.Get("/quotes.atom", s.handleData(s.serveQuotesAtom))
		r.Get("/bodies", s.handle(s.serveBodies))
		r.Get("/bodies.json", s.handleData(s.serveBodiesJSON))
		r.Get("/bodies.csv", s.handleData(s.serveBodiesCSV))
		r.Get("/bodies/{slug}", s.handle(s.serveBody))
		r.Get("/follow", s.handle(s.serveFollow))
		r.Get("/search", s.handle(s.serveSearch))
		r.Get("/search.json", s.handleData(s.serveSearchJSON))
		r.Get("/search.csv", s.handleData(s.serveSearchCSV))
		r.Get("/bodies/{slug}.json", s.handleData(s.serveBodyData("json")))
		r.Get("/bodies/{slug}.csv", s.handleData(s.serveBodyData("csv")))
		r.Get("/sources", s.handle(s.serveSources))
		r.Get("/sources/{slug}", s.handle(s.serveSource))
		// Each item's published changes, and everyone's; a source's History is its document's.
		r.Get("/documents/{slug}/history", s.handle(s.serveHistory(store.DocumentItem)))
		r.Get("/advances/{slug}/history", s.handle(s.serveHistory(store.AdvanceItem)))
		r.Get("/recommendations/{slug}/history", s.handle(s.serveHistory(store.RecommendationItem)))
		r.Get("/bodies/{slug}/history", s.handle(s.serveHistory(store.BodyItem)))
		r.Get("/changes", s.handle(s.serveChanges))
		r.Get("/changes.json", s.handleData(s.serveChangesJSON))
		r.Get("/changes.atom", s.handleData(s.serveChangesAtom))

		// Signing in and the editors' area: the only routes with a session, so that readers
		// never get a cookie.
		r.Group(func(r chi.Router) {
			r.Use(s.withSession)
			form := limitBody(maxFormBody)
			r.Get(site.LoginPath, s.handle(s.serveLogin))
			r.With(form).Post(site.LoginPath, s.handle(s.login))
			r.With(form).Post(site.LogoutPath, s.handle(s.logout))
			r.Route(site.EditorPath, func(r chi.Router) {
				r.Use(s.requireEditor)
				r.Get("/", s.handle(s.serveEditor))
				// Documents, their paragraphs and text, and bodies; a document's slug may
				// hold dots, as on its public page.
				r.Route("/documents", func(r chi.Router) {
					r.Get("/", s.handle(s.serveEditorDocuments))
					r.With(form).Post("/", s.handle(s.createDocument))
					r.Get("/new", s.handle(s.serveNewDocument))
					r.Get("/{slug}", s.handle(s.serveEditDocument))
					r.With(form).Post("/{slug}", s.handle(s.updateDocument))
					r.With(form).Post("/{slug}/publish", s.handle(s.publishDocument))
					r.With(form).Post("/{slug}/delete", s.handle(s.deleteDocument))
					r.Get("/{slug}/text", s.handle(s.serveDocumentText))
					r.With(limitBody(maxTextBody)).Post("/{slug}/text", s.handle(s.documentText))
					r.With(form).Post("/{slug}/paragraphs", s.handle(s.createParagraph))
					r.Get("/{slug}/paragraphs/new", s.handle(s.serveNewParagraph))
					r.Get("/{slug}/paragraphs/{n}", s.handle(s.serveEditParagraph))
					r.With(form).Post("/{slug}/paragraphs/{n}", s.handle(s.updateParagraph))
					r.With(form).Post("/{slug}/paragraphs/{n}/delete", s.handle(s.deleteParagraph))
				})
				r.Route("/bodies", func(r chi.Router) {
					r.Get("/", s.handle(s.serveEditorBodies))
					r.With(form).Post("/", s.handle(s.createBody))
					r.Get("/new", s.handle(s.serveNewBody))
					r.Get("/{slug}", s.handle(s.serveEditBody))
					r.With(form).Post("/{slug}", s.handle(s.updateBody))
					r.With(form).Post("/{slug}/delete", s.handle(s.deleteBody))
				})
				// Advances, recommendations and quotes: an item's form is at its slug and /edit,
				// so that an item may be called "new".
				r.Route("/advances", func(r chi.Router) {
					r.Get("/", s.handle(s.serveEditorItems(store.AdvanceItem)))
					r.With(form).Post("/", s.handle(createItem(s, s.advanceSave())))
					r.Get("/new", s.handle(s.serveNewAdvance))
					r.Get("/{slug}/edit", s.handle(s.serveEditAdvance))
					r.With(form).Post("/{slug}/edit", s.handle(updateItem(s, s.advanceSave())))
					r.With(form).Post("/{slug}/publish", s.handle(s.publishItem(store.AdvanceItem)))
					r.With(form).Post("/{slug}/delete", s.handle(s.deleteItem(store.AdvanceItem)))
				})
				r.Route("/recommendations", func(r chi.Router) {
					r.Get("/", s.handle(s.serveEditorItems(store.RecommendationItem)))
					r.With(form).Post("/", s.handle(createItem(s, s.recommendationSave())))
					r.Get("/new", s.handle(s.serveNewRecommendation))
					r.Get("/{slug}/edit", s.handle(s.serveEditRecommendation))
					r.With(form).Post("/{slug}/edit", s.handle(updateItem(s, s.recommendationSave())))
					r.With(form).Post("/{slug}/publish", s.handle(s.publishItem(store.RecommendationItem)))
					r.With(form).Post("/{slug}/delete", s.handle(s.deleteItem(store.RecommendationItem)))
				})
				r.Route("/quotes", func(r chi.Router) {
					r.Get("/", s.handle(s.serveEditorItems(store.QuoteItem)))
					r.With(form).Post("/", s.handle(createItem(s, s.quoteSave())))
					r.Get("/new", s.handle(s.serveNewQuote))
					r.Get("/{slug}/edit", s.handle(s.serveEditQuote))
					r.With(form).Post("/{slug}/edit", s.handle(updateItem(s, s.quoteSave())))
					r.With(form).Post("/{slug}/publish", s.handle(s.publishItem(store.QuoteItem)))
					r.With(form).Post("/{slug}/delete", s.handle(s.deleteItem(store.QuoteItem)))
				})
				r.Get("/candidates", s.handle(s.serveCandidates))
				r.Get("/activity", s.handle(s.serveActivity))
				r.Route("/users", func(r chi.Router) {
					r.Use(s.requireAdmin)
					r.Get("/", s.handle(s.serveUsers))
					r.With(form).Post("/", s.handle(s.addUser))
					r.With(form).Post("/{id}", s.handle(s.updateUser))
				})
			})
		})
	}
	for _, l := range i18n.Langs[1:] {
		r.Route(l.Prefix(), func(r chi.Router) {
			r.Use(s.withLang(l), s.recoverPanics)
			pages(r)
		})
	}
	r.Group(func(r chi.Router) {
		r.Use(s.withLang(i18n.English), s.recoverPanics)
		pages(r)
	})
	// Around the router, outermost last: a panic is recovered first of all (and again inside
	// each language, so that the error page speaks the reader's language), then the security
	// headers, the request's limits, Cache-Control and the refusal of cross-origin writes; then the page cache, before the router
	// so that a hit costs no more than those checks (and allocates nothing). The cache gives
	// every page, data twin and feed its ETag and compression, kept or not.
	var h http.Handler = r
	for _, mw := range []func(http.Handler) http.Handler{
		s.cache.Middleware(s.cachePolicy), s.crossOrigin, s.cacheControl, s.guard, securityHeaders, s.recoverPanics,
	} {
		h = mw(h) // innermost first
	}
	return routedHandler{Handler: h, router: r}
}

// routedHandler serves through the checks and the cache, and still lists the router's
// routes, so that chi.Walk can go through them (the OpenAPI test does).
type routedHandler struct {
	http.Handler
	router
}

// router names chi.Routes as an embedded field, so that the field does not hide its Routes
// method.
type router = chi.Routes
