package site

import (
	"net/url"
	"strconv"
)

// The paths of the editors' documents, paragraphs, bodies, candidates and activity, before
// any language prefix. A document's slug may hold dots, as on its public page.
const (
	EditorDocumentsPath    = EditorPath + "/documents"
	EditorNewDocumentPath  = EditorDocumentsPath + "/new"
	EditorBodiesPath       = EditorPath + "/bodies"
	EditorNewBodyPath      = EditorBodiesPath + "/new"
	EditorCandidatesPath   = EditorPath + "/candidates"
	EditorActivityPath     = EditorPath + "/activity"
	EditorNewAdvancePath   = EditorPath + "/advances/new"
	ParamAdvanceDocument   = "document"  // the new advance form's document
	ParamAdvanceParagraph  = "paragraph" // the new advance form's cited paragraph
	editorParagraphsFolder = "/paragraphs"
)

// EditorDocumentURL is the form of the document with the given slug.
func EditorDocumentURL(slug string) string { return EditorDocumentsPath + "/" + url.PathEscape(slug) }

// EditorDocumentTextURL is the page that reads the document's paragraphs from its text.
func EditorDocumentTextURL(slug string) string { return EditorDocumentURL(slug) + "/text" }

// EditorDocumentActionURL is where the document's form posts action: "publish", "delete".
func EditorDocumentActionURL(slug, action string) string {
	return EditorDocumentURL(slug) + "/" + action
}

// EditorParagraphsURL is where a new paragraph of the document is posted.
func EditorParagraphsURL(slug string) string { return EditorDocumentURL(slug) + editorParagraphsFolder }

// EditorNewParagraphURL is the form of a new paragraph of the document.
func EditorNewParagraphURL(slug string) string { return EditorParagraphsURL(slug) + "/new" }

// EditorParagraphURL is the form of paragraph n of the document.
func EditorParagraphURL(slug string, n int) string {
	return EditorParagraphsURL(slug) + "/" + strconv.Itoa(n)
}

// EditorBodyURL is the form of the body with the given slug.
func EditorBodyURL(slug string) string { return EditorBodiesPath + "/" + url.PathEscape(slug) }

// NewAdvanceURL is the new advance form, filled in with the document and the paragraph it
// cites: /editor/advances/new?document=A-73-230&paragraph=14.
func NewAdvanceURL(document string, paragraph int) string {
	return EditorNewAdvancePath + "?" + url.Values{
		ParamAdvanceDocument:  {document},
		ParamAdvanceParagraph: {strconv.Itoa(paragraph)},
	}.Encode()
}
