package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/scalegen"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
)

// page is one page to measure: its type and its address.
type page struct{ kind, path string }

// searches are the cold-cache searches: one, two and three words, frequent and rare in the
// corpus whose sentences the generated data reuses.
var searches = []page{
	{"search 1 word, frequent", "/search?q=rights"},
	{"search 2 words, frequent", "/search?q=human+rights"},
	{"search 3 words, frequent", "/search?q=states+parties+should"},
	{"search 1 word, rare", "/search?q=justiciable"},
	{"search 2 words, rare", "/search?q=elderly+persons"},
	{"search 3 words, rare", "/search?q=severe+resource+constraints"},
}

// row is one line of the table.
type row struct {
	kind, set, cache string
	tracker          result // at the loader's connections
	nginx, plain     result // warm: nginx, and a bare net/http server, serving the same bytes
	single           result // cold: one request at a time, for each request's own latency
}

// setReport is what a data set's runs found besides the table.
type setReport struct {
	set          string
	loadTime     string
	hwm, peakRSS int64 // kB
}

func run(ctx context.Context, cfg config) error {
	for _, tool := range []string{"nginx", "wrk"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is missing: `make bench` installs it as root; otherwise run: sudo apt-get install -y nginx-light wrk", tool)
		}
	}
	dir, err := os.MkdirTemp("", "hrdbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	// nginx's workers run as nobody when it is started as root: they must read the files.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	l, err := newLoader(dir, cfg.threads, cfg.connections, cfg.duration)
	if err != nil {
		return err
	}
	var rows []row
	var reports []setReport
	for _, set := range cfg.sets {
		rs, rep, err := measureSet(ctx, cfg, l, dir, set)
		if err != nil {
			return fmt.Errorf("data set %s: %w", set.name, err)
		}
		rows = append(rows, rs...)
		reports = append(reports, rep)
	}
	report(os.Stdout, cfg, rows, reports)
	return nil
}

func measureSet(ctx context.Context, cfg config, l *loader, dir string, set dataSet) ([]row, setReport, error) {
	rep := setReport{set: set.name}
	url, loadTime, err := prepare(ctx, cfg, dir, set)
	if err != nil {
		return nil, rep, err
	}
	rep.loadTime = loadTime
	pages, err := pagesFor(cfg, set)
	if err != nil {
		return nil, rep, err
	}
	setDir := filepath.Join(dir, set.name)
	if err := os.MkdirAll(setDir, 0o755); err != nil {
		return nil, rep, err
	}

	// The cache warm: every page fetched once, then measured beside nginx serving its bytes.
	var rows []row
	if cfg.warm {
		if rows, err = measureWarm(ctx, cfg, l, setDir, url, set, pages, &rep); err != nil {
			return nil, rep, err
		}
	}
	if !cfg.cold {
		return rows, rep, nil
	}

	// The cache cold: every page and the searches, from the database each time, once by one
	// reader at a time (what a request costs) and once by the loader's many (what the server
	// sustains, and its memory meanwhile). Every page is read by one reader before any by many:
	// as a loaded run ends, wrk drops its connections, which cancels the queries under way and
	// closes their database connections, and the next requests would pay for new ones.
	srv, err := startServer(ctx, cfg, setDir, url, "0")
	if err != nil {
		return nil, rep, err
	}
	defer srv.stop()
	one := *l
	one.threads, one.connections = 1, 1
	cold := append(slices.Clone(pages), searches...)
	singles := make([]result, len(cold))
	for i, p := range cold {
		fmt.Fprintf(os.Stderr, "%s: %s (cache cold, one reader)\n", set.name, p.path)
		if singles[i], err = one.run(ctx, srv.base+p.path); err != nil {
			return nil, rep, err
		}
	}
	for i, p := range cold {
		fmt.Fprintf(os.Stderr, "%s: %s (cache cold, loaded)\n", set.name, p.path)
		l.watch = srv.watch
		tr, err := l.run(ctx, srv.base+p.path)
		l.watch = nil
		if err != nil {
			return nil, rep, err
		}
		rows = append(rows, row{kind: p.kind, set: set.name, cache: "cold", tracker: tr, single: singles[i]})
	}
	hwm, peak := srv.memory()
	rep.hwm, rep.peakRSS = max(rep.hwm, hwm), max(rep.peakRSS, peak)
	return rows, rep, nil
}

