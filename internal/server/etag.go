package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
)

// etag gives every page, data twin and feed that answers 200 a validator, and answers a
// request that already holds the same representation with 304 and no body. The tag is weak
// (W/"..."), computed on the body before compression: gzip runs outside this middleware, and
// a weak tag says that the compressed and plain bodies are the same representation. Error
// pages and redirects pass straight through, without a tag. The answers are small: each is
// held in memory once, as render already does.
func etag(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		head := r.Method == http.MethodHead
		if head {
			// Rendered as for GET, so that HEAD and GET carry the same tag.
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		bw := &bufferedWriter{ResponseWriter: w, head: head}
		next.ServeHTTP(bw, r)
		if bw.status != http.StatusOK {
			return // passed through as written, or nothing written
		}
		sum := sha256.Sum256(bw.buf.Bytes())
		tag := `W/"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
		h := w.Header()
		h.Set("ETag", tag)
		if matches(r.Header.Get("If-None-Match"), tag) {
			h.Del("Content-Type")
			h.Del("Content-Length")
			h.Del("Content-Disposition")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", strconv.Itoa(bw.buf.Len()))
		w.WriteHeader(http.StatusOK)
		if !head {
			w.Write(bw.buf.Bytes())
		}
	})
}

// matches reports whether an If-None-Match header names tag, by weak comparison (RFC 9110,
// 13.1.2): W/"x" and "x" match.
func matches(header, tag string) bool {
	if header == "" {
		return false
	}
	opaque := strings.TrimPrefix(tag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == opaque {
			return true
		}
	}
	return false
}

// bufferedWriter holds a 200 answer's body for etag; any other status goes straight through.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
	head   bool // HEAD, served as GET: a passed-through body is dropped
}

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status != 0 {
		return
	}
	b.status = status
	if status != http.StatusOK {
		b.ResponseWriter.WriteHeader(status)
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.WriteHeader(http.StatusOK)
	}
	if b.status != http.StatusOK {
		if b.head {
			return len(p), nil
		}
		return b.ResponseWriter.Write(p)
	}
	return b.buf.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.ResponseWriter }
