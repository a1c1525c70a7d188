package server

import (
	"cmp"
	"context"
	"net/http"

	"github.com/a-h/templ"
	"maps"
	"slices"
	"strconv"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// The forms of each type: what an item looks like in its form, and what a post of its form
// says.

// advanceForm is the form of an advance as the store holds it.
func advanceForm(f view.ItemForm, a store.AdvanceToEdit) view.AdvanceForm {
	f.Slug, f.Published = a.Slug, a.Published
	if a.Source != a.Document {
		f.Source = a.Source
	}
	out := view.AdvanceForm{
		ItemForm: f, Title: a.Title, Summary: a.Summary, Paragraphs: numbersText(a.Paragraphs),
		Date: a.Event.ISO(), DateConfirmed: a.EventConfirmed || !a.Event.Known(), DateWhy: a.EventWhy,
		Translations: map[string]view.TranslationRow{},
	}
	for _, b := range a.Bodies {
		out.BodyRows = append(out.BodyRows, view.BodyRow{Slug: b.Slug, Confirmed: b.Confirmed, Why: b.Why})
	}
	for _, fact := range a.Facts {
		out.Facts = append(out.Facts, view.FactRow{Text: fact.Text, Confirmed: fact.Confirmed, Why: fact.Why, SourceURL: fact.SourceURL, Texts: fact.Texts})
	}
	for l, tr := range a.Translations {
		out.Translations[l] = view.TranslationRow{Title: tr.Title, Text: tr.Text, Why: tr.Why}
	}
	return withBlankRows(out)
}

// withBlankRows adds the empty rows that let an editor add a body or a fact.
func withBlankRows(f view.AdvanceForm) view.AdvanceForm {
	for range blankBodies {
		f.BodyRows = append(f.BodyRows, view.BodyRow{Confirmed: true})
	}
	for range blankFacts {
		f.Facts = append(f.Facts, view.FactRow{Confirmed: true})
	}
	return f
}

// advanceLangs are the languages an advance's title, summary and facts are translated into.
func advanceLangs(a store.AdvanceInput) []string {
	langs := slices.Collect(maps.Keys(a.Translations))
	for _, f := range a.Facts {
		langs = append(langs, slices.Collect(maps.Keys(f.Texts))...)
	}
	slices.Sort(langs)
	return slices.Compact(langs)
}

// readAdvance reads a post of an advance's form: what was typed, for a re-render, and the
// input, with the problems found in reading it (a date that is no date, say).
func readAdvance(r *http.Request, f view.ItemForm) (view.AdvanceForm, store.AdvanceInput) {
	m := messages(r).Edit
	out := view.AdvanceForm{
		ItemForm: f, Title: field(r, "title"), Summary: field(r, "summary"), Paragraphs: field(r, "paragraphs"),
		Date: field(r, "date"), DateConfirmed: field(r, "date_confirmed") != "no", DateWhy: field(r, "date_why"),
	}
	out.Source = field(r, "source")
	in := store.AdvanceInput{
		Slug: f.NewSlug, Title: out.Title, Summary: out.Summary, Source: out.Source,
		EventConfirmed: out.DateConfirmed, EventWhy: out.DateWhy,
	}
	if f.Slug != "" {
		in.Slug = f.Slug
	}
	var ok bool
	if in.Paragraphs, ok = numberList(out.Paragraphs); !ok {
		out.Problems["paragraphs"] = m.ErrParagraphList
	}
	if out.Date != "" {
		d, err := store.ParseDate(out.Date)
		if err != nil {
			out.Problems["date"] = m.RuleDate
		}
		in.Event = d
	}
	for i := range maxRows {
		if !r.PostForm.Has(view.RowField("bodies", i, "body")) {
			break
		}
		b := view.BodyRow{
			Slug: field(r, view.RowField("bodies", i, "body")), Why: field(r, view.RowField("bodies", i, "why")),
			Confirmed: field(r, view.RowField("bodies", i, "confirmed")) != "no",
		}
		if b.Slug == "" && b.Why == "" {
			continue // an empty row, or one emptied to remove its body
		}
		out.BodyRows = append(out.BodyRows, b)
		in.Bodies = append(in.Bodies, store.BodyRef{Slug: b.Slug, Confirmed: b.Confirmed, Why: b.Why})
	}
	out.Translations, in.Translations = readTranslations(r)
	for i := range maxRows {
		if !r.PostForm.Has(view.RowField("facts", i, "text")) {
			break
		}
		fact := view.FactRow{
			Text: field(r, view.RowField("facts", i, "text")), Why: field(r, view.RowField("facts", i, "why")),
			SourceURL: field(r, view.RowField("facts", i, "source_url")),
			Confirmed: field(r, view.RowField("facts", i, "confirmed")) != "no",
		}
		for _, l := range f.Langs {
			if text := field(r, view.RowField("facts", i, "translations-"+l+"-text")); text != "" {
				if fact.Texts == nil {
					fact.Texts = map[string]string{}
				}
				fact.Texts[l] = text
			}
		}
		if fact.Text == "" && fact.Why == "" && fact.SourceURL == "" && len(fact.Texts) == 0 {
			continue
		}
		out.Facts = append(out.Facts, fact)
		in.Facts = append(in.Facts, store.Fact{Text: fact.Text, Confirmed: fact.Confirmed, Why: fact.Why, SourceURL: fact.SourceURL, Texts: fact.Texts})
	}
	return withBlankRows(out), in
}

// serveNewAdvance serves the form of a new advance, pre-filled with the document and cited
// paragraph that its query names.
func (s *Server) serveNewAdvance(w http.ResponseWriter, r *http.Request) error {
	document, paragraph, err := newItemQuery(r, store.AdvanceItem)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, document)
	if err != nil {
		return err
	}
	p := withBlankRows(view.AdvanceForm{ItemForm: f, DateConfirmed: true})
	if paragraph > 0 {
		p.Paragraphs = strconv.Itoa(paragraph)
	}
	return s.page(w, r, site.EditorAdvancesPath+site.NewItem, view.AdvanceEdit(p))
}

