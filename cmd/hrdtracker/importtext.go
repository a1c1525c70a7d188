package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/reporttext"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

const importTextUsage = "usage: hrdtracker import-text -document SLUG [-dry-run] [-max-size BYTES] FILE (- for standard input)"

// previewWords is how much of each paragraph the preview shows: enough to recognize it.
const previewWords = 10

// importText runs `import-text -document SLUG [-dry-run] FILE`: it reads a UN report's plain
// text (from standard input for "-") into its numbered paragraphs, prints a preview (each
// paragraph's number and first words, the headings, the warnings), and saves the paragraphs
// to the document in one transaction, or with -dry-run says what saving would change.
func importText(ctx context.Context, databaseURL string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import-text", flag.ContinueOnError)
	fs.SetOutput(stderr)
	document := fs.String("document", "", "the `slug` of the document whose text it is, such as A-73-230")
	dryRun := fs.Bool("dry-run", false, "show the paragraphs and what saving them would change, and save nothing")
	maxSize := fs.Int("max-size", dataset.DefaultMaxSize, "refuse a text of more `bytes`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *document == "" {
		return errors.New(importTextUsage)
	}
	name, in := fs.Arg(0), stdin
	if name == "-" {
		name = "standard input"
	} else {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	data, err := dataset.ReadText(name, in, dataset.Options{MaxSize: *maxSize})
	if err != nil {
		return fmt.Errorf("%w\nnothing was saved", err)
	}
	r := reporttext.Parse(string(data))
	preview(stdout, name, r)
	if len(r.Paragraphs) == 0 {
		return fmt.Errorf(`%s: no numbered paragraph found: a paragraph starts its line with its number and a full stop ("14. The Committee ...")`+"\nnothing was saved", name)
	}
	if dups := r.Duplicates(); len(dups) > 0 {
		return fmt.Errorf("%s: more than one paragraph numbered %s (see the warnings): correct the text and try again\nnothing was saved", name, numberList(dups))
	}
	ps := make([]store.ParagraphText, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		ps[i] = store.ParagraphText{Number: p.Number, Text: p.Text}
	}
	return withStore(ctx, databaseURL, func(s *store.Store) error {
		// The text is recorded in the history as the import's, as import and import-unhrdb
		// record theirs: whoever runs the command holds the database itself, not an account.
		write := func(ctx context.Context, document string, ps []store.ParagraphText) (store.ParagraphChanges, error) {
			return s.ReplaceParagraphTexts(ctx, store.Import, document, ps)
		}
		if *dryRun {
			write = s.PreviewParagraphTexts
		}
		c, err := write(ctx, *document, ps)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no document %q in the database: import its data file first (hrdtracker import FILE)\nnothing was saved", *document)
		}
		if err != nil {
			return fmt.Errorf("%w\nnothing was saved", err)
		}
		changes(stdout, *document, c, *dryRun)
		return nil
	})
}

// preview prints what r holds: its headings and paragraphs in the order of the text, each
// paragraph with its number and first words, then the warnings.
func preview(w io.Writer, name string, r reporttext.Report) {
	fmt.Fprintf(w, "%s: paragraphs: %d, headings: %d, footnotes: %d\n", name, len(r.Paragraphs), len(r.Headings), len(r.Footnotes))
	hs := r.Headings
	for _, p := range r.Paragraphs {
		for len(hs) > 0 && hs[0].Line < p.Line {
			printHeading(w, hs[0])
			hs = hs[1:]
		}
		fmt.Fprintf(w, "%8d  %s\n", p.Number, p.FirstWords(previewWords))
	}
	for _, h := range hs {
		printHeading(w, h)
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "warnings: %d\n", len(r.Warnings))
		for _, warning := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", warning)
		}
	}
}

func printHeading(w io.Writer, h reporttext.Heading) {
	if h.Label == "" {
		fmt.Fprintf(w, "  %s\n", h.Title)
		return
	}
	fmt.Fprintf(w, "  %s. %s\n", h.Label, h.Title)
}

// changes prints what saving changed, or would change.
func changes(w io.Writer, document string, c store.ParagraphChanges, dryRun bool) {
	verb := "saved"
	if dryRun {
		verb = "dry run, nothing saved; saving would make"
	}
	fmt.Fprintf(w, "%s: %s: %s, %s, %d unchanged, %s\n", document, verb,
		counted(c.Added, "added"), counted(c.Changed, "changed"), c.Unchanged, counted(c.Removed, "removed"))
	for _, k := range c.Kept {
		var items []string
		for _, item := range k.CitedBy {
			items = append(items, item.Kind+" "+item.Slug)
		}
		fmt.Fprintf(w, "  paragraph %d is not in the text but stays as it was, cited by %s\n", k.Number, strings.Join(items, ", "))
	}
}

// counted is how many numbers ns holds, what was done to them, and the numbers: "2 added
// (4-5)", or "0 added".
func counted(ns []int, done string) string {
	if len(ns) == 0 {
		return "0 " + done
	}
	return fmt.Sprintf("%d %s (%s)", len(ns), done, numberList(ns))
}

// numberList writes ns in order, runs as ranges: "1-3, 7".
func numberList(ns []int) string {
	ns = slices.Sorted(slices.Values(ns))
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(ns[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", ns[i], ns[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
