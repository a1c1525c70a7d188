// Package static serves the tracker's CSS, scripts and images under content-hashed names, so
// browsers may cache them for a year and still see every change at once.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed *.css *.js *.svg
var files embed.FS

// hashed maps each file's name to its hashed name ("style.css" -> "style.1a2b3c4d5e.css"),
// and back.
var hashed, original = hashNames()

func hashNames() (map[string]string, map[string]string) {
	toHashed, toOriginal := map[string]string{}, map[string]string{}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	for _, e := range entries {
		b, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(e.Name())
		name := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext
		toHashed[e.Name()] = name
		toOriginal[name] = e.Name()
	}
	return toHashed, toOriginal
}

// types are the files' media types, so as not to depend on the system's MIME tables, which
// differ between machines (some give .js as text/plain, which nosniff then refuses to run).
// The file server guesses any other type.
var types = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// Prefix is where the files are served.
const Prefix = "/static/"

// URL is the address of the named file, which must exist.
func URL(name string) string {
	h, ok := hashed[name]
	if !ok {
		panic("static: no file " + name)
	}
	return Prefix + h
}

// Handler serves the files under their hashed names, to be mounted at Prefix.
func Handler() http.Handler {
	fileServer := http.FileServerFS(files)
	return http.StripPrefix(Prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := original[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		// One range is how a reader resumes a download; many in one request only multiply the
		// reply (a few KB file into a megabyte of parts), so those get the whole file.
		if rs := r.Header.Values("Range"); len(rs) > 1 || strings.Contains(r.Header.Get("Range"), ",") {
			r.Header.Del("Range")
		}
		if t, ok := types[path.Ext(name)]; ok {
			w.Header().Set("Content-Type", t)
		}
		r.URL.Path = name
		fileServer.ServeHTTP(w, r)
	}))
}
