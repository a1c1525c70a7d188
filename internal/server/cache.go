package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/pagecache"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/static"
)

// SessionCookie is the editor's session cookie. A request that carries it is never answered
// from the page cache, nor kept in it: an editor sees the data as it is.
const SessionCookie = "hrd_session"

// editorPaths are the editor's area, in every language: never kept in the page cache.
var editorPaths = []string{"/editor", "/login", "/logout"}

// cachePolicy decides what the page cache does with a request. Pages, data twins and feeds are
// kept for every reader; the editor's area, and any request from a signed-in editor, are
// rendered every time; health checks and static files (which have their own validators and
// compression) pass untouched. Error pages and answers marked private are never kept, which the
// cache itself sees to.
func (s *Server) cachePolicy(r *http.Request) (pagecache.Key, pagecache.Use) {
	path := r.URL.Path
	if path == "/healthz" || path == "/readyz" || strings.HasPrefix(path, static.Prefix) {
		return pagecache.Key{}, pagecache.Pass
	}
	if editorPath(path) || hasSession(r) {
		return pagecache.Key{}, pagecache.Fresh
	}
	k := pagecache.Key{
		Path: path, RawPath: r.URL.RawPath, Query: r.URL.RawQuery,
		// A full reference names the day it was read on (site.Locale.Today, in UTC).
		Day: time.Now().Unix() / (24 * 60 * 60),
	}
	// withLang offers the page in the language the reader prefers.
	if al := r.Header.Get("Accept-Language"); al != "" {
		if p, ok := i18n.Preferred(al); ok {
			k.Lang = p.Code
		}
	}
	return k, pagecache.Keep
}

// editorPath reports whether path is in the editor's area, with or without a language prefix.
func editorPath(path string) bool {
	for _, l := range i18n.Langs[1:] {
		if rest, ok := strings.CutPrefix(path, l.Prefix()); ok && (rest == "" || rest[0] == '/') {
			path = rest
			break
		}
	}
	for _, p := range editorPaths {
		if rest, ok := strings.CutPrefix(path, p); ok && (rest == "" || rest[0] == '/') {
			return true
		}
	}
	return false
}

func hasSession(r *http.Request) bool {
	if r.Header.Get("Cookie") == "" {
		return false // readers carry none: the site sets no cookie for them
	}
	_, err := r.Cookie(SessionCookie)
	return err == nil
}

// FollowChanges keeps c true to the data in s until ctx ends: it empties c on every committed
// change, and suspends it while it cannot hear of changes (c keeps nothing until then), so
// that no page outlives an edit by more than a notice's trip. It returns ctx's error.
func FollowChanges(ctx context.Context, s *store.Store, c *pagecache.Cache, log *slog.Logger) error {
	return s.Listen(ctx, store.Listener{
		Listening: c.Resume,
		Changed:   func(string) { c.Invalidate() },
		Lost: func(err error, retry time.Duration) {
			c.Suspend()
			log.Warn("not hearing of changes: pages are not cached until the database answers again", "err", err, "retry_in", retry)
		},
	})
}
