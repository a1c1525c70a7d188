package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/unhrdb"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// importUNHRDB runs `import-unhrdb [-update-shared] DIR`: it reads a directory in the UN Human
// Rights Database's layout, reports what it leaves out, and loads the rest in one transaction.
func importUNHRDB(ctx context.Context, databaseURL string, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-unhrdb", flag.ContinueOnError)
	fs.SetOutput(stderr)
	updateShared := fs.Bool("update-shared", false, "let the import change bodies that the database holds with other fields")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: hrdtracker import-unhrdb [-update-shared] DIR")
	}
	dir := fs.Arg(0)
	start := time.Now()
	c, err := unhrdb.Read(dir)
	if err != nil {
		return fmt.Errorf("%w\nnothing was imported", err)
	}
	for _, w := range c.Warnings {
		fmt.Fprintln(stderr, w.In(dir))
	}
	var opts []store.ImportOption
	if *updateShared {
		opts = append(opts, store.UpdateShared)
	}
	sets := c.Sets()
	p := message.NewPrinter(language.English)
	var progress func(int)
	if isTerminal(stderr) {
		paragraphs := 0
		progress = func(done int) {
			paragraphs += len(sets[done-1].Paragraphs)
			p.Fprintf(stderr, "\r  %d/%d documents, %d paragraphs", done, len(sets), paragraphs)
			if done == len(sets) {
				fmt.Fprintln(stderr)
			}
		}
	}
	err = withStore(ctx, databaseURL, func(s *store.Store) error {
		return s.ImportAll(ctx, sets, progress, opts...)
	})
	if err != nil {
		if progress != nil {
			fmt.Fprintln(stderr)
		}
		var shared *store.SharedError
		if errors.As(err, &shared) {
			return fmt.Errorf("%s: %s\nnothing was imported; to change these bodies for every document, run import-unhrdb -update-shared", dir, sharedMessage(shared))
		}
		return fmt.Errorf("%s: %w\nnothing was imported", dir, err)
	}
	bodies := map[string]bool{}
	for _, set := range sets {
		for _, b := range set.Bodies {
			bodies[b.Slug] = true
		}
	}
	p.Fprintf(stdout, "%s: imported %d documents, %d paragraphs, %d bodies in %.1fs", dir, len(sets), c.Paragraphs(), len(bodies), time.Since(start).Seconds())
	if n := len(c.Warnings); n > 0 {
		p.Fprintf(stdout, "; %d warnings", n)
	}
	fmt.Fprintln(stdout)
	return nil
}

// sharedMessage says which bodies the database holds with other fields, and how.
func sharedMessage(e *store.SharedError) string {
	var b strings.Builder
	for i, c := range e.Conflicts {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "body %q is in the database with", c.Slug)
		for j, ch := range c.Changes {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, " %s %q (here %q)", ch.Field, ch.Held, ch.New)
		}
		if len(c.NamedBy) > 0 {
			fmt.Fprintf(&b, ", named by %s", c.Naming())
		}
	}
	return b.String()
}

// isTerminal reports whether w is a terminal, where a progress line that rewrites itself
// reads well; in a file or a pipe it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
