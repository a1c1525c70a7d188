// Command benchtool is `make bench`: it measures the tracker's public pages under load, against
// nginx serving the very same bytes, over data sets of several sizes, and prints one table.
//
// For each data set (shipped: the A/73/230 data set; 10k, 100k, 1m: that many paragraphs from
// `hrdtracker gen`, with the shipped data set loaded beside them) it keeps a database,
// bench_<set>, loaded only when missing or stale (the database's comment records what is in
// it, and how long the load took). It starts the built tracker on loopback, fetches one page
// of every public type once (gzip, as browsers ask), has an nginx of its own and a bare Go
// net/http server serve those exact bytes, and runs wrk against the three in turn, page by
// page. Then it restarts the tracker with the page cache off (PAGE_CACHE_MB=0) and measures
// every page again, and searches of one, two and three words, frequent and rare: one request
// at a time (each request's latency), then at the full load (throughput and memory). Beside
// the tables it prints each page type's latency at the largest set over the 10k set, the load
// times, and the server's memory under load (VmHWM and the largest VmRSS seen, from /proc).
//
// Settings (environment): BENCH_SETS (default shipped,10k,100k,1m), BENCH_DURATION (per run,
// default 5s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_PORT (the first of three loopback
// ports, default 18200), BENCH_DATABASE_URL (the PostgreSQL server, default the local one),
// SHARED_DIR (where the corpus is, default ../shared). BENCH_CACHE=cold measures only with the
// page cache off (default warm,cold). BENCH_DATABASES names databases that already hold a data
// set, used as they are, neither checked nor loaded: BENCH_DATABASES=10k=hrd_10k,1m=hrd_1m
// measures a large set generated once elsewhere. It needs nginx and wrk (`make bench`
// installs them from Debian's packages).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bin := flag.String("bin", ".build/hrdtracker", "the tracker's binary")
	flag.Parse()
	cfg, err := load(*bin, os.Getenv)
	if err == nil {
		err = run(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

// config is what a run measures, and how.
type config struct {
	bin                  string
	sets                 []dataSet
	duration             time.Duration
	connections, threads int
	port                 int
	serverURL            string
	sharedDir            string
	warm, cold           bool              // which runs to make: with the page cache, without it
	databases            map[string]string // a data set's name -> a database that holds it
}

// dataSet is one of the data sets: the shipped one alone, or that many generated paragraphs.
type dataSet struct {
	name       string
	paragraphs int // 0 for the shipped data set alone
}

var knownSets = []dataSet{{"shipped", 0}, {"10k", 10_000}, {"100k", 100_000}, {"1m", 1_000_000}}

func load(bin string, getenv func(string) string) (config, error) {
	cfg := config{
		bin: bin, duration: 5 * time.Second, connections: 64, threads: 2, port: 18200,
		serverURL: "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", sharedDir: "../shared",
		warm: true, cold: true, databases: map[string]string{},
	}
	sets := "shipped,10k,100k,1m"
	if v := getenv("BENCH_SETS"); v != "" {
		sets = v
	}
	for name := range strings.SplitSeq(sets, ",") {
		found := false
		for _, s := range knownSets {
			if s.name == strings.TrimSpace(name) {
				cfg.sets, found = append(cfg.sets, s), true
			}
		}
		if !found {
			return config{}, fmt.Errorf("BENCH_SETS: unknown data set %q (known: shipped, 10k, 100k, 1m)", name)
		}
	}
	if v := getenv("BENCH_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return config{}, fmt.Errorf("BENCH_DURATION=%q: want a duration of 1s or more, such as 5s", v)
		}
		cfg.duration = d
	}
	for _, n := range []struct {
		name string
		to   *int
	}{{"BENCH_CONNECTIONS", &cfg.connections}, {"BENCH_THREADS", &cfg.threads}, {"BENCH_PORT", &cfg.port}} {
		if v := getenv(n.name); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil || i < 1 {
				return config{}, fmt.Errorf("%s=%q: want a positive whole number", n.name, v)
			}
			*n.to = i
		}
	}
	if v := getenv("BENCH_DATABASE_URL"); v != "" {
		cfg.serverURL = v
	}
	if v := getenv("SHARED_DIR"); v != "" {
		cfg.sharedDir = v
	}
	if v := getenv("BENCH_CACHE"); v != "" {
		cfg.warm, cfg.cold = false, false
		for c := range strings.SplitSeq(v, ",") {
			switch strings.TrimSpace(c) {
			case "warm":
				cfg.warm = true
			case "cold":
				cfg.cold = true
			default:
				return config{}, fmt.Errorf("BENCH_CACHE=%q: want warm, cold or warm,cold", v)
			}
		}
	}
	if v := getenv("BENCH_DATABASES"); v != "" {
		for pair := range strings.SplitSeq(v, ",") {
			set, db, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if !ok || db == "" || !slices.ContainsFunc(knownSets, func(s dataSet) bool { return s.name == set }) {
				return config{}, fmt.Errorf("BENCH_DATABASES: %q is not set=database with a known set (shipped, 10k, 100k, 1m)", pair)
			}
			cfg.databases[set] = db
		}
	}
	return cfg, nil
}
