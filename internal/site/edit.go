package site

import (
	"net/url"
	"strconv"
)

// The paths of the editors' lists and forms, before any language prefix. A document's form
// is at its slug, which may hold dots, as on its public page. An item's form is at its
// list's path, its slug and /edit (so that an item may be called "new"); publishing and
// deleting it are posts to /publish and /delete beside it.
const (
	EditorDocumentsPath       = EditorPath + "/documents"
	EditorNewDocumentPath     = EditorDocumentsPath + "/new"
	EditorBodiesPath          = EditorPath + "/bodies"
	EditorNewBodyPath         = EditorBodiesPath + "/new"
	EditorCandidatesPath      = EditorPath + "/candidates"
	EditorActivityPath        = EditorPath + "/activity"
	EditorAdvancesPath        = EditorPath + "/advances"
	EditorRecommendationsPath = EditorPath + "/recommendations"
	EditorQuotesPath          = EditorPath + "/quotes"
	// NewItem ends the path of a form for a new item: /editor/advances/new.
	NewItem                = "/new"
	EditorNewAdvancePath   = EditorAdvancesPath + NewItem
	editorParagraphsFolder = "/paragraphs"
)

// The parameters of a new item's form, which pre-fill its document and, for an advance,
// its cited paragraph: /editor/advances/new?document=A-73-230&paragraph=14.
const (
	ParamEditDocument  = "document"
	ParamEditParagraph = "paragraph"
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
		ParamEditDocument:  {document},
		ParamEditParagraph: {strconv.Itoa(paragraph)},
	}.Encode()
}

// EditorItemURL is the form of the item with the given slug in the list at path.
func EditorItemURL(path, slug string) string { return path + "/" + url.PathEscape(slug) + "/edit" }

// EditorPublishURL publishes the item with the given slug in the list at path, or makes it a
// draft again.
func EditorPublishURL(path, slug string) string {
	return path + "/" + url.PathEscape(slug) + "/publish"
}

// EditorDeleteURL deletes the item with the given slug in the list at path.
func EditorDeleteURL(path, slug string) string { return path + "/" + url.PathEscape(slug) + "/delete" }
