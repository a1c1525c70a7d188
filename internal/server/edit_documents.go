package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// The editors' forms of documents, paragraphs and bodies, and their lists.

// citedRefusal words a refusal to delete name, which the items in err cite.
func citedRefusal(r *http.Request, name string, err *store.CitedError) string {
	m := messages(r)
	by := make([]string, len(err.By))
	for i, ref := range err.By {
		kind, slug, _ := strings.Cut(ref, " ")
		by[i] = view.ItemTypeName(m.ItemTypes, store.ItemType(kind)) + " " + slug
	}
	return fmt.Sprintf(m.Edit.CitedRefusal, name, strings.Join(by, ", "))
}

func (s *Server) serveEditorDocuments(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r); err != nil {
		return err
	}
	docs, err := s.store.EditorDocuments(r.Context())
	if err != nil {
		return err
	}
	return s.page(w, r, site.EditorDocumentsPath, view.EditorDocuments(view.EditorDocumentsPage{FormState: s.formState(r), Documents: docs}))
}

// documentName is how a page names a document: its symbol, else its title.
func documentName(d store.DocumentInput) string {
	if d.Symbol != "" {
		return d.Symbol
	}
	return d.Title
}

// documentFormPage renders a document's form p: a new one's, or with the document as held.
func (s *Server) documentFormPage(w http.ResponseWriter, r *http.Request, status int, p view.DocumentFormPage) error {
	bodies, err := s.store.EditorBodies(r.Context())
	if err != nil {
		return err
	}
	p.Bodies = bodies
	path := site.EditorNewDocumentPath
	have := make([]string, 0, len(p.Form.Translations))
	for l := range p.Form.Translations {
		have = append(have, l)
	}
	if p.Editing != "" {
		held, err := s.store.EditedDocument(r.Context(), p.Editing)
		if err != nil {
			return err
		}
		p.Name, p.Published, p.Paragraphs = documentName(held.DocumentInput), held.Published, held.Paragraphs
		path = site.EditorDocumentURL(p.Editing)
	}
	p.Langs = view.TranslationLangs(p.Form.Lang, have)
	return s.pageWith(w, r, status, path, view.DocumentForm(p))
}

func (s *Server) serveNewDocument(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r); err != nil {
		return err
	}
	form := dataset.DocumentForm{Kind: string(store.Report), Lang: "en", TitleConfirmed: true, IssuedConfirmed: true}
	return s.documentFormPage(w, r, http.StatusOK, view.DocumentFormPage{FormState: s.formState(r), Form: form})
}

// documentForm is the document form's fields as held.
func documentForm(d store.EditedDocument) dataset.DocumentForm {
	f := dataset.DocumentForm{
		Slug: d.Slug, Symbol: d.Symbol, Title: d.Title, Kind: string(d.Kind), Author: d.Author,
		URL: d.URL, AboutURL: d.AboutURL, Issued: d.Issued.ISO(), TitleConfirmed: d.TitleConfirmed,
		IssuedConfirmed: d.IssuedConfirmed, TitleWhy: d.TitleWhy, IssuedWhy: d.IssuedWhy, Lang: d.Lang,
		Translations: map[string]dataset.DocumentTranslation{},
	}
	for l, title := range d.Titles {
		f.Translations[l] = dataset.DocumentTranslation{Title: title, TitleWhy: d.Whys[l].Title, IssuedWhy: d.Whys[l].Issued}
	}
	return f
}

func (s *Server) serveEditDocument(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	return s.documentFormPage(w, r, http.StatusOK, view.DocumentFormPage{FormState: s.formState(r), Editing: slug, Form: documentForm(d)})
}

// readDocumentForm reads a posted document form.
func readDocumentForm(r *http.Request) dataset.DocumentForm {
	f := dataset.DocumentForm{
		Slug: field(r, "slug"), Symbol: field(r, "symbol"), Title: field(r, "title"), Kind: field(r, "kind"),
		Author: field(r, "author"), URL: field(r, "url"), AboutURL: field(r, "about_url"),
		Issued: field(r, "issued"), TitleConfirmed: checked(r, "title_confirmed"),
		IssuedConfirmed: checked(r, "issued_confirmed"), TitleWhy: field(r, "title_why"),
		IssuedWhy: field(r, "issued_why"), Lang: field(r, "lang"),
		Translations: map[string]dataset.DocumentTranslation{},
	}
	for l, tr := range translations(r) {
		f.Translations[l] = dataset.DocumentTranslation{Title: tr["title"], TitleWhy: tr["title_why"], IssuedWhy: tr["issued_why"]}
	}
	return f
}

