package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

const (
	adminEmail  = "ada@example.org"
	editorEmail = "eve@example.org"
	password    = "correct horse battery"
)

// withAccounts returns the tracker over the shipped data set with an admin and an editor.
func withAccounts(t *testing.T) (http.Handler, *store.Store) {
	t.Helper()
	h, s := seeded(t)
	for _, u := range []auth.NewUser{
		{Email: adminEmail, Name: "Ada Admin", Role: store.RoleAdmin, Password: password},
		{Email: editorEmail, Name: "Eve Editor", Role: store.RoleEditor, Password: password},
	} {
		if _, err := auth.CreateUser(t.Context(), s, u); err != nil {
			t.Fatalf("CreateUser(%q) = %v", u.Email, err)
		}
	}
	return h, s
}

// browser sends requests to the tracker as one browser does: from one address, carrying the
// session cookie the answers set.
type browser struct {
	h       http.Handler
	addr    string
	session string // the hrd_session cookie's value, "" for none
}

func newBrowser(h http.Handler) *browser { return &browser{h: h, addr: "192.0.2.1:1234"} }

func (b *browser) do(t *testing.T, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	req.RemoteAddr = b.addr
	if b.session != "" {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: b.session})
	}
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == auth.CookieName {
			b.session = c.Value
			if c.MaxAge < 0 {
				b.session = ""
			}
		}
	}
	return rec
}

func (b *browser) get(t *testing.T, path string) *httptest.ResponseRecorder {
	t.Helper()
	return b.do(t, httptest.NewRequest(http.MethodGet, path, nil))
}

func (b *browser) post(t *testing.T, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(t, req)
}

func (b *browser) login(t *testing.T, email, pw string) *httptest.ResponseRecorder {
	t.Helper()
	return b.post(t, "/login", url.Values{"email": {email}, "password": {pw}})
}