// serveEditAdvance serves the form of the advance that the route names.
func (s *Server) serveEditAdvance(w http.ResponseWriter, r *http.Request) error {
	slug, err := editorSlug(r)
	if err != nil {
		return err
	}
	a, err := s.store.AdvanceToEdit(r.Context(), slug)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, a.Document, advanceLangs(a.AdvanceInput)...)
	if err != nil {
		return err
	}
	f.Notice = s.sessions.PopFlash(r)
	return s.page(w, r, site.EditorItemURL(site.EditorAdvancesPath, slug), view.AdvanceEdit(advanceForm(f, a)))
}

// formProblems sends a form back with its problems, as typed, in a 422.
func (s *Server) formProblems(w http.ResponseWriter, r *http.Request, f view.ItemForm, t store.ItemType, c templ.Component) error {
	path := itemListPaths[t] + site.NewItem
	if !f.New() {
		path = site.EditorItemURL(itemListPaths[t], f.Slug)
	}
	return s.pageWith(w, r, http.StatusUnprocessableEntity, path, c)
}

// recommendationForm is the form of a recommendation as the store holds it.
func recommendationForm(f view.ItemForm, rec store.RecommendationToEdit) view.RecommendationForm {
	f.Slug, f.Published = rec.Slug, rec.Published
	if rec.Source != rec.Document {
		f.Source = rec.Source
	}
	out := view.RecommendationForm{
		ItemForm: f, Title: rec.Title, Text: rec.Text, Paragraphs: numbersText(rec.Paragraphs),
		Addressees: rec.Addressees, FollowUpStatus: rec.FollowUpStatus, FollowUpDate: rec.FollowUpDate.ISO(),
		FollowUpSourceURL: rec.FollowUpSourceURL, Translations: map[string]view.TranslationRow{},
	}
	for l, tr := range rec.Translations {
		out.Translations[l] = view.TranslationRow{Title: tr.Title, Text: tr.Text}
	}
	return out
}

// readRecommendation reads a post of a recommendation's form.
func readRecommendation(r *http.Request, f view.ItemForm) (view.RecommendationForm, store.RecommendationInput) {
	m := messages(r).Edit
	f.Source = field(r, "source")
	out := view.RecommendationForm{
		ItemForm: f, Title: field(r, "title"), Text: field(r, "text"), Paragraphs: field(r, "paragraphs"),
		Addressees: r.PostForm["addressees"], FollowUpStatus: store.FollowUpStatus(field(r, "follow_up-status")),
		FollowUpDate: field(r, "follow_up-date"), FollowUpSourceURL: field(r, "follow_up-source_url"),
	}
	in := store.RecommendationInput{
		Slug: f.NewSlug, Title: out.Title, Text: out.Text, Source: f.Source, Addressees: out.Addressees,
		FollowUpStatus: out.FollowUpStatus, FollowUpSourceURL: out.FollowUpSourceURL,
	}
	if f.Slug != "" {
		in.Slug = f.Slug
	}
	var ok bool
	if in.Paragraphs, ok = numberList(out.Paragraphs); !ok {
		out.Problems["paragraphs"] = m.ErrParagraphList
	}
	if out.FollowUpDate != "" {
		d, err := store.ParseDate(out.FollowUpDate)
		if err != nil {
			out.Problems["follow_up-date"] = m.RuleDate
		}
		in.FollowUpDate = d
	}
	out.Translations, in.Translations = readTranslations(r)
	return out, in
}

