package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/reporttext"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// maxTextBody bounds the body of the text form: a report's text, pasted or as a file, and
// the few fields around it. UN reports run to a few hundred kilobytes of plain text.
const maxTextBody = 2 << 20

// parseTextForm reads the text form's multipart body: too large is a 413, malformed a 400.
func parseTextForm(r *http.Request) error {
	m := messages(r)
	if err := r.ParseMultipartForm(maxTextBody); err != nil {
		if mbe, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return &httpError{status: http.StatusRequestEntityTooLarge, message: fmt.Sprintf(m.Accounts.ErrTooLarge, mbe.Limit>>10)}
		}
		return badRequest("%s", m.Accounts.ErrMalformedForm)
	}
	return nil
}

// textPage renders the text page p of the document with the given slug.
func (s *Server) textPage(w http.ResponseWriter, r *http.Request, status int, slug string, p view.TextPage) error {
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	p.Document, p.DocumentName, p.Lang = slug, documentName(d.DocumentInput), d.Lang
	return s.pageWith(w, r, status, site.EditorDocumentTextURL(slug), view.Text(p))
}

func (s *Server) serveDocumentText(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := noQuery(r); err != nil {
		return err
	}
	return s.textPage(w, r, http.StatusOK, slug, view.TextPage{FormState: s.formState(r)})
}

// postedText is the report's text the form sends: the file chosen if there is one, else the
// text pasted. Either must be UTF-8 without NUL, as import-text requires.
func postedText(r *http.Request) (text, field string, err error) {
	f, _, err := r.FormFile("file")
	switch {
	case errors.Is(err, http.ErrMissingFile):
		text, field = r.FormValue("text"), "text"
	case err != nil:
		return "", "", err
	default:
		defer f.Close()
		field = "file"
		data, err := dataset.ReadText("file", f, dataset.Options{MaxSize: maxTextBody})
		if err != nil {
			return "", field, err
		}
		text = string(data)
	}
	if _, err := dataset.ReadText(field, strings.NewReader(text), dataset.Options{MaxSize: maxTextBody}); err != nil {
		return "", field, err
	}
	return text, field, nil
}

// documentText previews a report's text for the document, or saves its paragraphs, as the
// button pressed says. A text that cannot be saved (unreadable, no paragraph, a number twice)
// comes back with 422 and what is wrong; a preview with 200; a save redirects to the
// document's form.
func (s *Server) documentText(w http.ResponseWriter, r *http.Request) error {
	slug, err := slugParam(r)
	if err != nil {
		return err
	}
	if err := parseTextForm(r); err != nil {
		return err
	}
	m := messages(r)
	action := r.FormValue("action")
	if action != "preview" && action != "save" {
		return badRequest("%s", m.Accounts.ErrMalformedForm)
	}
	p := view.TextPage{FormState: view.FormState{User: editor(r)}}
	text, field, err := postedText(r)
	if _, ok := errors.AsType[*dataset.ValidationError](err); ok {
		p.Problem, p.Problems = m.Accounts.FormProblems, view.Problems{field: m.Edit.TextUnreadable}
		return s.textPage(w, r, http.StatusUnprocessableEntity, slug, p)
	}
	if err != nil {
		return badRequest("%s", m.Accounts.ErrMalformedForm)
	}
	p.Text = text
	if strings.TrimSpace(text) == "" {
		p.Problem, p.Problems = m.Accounts.FormProblems, view.Problems{"text": m.Edit.TextMissing}
		return s.textPage(w, r, http.StatusUnprocessableEntity, slug, p)
	}
	report := reporttext.Parse(text)
	p.Preview = &view.TextPreview{Report: report}
	switch {
	case len(report.Paragraphs) == 0:
		p.Problem = m.Edit.NoneFound
		return s.textPage(w, r, http.StatusUnprocessableEntity, slug, p)
	case len(report.Duplicates()) > 0:
		p.Problem = m.Edit.DuplicatesRefused
		return s.textPage(w, r, http.StatusUnprocessableEntity, slug, p)
	}
	ps := make([]store.ParagraphText, len(report.Paragraphs))
	for i, para := range report.Paragraphs {
		ps[i] = store.ParagraphText{Number: para.Number, Text: para.Text}
	}
	if action == "preview" {
		if p.Preview.Changes, err = s.store.PreviewParagraphTexts(r.Context(), slug, ps); err != nil {
			return err
		}
		p.Preview.CanSave = true
		return s.textPage(w, r, http.StatusOK, slug, p)
	}
	changes, err := s.store.ReplaceParagraphTexts(r.Context(), store.Editor(editor(r).ID), slug, ps)
	if err != nil {
		return err
	}
	d, err := s.store.EditedDocument(r.Context(), slug)
	if err != nil {
		return err
	}
	s.redirect(w, r, site.EditorDocumentURL(slug), fmt.Sprintf(m.Edit.TextSaved, documentName(d.DocumentInput),
		len(changes.Added), len(changes.Changed), len(changes.Removed)))
	return nil
}

// candidatesPerPage is how many paragraphs a page of candidates shows.
const candidatesPerPage = 20

// serveCandidates serves a page of the paragraphs that may record advances.
func (s *Server) serveCandidates(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.ParamPage)
	if err != nil {
		return err
	}
	p := view.CandidatesPage{FormState: s.formState(r), Page: max(q.Page, 1)}
	if p.List, err = s.store.Candidates(r.Context(), candidatesPerPage, (p.Page-1)*candidatesPerPage); err != nil {
		return err
	}
	if p.Page > 1 && len(p.List.Candidates) == 0 {
		return notFound("%s", messages(r).ErrNothingHere)
	}
	p.Pages = pages(p.List.Total, candidatesPerPage)
	return s.page(w, r, q.URL(site.EditorCandidatesPath), view.Candidates(p))
}

// serveActivity serves a page of every change, drafts included, naming the editors.
func (s *Server) serveActivity(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.ParamPage)
	if err != nil {
		return err
	}
	p := view.ActivityPage{FormState: s.formState(r), Page: max(q.Page, 1)}
	if p.List, err = s.store.Changes(r.Context(), store.ChangeFilter{
		Drafts: true, Limit: changesPerPage, Offset: (p.Page - 1) * changesPerPage,
	}); err != nil {
		return err
	}
	if p.Page > 1 && len(p.List.Changes) == 0 {
		return notFound("%s", messages(r).ErrNothingHere)
	}
	p.Pages = pages(p.List.Total, changesPerPage)
	return s.page(w, r, q.URL(site.EditorActivityPath), view.Activity(p))
}
