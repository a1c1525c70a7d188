package dataset

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

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

// DocumentForm is a document as an editor's form gives it, with the fields of a data file's.
type DocumentForm struct {
	Slug, Symbol, Title, Kind, Author, URL, AboutURL string
	Issued                                           string // YYYY, YYYY-MM or YYYY-MM-DD; "" for unknown
	TitleConfirmed, IssuedConfirmed                  bool
	TitleWhy, IssuedWhy                              string
	Lang                                             string // the language it is written in
	// Translations are the title and reasons in other languages, keyed by language; a
	// language with no title is left out.
	Translations map[string]DocumentTranslation
}

// DocumentTranslation is a document's title and reasons in another language.
type DocumentTranslation struct {
	Title, TitleWhy, IssuedWhy string
}

// CheckDocument checks an editor's document by the rules an import applies to a file's,
// against the bodies and documents the database holds: its slug and symbol must be free but
// for the document with the slug editing ("" for a new document). It returns the document as
// the store writes it, or a *ValidationError whose problems' paths ("document.title",
// "document.translations.fr.title") name the fields of the form.
func CheckDocument(ctx context.Context, s *store.Store, editing string, in DocumentForm) (store.DocumentInput, error) {
	refs, err := s.EditRefs(ctx)
	if err != nil {
		return store.DocumentInput{}, fmt.Errorf("dataset.CheckDocument(%q): %w", in.Slug, err)
	}
	ix := index{bodies: set(slices.Collect(maps.Keys(refs.Bodies))), lang: in.Lang}
	c := newChecker()
	if in.Lang == "" {
		c.report("document.lang", RuleRequired, "required")
	}
	c.lang("document.lang", in.Lang)
	d := document{
		Slug: in.Slug, Symbol: in.Symbol, Title: in.Title, Kind: in.Kind, Author: in.Author,
		Issued: date(in.Issued), URL: in.URL, AboutURL: in.AboutURL, TitleWhy: in.TitleWhy,
		IssuedWhy: in.IssuedWhy, TitleConfirmed: &in.TitleConfirmed, IssuedConfirmed: &in.IssuedConfirmed,
	}
	for l, tr := range in.Translations {
		if d.Translations == nil {
			d.Translations = map[string]titleTranslation{}
		}
		d.Translations[l] = titleTranslation(tr)
	}
	out := c.document("document", d, ix, map[string]string{}, map[string]string{})
	for slug, symbol := range refs.Documents {
		switch {
		case slug == editing:
		case slug == out.Slug && editing == "":
			c.report("document.slug", RuleDuplicate, "document %q exists already", slug)
		case symbol != "" && symbol == out.Symbol:
			c.report("document.symbol", RuleDuplicate, "document %q has the symbol %q already", slug, symbol)
		}
	}
	if len(c.problems) > 0 {
		return store.DocumentInput{}, &ValidationError{File: "document", Problems: c.sorted()}
	}
	return out, nil
}

// BodyForm is a body as an editor's form gives it.
type BodyForm struct {
	Slug, Kind, Name, ShortName, Parent string
	Lang                                string                    // the language of its names
	Translations                        map[string]store.BodyName // keyed by language
}

// CheckBody checks an editor's body by the rules an import applies to a file's, against the
// bodies the database holds: its slug must be free unless it is the body being edited
// (editing, "" for a new body), its parent must exist, and the parents must form no cycle.
// It returns the body as the store writes it, or a *ValidationError whose problems' paths
// ("body.name", "body.translations.fr.name") name the fields of the form.
func CheckBody(ctx context.Context, s *store.Store, editing string, in BodyForm) (store.BodyInput, error) {
	refs, err := s.EditRefs(ctx)
	if err != nil {
		return store.BodyInput{}, fmt.Errorf("dataset.CheckBody(%q): %w", in.Slug, err)
	}
	ix := index{bodies: set(slices.Collect(maps.Keys(refs.Bodies))), lang: in.Lang}
	c := newChecker()
	if in.Lang == "" {
		c.report("body.lang", RuleRequired, "required")
	}
	c.lang("body.lang", in.Lang)
	b := body{Slug: in.Slug, Kind: in.Kind, Name: in.Name, ShortName: in.ShortName, Parent: in.Parent}
	for l, tr := range in.Translations {
		if b.Translations == nil {
			b.Translations = map[string]nameTranslation{}
		}
		b.Translations[l] = nameTranslation{Name: tr.Name, ShortName: tr.ShortName}
	}
	out := c.body("body", b, ix, map[string]string{})
	if _, taken := refs.Bodies[in.Slug]; taken && editing == "" {
		c.report("body.slug", RuleDuplicate, "body %q exists already", in.Slug)
	}
	// The body first, with its new parent, then the others as held: any cycle is new, so it
	// holds the body and is reported at it.
	all := []body{b}
	for slug, parent := range refs.Bodies {
		if slug != in.Slug {
			all = append(all, body{Slug: slug, Parent: parent})
		}
	}
	c.checkParents(all, func(int) string { return "body.parent" })
	if len(c.problems) > 0 {
		return store.BodyInput{}, &ValidationError{File: "body", Problems: c.sorted()}
	}
	return out, nil
}

// ParagraphForm is a paragraph as an editor's form gives it.
type ParagraphForm struct {
	Number      string // as typed
	Topic, Text string
	Topics      map[string]string // the topic in other languages, keyed by language
}

// CheckParagraph checks an editor's paragraph of the given document by the rules an import
// applies to a file's: a new one (creating) must take a number the document does not have.
// It returns the paragraph as the store writes it, or a *ValidationError whose problems'
// paths ("paragraph.number", "paragraph.translations.fr.topic") name the fields of the form.
// A document that does not exist is store.ErrNotFound.
func CheckParagraph(ctx context.Context, s *store.Store, document string, creating bool, in ParagraphForm) (store.Paragraph, error) {
	ec, err := s.EditContext(ctx, document)
	if err != nil {
		return store.Paragraph{}, fmt.Errorf("dataset.CheckParagraph(%q): %w", document, err)
	}
	c := newChecker()
	p := paragraph{Topic: in.Topic, Text: in.Text}
	if in.Number != "" {
		n, err := strconv.Atoi(in.Number)
		if err != nil {
			c.report("paragraph.number", RuleNumber, "%q is not a paragraph number: want a whole number from 1 up", in.Number)
		}
		p.Number = &n
	}
	for l, topic := range in.Topics {
		if p.Translations == nil {
			p.Translations = map[string]topicTranslation{}
		}
		p.Translations[l] = topicTranslation{Topic: topic}
	}
	numbers := map[string]string{}
	out, ok := c.paragraph("paragraph", p, index{lang: ec.Lang}, numbers)
	if ok && creating && slices.Contains(ec.Paragraphs, out.Number) {
		c.report("paragraph.number", RuleDuplicate, "paragraph %d exists already", out.Number)
	}
	if len(c.problems) > 0 {
		return store.Paragraph{}, &ValidationError{File: "paragraph", Problems: c.sorted()}
	}
	return out, nil
}