// serveNewRecommendation serves the form of a new recommendation, of the document that its
// query names.
func (s *Server) serveNewRecommendation(w http.ResponseWriter, r *http.Request) error {
	document, _, err := newItemQuery(r, store.RecommendationItem)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, document)
	if err != nil {
		return err
	}
	return s.page(w, r, site.EditorRecommendationsPath+site.NewItem, view.RecommendationEdit(view.RecommendationForm{ItemForm: f}))
}

// serveEditRecommendation serves the form of the recommendation that the route names.
func (s *Server) serveEditRecommendation(w http.ResponseWriter, r *http.Request) error {
	slug, err := editorSlug(r)
	if err != nil {
		return err
	}
	rec, err := s.store.RecommendationToEdit(r.Context(), slug)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, rec.Document, slices.Sorted(maps.Keys(rec.Translations))...)
	if err != nil {
		return err
	}
	f.Notice = s.sessions.PopFlash(r)
	return s.page(w, r, site.EditorItemURL(site.EditorRecommendationsPath, slug), view.RecommendationEdit(recommendationForm(f, rec)))
}

// quoteForm is the form of a quote as the store holds it.
func quoteForm(f view.ItemForm, q store.QuoteToEdit) view.QuoteForm {
	f.Slug, f.Published = q.Slug, q.Published
	if q.Source != q.Document {
		f.Source = q.Source
	}
	out := view.QuoteForm{
		ItemForm: f, Text: q.Text, Context: q.Context, Lang: q.Lang, SpeakerName: q.SpeakerName,
		SpeakerRole: q.SpeakerRole, SpeakerOrganisation: q.SpeakerOrganisation, SpeakerBody: q.SpeakerBody,
	}
	if q.SaidIn != q.Source {
		out.SaidIn = q.SaidIn
	}
	if q.Paragraph > 0 {
		out.Paragraph = strconv.Itoa(q.Paragraph)
	}
	return out
}

// readQuote reads a post of a quote's form.
func readQuote(r *http.Request, f view.ItemForm) (view.QuoteForm, store.QuoteInput) {
	f.Source = field(r, "source")
	out := view.QuoteForm{
		ItemForm: f, Text: field(r, "text"), Context: field(r, "context"), SaidIn: field(r, "said_in"),
		Lang: field(r, "lang"), SpeakerName: field(r, "speaker-name"), SpeakerRole: field(r, "speaker-role"),
		SpeakerOrganisation: field(r, "speaker-organisation"), SpeakerBody: field(r, "speaker-body"),
		Paragraph: field(r, "paragraph"),
	}
	in := store.QuoteInput{
		Slug: f.NewSlug, Text: out.Text, Context: out.Context, Source: f.Source, SaidIn: out.SaidIn,
		SpeakerName: out.SpeakerName, SpeakerRole: out.SpeakerRole, SpeakerOrganisation: out.SpeakerOrganisation,
		SpeakerBody: out.SpeakerBody, Lang: out.Lang,
	}
	if f.Slug != "" {
		in.Slug = f.Slug
	}
	if out.Paragraph != "" {
		n, ok := site.Positive(out.Paragraph)
		if !ok {
			out.Problems["paragraph"] = messages(r).Edit.RuleNumber
		}
		in.Paragraph = n
	}
	return out, in
}

// serveNewQuote serves the form of a new quote, of the document that its query names.
func (s *Server) serveNewQuote(w http.ResponseWriter, r *http.Request) error {
	document, _, err := newItemQuery(r, store.QuoteItem)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, document)
	if err != nil {
		return err
	}
	return s.page(w, r, site.EditorQuotesPath+site.NewItem, view.QuoteEdit(view.QuoteForm{ItemForm: f}))
}

// serveEditQuote serves the form of the quote that the route names.
func (s *Server) serveEditQuote(w http.ResponseWriter, r *http.Request) error {
	slug, err := editorSlug(r)
	if err != nil {
		return err
	}
	q, err := s.store.QuoteToEdit(r.Context(), slug)
	if err != nil {
		return err
	}
	f, err := s.itemForm(r.Context(), r, q.Document)
	if err != nil {
		return err
	}
	f.Notice = s.sessions.PopFlash(r)
	return s.page(w, r, site.EditorItemURL(site.EditorQuotesPath, slug), view.QuoteEdit(quoteForm(f, q)))
}