// saveDocument creates (editing "") or updates the document from the posted form.
func (s *Server) saveDocument(w http.ResponseWriter, r *http.Request, editing string) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := readDocumentForm(r)
	if editing != "" {
		f.Slug = editing
	}
	page := view.DocumentFormPage{FormState: view.FormState{User: editor(r)}, Editing: editing, Form: f}
	in, err := dataset.CheckDocument(r.Context(), s.store, editing, f)
	if addProblems(r, err, &page.FormState) {
		return s.documentFormPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	if editing == "" {
		err = s.store.CreateDocument(r.Context(), editor(r).ID, f.Lang, in)
	} else {
		err = s.store.UpdateDocument(r.Context(), editor(r).ID, editing, f.Lang, in)
	}
	if errors.Is(err, store.ErrConflict) {
		// Another editor took the slug or symbol since the check.
		page.Problems = view.Problems{"symbol": messages(r).Edit.RuleDuplicate}
		if editing == "" {
			page.Problems["slug"] = messages(r).Edit.RuleDuplicate
		}
		page.Problem = messages(r).Accounts.FormProblems
		return s.documentFormPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	notice := messages(r).Edit.SavedNotice
	if editing == "" {
		notice = messages(r).Edit.CreatedNotice
	}
	s.redirect(w, r, site.EditorDocumentURL(in.Slug), fmt.Sprintf(notice, documentName(in)))
	return nil
}

func (s *Server) createDocument(w http.ResponseWriter, r *http.Request) error {
	return s.saveDocument(w, r, "")
}

func (s *Server) updateDocument(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	return s.saveDocument(w, r, slug)
}

// publishDocument publishes the document, or makes it a draft again, as the form says.
func (s *Server) publishDocument(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	published, err := strconv.ParseBool(r.PostForm.Get("published"))
	if err != nil {
		return badRequest("%s", messages(r).Accounts.ErrMalformedForm)
	}
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	if err := s.store.SetPublished(r.Context(), editor(r).ID, store.DocumentItem, slug, published); err != nil {
		return err
	}
	notice := messages(r).Edit.UnpublishedNotice
	if published {
		notice = messages(r).Edit.PublishedNotice
	}
	s.redirect(w, r, site.EditorDocumentURL(slug), fmt.Sprintf(notice, documentName(d.DocumentInput)))
	return nil
}

// deleteDocument deletes the document, or says why it cannot.
func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	err = s.store.DeleteDocument(r.Context(), editor(r).ID, slug)
	if cited, ok := errors.AsType[*store.CitedError](err); ok {
		page := view.DocumentFormPage{FormState: view.FormState{User: editor(r), Problem: citedRefusal(r, documentName(d.DocumentInput), cited)}, Editing: slug, Form: documentForm(d)}
		return s.documentFormPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	s.redirect(w, r, site.EditorDocumentsPath, fmt.Sprintf(messages(r).Edit.DeletedNotice, documentName(d.DocumentInput)))
	return nil
}

// paragraphParams reads the document and paragraph number of a paragraph's address; a
// number that is not one finds nothing.
func paragraphParams(r *http.Request) (string, int, error) {
	slug, err := slugParam(r)
	if err != nil {
		return "", 0, err
	}
	n, ok := site.Positive(chi.URLParam(r, "n"))
	if !ok {
		return "", 0, notFound("%s", messages(r).ErrNothingHere)
	}
	return slug, n, nil
}

// paragraphPage renders a paragraph's form p, with its document as held.
func (s *Server) paragraphPage(w http.ResponseWriter, r *http.Request, status int, p view.ParagraphFormPage) error {
	d, err := s.store.EditedDocument(r.Context(), p.Document)
	if err != nil {
		return err
	}
	p.DocumentName, p.Lang = documentName(d.DocumentInput), d.Lang
	have := make([]string, 0, len(p.Form.Topics))
	for l := range p.Form.Topics {
		have = append(have, l)
	}
	p.Langs = view.TranslationLangs(d.Lang, have)
	path := site.EditorNewParagraphURL(p.Document)
	if p.Editing != 0 {
		path = site.EditorParagraphURL(p.Document, p.Editing)
	}
	return s.pageWith(w, r, status, path, view.ParagraphForm(p))
}

func (s *Server) serveNewParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	return s.paragraphPage(w, r, http.StatusOK, view.ParagraphFormPage{FormState: s.formState(r), Document: slug})
}

