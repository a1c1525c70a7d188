package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// The editors' lists of advances, recommendations and quotes, and what their forms share
// (edit_item_forms.go holds each type's form). A form is read into what the reader typed
// (kept for a re-render) and the store's input, which dataset checks by the import's rules.

const (
	// editorItemsPerPage is how many items an editor's list shows on a page.
	editorItemsPerPage = 50
	// maxRows bounds the rows of bodies and facts that a form's post may hold.
	maxRows = 100
	// blankBodies and blankFacts are the empty rows a form offers for adding more, since it
	// works without JavaScript.
	blankBodies, blankFacts = 2, 1
)

// itemListPaths are the paths of the editors' lists of each type of item.
var itemListPaths = map[store.ItemType]string{
	store.AdvanceItem:        site.EditorAdvancesPath,
	store.RecommendationItem: site.EditorRecommendationsPath,
	store.QuoteItem:          site.EditorQuotesPath,
}

// serveEditorItems serves an editor's list of the items of type t, drafts included.
func (s *Server) serveEditorItems(t store.ItemType) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		q, err := s.listQuery(r, site.ParamPage)
		if err != nil {
			return err
		}
		p := view.ItemListPage{FormState: s.formState(r), Type: t, Page: max(q.Page, 1)}
		if p.List, err = s.store.EditorItems(r.Context(), t, editorItemsPerPage, (p.Page-1)*editorItemsPerPage); err != nil {
			return err
		}
		if p.Page > 1 && len(p.List.Items) == 0 {
			return notFound("%s", messages(r).ErrNothingHere)
		}
		p.Pages = pages(p.List.Total, editorItemsPerPage)
		return s.page(w, r, q.URL(itemListPaths[t]), view.ItemList(p))
	}
}

// newItemQuery reads the query of a new item's form: the document and, for an advance, the
// paragraph it cites, as the candidates' queue links them.
func newItemQuery(r *http.Request, t store.ItemType) (document string, paragraph int, err error) {
	m := messages(r)
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", 0, badRequest("%s", m.ErrMalformedQuery)
	}
	accepted := []string{site.ParamEditDocument}
	if t == store.AdvanceItem {
		accepted = append(accepted, site.ParamEditParagraph)
	}
	for k, v := range values {
		switch {
		case !slices.Contains(accepted, k):
			return "", 0, badRequest(m.ErrUnknownParameter, site.Clip(k), strings.Join(accepted, ", "))
		case len(v) > 1:
			return "", 0, badRequest(m.ErrRepeated, site.Clip(k))
		case !site.ValidText(v[0]):
			return "", 0, badRequest("%s", m.ErrMalformedQuery)
		}
	}
	if values.Has(site.ParamEditParagraph) {
		var ok bool
		if paragraph, ok = site.Positive(values.Get(site.ParamEditParagraph)); !ok {
			return "", 0, badRequest("%s", m.ErrMalformedQuery)
		}
	}
	return values.Get(site.ParamEditDocument), paragraph, nil
}

// itemForm fills what every item's form shows of the document with the given slug: the
// bodies to choose from and the languages to translate into, with those the item has
// already (have).
func (s *Server) itemForm(ctx context.Context, r *http.Request, document string, have ...string) (view.ItemForm, error) {
	f := view.ItemForm{FormState: view.FormState{User: editor(r), Problems: view.Problems{}}, Document: document}
	original := i18n.English.Code // a document not yet known is most likely in English
	if document != "" {
		ec, err := s.store.EditContext(ctx, document)
		switch {
		case err == nil:
			original = ec.Lang
		case !errors.Is(err, store.ErrNotFound):
			return f, err
		}
	}
	f.Langs = view.TranslationLangs(original, have)
	var err error
	f.Bodies, err = s.store.BodyChoices(ctx, lang(r).Code)
	return f, err
}

// editorSlug is the slug of the item that the route names.
func editorSlug(r *http.Request) (string, error) {
	slug := chi.URLParam(r, "slug")
	if !site.ValidText(slug) {
		return "", notFound("%s", messages(r).ErrNothingHere)
	}
	return slug, nil
}

