package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// Limits on what a request may carry. The tracker's longest real address is well under a
// kilobyte; anything past these is a mistake or an attack, and is refused before it costs.
const (
	// MaxTarget bounds the request target (path and query) in bytes.
	MaxTarget = 4 << 10
	// MaxHeaderBytes bounds the request's headers; http.Server takes it, and answers 431 past it.
	MaxHeaderBytes = 32 << 10
	// maxHost bounds the Host header: DNS names are at most 253 bytes, plus a port.
	maxHost = 260
)

// guard refuses requests whose target is too long, whose path holds a control character or a
// backslash, or whose Host could not be a real one, each with the error page.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var status int
		switch {
		case len(r.RequestURI) > MaxTarget || len(r.URL.RawQuery) > MaxTarget || len(r.URL.Path) > MaxTarget:
			status = http.StatusRequestURITooLong
		case hasControl(r.URL.Path) || strings.ContainsRune(r.URL.Path, '\\'):
			status = http.StatusNotFound // no address of ours holds one
		case !validHost(r.Host):
			status = http.StatusBadRequest
		default:
			next.ServeHTTP(w, r)
			return
		}
		l := pathLang(r.URL.Path)
		r = r.WithContext(site.WithLocale(r.Context(), site.Locale{Origin: s.opts.PublicURL, Lang: l, Path: site.HomePath}))
		message := l.Messages.ErrNoPage
		if status == http.StatusRequestURITooLong {
			message = l.Messages.ErrTooLong
		}
		s.renderError(w, r, &httpError{status: status, message: message})
	})
}

// pathLang is the language of path's prefix: before routing, what a refusal speaks.
func pathLang(path string) *i18n.Lang {
	for _, l := range i18n.Langs[1:] {
		if path == l.Prefix() || strings.HasPrefix(path, l.Prefix()+"/") {
			return l
		}
	}
	return i18n.English
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// validHost reports whether h is a host name or address, with an optional port, short enough
// to be real.
func validHost(h string) bool {
	if h == "" || len(h) > maxHost {
		return h == "" // HTTP/1.0 clients may send none
	}
	// Only a host with a colon has a port or is an IPv6 address; a plain name is checked
	// without the errors (and allocations) that splitting and parsing it as an IP would make.
	host, port := h, ""
	if strings.Contains(h, ":") {
		if hp, p, err := net.SplitHostPort(h); err == nil {
			host, port = hp, p
		}
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return false
		}
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.Contains(host, ":") {
		return net.ParseIP(host) != nil
	}
	// An IPv4 address passes as labels of digits.
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// trimSlash sends /advances/ to /advances, as readers and crawlers add a slash. Unlike a
// redirect to whatever the path says, it only ever lands on a path of this site: one that
// starts with a single slash, and nothing a browser would read as another host.
func trimSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.EscapedPath()
		if len(path) < 2 || !strings.HasSuffix(path, "/") {
			next.ServeHTTP(w, r)
			return
		}
		target := strings.TrimRight(path, "/")
		if !localPath(target) {
			// Not a path of ours with a slash added: let the router say it finds nothing.
			next.ServeHTTP(w, r)
			return
		}
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusMovedPermanently)
	})
}

// localPath reports whether target, an escaped path, is one a redirect may lead to: a path of
// this site, starting with a single slash, and nothing a browser would read as another host.
func localPath(target string) bool {
	lower := strings.ToLower(target)
	return strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "//") && !strings.ContainsAny(target, `\`) &&
		!strings.Contains(lower, "%2f") && !strings.Contains(lower, "%5c") && !hasControl(target) && len(target) <= MaxTarget
}

// warnings logs a recurring warning at most once an interval, with the number of times it
// recurred since, so that an outage under load writes a few lines rather than thousands.
type warnings struct {
	mu       sync.Mutex
	interval time.Duration
	last     time.Time
	dropped  int
}

// allow reports whether to log now, and how many warnings were dropped before this one.
func (w *warnings) allow(now time.Time) (bool, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.last.IsZero() && now.Sub(w.last) < w.interval {
		w.dropped++
		return false, 0
	}
	dropped := w.dropped
	w.last, w.dropped = now, 0
	return true, dropped
}

// errBusy is a request that waited for a render slot for as long as it could.
var errBusy = errors.New("no render slot came free in time")

// rendering runs a handler in one of the server's render slots, waiting for one for as long as
// the request may. A render holds its page's rows and text, often several times over (a data
// twin of a thousand rows is over a megabyte): the slots bound the memory of many renders at
// once, where the page cache does not (a miss, a cold cache, an editor), and a burst waits in
// line rather than growing the heap. Cached pages never take a slot.
func (s *Server) rendering(ctx context.Context, render func() error) error {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return errBusy
	}
	defer func() { <-s.slots }()
	return render()
}