// heldParagraph finds paragraph n among the document's.
func heldParagraph(d store.EditedDocument, n int) (store.Paragraph, bool) {
	for _, p := range d.Paragraphs {
		if p.Number == n {
			return p, true
		}
	}
	return store.Paragraph{}, false
}

func (s *Server) serveEditParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, n, err := paragraphParams(r)
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	para, ok := heldParagraph(d, n)
	if !ok {
		return notFound("%s", messages(r).ErrNothingHere)
	}
	form := dataset.ParagraphForm{Number: strconv.Itoa(n), Topic: para.Topic, Text: para.Text, Topics: para.Topics}
	return s.paragraphPage(w, r, http.StatusOK, view.ParagraphFormPage{FormState: s.formState(r), Document: slug, Editing: n, Form: form})
}

// saveParagraph creates (editing 0) or updates a paragraph of the document from the posted
// form.
func (s *Server) saveParagraph(w http.ResponseWriter, r *http.Request, document string, editing int) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := dataset.ParagraphForm{Number: field(r, "number"), Topic: field(r, "topic"), Text: strings.TrimSpace(r.PostForm.Get("text")), Topics: map[string]string{}}
	if editing != 0 {
		f.Number = strconv.Itoa(editing)
	}
	for l, tr := range translations(r) {
		f.Topics[l] = tr["topic"]
	}
	page := view.ParagraphFormPage{FormState: view.FormState{User: editor(r)}, Document: document, Editing: editing, Form: f}
	p, err := dataset.CheckParagraph(r.Context(), s.store, document, editing == 0, f)
	if addProblems(r, err, &page.FormState) {
		return s.paragraphPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	if editing == 0 {
		err = s.store.CreateParagraph(r.Context(), editor(r).ID, document, p)
	} else {
		err = s.store.UpdateParagraph(r.Context(), editor(r).ID, document, p)
	}
	if errors.Is(err, store.ErrConflict) {
		// Another editor added the number since the check.
		page.Problems, page.Problem = view.Problems{"number": messages(r).Edit.RuleDuplicate}, messages(r).Accounts.FormProblems
		return s.paragraphPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	notice := messages(r).Edit.SavedNotice
	if editing == 0 {
		notice = messages(r).Edit.CreatedNotice
	}
	s.redirect(w, r, site.EditorParagraphURL(document, p.Number), fmt.Sprintf(notice, fmt.Sprintf(messages(r).Edit.ParagraphName, p.Number)))
	return nil
}

func (s *Server) createParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	return s.saveParagraph(w, r, slug, 0)
}

func (s *Server) updateParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, n, err := paragraphParams(r)
	if err != nil {
		return err
	}
	return s.saveParagraph(w, r, slug, n)
}

// deleteParagraph deletes a paragraph, or says why it cannot.
func (s *Server) deleteParagraph(w http.ResponseWriter, r *http.Request) error {
	slug, n, err := paragraphParams(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	m := messages(r).Edit
	err = s.store.DeleteParagraph(r.Context(), editor(r).ID, slug, n)
	if cited, ok := errors.AsType[*store.CitedError](err); ok {
		d, err := s.store.EditedDocument(r.Context(), slug)
		if err != nil {
			return err
		}
		para, _ := heldParagraph(d, n)
		page := view.ParagraphFormPage{
			FormState: view.FormState{User: editor(r), Problem: citedRefusal(r, fmt.Sprintf(m.ParagraphName, n), cited)},
			Document:  slug, Editing: n,
			Form: dataset.ParagraphForm{Number: strconv.Itoa(n), Topic: para.Topic, Text: para.Text, Topics: para.Topics},
		}
		return s.paragraphPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	s.redirect(w, r, site.EditorDocumentURL(slug), fmt.Sprintf(m.DeletedNotice, fmt.Sprintf(m.ParagraphName, n)))
	return nil
}

func (s *Server) serveEditorBodies(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r); err != nil {
		return err
	}
	bodies, err := s.store.EditorBodies(r.Context())
	if err != nil {
		return err
	}
	return s.page(w, r, site.EditorBodiesPath, view.EditorBodies(view.EditorBodiesPage{FormState: s.formState(r), Bodies: bodies}))
}

// bodyPage renders a body's form p, with the bodies it may be part of.
func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request, status int, p view.BodyFormPage) error {
	bodies, err := s.store.EditorBodies(r.Context())
	if err != nil {
		return err
	}
	p.Bodies = bodies
	path := site.EditorNewBodyPath
	if p.Editing != "" {
		path = site.EditorBodyURL(p.Editing)
		for _, b := range bodies {
			if b.Slug == p.Editing {
				p.Name = b.Name
			}
		}
	}
	have := make([]string, 0, len(p.Form.Translations))
	for l := range p.Form.Translations {
		have = append(have, l)
	}
	p.Langs = view.TranslationLangs(p.Form.Lang, have)
	return s.pageWith(w, r, status, path, view.BodyForm(p))
}

