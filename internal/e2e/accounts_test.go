package e2e

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

const (
	adminEmail    = "ada@example.org"
	adminName     = "Ada Admin"
	adminPassword = "correct horse battery"
)

// addAdmin gives the app an admin to sign in as.
func addAdmin(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := auth.CreateUser(t.Context(), s, auth.NewUser{Email: adminEmail, Name: adminName, Role: store.RoleAdmin, Password: adminPassword}); err != nil {
		t.Fatalf("CreateUser = %v", err)
	}
}

// editorPaths are the editors' pages in every language, which an admin sees all of: the
// home, the users, the documents' and bodies' pages, and the list, a new item's form and an
// item's form of each type of item.
func editorPaths() []string {
	var out []string
	for _, l := range i18n.Langs {
		out = append(out, site.Localized(l, site.EditorPath), site.Localized(l, site.EditorUsersPath))
		for _, path := range []string{
			site.EditorDocumentsPath, site.EditorNewDocumentPath, site.EditorDocumentURL("A-73-230"),
			site.EditorDocumentTextURL("A-73-230"), site.EditorParagraphURL("A-73-230", 14),
			site.EditorBodiesPath, site.EditorBodyURL("cescr"), site.EditorCandidatesPath,
			site.EditorActivityPath,
		} {
			out = append(out, site.Localized(l, path))
		}
		for _, it := range []struct{ path, slug string }{
			{site.EditorAdvancesPath, "model-national-law"},
			{site.EditorRecommendationsPath, "system-wide-approach-to-civic-space"},
			{site.EditorQuotesPath, "sg-defenders-enhance-un-work"},
		} {
			out = append(out, site.Localized(l, it.path), site.Localized(l, it.path+site.NewItem),
				site.Localized(l, site.EditorItemURL(it.path, it.slug)))
		}
	}
	return out
}

// signIn signs the tab in as the admin through the sign-in form, as a person does.
func signIn(t *testing.T, tb *tab) {
	t.Helper()
	tb.open(t, site.LoginPath, http.StatusOK)
	tb.do(t, "typing the email address and password",
		chromedp.SetValue(chromedp.ID("login-email"), adminEmail),
		chromedp.SetValue(chromedp.ID("login-password"), adminPassword))
	tb.follow(t, `[data-testid="login-submit"]`)
	if got := tb.location(t); got != site.EditorPath {
		t.Fatalf("signing in led to %s, want %s", got, site.EditorPath)
	}
}

// signedInClient is an HTTP client holding the admin's session, for the HTML checker.
func signedInClient(t *testing.T, origin string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(origin+site.LoginPath, url.Values{"email": {adminEmail}, "password": {adminPassword}})
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Request.URL.Path != site.EditorPath {
		t.Fatalf("signing in over HTTP led to %s (%d), want %s", resp.Request.URL, resp.StatusCode, site.EditorPath)
	}
	return c
}

// An editor opens the editors' area in French, is sent to sign in, signs in, is brought back,
// and signs out; the session cookie is out of scripts' reach and only on these pages.
func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	srv, s := startAppStore(t)
	addAdmin(t, s)
	tb := openEditorTab(t, startBrowser(t), srv.URL)

	tb.open(t, "/fr/editor/users", http.StatusOK)
	if got, want := tb.location(t), "/fr/login?next=%2Ffr%2Feditor%2Fusers"; got != want {
		t.Fatalf("the editors' page without a session led to %s, want %s", got, want)
	}
	// A wrong password first: the form says so, keeps the address, and sets no cookie.
	tb.do(t, "typing a wrong password",
		chromedp.SetValue(chromedp.ID("login-email"), adminEmail),
		chromedp.SetValue(chromedp.ID("login-password"), "not the password"))
	tb.follow(t, `[data-testid="login-submit"]`)
	if got, want := eval[string](t, tb, `document.querySelector('[data-testid="login-problem"]').textContent`), i18n.French.Messages.Accounts.LoginFailed; got != want {
		t.Errorf("after a wrong password the page says %q, want %q", got, want)
	}
	if got := eval[string](t, tb, `document.getElementById('login-email').value`); got != adminEmail {
		t.Errorf("after a wrong password the form holds %q, want %q", got, adminEmail)
	}
	if got := cookies(t, tb); len(got) != 0 {
		t.Errorf("after a wrong password the browser holds cookies %v, want none", got)
	}

	tb.do(t, "typing the password", chromedp.SetValue(chromedp.ID("login-password"), adminPassword))
	tb.follow(t, `[data-testid="login-submit"]`)
	if got, want := tb.location(t), "/fr/editor/users"; got != want {
		t.Fatalf("signing in led to %s, want back to %s", got, want)
	}
	if got := eval[string](t, tb, `document.querySelector('[data-testid="signed-in-as"]').textContent`); !strings.Contains(got, adminName) {
		t.Errorf("the editors' page says %q, want it to name %s", got, adminName)
	}
	got := cookies(t, tb)
	if len(got) != 1 || got[0].Name != auth.CookieName || !got[0].HTTPOnly || got[0].SameSite != network.CookieSameSiteLax || !got[0].Session || got[0].Path != "/" {
		t.Errorf("signed in, the browser holds %+v, want one session cookie %s, HttpOnly, SameSite=Lax, Path=/, for the session only", got, auth.CookieName)
	}
	if js := eval[string](t, tb, `document.cookie`); js != "" {
		t.Errorf("scripts see the cookies %q, want none: the session cookie is HttpOnly", js)
	}

	tb.follow(t, `[data-testid="sign-out"]`)
	if got, want := tb.location(t), "/fr/login?signed-out"; got != want {
		t.Fatalf("signing out led to %s, want %s", got, want)
	}
	if got := cookies(t, tb); len(got) != 0 {
		t.Errorf("signed out, the browser holds %+v, want no cookie", got)
	}
	if n, err := s.SessionCount(t.Context()); err != nil || n != 0 {
		t.Errorf("SessionCount after signing out = %d, %v; want 0", n, err)
	}
	tb.open(t, "/fr/editor", http.StatusOK)
	if got := tb.location(t); !strings.HasPrefix(got, "/fr/login") {
		t.Errorf("the editors' home after signing out is %s, want the sign-in page", got)
	}
}

// cookies are the cookies the tab's browser holds for the app.
func cookies(t *testing.T, tb *tab) []*network.Cookie {
	t.Helper()
	res, err := chromedp.Call(tb.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{tb.origin + "/"}})
	if err != nil {
		t.Fatalf("reading the cookies: %v", err)
	}
	return res.Cookies
}
