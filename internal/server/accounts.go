package server

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// maxFormBody bounds the body of the account forms, which hold a few short fields; a route
// that takes more (an upload) sets its own limit with limitBody.
const maxFormBody = 64 << 10

// limitBody refuses a request body past n bytes: reading further fails, and parseForm turns
// that into a 413.
func limitBody(n int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

// parseForm reads a form's body: too large is a 413, malformed or not valid text a 400.
func parseForm(r *http.Request) error {
	m := messages(r)
	if err := r.ParseForm(); err != nil {
		if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return &httpError{status: http.StatusRequestEntityTooLarge, message: fmt.Sprintf(m.Accounts.ErrTooLarge, mbe.Limit>>10)}
		}
		return badRequest("%s", m.Accounts.ErrMalformedForm)
	}
	for _, values := range r.PostForm {
		for _, v := range values {
			if !site.ValidText(v) {
				return badRequest("%s", m.Accounts.ErrMalformedForm)
			}
		}
	}
	return nil
}

// crossOrigin refuses a state-changing request that a browser says came from another site
// (Sec-Fetch-Site, or an Origin that is not the Host), with the error page: a form on another
// site cannot act on an editor's session. Requests without either header, as scripts send,
// pass: they carry no browser's cookie.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// guard, which ran before, has refused a Host that could not be real.
		l := pathLang(r.URL.Path)
		r = r.WithContext(site.WithLocale(r.Context(), site.Locale{Origin: s.origin(r), Lang: l, Path: site.HomePath}))
		s.renderError(w, r, &httpError{status: http.StatusForbidden, message: l.Messages.Accounts.ErrCrossOrigin})
	}))
	return cop.Handler(next)
}

// withSession is the middleware of the sign-in and editor routes, and of no other: it loads
// the session (readers never get its cookie), keeps every answer out of caches, and puts the
// signed-in user, if any, in the request's context.
func (s *Server) withSession(next http.Handler) http.Handler {
	return s.sessions.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		s.handle(func(w http.ResponseWriter, r *http.Request) error {
			id, ok := s.sessions.UserID(r)
			if !ok {
				next.ServeHTTP(w, r)
				return nil
			}
			user, err := s.store.User(r.Context(), id)
			switch {
			case errors.Is(err, store.ErrNotFound) || err == nil && user.Disabled:
				// A user disabled or removed since signing in is signed out at once.
				if err := s.sessions.End(r); err != nil {
					return err
				}
				next.ServeHTTP(w, r)
				return nil
			case err != nil:
				return err
			}
			next.ServeHTTP(w, r.WithContext(auth.WithUser(r.Context(), user)))
			return nil
		})(w, r)
	}))
}

// requireEditor sends a request without a signed-in user to the sign-in page, which comes back
// here once signed in.
func (s *Server) requireEditor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := auth.Current(r.Context()); ok {
			next.ServeHTTP(w, r)
			return
		}
		target := site.Localized(lang(r), site.LoginPath)
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			if here := r.URL.EscapedPath(); localPath(here) {
				target += "?" + url.Values{site.ParamNext: {here}}.Encode()
			}
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
}

// requireAdmin lets only admins through.
func (s *Server) requireAdmin(next http.Handler) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		if u, _ := auth.Current(r.Context()); u.Role != store.RoleAdmin {
			return &httpError{status: http.StatusForbidden, message: messages(r).Accounts.ErrAdminOnly}
		}
		next.ServeHTTP(w, r)
		return nil
	})
}

