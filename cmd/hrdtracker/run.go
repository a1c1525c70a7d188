package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/config"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/devdb"
	"github.com/hrdtracker/hrdtracker/internal/pagecache"
	"github.com/hrdtracker/hrdtracker/internal/server"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"golang.org/x/net/netutil"
)

const usage = `usage: hrdtracker COMMAND

commands:
  serve [-dev]            serve the tracker on ADDR (default :8080); refuses a database whose
                          migrations are pending or newer than the binary's. -dev creates the
                          database (and, where no PostgreSQL answers at the default address, a
                          private one in .pgdata), migrates it, and loads the A/73/230 data set
                          into an empty database
  migrate up|down|reset|status
                          apply, revert the newest, revert all, or list the schema migrations
  import [flags] FILE     check a data file, then load it in one transaction
  check [flags] FILE      check a data file without loading it; compares the bodies and
                          sources it defines with the database's, where one answers
                          flags: -max-size BYTES (default 8 MiB) and -max-depth N (default 64)
                          refuse bigger or deeper files before parsing; -update-shared lets the
                          file change bodies and sources held with other fields
  import-unhrdb [-update-shared] DIR
                          load a directory in the UN Human Rights Database's JSON layout
                          (GC-info.json, json_data/*.json) in one transaction, reporting each
                          record left out; -update-shared lets it change bodies held with
                          other fields
  import-text -document SLUG [-dry-run] FILE
                          read a UN report's plain text (- for standard input) into its
                          numbered paragraphs, show them with warnings about their numbering,
                          and save their texts to the document in one transaction: paragraphs
                          the text no longer has are removed unless something cites them.
                          -dry-run shows what saving would change and saves nothing;
                          -max-size BYTES (default 8 MiB) refuses bigger texts
  gen [-paragraphs N] [-seed S] [-corpus DIR] [-add]
                          generate a large data set (default 10,000 paragraphs) in the shipped
                          data set's proportions from the General Comments' sentences (-corpus,
                          default SHARED_DIR/data/un-general-comments) and load it with COPY
                          in one transaction; refuses a database holding data unless -add
  user add -email ADDRESS -name NAME -role admin|editor
                          add an editor's account; the password is read from the terminal
                          (without echo) or from standard input, never from an argument
  user list               list the accounts

settings (environment): ADDR, DATABASE_URL, PUBLIC_URL, SHUTDOWN_TIMEOUT, MAX_CONNECTIONS, PAGE_CACHE_MB,
GOMEMLIMIT, GOGC
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	switch cmd, args := args[0], args[1:]; cmd {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(stderr)
		dev := fs.Bool("dev", false, "create the database and load the data set if it is empty")
		if err := fs.Parse(args); err != nil {
			return err
		}
		return serve(ctx, cfg, *dev, log, stdout)
	case "migrate":
		if len(args) != 1 || !slices.Contains(store.Migrations(), store.Migration(args[0])) {
			return errors.New("usage: hrdtracker migrate up|down|reset|status")
		}
		return withStore(ctx, cfg.DatabaseURL, func(s *store.Store) error {
			return s.Migrate(ctx, store.Migration(args[0]), stdout)
		})
	case "import", "check":
		fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
		fs.SetOutput(stderr)
		var opts dataset.Options
		fs.IntVar(&opts.MaxSize, "max-size", dataset.DefaultMaxSize, "refuse a file of more `bytes`")
		fs.IntVar(&opts.MaxDepth, "max-depth", dataset.DefaultMaxDepth, "refuse lists and mappings nested more than `n` deep")
		fs.BoolVar(&opts.UpdateShared, "update-shared", false, "let the file change bodies and sources that the database holds with other fields")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return fmt.Errorf("usage: hrdtracker %s [-max-size BYTES] [-max-depth N] [-update-shared] FILE", cmd)
		}
		name := fs.Arg(0)
		data, err := dataset.ReadFile(name, opts)
		if err != nil {
			return err
		}
		return withStore(ctx, cfg.DatabaseURL, func(s *store.Store) error {
			if cmd == "check" {
				// Check compares shared records with the database when one answers; without
				// one, the file alone is still worth checking.
				if err := s.Ping(ctx); err != nil {
					fmt.Fprintf(stderr, "%s: not compared with the database (%v)\n", name, err)
					s = nil
				}
				set, err := dataset.Check(ctx, s, name, data, opts)
				if err != nil {
					return err
				}
				fmt.Fprintf(stdout, "%s: valid: %s\n", name, summary(set))
				return nil
			}
			set, err := dataset.ImportWith(ctx, s, name, data, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: imported: %s\n", name, summary(set))
			return nil
		})
	case "import-unhrdb":
		return importUNHRDB(ctx, cfg.DatabaseURL, args, stdout, stderr)
	case "import-text":
		return importText(ctx, cfg.DatabaseURL, args, stdin, stdout, stderr)
	case "gen":
		return gen(ctx, cfg.DatabaseURL, args, getenv, stdout, stderr)
	case "user":
		return userCommand(ctx, cfg.DatabaseURL, args, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

func summary(set store.ImportSet) string {
	return fmt.Sprintf("%s with %d paragraphs, %d advances, %d recommendations, %d quotes, %d bodies",
		set.Document.Slug, len(set.Paragraphs), len(set.Advances), len(set.Recommendations), len(set.Quotes), len(set.Bodies))
}

func withStore(ctx context.Context, url string, f func(*store.Store) error) error {
	s, err := store.Open(ctx, url)
	if err != nil {
		return err
	}
	defer s.Close()
	return f(s)
}

// serve migrates the database and serves until ctx ends, then shuts down gracefully.
func serve(ctx context.Context, cfg config.Config, dev bool, log *slog.Logger, stdout io.Writer) error {
	if !dev && cfg.PublicURL == "" {
		// Links, feeds and data twins carry the site's address; taken from requests, a forged
		// Host header would put another site's there.
		return errors.New("PUBLIC_URL is not set: outside development (serve -dev) the tracker must know its address, such as PUBLIC_URL=https://tracker.example.org")
	}
	if dev {
		url, err := devdb.Prepare(ctx, cfg.DatabaseURL, cfg.DatabaseURLDefault, stdout)
		if err != nil {
			return err
		}
		cfg.DatabaseURL = url
	}
	s, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer closeWithin(s, cfg.ShutdownTimeout, log)
	// Only development migrates at start: in production two servers starting at once would
	// race, and an old binary must not meet a newer schema. There, `migrate up` is a step of
	// its own, and serve refuses a schema that is not its own.
	if dev {
		err = s.Migrate(ctx, store.MigrateUp, io.Discard)
	} else {
		err = s.CheckSchema(ctx)
	}
	if errors.Is(err, store.ErrSchema) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%w\nIs PostgreSQL running and DATABASE_URL right? With the local server: pg_ctlcluster --skip-systemctl-redirect 15 main start", err)
	}
	if dev {
		if err := seedIfEmpty(ctx, s, stdout); err != nil {
			return err
		}
	}

	// Requests run under base, which shutdown cancels once its time is up, so that no request
	// keeps a database connection (and the process) past SHUTDOWN_TIMEOUT.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	if cfg.MemoryLimit > 0 {
		// A soft limit makes the collector work harder as the heap nears it, so that a burst
		// of requests cannot grow a small server's memory without bound.
		debug.SetMemoryLimit(cfg.MemoryLimit)
		if cfg.CollectAtLimit {
			debug.SetGCPercent(-1)
		}
	}
	// The page cache follows the database's notices of change; with PAGE_CACHE_MB=0 every
	// request is rendered.
	var cache *pagecache.Cache
	if cfg.PageCacheMB > 0 {
		cache = pagecache.New(int64(cfg.PageCacheMB) << 20)
		listenCtx, stopListening := context.WithCancel(context.Background())
		listening := make(chan struct{})
		go func() {
			defer close(listening)
			server.FollowChanges(listenCtx, s, cache, log)
		}()
		defer func() {
			stopListening()
			<-listening
		}()
	}
	// Searches choose how to look for each word from the counts of frequent words, which
	// follow PostgreSQL's statistics: taken now, and again as ANALYZE renews them.
	wordsCtx, stopWords := context.WithCancel(context.Background())
	keepingWords := make(chan struct{})
	go func() {
		defer close(keepingWords)
		keepSearchWords(wordsCtx, s, log)
	}()
	defer func() {
		stopWords()
		<-keepingWords
	}()
	srv := &http.Server{
		BaseContext:       func(net.Listener) context.Context { return base },
		Addr:              cfg.Addr,
		MaxHeaderBytes:    server.MaxHeaderBytes,
		Handler:           server.New(s, log, server.Options{PublicURL: cfg.PublicURL, Cache: cache}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	ln = netutil.LimitListener(ln, cfg.MaxConnections)
	fmt.Fprintf(stdout, "serving the HRD Advances Tracker on http://%s\n", displayAddr(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if err != nil {
		log.Warn("requests still running at the shutdown timeout; ending them", "err", err)
		cancelBase()
		srv.Close()
	}
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}

// searchWordsEvery is how often the server takes anew the counts of frequent words that
// searches read (store.RefreshSearchWords).
const searchWordsEvery = 10 * time.Minute

// keepSearchWords takes the counts of frequent words now, then every searchWordsEvery, until
// ctx ends. Without them a search is slower for a frequent word, never wrong: a failure is
// only logged.
func keepSearchWords(ctx context.Context, s *store.Store, log *slog.Logger) {
	for {
		if err := s.RefreshSearchWords(ctx); err != nil && ctx.Err() == nil {
			log.Warn("search words not refreshed: searches of frequent words may be slow", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(searchWordsEvery):
		}
	}
}

// closeWithin closes the store's connections, waiting at most d: a frozen database can hold a
// closing connection for long, and the process should not wait on it.
func closeWithin(s *store.Store, d time.Duration, log *slog.Logger) {
	done := make(chan struct{})
	go func() {
		s.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
		log.Warn("database connections still closing at the shutdown timeout; leaving them")
	}
}

func seedIfEmpty(ctx context.Context, s *store.Store, stdout io.Writer) error {
	counts, err := s.Counts(ctx)
	if err != nil || counts.Documents > 0 {
		return err
	}
	name, data := dataset.Seed()
	set, err := dataset.Import(ctx, s, name, data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "loaded the data set: %s\n", summary(set))
	return nil
}

func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil || host == "::" || host == "0.0.0.0" || host == "" {
		return "localhost:" + port
	}
	return net.JoinHostPort(host, port)
}
