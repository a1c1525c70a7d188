// Package config reads the tracker's settings from the environment.
package config

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultDatabaseURL is the local PostgreSQL that a fresh machine runs.
const DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/hrdtracker?sslmode=disable"

// Config holds every setting of the tracker.
type Config struct {
	Addr        string // ADDR: where the HTTP server listens
	DatabaseURL string // DATABASE_URL: the PostgreSQL database
	// DatabaseURLDefault is true when DATABASE_URL is not set: then `serve -dev` may start a
	// private PostgreSQL where none answers at the default address.
	DatabaseURLDefault bool
	ShutdownTimeout    time.Duration // SHUTDOWN_TIMEOUT: how long in-flight requests get on shutdown
	PublicURL          string        // PUBLIC_URL: the site's address as readers reach it; required by serve outside -dev
	MaxConnections     int           // MAX_CONNECTIONS: connections served at once; more wait to be accepted
	// PageCacheMB is the memory, in MiB, for rendered public pages (PAGE_CACHE_MB); 0 keeps
	// none, rendering every request.
	PageCacheMB int
	// MemoryLimit is the Go heap's soft limit that serve sets, unless GOMEMLIMIT (which the
	// runtime reads itself) is set; then it is 0. The default keeps the whole process, which
	// adds the program's own pages and the runtime's, within 64 MB of resident memory: at
	// 44 MiB, make bench saw 68.5 MB at a million paragraphs, with the data twins of 1,000
	// rows rendered at 64 connections.
	MemoryLimit int64
	// CollectAtLimit has serve turn the collector's proportional pacing off (GOGC=off) under
	// MemoryLimit, unless GOGC is set: the heap is then collected as it nears the limit,
	// rather than each time it doubles. A large page allocates megabytes; at a million
	// paragraphs, the largest document's page took 11.7 ms with the default pacing and 8.4
	// with this, one request at a time. The limit bounds the process as before.
	CollectAtLimit bool
}

// Load reads the settings through getenv, falling back to the defaults.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:               ":8080",
		DatabaseURL:        DefaultDatabaseURL,
		DatabaseURLDefault: true,
		ShutdownTimeout:    10 * time.Second,
		MaxConnections:     512,
		PageCacheMB:        16,
		MemoryLimit:        40 << 20,
	}
	if v := getenv("ADDR"); v != "" {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return Config{}, fmt.Errorf("ADDR=%q: want host:port or :port", v)
		}
		c.Addr = v
	}
	if v := getenv("DATABASE_URL"); v != "" {
		c.DatabaseURL, c.DatabaseURLDefault = v, false
	}
	if v := getenv("PUBLIC_URL"); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return Config{}, fmt.Errorf("PUBLIC_URL=%q: want the site's scheme and host, such as https://tracker.example.org", v)
		}
		c.PublicURL = strings.TrimSuffix(v, "/")
	}
	if v := getenv("MAX_CONNECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return Config{}, fmt.Errorf("MAX_CONNECTIONS=%q: want a whole number from 1 up", v)
		}
		c.MaxConnections = n
	}
	if v := getenv("PAGE_CACHE_MB"); v != "" {
		n, err := strconv.Atoi(v)
		// The bound keeps the cache well inside a machine's memory, and its bytes in an int64.
		if err != nil || n < 0 || n > 1<<20 {
			return Config{}, fmt.Errorf("PAGE_CACHE_MB=%q: want a whole number of MiB from 0 (no cache) up", v)
		}
		c.PageCacheMB = n
	}
	if getenv("GOMEMLIMIT") != "" {
		c.MemoryLimit = 0
	}
	c.CollectAtLimit = c.MemoryLimit > 0 && getenv("GOGC") == ""
	if v := getenv("SHUTDOWN_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, fmt.Errorf("SHUTDOWN_TIMEOUT=%q: want a positive duration such as 10s", v)
		}
		c.ShutdownTimeout = d
	}
	return c, nil
}
