// Package gcdata reads the UN treaty bodies' General Comments, a real corpus of numbered
// paragraphs kept outside the repository, into import sets for benchmarks and scale tests. It
// is not part of the tracker: the corpus is test data and is not shipped. Where the corpus
// lies is the caller's to say (testenv.Corpus: SHARED_DIR/data/un-general-comments).
package gcdata

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

type info struct {
	Name      string `json:"Name"`
	Signature string `json:"Signature"`
	Year      any    `json:"Adoption Year"` // a number, or text such as "2019"
	Committee string `json:"Committee"`
	Link      string `json:"Link"`
	File      string `json:"File PATH"`
}

type paragraph struct {
	ID   any    `json:"ID"`
	Text string `json:"Text"`
}

// Load reads every General Comment in dir as an import set. Each set records one synthetic
// advance for every advanceEvery paragraphs, citing that paragraph and attributed to the
// document's committees, so that lists and pages have realistic numbers of rows to show.
// Paragraphs whose number cannot be read, and repeated numbers, are left out.
func Load(dir string, advanceEvery int) ([]store.ImportSet, error) {
	var infos []info
	if err := readJSON(filepath.Join(dir, "GC-info.json"), &infos); err != nil {
		return nil, err
	}
	var sets []store.ImportSet
	seen := map[string]bool{}
	for _, in := range infos {
		var paras []paragraph
		if err := readJSON(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(in.File, "/"))), &paras); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // GC-info.json lists a few documents whose paragraphs the corpus lacks
			}
			return nil, err
		}
		set := convert(len(sets)+1, in, paras, advanceEvery)
		if seen[set.Document.Slug] || len(set.Paragraphs) == 0 {
			continue
		}
		seen[set.Document.Slug] = true
		sets = append(sets, set)
	}
	return sets, nil
}

var (
	notSlug      = regexp.MustCompile(`[^A-Za-z0-9.]+`)
	separatorRun = regexp.MustCompile(`[.-]{2,}`)
)

func convert(serial int, in info, paras []paragraph, advanceEvery int) store.ImportSet {
	// Joint documents carry two symbols joined by a dash; the first names the document.
	symbol := strings.TrimSpace(strings.FieldsFunc(in.Signature, func(r rune) bool { return r == '–' || r == ';' })[0])
	slug := strings.Trim(separatorRun.ReplaceAllString(notSlug.ReplaceAllString(symbol, "-"), "-"), "-.")
	set := store.ImportSet{
		Lang:   "en",
		Bodies: []store.BodyInput{{Slug: "treaty-bodies", Kind: "treaty-body", Name: "Human rights treaty bodies"}},
		Document: store.DocumentInput{
			Slug: slug, Symbol: symbol, Title: in.Name, Kind: "general-comment", URL: in.Link,
			TitleConfirmed: true, IssuedConfirmed: true,
		},
	}
	if year, ok := number(in.Year); ok {
		set.Document.Issued = store.Date{Time: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), Precision: store.PrecisionYear}
	}
	var bodies []store.BodyRef
	for _, c := range strings.Split(in.Committee, ",") {
		c = strings.TrimSpace(c)
		b := strings.ToLower(c)
		set.Bodies = append(set.Bodies, store.BodyInput{Slug: b, Kind: "treaty-body", Name: c, ShortName: c, Parent: "treaty-bodies"})
		bodies = append(bodies, store.BodyRef{Slug: b, Confirmed: true})
	}
	set.Document.Author = bodies[0].Slug
	seen := map[int]bool{}
	for _, p := range paras {
		n, ok := number(p.ID)
		if !ok || seen[n] {
			continue
		}
		seen[n] = true
		set.Paragraphs = append(set.Paragraphs, store.Paragraph{Number: n, Text: p.Text})
	}
	for i, p := range set.Paragraphs {
		if i%advanceEvery != 0 {
			continue
		}
		set.Advances = append(set.Advances, store.AdvanceInput{
			Slug:           fmt.Sprintf("gc%d-%d", serial, p.Number),
			Title:          fmt.Sprintf("%s, paragraph %d", symbol, p.Number),
			Summary:        firstWords(p.Text, 30),
			Source:         slug,
			Event:          set.Document.Issued,
			EventConfirmed: true,
			Paragraphs:     []int{p.Number},
			Bodies:         bodies,
		})
	}
	return set
}

// number reads a positive whole number written as 12, 12.0, "12" or "12.".
func number(id any) (int, bool) {
	switch v := id.(type) {
	case float64:
		return int(v), v >= 1 && v == float64(int(v))
	case string:
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "."))
		return n, err == nil && n >= 1
	}
	return 0, false
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		words = append(words[:n], "…")
	}
	return strings.Join(words, " ")
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Import loads the whole corpus in dir, as Load reads it, into s and returns the sets it
// imported.
func Import(ctx context.Context, s *store.Store, dir string, advanceEvery int) ([]store.ImportSet, error) {
	sets, err := Load(dir, advanceEvery)
	if err != nil {
		return nil, err
	}
	for _, set := range sets {
		if err := s.Import(ctx, set); err != nil {
			return nil, err
		}
	}
	return sets, nil
}
