package dataset

import (
	"context"
	"fmt"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// CheckAdvance checks an editor's advance of the given document by the rules an import
// applies to a file's, against what the database holds: its paragraphs, bodies and
// documents. It returns the advance as the store should write it (an advance that names no
// source takes the document as its source), or a *ValidationError whose problems' paths
// ("advance.title", "advance.bodies[0].why") name the fields of a form. A document that does
// not exist is store.ErrNotFound.
func CheckAdvance(ctx context.Context, s *store.Store, document string, in store.AdvanceInput) (store.AdvanceInput, error) {
	ec, err := s.EditContext(ctx, document)
	if err != nil {
		return store.AdvanceInput{}, fmt.Errorf("dataset.CheckAdvance(%q): %w", document, err)
	}
	ix := index{
		bodies: set(ec.Bodies), documents: set(ec.Documents), paragraphs: set(ec.Paragraphs),
		source: document, lang: ec.Lang, document: document,
	}
	c := newChecker()
	out := c.advance("advance", fileAdvance(in), ix, map[string]string{})
	if len(c.problems) > 0 {
		return store.AdvanceInput{}, &ValidationError{File: "advance", Problems: c.sorted()}
	}
	return out, nil
}

// fileAdvance is in as a data file writes it, for the checks that read files.
func fileAdvance(in store.AdvanceInput) advance {
	a := advance{
		Slug: in.Slug, Title: in.Title, Summary: in.Summary, Paragraphs: in.Paragraphs,
		Date: date(in.Event.ISO()), DateWhy: in.EventWhy, Source: in.Source,
	}
	if in.Event.Known() {
		a.DateConfirmed = &in.EventConfirmed
	}
	for _, b := range in.Bodies {
		a.Bodies = append(a.Bodies, bodyRef{Body: b.Slug, Confirmed: &b.Confirmed, Why: b.Why})
	}
	for _, f := range in.Facts {
		ff := fact{Text: f.Text, Confirmed: &f.Confirmed, Why: f.Why, SourceURL: f.SourceURL}
		for l, text := range f.Texts {
			if ff.Translations == nil {
				ff.Translations = map[string]factTranslation{}
			}
			ff.Translations[l] = factTranslation{Text: text}
		}
		a.Facts = append(a.Facts, ff)
	}
	for l, tr := range in.Translations {
		if a.Translations == nil {
			a.Translations = map[string]summaryTranslation{}
		}
		a.Translations[l] = summaryTranslation{Title: tr.Title, Summary: tr.Text, DateWhy: tr.Why}
	}
	return a
}

func set[T comparable](values []T) map[T]bool {
	m := make(map[T]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return m
}
