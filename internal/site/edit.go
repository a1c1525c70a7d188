package site

// The editors' lists and forms of advances, recommendations and quotes, before any language
// prefix. An item's form is at its list's path, its slug and /edit (so that an item may be
// called "new"); publishing and deleting it are posts to /publish and /delete beside it.
const (
	EditorAdvancesPath        = "/editor/advances"
	EditorRecommendationsPath = "/editor/recommendations"
	EditorQuotesPath          = "/editor/quotes"
	// NewItem ends the path of a form for a new item: /editor/advances/new.
	NewItem = "/new"
)

// The parameters of a new advance's form, which pre-fill its document and cited paragraph:
// /editor/advances/new?document=A-73-230&paragraph=14.
const (
	ParamEditDocument  = "document"
	ParamEditParagraph = "paragraph"
)

// EditorItemURL is the form of the item with the given slug in the list at path.
func EditorItemURL(path, slug string) string { return path + "/" + slug + "/edit" }

// EditorPublishURL publishes the item with the given slug in the list at path, or makes it a
// draft again.
func EditorPublishURL(path, slug string) string { return path + "/" + slug + "/publish" }

// EditorDeleteURL deletes the item with the given slug in the list at path.
func EditorDeleteURL(path, slug string) string { return path + "/" + slug + "/delete" }