// measureWarm fetches every page once, has nginx serve those bytes, and measures both.
func measureWarm(ctx context.Context, cfg config, l *loader, setDir, url string, set dataSet, pages []page, rep *setReport) ([]row, error) {
	srv, err := startServer(ctx, cfg, setDir, url, "")
	if err != nil {
		return nil, err
	}
	var saved []savedPage
	for _, p := range pages {
		sp, err := fetch(srv.base+p.path, filepath.Join(setDir, strconv.Itoa(len(saved))))
		if err != nil {
			srv.stop()
			return nil, err
		}
		saved = append(saved, sp)
	}
	ng, err := startNginx(ctx, setDir, cfg.port+1, saved)
	if err != nil {
		srv.stop()
		return nil, err
	}
	plain, err := startPlain(cfg.port+2, saved)
	if err != nil {
		ng.stop()
		srv.stop()
		return nil, err
	}
	rows, err := warm(ctx, l, srv, ng, plain, set, pages)
	plain.stop()
	ng.stop()
	rep.hwm, rep.peakRSS = srv.memory()
	srv.stop()
	return rows, err
}

// warm measures each page on the tracker, then its bytes on nginx and on a bare net/http
// server, page by page, so that whatever else the machine is doing weighs on all alike.
func warm(ctx context.Context, l *loader, srv *server, ng *nginxServer, plain *plainServer, set dataSet, pages []page) ([]row, error) {
	var rows []row
	for i, p := range pages {
		fmt.Fprintf(os.Stderr, "%s: %s (cache warm)\n", set.name, p.path)
		l.watch = srv.watch
		tr, err := l.run(ctx, srv.base+p.path)
		l.watch = nil
		if err != nil {
			return nil, err
		}
		nx, err := l.run(ctx, ng.base+"/p/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		px, err := l.run(ctx, plain.base+"/p/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		rows = append(rows, row{kind: p.kind, set: set.name, cache: "warm", tracker: tr, nginx: nx, plain: px})
	}
	return rows, nil
}

// prepare makes sure database bench_<set> holds the data set, loading it when it is missing
// or was loaded from other data, another generator or another schema. It returns the
// database's URL and how long the load took.
func prepare(ctx context.Context, cfg config, dir string, set dataSet) (url, loadTime string, err error) {
	name := "bench_" + set.name
	u, err := neturl.Parse(cfg.serverURL)
	if err != nil {
		return "", "", fmt.Errorf("BENCH_DATABASE_URL: %w", err)
	}
	if given, ok := cfg.databases[set.name]; ok {
		u.Path = "/" + given
		return u.String(), "given (" + given + ")", nil
	}
	u.Path = "/" + name
	url = u.String()
	want := wantNote(set)
	s, err := store.Open(ctx, url)
	if err != nil {
		return "", "", err
	}
	note, err := s.DatabaseNote(ctx)
	s.Close()
	if held, ok := strings.CutPrefix(note, want+"; loaded in "); err == nil && ok {
		// Migrations change the schema and what it derives (counts, indexes), not the data:
		// a held data set is migrated up rather than loaded again.
		return url, held, runBin(ctx, cfg, url, "migrate", "up")
	}

	fmt.Fprintf(os.Stderr, "%s: loading database %s\n", set.name, name)
	if err := store.DropDatabase(ctx, cfg.serverURL, name); err != nil {
		return "", "", err
	}
	if _, err := store.CreateDatabase(ctx, cfg.serverURL, name, ""); err != nil {
		return "", "", err
	}
	if err := runBin(ctx, cfg, url, "migrate", "up"); err != nil {
		return "", "", err
	}
	start := time.Now()
	if set.paragraphs > 0 {
		if err := runBin(ctx, cfg, url, "gen", "-paragraphs", strconv.Itoa(set.paragraphs)); err != nil {
			return "", "", err
		}
	}
	seedName, data := dataset.Seed()
	seedFile := filepath.Join(dir, filepath.Base(seedName))
	if err := os.WriteFile(seedFile, data, 0o644); err != nil {
		return "", "", err
	}
	if err := runBin(ctx, cfg, url, "import", seedFile); err != nil {
		return "", "", err
	}
	loadTime = time.Since(start).Round(100 * time.Millisecond).String()
	if s, err = store.Open(ctx, url); err != nil {
		return "", "", err
	}
	defer s.Close()
	// A live server's autovacuum (off on the CI machine) sets the visibility map of the new
	// rows within minutes; until then every index-only scan, such as a document's count of
	// paragraphs, reads the table too. The pages are measured as they settle.
	if err := s.Vacuum(ctx); err != nil {
		return "", "", err
	}
	return url, loadTime, s.SetDatabaseNote(ctx, want+"; loaded in "+loadTime)
}

// wantNote is what the comment of a current database for set begins with: what would make
// other data (the seed data set, hashed, and the generator's version).
func wantNote(set dataSet) string {
	sum := sha256.Sum256(func() []byte { _, seed := dataset.Seed(); return seed }())
	return fmt.Sprintf("hrdtracker bench %s: %d generated paragraphs, generator %s, data %s",
		set.name, set.paragraphs, scalegen.Version, hex.EncodeToString(sum[:])[:12])
}

// runBin runs the tracker's command args on the database at url. Its connections wait up to a
// minute to be accepted: a server still writing out a large load may be slow to answer.
func runBin(ctx context.Context, cfg config, url string, args ...string) error {
	u, err := neturl.Parse(url)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("connect_timeout", "60")
	u.RawQuery = q.Encode()
	cmd := exec.CommandContext(ctx, cfg.bin, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+u.String(), "SHARED_DIR="+cfg.sharedDir)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", cfg.bin, strings.Join(args, " "), err)
	}
	return nil
}

