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
	ix, err := editIndex(ctx, s, document)
	if err != nil {
		return store.AdvanceInput{}, fmt.Errorf("dataset.CheckAdvance(%q): %w", document, err)
	}
	c := newChecker()
	out := c.advance("advance", fileAdvance(in), ix, map[string]string{})
	if len(c.problems) > 0 {
		return store.AdvanceInput{}, &ValidationError{File: "advance", Problems: c.sorted()}
	}
	return out, nil
}

// CheckRecommendation checks an editor's recommendation of the given document as
// CheckAdvance checks an advance: by the import's rules, against the database. Problems'
// paths start with "recommendation." ("recommendation.paragraphs[0]",
// "recommendation.follow_up.date").
func CheckRecommendation(ctx context.Context, s *store.Store, document string, in store.RecommendationInput) (store.RecommendationInput, error) {
	ix, err := editIndex(ctx, s, document)
	if err != nil {
		return store.RecommendationInput{}, fmt.Errorf("dataset.CheckRecommendation(%q): %w", document, err)
	}
	c := newChecker()
	out := c.recommendation("recommendation", fileRecommendation(in), ix, map[string]string{})
	if len(c.problems) > 0 {
		return store.RecommendationInput{}, &ValidationError{File: "recommendation", Problems: c.sorted()}
	}
	return out, nil
}

// CheckQuote checks an editor's quote of the given document as CheckAdvance checks an
// advance. A quote that names no language is in the document's. Problems' paths start with
// "quote." ("quote.speaker.name", "quote.said_in").
func CheckQuote(ctx context.Context, s *store.Store, document string, in store.QuoteInput) (store.QuoteInput, error) {
	ix, err := editIndex(ctx, s, document)
	if err != nil {
		return store.QuoteInput{}, fmt.Errorf("dataset.CheckQuote(%q): %w", document, err)
	}
	c := newChecker()
	out := c.quote("quote", fileQuote(in), ix, map[string]string{})
	if len(c.problems) > 0 {
		return store.QuoteInput{}, &ValidationError{File: "quote", Problems: c.sorted()}
	}
	if out.Lang == "" {
		out.Lang = ix.lang
	}
	return out, nil
}

// editIndex is what an item of the document may refer to, as a file's index is: an item
// that names no source takes the document.
func editIndex(ctx context.Context, s *store.Store, document string) (index, error) {
	ec, err := s.EditContext(ctx, document)
	if err != nil {
		return index{}, err
	}
	return index{
		bodies: set(ec.Bodies), documents: set(ec.Documents), paragraphs: set(ec.Paragraphs),
		source: document, lang: ec.Lang, document: document,
	}, nil
}

// fileRecommendation is in as a data file writes it.
func fileRecommendation(in store.RecommendationInput) recommendation {
	r := recommendation{
		Slug: in.Slug, Title: in.Title, Text: in.Text, Paragraphs: in.Paragraphs,
		Addressees: in.Addressees, Source: in.Source,
	}
	if in.FollowUpStatus != "" || in.FollowUpDate.Known() || in.FollowUpSourceURL != "" {
		r.FollowUp = &followUp{Status: string(in.FollowUpStatus), Date: date(in.FollowUpDate.ISO()), SourceURL: in.FollowUpSourceURL}
	}
	for l, tr := range in.Translations {
		if r.Translations == nil {
			r.Translations = map[string]textTranslation{}
		}
		r.Translations[l] = textTranslation{Title: tr.Title, Text: tr.Text}
	}
	return r
}

// fileQuote is in as a data file writes it.
func fileQuote(in store.QuoteInput) quote {
	q := quote{
		Slug: in.Slug, Text: in.Text, Context: in.Context, SaidIn: in.SaidIn, Source: in.Source, Lang: in.Lang,
		Speaker: &speaker{Name: in.SpeakerName, Role: in.SpeakerRole, Organisation: in.SpeakerOrganisation, Body: in.SpeakerBody},
	}
	if in.Paragraph != 0 {
		q.Paragraph = &in.Paragraph
	}
	return q
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
