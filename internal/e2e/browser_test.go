package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// chromium is Debian's browser: the tests use that one and no other.
const chromium = pagetypes.Chromium

// howToDeps says how to get what the browser tests need from outside the repository.
const howToDeps = "Run `make deps`: it installs the npm packages pinned in internal/e2e (axe-core, vnu-jar), " +
	"and Debian's chromium and a Java runtime (as root; otherwise it prints the apt-get command)."

// startApp serves the tracker over a fresh database holding the shipped data set.
func startApp(t *testing.T) *httptest.Server {
	t.Helper()
	srv, _ := startAppStore(t)
	return srv
}

// startAppStore is startApp that also returns the store, for a test to add to.
func startAppStore(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	s := dbtest.New(t)
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := httptest.NewServer(server.New(s, log, server.Options{}))
	t.Cleanup(srv.Close)
	return srv, s
}

// startBrowser starts a headless Chromium with a fresh profile, stopped when t ends. Each
// test has its own browser and each tab its own browser context, so no cache or cookie
// carries over from one check to the next.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	_, err := os.Stat(chromium)
	testenv.Require(t, "Debian's Chromium ("+chromium+")", err, howToDeps)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir()))
	for _, f := range pagetypes.ChromiumFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return ctx
}

// tab is a browser tab on the app that records what the pages it shows ask for. When the test
// ends it fails if any request left the app's origin or any response set a cookie: every
// browser test is a third-party check too.
type tab struct {
	ctx    context.Context
	origin string // scheme://host:port of the app

	// signIn lets the session cookie through on the sign-in and editor pages, which an
	// editor's tab visits; any other cookie, or one on a reader's page, still fails.
	signIn bool

	mu         sync.Mutex
	requests   []string                     // every URL the pages requested, in order
	urls       map[network.RequestID]string // the URL of each request
	setCookies []setCookie                  // each cookie a response set
}

type setCookie struct{ url, header string }

// allowed reports whether the tab lets c be set.
func (tb *tab) allowed(c setCookie) bool {
	if !tb.signIn || !strings.HasPrefix(c.header, auth.CookieName+"=") {
		return false
	}
	u, err := url.Parse(c.url)
	if err != nil {
		return false
	}
	path := u.Path
	for _, l := range i18n.Langs[1:] {
		path = strings.TrimPrefix(path, l.Prefix())
	}
	return path == site.LoginPath || path == site.LogoutPath || path == site.EditorPath || strings.HasPrefix(path, site.EditorPath+"/")
}

// openTab opens a tab in a new browser context of browser, on the app at origin.
func openTab(t *testing.T, browser context.Context, origin string) *tab {
	t.Helper()
	return newTab(t, browser, &tab{origin: origin, urls: map[network.RequestID]string{}})
}

// openEditorTab is openTab for an editor, who signs in: the session cookie may be set on the
// sign-in and editor pages.
func openEditorTab(t *testing.T, browser context.Context, origin string) *tab {
	t.Helper()
	return newTab(t, browser, &tab{origin: origin, urls: map[network.RequestID]string{}, signIn: true})
}

func newTab(t *testing.T, browser context.Context, tb *tab) *tab {
	t.Helper()
	origin := tb.origin
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.record))
	t.Cleanup(cancel)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	t.Cleanup(func() {
		for _, u := range tb.offOrigin() {
			t.Errorf("a page requested %s, outside the app's origin %s", u, origin)
		}
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, c := range tb.setCookies {
			if !tb.allowed(c) {
				t.Errorf("a response set a cookie: %s: %s", c.url, c.header)
			}
		}
	})
	return tb
}

// record runs in the tab's event loop, so it only notes what it sees.
func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, ev.Request.URL)
		tb.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceivedExtraInfo:
		// The raw headers: ResponseReceived's leave Set-Cookie out.
		for k, v := range ev.Headers {
			if strings.EqualFold(k, "Set-Cookie") {
				tb.setCookies = append(tb.setCookies, setCookie{url: tb.urls[ev.RequestID], header: fmt.Sprint(v)})
			}
		}
	}
}

// offOrigin returns the requested URLs that leave the app's origin. A data: URL is the page's
// own bytes, not a request to anyone.
func (tb *tab) offOrigin() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, raw := range tb.requests {
		u, err := url.Parse(raw)
		if err == nil && (u.Scheme == "data" || u.Scheme+"://"+u.Host == tb.origin) {
			continue
		}
		out = append(out, raw)
	}
	return out
}

// requested returns the paths of the app that the tab asked for.
func (tb *tab) requested() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, raw := range tb.requests {
		if rest, ok := strings.CutPrefix(raw, tb.origin); ok {
			out = append(out, rest)
		}
	}
	return out
}

// disableScript turns the page's JavaScript off for the rest of the tab's life, as a reader
// who blocks scripts has it. DevTools' own evaluations still run.
func (tb *tab) disableScript(t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("disabling JavaScript: %v", err)
	}
}

// resize sets the tab's viewport.
func (tb *tab) resize(t *testing.T, v viewport) {
	t.Helper()
	var opts []chromedp.EmulateViewportOption
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(v.width, v.height, opts...)); err != nil {
		t.Fatalf("resizing to %s: %v", v.name, err)
	}
}

// open loads the app's page at path and checks its status.
func (tb *tab) open(t *testing.T, path string, wantStatus int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.origin+path))
	if err != nil {
		t.Fatalf("opening %s: %v", path, err)
	}
	if resp.Status != int64(wantStatus) {
		t.Fatalf("GET %s = %d, want %d", path, resp.Status, wantStatus)
	}
}

// follow clicks the first element that matches the CSS selector sel and waits for the page it
// leads to.
func (tb *tab) follow(t *testing.T, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)))
	if err != nil {
		t.Fatalf("following %s: %v", sel, err)
	}
}

// actionTimeout bounds each wait, so that a page that never shows what a test waits for fails
// that test at once instead of hanging the suite.
const actionTimeout = 15 * time.Second

// do runs actions, each wait bounded by actionTimeout; what says what they do, for the failure.
func (tb *tab) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](t *testing.T, tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// location is the path, query and fragment of the page the tab shows.
func (tb *tab) location(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, actionTimeout)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("reading the location: %v", err)
	}
	return strings.TrimPrefix(loc, tb.origin)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // a Go string always marshals
	}
	return string(b)
}
