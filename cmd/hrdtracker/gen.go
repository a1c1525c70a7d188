package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/scalegen"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// gen runs `gen [-paragraphs N] [-seed S] [-corpus DIR] [-add]`: it generates a large data
// set in the shipped data set's shape from the General Comments corpus and loads it in one
// transaction, with a progress bar on a terminal and a summary line at the end.
func gen(ctx context.Context, databaseURL string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	paragraphs := fs.Int("paragraphs", 10_000, "how many paragraphs to generate, in documents of 50 to 150")
	seed := fs.Uint64("seed", 1, "the random seed: the same seed makes the same data")
	shared := getenv("SHARED_DIR")
	if shared == "" {
		shared = filepath.Join("..", "shared")
	}
	corpusDir := fs.String("corpus", filepath.Join(shared, "data", "un-general-comments"),
		"the General Comments in the UN Human Rights Database's layout, whose sentences the data reuses")
	add := fs.Bool("add", false, "add to a database that already holds data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 || *paragraphs < 1 {
		return errors.New("usage: hrdtracker gen [-paragraphs N] [-seed S] [-corpus DIR] [-add], with N at least 1")
	}
	corpus, err := unhrdb.Read(*corpusDir)
	if err != nil {
		return fmt.Errorf("reading the corpus (-corpus, or SHARED_DIR/data/un-general-comments): %w", err)
	}
	model, err := dataset.Parse(dataset.Seed())
	if err != nil {
		return err
	}
	g, err := scalegen.New(model, corpus, *seed)
	if err != nil {
		return err
	}
	return withStore(ctx, databaseURL, func(s *store.Store) error {
		if !*add {
			empty, err := s.Empty(ctx)
			if err != nil {
				return err
			}
			if !empty {
				return errors.New("the database already holds data: gen fills an empty one (hrdtracker migrate reset, or a new DATABASE_URL); with -add it adds to this one, whose slugs must then not clash with the generated A-GEN-1, A-GEN-2 and on")
			}
		}
		return generate(ctx, s, g, *paragraphs, stdout, stderr)
	})
}

func generate(ctx context.Context, s *store.Store, g *scalegen.Generator, paragraphs int, stdout, stderr io.Writer) error {
	// The load keeps a few chunks of sets and rows, some hundreds of MB, live throughout:
	// collecting garbage each time the heap doubled took a tenth of its Go side's time, which
	// shares the machine's cores with the database's.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	p := message.NewPrinter(language.English)
	start := time.Now()
	var made struct{ documents, paragraphs, advances, recs, quotes int }
	sets := func(yield func(store.ImportSet) bool) {
		for set := range g.Sets(paragraphs) {
			made.documents++
			made.paragraphs += len(set.Paragraphs)
			made.advances += len(set.Advances)
			made.recs += len(set.Recommendations)
			made.quotes += len(set.Quotes)
			if !yield(set) {
				return
			}
		}
	}
	var progress func(store.BulkProgress)
	if isTerminal(stderr) {
		progress = func(b store.BulkProgress) {
			const width = 30
			filled := width * b.Paragraphs / paragraphs
			bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
			p.Fprintf(stderr, "\r  [%s] %d/%d paragraphs, %d documents, %.0fs", bar, b.Paragraphs, paragraphs, b.Documents, time.Since(start).Seconds())
			if b.Indexing {
				fmt.Fprint(stderr, "; indexing\n")
			}
		}
	}
	if err := s.BulkImport(ctx, sets, progress); err != nil {
		if progress != nil {
			fmt.Fprintln(stderr)
		}
		return fmt.Errorf("%w\nnothing was loaded", err)
	}
	p.Fprintf(stdout, "generated %d documents, %d paragraphs, %d advances, %d recommendations, %d quotes in %.1fs\n",
		made.documents, made.paragraphs, made.advances, made.recs, made.quotes, time.Since(start).Seconds())
	return nil
}