// pagesFor is one page of every public type in set: for generated data, those of its first
// document, which is the same in every generated set.
func pagesFor(cfg config, set dataSet) ([]page, error) {
	_, data := dataset.Seed()
	model, err := dataset.Parse("seed", data)
	if err != nil {
		return nil, err
	}
	doc := model
	paragraph := 43
	if set.paragraphs > 0 {
		corpus, err := unhrdb.Read(filepath.Join(cfg.sharedDir, "data", "un-general-comments"))
		if err != nil {
			return nil, err
		}
		g, err := scalegen.New(model, corpus, 1)
		if err != nil {
			return nil, err
		}
		doc, paragraph = g.Document(1, set.paragraphs), 10
	}
	if len(doc.Advances) == 0 || len(doc.Recommendations) == 0 || len(doc.Sources) == 0 {
		return nil, fmt.Errorf("document %s has no advance, recommendation or source to measure", doc.Document.Slug)
	}
	d, a, r, body := doc.Document.Slug, doc.Advances[0].Slug, doc.Recommendations[0].Slug, doc.Advances[0].Bodies[0].Slug
	return []page{
		{"home", "/"},
		{"documents", "/documents"},
		{"document", "/documents/" + d},
		{"paragraph", fmt.Sprintf("/documents/%s/paragraphs/%d", d, paragraph)},
		{"advances", "/advances"},
		{"advances filtered", "/advances?body=treaty-bodies&sort=date"},
		{"advance", "/advances/" + a},
		{"recommendations", "/recommendations"},
		{"recommendation", "/recommendations/" + r},
		{"quotes", "/quotes"},
		{"bodies", "/bodies"},
		{"body", "/bodies/" + body},
		{"body.json", "/bodies/" + body + ".json"},
		// The lists by body name bodies whose lists fill a page in every generated set, so that
		// their 1M-to-10k ratio compares pages of one length: ISHR writes the news items that
		// the advances take from, and the treaty bodies' members speak in many quotes. (No
		// recommendation names an addressee, in the shipped data set or in generated ones.)
		{"documents by body", "/documents?body=ishr"},
		{"recommendations by body", "/recommendations?body=treaty-bodies"},
		{"quotes.json by body", "/quotes.json?body=treaty-bodies"},
		{"sources", "/sources"},
		{"source", "/sources/" + doc.Sources[0].Slug},
		{"search", "/search?q=rights"},
		{"follow", "/follow?body=cescr"},
		{"advances.json", "/advances.json?body=treaty-bodies"},
		{"advances.csv", "/advances.csv?body=treaty-bodies"},
		{"advance.json", "/advances/" + a + ".json"},
		{"document data.json", "/documents/" + d + "/data.json"},
		{"recommendations.json", "/recommendations.json"},
		{"quotes.csv", "/quotes.csv"},
		{"bodies.json", "/bodies.json"},
		{"search.json", "/search.json?q=rights"},
		{"advances.atom", "/advances.atom"},
		{"recommendations.atom", "/recommendations.atom"},
		{"quotes.atom", "/quotes.atom"},
		{"changes", "/changes"},
		{"changes.json", "/changes.json"},
		{"changes.atom", "/changes.atom"},
		{"history", "/documents/" + d + "/history"},
	}, nil
}

