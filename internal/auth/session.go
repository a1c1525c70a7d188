package auth

import (
	"context"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// CookieName is the session cookie's name. Only signed-in editors carry it: the page cache
// serves every request without it from the cache.
const CookieName = "hrd_session"

// userKey is the session's entry that holds the signed-in user's id.
const userKey = "user"

// Sessions are the editors' signed-in sessions, kept in the database so that every server
// instance shares them. The cookie is HttpOnly and SameSite=Lax, Path=/, and Secure when the
// site's public address is https or the request came over TLS. Readers never meet this: its
// middleware runs only on the sign-in and editor routes.
type Sessions struct {
	// plain and secure differ only in the cookie's Secure attribute, which scs fixes per
	// manager; each request uses one, chosen by how it came.
	plain, secure *scs.SessionManager
	alwaysSecure  bool
}

// SessionOptions configure Sessions.
type SessionOptions struct {
	// Secure marks every cookie Secure, as when the site's public address is https: behind a
	// proxy that ends TLS, the request itself comes in plain.
	Secure bool
	// OnError answers a request whose session the store could not load or save.
	OnError func(http.ResponseWriter, *http.Request, error)
}

// The sessions' lifetimes: a session lasts a working day at most, and ends sooner after two
// idle hours, so that a forgotten signed-in browser does not stay open for long.
const (
	lifetime    = 12 * time.Hour
	idleTimeout = 2 * time.Hour
)

// NewSessions returns the sessions kept in st.
func NewSessions(st *store.SessionStore, opts SessionOptions) *Sessions {
	manager := func(secure bool) *scs.SessionManager {
		m := scs.New()
		m.Store = st
		m.HashTokenInStore = true
		m.Lifetime, m.IdleTimeout = lifetime, idleTimeout
		m.Cookie.Name = CookieName
		m.Cookie.HttpOnly = true
		m.Cookie.SameSite = http.SameSiteLaxMode
		m.Cookie.Path = "/"
		m.Cookie.Secure = secure
		// A session cookie, gone when the browser closes; the server ends it sooner.
		m.Cookie.Persist = false
		if opts.OnError != nil {
			m.ErrorFunc = opts.OnError
		}
		return m
	}
	return &Sessions{plain: manager(false), secure: manager(true), alwaysSecure: opts.Secure}
}

func (s *Sessions) manager(r *http.Request) *scs.SessionManager {
	if s.alwaysSecure || r.TLS != nil {
		return s.secure
	}
	return s.plain
}

// LoadAndSave loads the request's session for next and saves it, with its cookie, when next
// changed it. A request with no session gets no cookie.
func (s *Sessions) LoadAndSave(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.manager(r).LoadAndSave(next).ServeHTTP(w, r)
	})
}

// Begin signs user in on r's session. It renews the session's token first, so that a token
// planted before the sign-in (session fixation) opens nothing after it.
func (s *Sessions) Begin(r *http.Request, user store.User) error {
	m := s.manager(r)
	if err := m.RenewToken(r.Context()); err != nil {
		return err
	}
	m.Put(r.Context(), userKey, user.ID)
	return nil
}

// End signs r's session out: it deletes the session from the store, so that its token
// opens nothing any more, and its cookie is expired.
func (s *Sessions) End(r *http.Request) error {
	return s.manager(r).Destroy(r.Context())
}

// UserID is the id of the user signed in on r's session.
func (s *Sessions) UserID(r *http.Request) (int64, bool) {
	id, ok := s.manager(r).Get(r.Context(), userKey).(int64)
	return id, ok && id != 0
}

type currentKey struct{}

// WithUser returns ctx carrying user as the one signed in.
func WithUser(ctx context.Context, user store.User) context.Context {
	return context.WithValue(ctx, currentKey{}, user)
}

// Current returns the user signed in for the request whose context is ctx: on the editor
// routes, an active user; elsewhere, and for readers, none.
func Current(ctx context.Context) (store.User, bool) {
	u, ok := ctx.Value(currentKey{}).(store.User)
	return u, ok
}

// flashKey is the session's entry that holds a notice for the next page.
const flashKey = "flash"

// Flash keeps a notice for the next page r's session shows, after a redirect.
func (s *Sessions) Flash(r *http.Request, notice string) {
	s.manager(r).Put(r.Context(), flashKey, notice)
}

// PopFlash returns the notice kept for this page, if any, and forgets it.
func (s *Sessions) PopFlash(r *http.Request) string {
	return s.manager(r).PopString(r.Context(), flashKey)
}