// readTranslations reads the translations of a post, as typed and as the store takes them,
// leaving out the languages left empty.
func readTranslations(r *http.Request) (rows map[string]view.TranslationRow, in map[string]store.Translation) {
	rows = map[string]view.TranslationRow{}
	for l, tr := range translations(r) {
		row := view.TranslationRow{Title: tr["title"], Text: tr["text"], Why: tr["date_why"]}
		rows[l] = row
		if in == nil {
			in = map[string]store.Translation{}
		}
		in[l] = store.Translation{Title: row.Title, Text: row.Text, Why: row.Why}
	}
	return rows, in
}

// numberList reads a list of paragraph numbers written with commas or spaces between them.
func numberList(s string) ([]int, bool) {
	var out []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		n, ok := site.Positive(f)
		if !ok {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// numbersText writes paragraph numbers as the form takes them.
func numbersText(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// checkItem runs a dataset Check function on the document of f: a missing document is a
// problem of the document's field, and the import's rules' problems go beside their fields.
// It reports whether the item may be saved.
func checkItem[T any](r *http.Request, f *view.ItemForm, check func(context.Context, *store.Store, string, T) (T, error), s *store.Store, in T) (T, bool, error) {
	m := messages(r).Edit
	if f.Document == "" {
		f.Problems["document"] = m.RuleRequired
		return in, false, nil
	}
	out, err := check(r.Context(), s, f.Document, in)
	switch {
	case errors.Is(err, store.ErrNotFound):
		f.Problems["document"] = fmt.Sprintf(m.NotFoundDocument, f.Document)
	case addProblems(r, err, &f.FormState):
	case err != nil:
		return in, false, err
	}
	return out, len(f.Problems) == 0, nil
}

// saved ends a form's post: a taken slug or a document gone meanwhile are the form's
// problems; otherwise the editor goes to the item's form, with notice, by its slug.
func (s *Server) saved(w http.ResponseWriter, r *http.Request, t store.ItemType, f *view.ItemForm, slug, notice string, err error) (bool, error) {
	m := messages(r).Edit
	switch {
	case errors.Is(err, store.ErrConflict):
		f.Problems["slug"] = m.RuleDuplicate
		return false, nil
	case errors.Is(err, store.ErrNotFound) && f.New():
		f.Problems["document"] = fmt.Sprintf(m.NotFoundDocument, f.Document)
		return false, nil
	case err != nil:
		return false, err
	}
	s.sessions.Flash(r, fmt.Sprintf(notice, slug))
	http.Redirect(w, r, site.Localized(lang(r), site.EditorItemURL(itemListPaths[t], slug)), http.StatusSeeOther)
	return true, nil
}

// publishItem publishes the item of type t that the route names, or makes it a draft again.
func (s *Server) publishItem(t store.ItemType) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := editorSlug(r)
		if err != nil {
			return err
		}
		if err := parseForm(r); err != nil {
			return err
		}
		m := messages(r)
		published, err := strconv.ParseBool(r.PostForm.Get("published"))
		if err != nil {
			return badRequest("%s", m.Accounts.ErrMalformedForm)
		}
		if err := s.store.SetPublished(r.Context(), editor(r).ID, t, slug, published); err != nil {
			return err
		}
		notice := m.Edit.UnpublishedNotice
		if published {
			notice = m.Edit.PublishedNotice
		}
		s.sessions.Flash(r, fmt.Sprintf(notice, slug))
		http.Redirect(w, r, site.Localized(lang(r), site.EditorItemURL(itemListPaths[t], slug)), http.StatusSeeOther)
		return nil
	}
}

// deleteItem removes the item of type t that the route names. Nothing refers to an advance,
// a recommendation or a quote, so nothing can refuse it; the change history keeps what it was.
func (s *Server) deleteItem(t store.ItemType) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		slug, err := editorSlug(r)
		if err != nil {
			return err
		}
		if err := parseForm(r); err != nil {
			return err
		}
		ctx, editor := r.Context(), editor(r).ID
		switch t {
		case store.AdvanceItem:
			err = s.store.DeleteAdvance(ctx, editor, slug)
		case store.RecommendationItem:
			err = s.store.DeleteRecommendation(ctx, editor, slug)
		case store.QuoteItem:
			err = s.store.DeleteQuote(ctx, editor, slug)
		}
		if err != nil {
			return err
		}
		s.sessions.Flash(r, fmt.Sprintf(messages(r).Edit.DeletedNotice, slug))
		http.Redirect(w, r, site.Localized(lang(r), itemListPaths[t]), http.StatusSeeOther)
		return nil
	}
}