// server is a running tracker.
type server struct {
	cmd  *exec.Cmd
	base string
	peak int64 // the largest VmRSS seen, kB
}

func startServer(ctx context.Context, cfg config, dir, url, pageCacheMB string) (*server, error) {
	addr := fmt.Sprintf("127.0.0.1:%d", cfg.port)
	cmd := exec.CommandContext(ctx, cfg.bin, "serve")
	cmd.Env = append(os.Environ(), "ADDR="+addr, "DATABASE_URL="+url, "PUBLIC_URL=http://"+addr)
	if pageCacheMB != "" {
		cmd.Env = append(cmd.Env, "PAGE_CACHE_MB="+pageCacheMB)
	}
	log, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	if err := waitFor(s.base + "/readyz"); err != nil {
		s.stop()
		out, _ := os.ReadFile(log.Name())
		return nil, fmt.Errorf("the tracker did not get ready: %w\n%s", err, out)
	}
	return s, nil
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	s.cmd.Wait()
}

// watch samples the server's memory until stop closes.
func (s *server) watch(stop <-chan struct{}) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			_, rss := s.memory()
			s.peak = max(s.peak, rss)
		}
	}
}

// memory is the server's VmHWM (its resident set's high-water mark) and the largest VmRSS
// seen so far, in kB.
func (s *server) memory() (hwm, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, s.peak
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmHWM":
			hwm = n
		case "VmRSS":
			s.peak = max(s.peak, n)
		}
	}
	return hwm, s.peak
}