// clientAddress is the address that sign-in limits count failures against: the connection's
// peer (RemoteAddr) without its port. The tracker has no trusted-proxy setting, so it reads no
// X-Forwarded-For: anyone may send one, and trusting it would let a guesser pick a new address
// for every try. Behind a reverse proxy, every request comes from the proxy's address, and all
// sign-ins share the per-address limit; the per-account limit still holds for each account.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// loginQuery reads the sign-in page's query: where to go once signed in, and whether the
// reader has just signed out.
func loginQuery(r *http.Request) (next string, signedOut bool, err error) {
	m := messages(r)
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", false, badRequest("%s", m.ErrMalformedQuery)
	}
	for k, v := range values {
		switch {
		case k != site.ParamNext && k != site.ParamSignedOut:
			return "", false, badRequest(m.ErrUnknownParameter, site.Clip(k), site.ParamNext+", "+site.ParamSignedOut)
		case len(v) > 1:
			return "", false, badRequest(m.ErrRepeated, site.Clip(k))
		}
	}
	next, err = checkNext(r, values.Get(site.ParamNext))
	return next, values.Has(site.ParamSignedOut), err
}

// checkNext checks where a sign-in leads: a path of this site, or the editor's home when
// empty. Anything else, another site above all, is refused.
func checkNext(r *http.Request, next string) (string, error) {
	if next == "" || localPath(next) && site.ValidText(next) {
		return next, nil
	}
	return "", badRequest("%s", messages(r).ErrMalformedQuery)
}

func (s *Server) serveLogin(w http.ResponseWriter, r *http.Request) error {
	next, signedOut, err := loginQuery(r)
	if err != nil {
		return err
	}
	if _, ok := auth.Current(r.Context()); ok {
		s.afterLogin(w, r, next)
		return nil
	}
	return s.page(w, r, site.LoginPath, view.Login(view.LoginPage{Next: next, SignedOut: signedOut}))
}

// afterLogin sends a signed-in user on: to next, or to the editor's home.
func (s *Server) afterLogin(w http.ResponseWriter, r *http.Request, next string) {
	if next == "" {
		next = site.Localized(lang(r), site.EditorPath)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// login signs a user in. A wrong password, an unknown address and a disabled account get the
// same answer; so do too many failures, for the account or from the address, whether or not
// the account exists.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	m := messages(r).Accounts
	next, err := checkNext(r, r.PostForm.Get(site.ParamNext))
	if err != nil {
		return err
	}
	p := view.LoginPage{Email: strings.TrimSpace(r.PostForm.Get("email")), Next: next}
	password := r.PostForm.Get("password")
	if p.Email == "" {
		p.EmailErr = m.ErrEmailMissing
	}
	if password == "" {
		p.PassErr = m.ErrPasswordNeeded
	}
	if p.EmailErr != "" || p.PassErr != "" {
		return s.pageWith(w, r, http.StatusUnprocessableEntity, site.LoginPath, view.Login(p))
	}
	user, err := s.auth.Login(r.Context(), p.Email, password, clientAddress(r))
	if limited, ok := errors.AsType[*auth.LimitedError](err); ok {
		minutes := int(math.Ceil(limited.RetryAfter.Minutes()))
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(limited.RetryAfter.Seconds()))))
		p.Problem = m.LoginLimited + " " + lang(r).Count(m.LoginRetry, minutes)
		return s.pageWith(w, r, http.StatusTooManyRequests, site.LoginPath, view.Login(p))
	}
	if errors.Is(err, auth.ErrBadCredentials) {
		p.Problem = m.LoginFailed
		return s.pageWith(w, r, http.StatusUnprocessableEntity, site.LoginPath, view.Login(p))
	}
	if err != nil {
		return err
	}
	if err := s.sessions.Begin(r, user); err != nil {
		return err
	}
	s.afterLogin(w, r, next)
	return nil
}

// logout ends the session in the store, so that its token opens nothing any more.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if err := s.sessions.End(r); err != nil {
		return err
	}
	http.Redirect(w, r, site.Localized(lang(r), site.LoginPath)+"?"+site.ParamSignedOut, http.StatusSeeOther)
	return nil
}

func (s *Server) serveEditor(w http.ResponseWriter, r *http.Request) error {
	if r.URL.RawQuery != "" {
		return badRequest(messages(r).ErrNoParameters, site.Clip(r.URL.RawQuery))
	}
	user, _ := auth.Current(r.Context())
	return s.page(w, r, site.EditorPath, view.Editor(view.EditorPage{User: user}))
}