func document(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func testid(t *testing.T, rec *httptest.ResponseRecorder, id string) string {
	t.Helper()
	return strings.Join(strings.Fields(document(t, rec).Find(`[data-testid="`+id+`"]`).Text()), " ")
}

func TestLoginAndLogout(t *testing.T) {
	t.Parallel()
	h, s := withAccounts(t)
	b := newBrowser(h)

	rec := b.get(t, "/editor/users")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Feditor%2Fusers" {
		t.Fatalf("GET /editor/users without a session = %d to %q, want 303 to the sign-in page", rec.Code, rec.Header().Get("Location"))
	}
	if got := rec.Header().Values("Set-Cookie"); len(got) > 0 {
		t.Errorf("GET /editor/users without a session sets %q, want no cookie", got)
	}
	if rec := b.get(t, "/login?next=%2Feditor%2Fusers"); rec.Code != http.StatusOK || len(rec.Header().Values("Set-Cookie")) > 0 {
		t.Errorf("GET /login = %d, cookies %q; want 200 and none", rec.Code, rec.Header().Values("Set-Cookie"))
	}

	// The email address is matched whatever its case; next leads back.
	rec = b.post(t, "/login", url.Values{"email": {"ADA@Example.org"}, "password": {password}, "next": {"/editor/users"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/editor/users" {
		t.Fatalf("POST /login = %d to %q, want 303 to /editor/users\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	cookie := rec.Header().Get("Set-Cookie")
	for _, want := range []string{"hrd_session=", "Path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("the session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(cookie, "Secure") || strings.Contains(cookie, "Expires") {
		t.Errorf("the session cookie over plain HTTP without PUBLIC_URL is %q, want neither Secure nor Expires", cookie)
	}
	first := b.session
	rec = b.get(t, "/editor/users")
	if rec.Code != http.StatusOK || !strings.Contains(testid(t, rec, "signed-in-as"), "Ada Admin") {
		t.Fatalf("GET /editor/users signed in = %d, signed in as %q", rec.Code, testid(t, rec, "signed-in-as"))
	}
	if got := rec.Header().Get("Cache-Control"); !strings.Contains(got, "no-store") {
		t.Errorf("an editor page's Cache-Control is %q, want no-store", got)
	}

	// Signing in again renews the token: the old one opens nothing.
	if rec := b.login(t, adminEmail, password); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/editor" {
		t.Fatalf("POST /login again = %d to %q, want 303 to /editor", rec.Code, rec.Header().Get("Location"))
	}
	if b.session == first || b.session == "" {
		t.Fatalf("the session cookie was %q before signing in again and %q after, want a new one", first, b.session)
	}
	old := &browser{h: h, addr: b.addr, session: first}
	if rec := old.get(t, "/editor"); rec.Code != http.StatusSeeOther {
		t.Errorf("GET /editor with the token from before the sign-in = %d, want 303 to sign in", rec.Code)
	}

	token := b.session
	rec = b.post(t, "/logout", nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?signed-out" {
		t.Fatalf("POST /logout = %d to %q, want 303 to /login?signed-out", rec.Code, rec.Header().Get("Location"))
	}
	if b.session != "" {
		t.Errorf("after signing out the browser still holds %q, want the cookie expired", b.session)
	}
	if n, err := s.SessionCount(t.Context()); err != nil || n != 0 {
		t.Errorf("SessionCount after signing out = %d, %v; want 0", n, err)
	}
	replay := &browser{h: h, addr: b.addr, session: token}
	if rec := replay.get(t, "/editor"); rec.Code != http.StatusSeeOther {
		t.Errorf("GET /editor with the signed-out token = %d, want 303 to sign in", rec.Code)
	}
	if rec := b.get(t, "/login?signed-out"); testid(t, rec, "notice") != i18n.English.Messages.Accounts.SignedOut {
		t.Errorf("the page after signing out says %q, want %q", testid(t, rec, "notice"), i18n.English.Messages.Accounts.SignedOut)
	}
}

// Behind TLS, or with an https PUBLIC_URL, the cookie is Secure.
func TestSecureCookie(t *testing.T) {
	t.Parallel()
	_, s := withAccounts(t)
	for _, tc := range []struct {
		name      string
		publicURL string
		tls       bool
	}{{"https PUBLIC_URL", "https://tracker.example.org", false}, {"TLS", "", true}} {
		h := server.New(s, discard, server.Options{PublicURL: tc.publicURL})
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"email": {adminEmail}, "password": {password}}.Encode()))
		if tc.tls {
			req = httptest.NewRequest(http.MethodPost, "https://example.org/login", req.Body)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if c := rec.Header().Get("Set-Cookie"); rec.Code != http.StatusSeeOther || !strings.Contains(c, "; Secure") {
			t.Errorf("%s: POST /login = %d with cookie %q, want 303 and a Secure cookie", tc.name, rec.Code, c)
		}
	}
}

// A wrong password, an unknown account and a disabled one get the same answer, apart from the
// email address the form keeps.
func TestLoginAnswersAlike(t *testing.T) {
	t.Parallel()
	h, s := withAccounts(t)
	disabled, err := auth.CreateUser(t.Context(), s, auth.NewUser{Email: "dan@example.org", Name: "Dan", Role: store.RoleEditor, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateUser(t.Context(), disabled.ID, store.RoleEditor, true); err != nil {
		t.Fatal(err)
	}
	answer := func(email, pw string) (int, http.Header, string) {
		rec := newBrowser(h).login(t, email, pw)
		hdr := rec.Header().Clone()
		for _, k := range []string{"Date", "Content-Length", "Etag"} {
			hdr.Del(k)
		}
		return rec.Code, hdr, strings.ReplaceAll(rec.Body.String(), email, "EMAIL")
	}
	wantStatus, wantHeader, wantBody := answer(editorEmail, "wrong password!")
	if wantStatus != http.StatusUnprocessableEntity || !strings.Contains(wantBody, i18n.English.Messages.Accounts.LoginFailed) {
		t.Fatalf("a wrong password = %d, want 422 with %q", wantStatus, i18n.English.Messages.Accounts.LoginFailed)
	}
	for _, tc := range []struct{ name, email, pw string }{
		{"unknown account", "nobody@example.org", "wrong password!"},
		{"unknown account, a user's password", "nobody@example.org", password},
		{"disabled account, right password", "dan@example.org", password},
	} {
		status, header, body := answer(tc.email, tc.pw)
		if status != wantStatus {
			t.Errorf("%s: status %d, want %d as for a wrong password", tc.name, status, wantStatus)
		}
		if diff := cmp.Diff(wantHeader, header); diff != "" {
			t.Errorf("%s: headers differ from a wrong password's (-wrong password +this):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(wantBody, body); diff != "" {
			t.Errorf("%s: body differs from a wrong password's (-wrong password +this):\n%s", tc.name, diff)
		}
	}
}

func TestLoginRateLimits(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	limited := func(t *testing.T, rec *httptest.ResponseRecorder, what string) {
		t.Helper()
		secs, err := strconv.Atoi(rec.Header().Get("Retry-After"))
		if rec.Code != http.StatusTooManyRequests || err != nil || secs < 1 || secs > 15*60 {
			t.Fatalf("%s = %d with Retry-After %q, want 429 and at most 15 minutes", what, rec.Code, rec.Header().Get("Retry-After"))
		}
		if got := testid(t, rec, "login-problem"); !strings.HasPrefix(got, i18n.English.Messages.Accounts.LoginLimited) {
			t.Errorf("%s says %q, want %q", what, got, i18n.English.Messages.Accounts.LoginLimited)
		}
	}

	t.Run("per account", func(t *testing.T) {
		// Each from its own address, so that only the account's count grows.
		try := func(i int, email, pw string) *httptest.ResponseRecorder {
			b := newBrowser(h)
			b.addr = "198.51.100." + strconv.Itoa(i) + ":1"
			return b.login(t, email, pw)
		}
		// A success forgets the failures before it.
		for i := range 4 {
			try(i, editorEmail, "wrong password!")
		}
		if rec := try(10, editorEmail, password); rec.Code != http.StatusSeeOther {
			t.Fatalf("the right password after 4 failures = %d, want 303", rec.Code)
		}
		for i := range 5 {
			if rec := try(20+i, editorEmail, "wrong password!"); rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d after a success = %d, want 422", i+1, rec.Code)
			}
		}
		// Now even the right password waits; an unknown account is limited alike.
		limited(t, try(30, editorEmail, password), "the right password after 5 failures")
		for i := range 5 {
			try(40+i, "Nobody@example.org", "wrong password!")
		}
		limited(t, try(50, "nobody@example.org", "wrong password!"), "an unknown account after 5 failures")
		if rec := try(60, adminEmail, password); rec.Code != http.StatusSeeOther {
			t.Errorf("another account = %d, want 303: the limit is the account's", rec.Code)
		}
	})

	t.Run("per address", func(t *testing.T) {
		b := newBrowser(h)
		b.addr = "203.0.113.7:4321"
		for i := range 20 {
			if rec := b.login(t, "guess"+strconv.Itoa(i)+"@example.org", "wrong password!"); rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d from one address = %d, want 422", i+1, rec.Code)
			}
		}
		limited(t, b.login(t, adminEmail, password), "a 21st sign-in from the address")
		other := newBrowser(h)
		other.addr = "203.0.113.8:4321"
		if rec := other.login(t, adminEmail, password); rec.Code != http.StatusSeeOther {
			t.Errorf("the same account from another address = %d, want 303", rec.Code)
		}
	})
}

// A form sent by a page of another site is refused, in the language of the address.
func TestCrossOriginRefused(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	form := url.Values{"email": {adminEmail}, "password": {password}}.Encode()
	for _, tc := range []struct {
		name, path string
		header     map[string]string
		want       int
		lang       *i18n.Lang
	}{
		{"Sec-Fetch-Site cross-site", "/login", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden, i18n.English},
		{"Sec-Fetch-Site same-site", "/fr/login", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden, i18n.French},
		{"Origin of another host", "/ar/logout", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden, i18n.Arabic},
		{"to the admin's form", "/editor/users", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden, i18n.English},
		{"same origin", "/login", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://example.com"}, http.StatusSeeOther, nil},
		{"no browser headers", "/login", nil, http.StatusSeeOther, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, tc.path, strings.NewReader(form))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := newBrowser(h).do(t, req)
			if rec.Code != tc.want {
				t.Fatalf("POST %s with %v = %d, want %d", tc.path, tc.header, rec.Code, tc.want)
			}
			if tc.lang != nil {
				if got, want := testid(t, rec, "error-message"), strings.Join(strings.Fields(tc.lang.Messages.Accounts.ErrCrossOrigin), " "); got != want {
					t.Errorf("POST %s refused with %q, want %q", tc.path, got, want)
				}
				if len(rec.Header().Values("Set-Cookie")) > 0 {
					t.Errorf("POST %s refused sets cookies %q", tc.path, rec.Header().Values("Set-Cookie"))
				}
			}
		})
	}
}

func TestFormLimits(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	big := url.Values{"email": {adminEmail}, "password": {strings.Repeat("x", 64<<10)}}
	rec := newBrowser(h).post(t, "/es/login", big)
	if rec.Code != http.StatusRequestEntityTooLarge || testid(t, rec, "error-message") != "Lo enviado supera lo que admite este formulario (64 KB como máximo)." {
		t.Errorf("POST /es/login with a 64 KB password = %d: %q, want 413 with the limit in Spanish", rec.Code, testid(t, rec, "error-message"))
	}
	for _, tc := range []struct {
		name string
		form url.Values
		want int
	}{
		{"no fields", url.Values{}, http.StatusUnprocessableEntity},
		{"invalid UTF-8", url.Values{"email": {"\xff@example.org"}, "password": {password}}, http.StatusBadRequest},
		{"next on another host", url.Values{"email": {adminEmail}, "password": {password}, "next": {"//evil.example/"}}, http.StatusBadRequest},
		{"next an absolute URL", url.Values{"email": {adminEmail}, "password": {password}, "next": {"https://evil.example/"}}, http.StatusBadRequest},
		{"next with a backslash", url.Values{"email": {adminEmail}, "password": {password}, "next": {`/\evil.example`}}, http.StatusBadRequest},
	} {
		if rec := newBrowser(h).post(t, "/login", tc.form); rec.Code != tc.want {
			t.Errorf("POST /login, %s = %d, want %d", tc.name, rec.Code, tc.want)
		}
	}
	for _, target := range []string{"/login?next=https://evil.example", "/login?colour=red", "/login?next=/a&next=/b", "/editor/users/abc", "/editor/users/0"} {
		b := newBrowser(h)
		b.login(t, adminEmail, password)
		if rec := b.get(t, target); rec.Code != http.StatusBadRequest && rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("GET %s = %d, want a 4xx", target, rec.Code)
		}
	}
}

// A 405 names the methods the address takes.
func TestAccountMethods(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	for _, tc := range []struct{ method, path, allow string }{
		{http.MethodPut, "/login", "GET, HEAD, POST"},
		{http.MethodGet, "/fr/logout", "POST"},
		{http.MethodDelete, "/es/editor/users/1", "POST"},
		{http.MethodPost, "/advances", "GET, HEAD"},
	} {
		b := newBrowser(h)
		b.login(t, adminEmail, password)
		rec := b.do(t, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d with Allow %q, want 405 with %q", tc.method, tc.path, rec.Code, rec.Header().Get("Allow"), tc.allow)
		}
	}
}

func TestEditorPagesNeedSignIn(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	for _, tc := range []struct{ method, path, want string }{
		{http.MethodGet, "/editor", "/login?next=%2Feditor"},
		{http.MethodGet, "/fr/editor/users", "/fr/login?next=%2Ffr%2Feditor%2Fusers"},
		{http.MethodHead, "/ar/editor", "/ar/login?next=%2Far%2Feditor"},
		{http.MethodPost, "/es/editor/users", "/es/login"},
		{http.MethodPost, "/editor/users/1", "/login"},
	} {
		rec := newBrowser(h).do(t, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tc.want {
			t.Errorf("%s %s without a session = %d to %q, want 303 to %s", tc.method, tc.path, rec.Code, rec.Header().Get("Location"), tc.want)
		}
	}
}

func TestEditorCannotManageUsers(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	b.login(t, editorEmail, password)
	rec := b.get(t, "/fr/editor")
	if rec.Code != http.StatusOK || document(t, rec).Find(`a[href="/fr/editor/users"]`).Length() != 0 {
		t.Errorf("an editor's home = %d, links to the users' page %d times; want 200 and none", rec.Code, document(t, rec).Find(`a[href="/fr/editor/users"]`).Length())
	}
	var tasks []string
	document(t, rec).Find(`[data-testid="editor-tasks"] [data-testid="task-link"]`).Each(func(_ int, a *goquery.Selection) { tasks = append(tasks, a.AttrOr("href", "")) })
	want := []string{"/fr/editor/documents", "/fr/editor/advances", "/fr/editor/recommendations", "/fr/editor/quotes", "/fr/editor/candidates", "/fr/editor/bodies", "/fr/editor/activity"}
	if !slices.Equal(tasks, want) {
		t.Errorf("an editor's home links the tasks %q, want %q", tasks, want)
	}
	if got := document(t, rec).Find(`[data-testid="editor-tasks"] a[href="/fr/editor/documents"]`).Text(); got != i18n.French.Messages.Edit.DocumentsLink {
		t.Errorf("an editor's home links to the documents as %q, want %q", got, i18n.French.Messages.Edit.DocumentsLink)
	}
	rec = b.get(t, "/fr/editor/users")
	if rec.Code != http.StatusForbidden || testid(t, rec, "error-message") != i18n.French.Messages.Accounts.ErrAdminOnly {
		t.Errorf("GET /fr/editor/users as an editor = %d: %q, want 403 with %q", rec.Code, testid(t, rec, "error-message"), i18n.French.Messages.Accounts.ErrAdminOnly)
	}
	rec = b.post(t, "/editor/users", url.Values{"email": {"mallory@example.org"}, "name": {"Mallory"}, "role": {"admin"}, "password": {password}})
	if rec.Code != http.StatusForbidden {
		t.Errorf("POST /editor/users as an editor = %d, want 403", rec.Code)
	}
	if rec := b.post(t, "/editor/users/2", url.Values{"role": {"admin"}, "status": {"active"}}); rec.Code != http.StatusForbidden {
		t.Errorf("an editor making themself admin = %d, want 403", rec.Code)
	}
}

func TestAdminManagesUsers(t *testing.T) {
	t.Parallel()
	h, s := withAccounts(t)
	admin := newBrowser(h)
	admin.login(t, adminEmail, password)
	editor := newBrowser(h)
	editor.addr = "192.0.2.2:1"
	editor.login(t, editorEmail, password)

	add := func(email, name, role, pw string) *httptest.ResponseRecorder {
		return admin.post(t, "/editor/users", url.Values{"email": {email}, "name": {name}, "role": {role}, "password": {pw}})
	}
	rec := add(" zoe@example.org ", "<script>alert(1)</script>", "editor", password)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/editor/users" {
		t.Fatalf("adding an account = %d to %q, want 303 to /editor/users\n%s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	rec = admin.get(t, "/editor/users")
	if got := testid(t, rec, "notice"); got != "The account zoe@example.org was added." {
		t.Errorf("the notice after adding = %q", got)
	}
	if strings.Contains(rec.Body.String(), "<script>alert") {
		t.Error("the users' page holds a name's <script> unescaped")
	}
	var emails []string
	document(t, rec).Find(`[data-testid="user"]`).Each(func(_ int, s *goquery.Selection) { emails = append(emails, s.AttrOr("data-email", "")) })
	if want := []string{adminEmail, editorEmail, "zoe@example.org"}; !slices.Equal(emails, want) {
		t.Errorf("the users' page lists %q, want %q", emails, want)
	}
	if again := admin.get(t, "/editor/users"); testid(t, again, "notice") != "" {
		t.Errorf("the notice shows twice: %q", testid(t, again, "notice"))
	}

	for _, tc := range []struct {
		name, email, fullName, role, pw string
		field, want                     string
	}{
		{"taken address", "ZOE@example.org", "Zoe", "editor", password, "new-email-problem", i18n.English.Messages.Accounts.ErrEmailTaken},
		{"short password", "sam@example.org", "Sam", "editor", "short", "new-password-problem", "The password needs at least 12 characters."},
		{"weak password", "sam@example.org", "Sam", "editor", "aaaaaaaaaaaaaaaa", "new-password-problem", i18n.English.Messages.Accounts.ErrPasswordWeak},
		{"bad address", "sam", "Sam", "editor", password, "new-email-problem", i18n.English.Messages.Accounts.ErrEmailInvalid},
		{"no name", "sam@example.org", " ", "editor", password, "new-name-problem", "Enter a name of at most 200 characters."},
		{"bad role", "sam@example.org", "Sam", "owner", password, "new-role-problem", i18n.English.Messages.Accounts.ErrRoleInvalid},
	} {
		rec := add(tc.email, tc.fullName, tc.role, tc.pw)
		doc := document(t, rec)
		if rec.Code != http.StatusUnprocessableEntity || strings.TrimSpace(doc.Find("#"+tc.field).Text()) != tc.want {
			t.Errorf("adding, %s = %d with %q, want 422 with %q", tc.name, rec.Code, doc.Find("#"+tc.field).Text(), tc.want)
		}
		if got := doc.Find("#new-email").AttrOr("value", ""); got != strings.TrimSpace(tc.email) {
			t.Errorf("adding, %s: the form keeps the address %q, want %q", tc.name, got, tc.email)
		}
		if doc.Find("#new-password").AttrOr("value", "") != "" {
			t.Errorf("adding, %s: the form sends the password back", tc.name)
		}
	}

	// The last active admin stays one.
	me, err := s.UserByEmail(t.Context(), adminEmail)
	if err != nil {
		t.Fatal(err)
	}
	rec = admin.post(t, "/editor/users/"+strconv.FormatInt(me.ID, 10), url.Values{"role": {"editor"}, "status": {"active"}})
	if rec.Code != http.StatusUnprocessableEntity || testid(t, rec, "users-problem") != i18n.English.Messages.Accounts.ErrLastAdmin {
		t.Errorf("demoting the last admin = %d: %q, want 422 with %q", rec.Code, testid(t, rec, "users-problem"), i18n.English.Messages.Accounts.ErrLastAdmin)
	}

	// Disabling an editor ends their session at once.
	eve, err := s.UserByEmail(t.Context(), editorEmail)
	if err != nil {
		t.Fatal(err)
	}
	if rec := editor.get(t, "/editor"); rec.Code != http.StatusOK {
		t.Fatalf("the editor's home before = %d", rec.Code)
	}
	rec = admin.post(t, "/editor/users/"+strconv.FormatInt(eve.ID, 10), url.Values{"role": {"editor"}, "status": {"disabled"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("disabling an editor = %d, want 303", rec.Code)
	}
	if rec := editor.get(t, "/editor"); rec.Code != http.StatusSeeOther {
		t.Errorf("the disabled editor's home = %d, want 303 to sign in", rec.Code)
	}
	for _, tc := range []struct {
		target string
		form   url.Values
		want   int
	}{
		{"/editor/users/999999", url.Values{"role": {"editor"}, "status": {"active"}}, http.StatusNotFound},
		{"/editor/users/" + strconv.FormatInt(eve.ID, 10), url.Values{"role": {"editor"}, "status": {"gone"}}, http.StatusBadRequest},
	} {
		if rec := admin.post(t, tc.target, tc.form); rec.Code != tc.want {
			t.Errorf("POST %s %v = %d, want %d", tc.target, tc.form, rec.Code, tc.want)
		}
	}
}

// Readers get no cookie from any public page, in any language, even carrying a stale session
// cookie; the sign-in page sets none either until someone signs in.
func TestReadersGetNoCookie(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	pages := pagetypes.EveryLanguage()
	for _, l := range i18n.Langs {
		pages = append(pages, pagetypes.Type{Path: l.Prefix() + "/login?next=%2Feditor", Status: http.StatusOK})
	}
	for _, p := range pages {
		for _, stale := range []bool{false, true} {
			req := httptest.NewRequest(http.MethodGet, p.Path, nil)
			if stale {
				req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: "stale-token"})
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != p.Status {
				t.Errorf("GET %s = %d, want %d", p.Path, rec.Code, p.Status)
			}
			if c := rec.Header().Values("Set-Cookie"); len(c) > 0 {
				t.Errorf("GET %s (stale cookie: %t) sets %q, want no cookie", p.Path, stale, c)
			}
		}
	}
}

var sessionToken = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// The session's token is long and random, and the store keeps only its hash.
func TestSessionToken(t *testing.T) {
	t.Parallel()
	h, _ := withAccounts(t)
	b := newBrowser(h)
	b.login(t, adminEmail, password)
	if !sessionToken.MatchString(b.session) {
		t.Errorf("session token %q, want 32 random bytes in base64", b.session)
	}
}