// itemSave is what saving one type of item from its form takes: the three types share every
// step but these.
type itemSave[In, Form any] struct {
	item       store.ItemType
	translated bool                                                   // the form has content translations
	held       func(ctx context.Context, slug string) (string, error) // the held item's document
	read       func(*http.Request, view.ItemForm) (Form, In)
	base       func(*Form) *view.ItemForm
	check      func(context.Context, *store.Store, string, In) (In, error)
	create     func(ctx context.Context, editor int64, document string, in In) error
	update     func(ctx context.Context, editor int64, slug string, in In) error
	slug       func(In) string
	show       func(Form) templ.Component
}

// saveItem creates an item (slug "") or updates the one with the given slug; a form with
// problems comes back as typed, in a 422.
func saveItem[In, Form any](s *Server, w http.ResponseWriter, r *http.Request, slug string, t itemSave[In, Form]) error {
	if err := parseForm(r); err != nil {
		return err
	}
	document := field(r, "document")
	if slug != "" {
		held, err := t.held(r.Context(), slug)
		if err != nil {
			return err
		}
		document = held
	}
	var langs []string
	if t.translated {
		langs = slices.Sorted(maps.Keys(translations(r)))
	}
	f, err := s.itemForm(r.Context(), r, document, langs...)
	if err != nil {
		return err
	}
	f.Slug = slug
	if slug == "" {
		f.NewSlug = field(r, "slug")
	}
	p, in := t.read(r, f)
	base := t.base(&p)
	in, ok, err := checkItem(r, base, t.check, s.store, in)
	if err != nil {
		return err
	}
	if ok && len(base.Problems) == 0 {
		m := messages(r).Edit
		if slug == "" {
			err = t.create(r.Context(), editor(r).ID, document, in)
			ok, err = s.saved(w, r, t.item, base, t.slug(in), m.CreatedNotice, err)
		} else {
			err = t.update(r.Context(), editor(r).ID, slug, in)
			ok, err = s.saved(w, r, t.item, base, slug, m.SavedNotice, err)
		}
		if ok || err != nil {
			return err
		}
	}
	base.Problem = cmp.Or(base.Problem, messages(r).Accounts.FormProblems)
	return s.formProblems(w, r, *base, t.item, t.show(p))
}

// createItem and updateItem are the routes' handlers of saveItem.
func createItem[In, Form any](s *Server, t itemSave[In, Form]) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error { return saveItem(s, w, r, "", t) }
}

func updateItem[In, Form any](s *Server, t itemSave[In, Form]) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := editorSlug(r)
		if err != nil {
			return err
		}
		return saveItem(s, w, r, slug, t)
	}
}

func (s *Server) advanceSave() itemSave[store.AdvanceInput, view.AdvanceForm] {
	return itemSave[store.AdvanceInput, view.AdvanceForm]{
		item: store.AdvanceItem, translated: true,
		held: func(ctx context.Context, slug string) (string, error) {
			a, err := s.store.AdvanceToEdit(ctx, slug)
			return a.Document, err
		},
		read: readAdvance, base: func(f *view.AdvanceForm) *view.ItemForm { return &f.ItemForm },
		check: dataset.CheckAdvance, create: s.store.CreateAdvance, update: s.store.UpdateAdvance,
		slug: func(in store.AdvanceInput) string { return in.Slug }, show: view.AdvanceEdit,
	}
}

func (s *Server) recommendationSave() itemSave[store.RecommendationInput, view.RecommendationForm] {
	return itemSave[store.RecommendationInput, view.RecommendationForm]{
		item: store.RecommendationItem, translated: true,
		held: func(ctx context.Context, slug string) (string, error) {
			rec, err := s.store.RecommendationToEdit(ctx, slug)
			return rec.Document, err
		},
		read: readRecommendation, base: func(f *view.RecommendationForm) *view.ItemForm { return &f.ItemForm },
		check: dataset.CheckRecommendation, create: s.store.CreateRecommendation, update: s.store.UpdateRecommendation,
		slug: func(in store.RecommendationInput) string { return in.Slug }, show: view.RecommendationEdit,
	}
}

func (s *Server) quoteSave() itemSave[store.QuoteInput, view.QuoteForm] {
	return itemSave[store.QuoteInput, view.QuoteForm]{
		item: store.QuoteItem,
		held: func(ctx context.Context, slug string) (string, error) {
			q, err := s.store.QuoteToEdit(ctx, slug)
			return q.Document, err
		},
		read: readQuote, base: func(f *view.QuoteForm) *view.ItemForm { return &f.ItemForm },
		check: dataset.CheckQuote, create: s.store.CreateQuote, update: s.store.UpdateQuote,
		slug: func(in store.QuoteInput) string { return in.Slug }, show: view.QuoteEdit,
	}
}