func (s *Server) serveUsers(w http.ResponseWriter, r *http.Request) error {
	if r.URL.RawQuery != "" {
		return badRequest(messages(r).ErrNoParameters, site.Clip(r.URL.RawQuery))
	}
	return s.usersPage(w, r, http.StatusOK, view.UsersPage{Notice: s.sessions.PopFlash(r), Add: view.AddUserForm{Role: store.RoleEditor}})
}

// usersPage renders the users' page p with the accounts and who is signed in.
func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, status int, p view.UsersPage) error {
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	p.Me, _ = auth.Current(r.Context())
	p.Users = users
	return s.pageWith(w, r, status, site.EditorUsersPath, view.Users(p))
}

// addUser adds an account from the admin's form.
func (s *Server) addUser(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	m := messages(r).Accounts
	u := auth.NewUser{Email: r.PostForm.Get("email"), Name: r.PostForm.Get("name"),
		Role: store.Role(r.PostForm.Get("role")), Password: r.PostForm.Get("password")}
	_, err := auth.CreateUser(r.Context(), s.store, u)
	form := view.AddUserForm{Email: strings.TrimSpace(u.Email), Name: strings.TrimSpace(u.Name), Role: u.Role}
	if problems, ok := errors.AsType[*auth.Problems](err); ok {
		form.Problem = m.FormProblems
		if problems.Email != nil {
			form.EmailErr = m.ErrEmailInvalid
		}
		if problems.Name != nil {
			form.NameErr = fmt.Sprintf(m.ErrNameInvalid, auth.MaxName)
		}
		if problems.Role != nil {
			form.RoleErr = m.ErrRoleInvalid
		}
		switch problems.Password {
		case nil:
		case auth.ErrPasswordShort:
			form.PasswordErr = fmt.Sprintf(m.ErrPasswordShort, auth.MinPassword)
		case auth.ErrPasswordLong:
			form.PasswordErr = m.ErrPasswordLong
		default:
			form.PasswordErr = m.ErrPasswordWeak
		}
		return s.usersPage(w, r, http.StatusUnprocessableEntity, view.UsersPage{Add: form})
	}
	if errors.Is(err, store.ErrConflict) {
		form.Problem, form.EmailErr = m.FormProblems, m.ErrEmailTaken
		return s.usersPage(w, r, http.StatusUnprocessableEntity, view.UsersPage{Add: form})
	}
	if err != nil {
		return err
	}
	s.sessions.Flash(r, fmt.Sprintf(m.UserAdded, form.Email))
	http.Redirect(w, r, site.Localized(lang(r), site.EditorUsersPath), http.StatusSeeOther)
	return nil
}

// updateUser changes an account's role and status.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) error {
	id, ok := site.Positive(chi.URLParam(r, "id"))
	if !ok {
		return notFound("%s", messages(r).ErrNothingHere)
	}
	if err := parseForm(r); err != nil {
		return err
	}
	m := messages(r).Accounts
	role, status := store.Role(r.PostForm.Get("role")), r.PostForm.Get("status")
	if !role.Valid() || status != "active" && status != "disabled" {
		return badRequest("%s", m.ErrMalformedForm)
	}
	user, err := s.store.UpdateUser(r.Context(), int64(id), role, status == "disabled")
	if errors.Is(err, store.ErrLastAdmin) {
		return s.usersPage(w, r, http.StatusUnprocessableEntity, view.UsersPage{Problem: m.ErrLastAdmin, Add: view.AddUserForm{Role: store.RoleEditor}})
	}
	if err != nil {
		return err
	}
	s.sessions.Flash(r, fmt.Sprintf(m.UserUpdated, user.Email))
	http.Redirect(w, r, site.Localized(lang(r), site.EditorUsersPath), http.StatusSeeOther)
	return nil
}