func (s *Server) serveNewBody(w http.ResponseWriter, r *http.Request) error {
	if err := noQuery(r); err != nil {
		return err
	}
	form := dataset.BodyForm{Kind: string(store.TreatyBody), Lang: "en"}
	return s.bodyPage(w, r, http.StatusOK, view.BodyFormPage{FormState: s.formState(r), Form: form})
}

func (s *Server) serveEditBody(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	b, err := s.store.EditedBody(r.Context(), slug)
	if err != nil {
		return err
	}
	form := dataset.BodyForm{Slug: b.Slug, Kind: string(b.Kind), Name: b.Name, ShortName: b.ShortName, Parent: b.Parent, Lang: b.Lang, Translations: b.Names}
	return s.bodyPage(w, r, http.StatusOK, view.BodyFormPage{FormState: s.formState(r), Editing: slug, Form: form})
}

// saveBody creates (editing "") or updates a body from the posted form.
func (s *Server) saveBody(w http.ResponseWriter, r *http.Request, editing string) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := dataset.BodyForm{
		Slug: field(r, "slug"), Kind: field(r, "kind"), Name: field(r, "name"), ShortName: field(r, "short_name"),
		Parent: field(r, "parent"), Lang: field(r, "lang"), Translations: map[string]store.BodyName{},
	}
	if editing != "" {
		f.Slug = editing
	}
	for l, tr := range translations(r) {
		f.Translations[l] = store.BodyName{Name: tr["name"], ShortName: tr["short_name"]}
	}
	page := view.BodyFormPage{FormState: view.FormState{User: editor(r)}, Editing: editing, Form: f}
	in, err := dataset.CheckBody(r.Context(), s.store, editing, f)
	if addProblems(r, err, &page.FormState) {
		return s.bodyPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	if editing == "" {
		err = s.store.CreateBody(r.Context(), editor(r).ID, f.Lang, in)
	} else {
		err = s.store.UpdateBody(r.Context(), editor(r).ID, editing, f.Lang, in)
	}
	if errors.Is(err, store.ErrConflict) {
		page.Problems, page.Problem = view.Problems{"slug": messages(r).Edit.RuleDuplicate}, messages(r).Accounts.FormProblems
		return s.bodyPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	notice := messages(r).Edit.SavedNotice
	if editing == "" {
		notice = messages(r).Edit.CreatedNotice
	}
	s.redirect(w, r, site.EditorBodyURL(in.Slug), fmt.Sprintf(notice, in.Name))
	return nil
}

func (s *Server) createBody(w http.ResponseWriter, r *http.Request) error {
	return s.saveBody(w, r, "")
}

func (s *Server) updateBody(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	return s.saveBody(w, r, slug)
}

// deleteBody deletes a body, or says why it cannot.
func (s *Server) deleteBody(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	b, err := s.store.EditedBody(r.Context(), slug)
	if err != nil {
		return err
	}
	err = s.store.DeleteBody(r.Context(), editor(r).ID, slug)
	if cited, ok := errors.AsType[*store.CitedError](err); ok {
		form := dataset.BodyForm{Slug: b.Slug, Kind: string(b.Kind), Name: b.Name, ShortName: b.ShortName, Parent: b.Parent, Lang: b.Lang, Translations: b.Names}
		page := view.BodyFormPage{FormState: view.FormState{User: editor(r), Problem: citedRefusal(r, b.Name, cited)}, Editing: slug, Form: form}
		return s.bodyPage(w, r, http.StatusUnprocessableEntity, page)
	}
	if err != nil {
		return err
	}
	s.redirect(w, r, site.EditorBodiesPath, fmt.Sprintf(messages(r).Edit.DeletedNotice, b.Name))
	return nil
}
