package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// limit is the most a page may weigh, the HTML and everything it loads, as transferred.
const limit = 30_000

// weighed are the pages `weight` weighs by default: every type of page that answers 200. An
// item that the data may rename is written list/*: the first item that list links to.
func weighed() []string {
	var paths []string
	for _, p := range pagetypes.All {
		switch {
		case p.Status != http.StatusOK:
		case p.List != "":
			paths = append(paths, p.List+"/*")
		default:
			paths = append(paths, p.Path)
		}
	}
	return paths
}

// weight is what a browser with an empty cache transfers for a page, in bytes of the bodies
// as sent (compressed), without the headers.
type weight struct {
	path                   string
	html, css, js, other   int
	uncompressed, external []string // text sent without compression; files from elsewhere
}

func (w weight) total() int { return w.html + w.css + w.js + w.other }

// weigh prints the weight of each page and fails if one is over the limit, loads something
// from elsewhere, or sends text without compression.
func weigh(ctx context.Context, base string, paths []string, stdout io.Writer) error {
	// Without a transport that leaves compression alone, Go would ask for gzip itself and
	// hand back the body unpacked, hiding its size on the wire.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	var weights []weight
	for _, p := range paths {
		w, err := weighPage(ctx, client, base, p)
		if err != nil {
			return err
		}
		weights = append(weights, w)
	}
	return report(stdout, weights)
}

func report(stdout io.Writer, weights []weight) error {
	width := len("page")
	for _, w := range weights {
		width = max(width, len(w.path))
	}
	row := func(path string, sizes ...string) {
		fmt.Fprintf(stdout, "%-*s", width, path)
		for _, s := range sizes {
			fmt.Fprintf(stdout, "  %8s", s)
		}
		fmt.Fprintln(stdout)
	}
	row("page", "HTML", "CSS", "JS", "other", "total")
	var problems []string
	for _, w := range weights {
		row(w.path, kB(w.html), kB(w.css), kB(w.js), kB(w.other), kB(w.total()))
		if w.total() > limit {
			problems = append(problems, fmt.Sprintf("%s weighs %s, over the limit of %s", w.path, kB(w.total()), kB(limit)))
		}
		for _, u := range w.uncompressed {
			problems = append(problems, fmt.Sprintf("%s: %s came uncompressed", w.path, u))
		}
		for _, u := range w.external {
			problems = append(problems, fmt.Sprintf("%s loads %s from another origin", w.path, u))
		}
	}
	fmt.Fprintf(stdout, "(kB = 1000 bytes of bodies as transferred, compressed; headers not counted; limit %s a page)\n", kB(limit))
	if len(problems) > 0 {
		return fmt.Errorf("%d problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return nil
}

func kB(n int) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }

func weighPage(ctx context.Context, client *http.Client, base, path string) (weight, error) {
	if list, ok := strings.CutSuffix(path, "/*"); ok {
		var err error
		if path, err = firstItem(ctx, client, base, list); err != nil {
			return weight{}, err
		}
	}
	page, err := url.Parse(base + path)
	if err != nil {
		return weight{}, err
	}
	w := weight{path: path}
	body, err := fetch(ctx, client, page.String(), &w)
	if err != nil {
		return weight{}, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return weight{}, err
	}
	seen := map[string]bool{}
	for _, ref := range assets(doc) {
		u, err := page.Parse(ref)
		if err != nil || u.Scheme == "data" || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		if u.Host != page.Host {
			w.external = append(w.external, u.String())
			continue
		}
		if _, err := fetch(ctx, client, u.String(), &w); err != nil {
			return weight{}, err
		}
	}
	return w, nil
}

// assets are the addresses of what a browser loads for a page besides its HTML.
func assets(doc *goquery.Document) []string {
	var refs []string
	doc.Find(`link[rel~="stylesheet"][href], link[rel~="icon"][href], script[src], img[src]`).Each(func(_ int, s *goquery.Selection) {
		refs = append(refs, s.AttrOr("href", s.AttrOr("src", "")))
	})
	return refs
}

// fetch gets u as a browser would, adds its transferred size to w by its type, and returns
// the body unpacked.
func fetch(ctx context.Context, client *http.Client, u string, w *weight) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	typ, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case typ == "text/html":
		w.html += len(raw)
	case typ == "text/css":
		w.css += len(raw)
	case strings.HasSuffix(typ, "javascript"):
		w.js += len(raw)
	default:
		w.other += len(raw)
	}
	compressible := strings.HasPrefix(typ, "text/") || strings.HasSuffix(typ, "+xml") || strings.HasSuffix(typ, "javascript")
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", u, err)
		}
		return io.ReadAll(zr)
	case "":
		if compressible {
			w.uncompressed = append(w.uncompressed, u)
		}
		return raw, nil
	default:
		return nil, fmt.Errorf("GET %s: unexpected Content-Encoding %q", u, resp.Header.Get("Content-Encoding"))
	}
}

// firstItem is the path of the first item the list at path links to.
func firstItem(ctx context.Context, client *http.Client, base, list string) (string, error) {
	body, err := fetch(ctx, client, base+list, &weight{})
	if err != nil {
		return "", err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	href, ok := doc.Find(`main a[href^="` + list + `/"]`).First().Attr("href")
	if !ok {
		return "", fmt.Errorf("%s links to no item to weigh", list)
	}
	return href, nil
}