func waitFor(url string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("GET %s = %s", url, resp.Status)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// savedPage is a page's bytes as the tracker sent them, in a file, with the headers nginx
// must send alike.
type savedPage struct {
	file, contentType, contentEncoding string
}

// fetch gets url as wrk will ask for it (gzip) and keeps the bytes, still compressed.
func fetch(url, file string) (savedPage, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return savedPage{}, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		return savedPage{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return savedPage{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return savedPage{}, fmt.Errorf("GET %s = %s", url, resp.Status)
	}
	if err := os.WriteFile(file, body, 0o644); err != nil {
		return savedPage{}, err
	}
	return savedPage{file: file, contentType: resp.Header.Get("Content-Type"), contentEncoding: resp.Header.Get("Content-Encoding")}, nil
}

// nginxServer is a running nginx of the benchmark's own, serving saved pages at /p/N.
type nginxServer struct {
	cmd  *exec.Cmd
	base string
}

func startNginx(ctx context.Context, dir string, port int, pages []savedPage) (*nginxServer, error) {
	var b strings.Builder
	// Like the tracker, which runs on every core: a worker per core, no access log.
	fmt.Fprintf(&b, `daemon off;
worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
    server {
        listen 127.0.0.1:%[2]d;
`, dir, port)
	for i, p := range pages {
		fmt.Fprintf(&b, "        location = /p/%d { types {} default_type %q; ", i, p.contentType)
		if p.contentEncoding != "" {
			fmt.Fprintf(&b, "add_header Content-Encoding %q; ", p.contentEncoding)
		}
		fmt.Fprintf(&b, "alias %s; }\n", p.file)
	}
	b.WriteString("    }\n}\n")
	conf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(conf, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "nginx", "-c", conf, "-p", dir, "-e", filepath.Join(dir, "nginx-error.log"))
	out, err := os.Create(filepath.Join(dir, "nginx.out"))
	if err != nil {
		return nil, err
	}
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	n := &nginxServer{cmd: cmd, base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	if err := waitFor(n.base + "/p/0"); err != nil {
		n.stop()
		logs, _ := os.ReadFile(filepath.Join(dir, "nginx-error.log"))
		return nil, errors.Join(fmt.Errorf("nginx did not start: %w", err), errors.New(string(logs)))
	}
	return n, nil
}

func (n *nginxServer) stop() {
	n.cmd.Process.Signal(syscall.SIGQUIT)
	n.cmd.Wait()
}

// report writes the tables (cache warm, then cold), the latency ratios, load times and memory.
func report(w io.Writer, cfg config, rows []row, reports []setReport) {
	if slices.ContainsFunc(rows, func(r row) bool { return r.cache == "warm" }) {
		fmt.Fprintf(w, "\ncache warm: wrk -t%d -c%d -d%s on loopback, gzip; ratio = rps / nginx's rps serving the same bytes in the same run;\n"+
			"net/http = a bare Go net/http server serving those bytes; latencies are the tracker's, beside nginx's p99 on this machine\n\n",
			cfg.threads, cfg.connections, cfg.duration)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "page type\tdata set\ttracker rps\tnginx rps\tratio\tnet/http rps\tnet/http ratio\tp50\tp95\tp99\tnginx p99\terrors\t")
		for _, r := range rows {
			if r.cache != "warm" {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.0f\t%s\t%.0f\t%s\t%s\t%s\t%s\t%s\t%d\t\n", r.kind, r.set, r.tracker.RPS(), r.nginx.RPS(),
				ratio(r.tracker.RPS(), r.nginx.RPS()), r.plain.RPS(), ratio(r.plain.RPS(), r.nginx.RPS()),
				ms(r.tracker.P50), ms(r.tracker.P95), ms(r.tracker.P99), ms(r.nginx.P99), r.tracker.Errors+r.tracker.Non2xx)
		}
		tw.Flush()
	}
	if slices.ContainsFunc(rows, func(r row) bool { return r.cache == "cold" }) {
		fmt.Fprintf(w, "\ncache cold (PAGE_CACHE_MB=0): latency of one request at a time (wrk -t1 -c1 -d%s), and rps and p99 at wrk -t%d -c%d\n\n",
			cfg.duration, cfg.threads, cfg.connections)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "page type\tdata set\tp50\tp95\tp99\trps\tp99 loaded\terrors\t")
		for _, r := range rows {
			if r.cache != "cold" {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.0f\t%s\t%d\t\n", r.kind, r.set,
				ms(r.single.P50), ms(r.single.P95), ms(r.single.P99), r.tracker.RPS(), ms(r.tracker.P99),
				r.single.Errors+r.single.Non2xx+r.tracker.Errors+r.tracker.Non2xx)
		}
		tw.Flush()
	}

	// The largest set's latency over the 10k set's, cache cold, per page type.
	largest := ""
	for _, rep := range reports {
		if rep.set != "shipped" && rep.set != "10k" {
			largest = rep.set
		}
	}
	if largest != "" && slices.ContainsFunc(rows, func(r row) bool { return r.set == "10k" && r.cache == "cold" }) {
		fmt.Fprintf(w, "\n%s over 10k, cache cold, one request at a time (p50 and p95 latency ratios)\n\n", largest)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "page type\tp50 ratio\tp95 ratio\t")
		for _, big := range rows {
			if big.set != largest || big.cache != "cold" {
				continue
			}
			for _, small := range rows {
				if small.set == "10k" && small.cache == "cold" && small.kind == big.kind {
					fmt.Fprintf(tw, "%s\t%s\t%s\t\n", big.kind,
						ratio(big.single.P50.Seconds(), small.single.P50.Seconds()),
						ratio(big.single.P95.Seconds(), small.single.P95.Seconds()))
				}
			}
		}
		tw.Flush()
	}

	fmt.Fprintln(w, "\nload time (hrdtracker gen, then the shipped data set) and the server's memory under load")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "data set\tload time\tVmHWM\tpeak VmRSS\t")
	for _, rep := range reports {
		fmt.Fprintf(tw, "%s\t%s\t%.1f MB\t%.1f MB\t\n", rep.set, rep.loadTime, float64(rep.hwm)/1024, float64(rep.peakRSS)/1024)
	}
	tw.Flush()
}

// ratio is a/b to two places, or "-" where b is nothing to divide by.
func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
