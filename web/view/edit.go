package view

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Problems are a form's problems by field name, each in the reader's language.
type Problems map[string]string

// Of is the problem of the first of the named fields that has one.
func (p Problems) Of(names ...string) string {
	for _, n := range names {
		if msg, ok := p[n]; ok {
			return msg
		}
	}
	return ""
}

// FormState is what every editor's form page carries besides its fields.
type FormState struct {
	User     store.User
	Notice   string   // what the last change did
	Problem  string   // what is wrong with the form as a whole, above it
	Problems Problems // what is wrong beside each field, by the field's name
}

// TranslationLangs are the languages a form offers translations into: the interface's,
// but for the data's own, then any other that the item has already.
func TranslationLangs(original string, have []string) []string {
	var out []string
	for _, l := range i18n.Langs {
		if l.Code != original {
			out = append(out, l.Code)
		}
	}
	for _, code := range have {
		if code != original && !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

// ItemForm is what the forms of advances, recommendations and quotes share.
type ItemForm struct {
	FormState
	Slug      string // the item's slug; "" for a new item, whose slug is NewSlug
	NewSlug   string // as typed
	Document  string // as typed; fixed once the item exists
	Source    string
	Published bool
	// Langs are the languages an item's title and text may be translated into: the interface
	// languages but the document's.
	Langs  []string
	Bodies []store.Body // every body, for the fields that name bodies
}

// New reports whether the form adds an item.
func (f ItemForm) New() bool { return f.Slug == "" }

// BodyRow is a body an advance names, as its form row holds it.
type BodyRow struct {
	Slug      string
	Confirmed bool
	Why       string
}

// FactRow is a fact of an advance, as its form row holds it.
type FactRow struct {
	Text, Why, SourceURL string
	Confirmed            bool
	Texts                map[string]string // its translations, by language
}

// TranslationRow is an item's title and text (an advance's summary, with its date's reason)
// in another language.
type TranslationRow struct {
	Title, Text, Why string
}

// AdvanceForm is the form of an advance, as first shown or as sent back with its problems.
type AdvanceForm struct {
	ItemForm
	Title, Summary string
	Paragraphs     string // as typed: 14, 15
	Date, DateWhy  string
	DateConfirmed  bool
	BodyRows       []BodyRow
	Facts          []FactRow
	Translations   map[string]TranslationRow
}

// RecommendationForm is the form of a recommendation.
type RecommendationForm struct {
	ItemForm
	Title, Text       string
	Paragraphs        string
	Addressees        []string
	FollowUpStatus    store.FollowUpStatus
	FollowUpDate      string
	FollowUpSourceURL string
	Translations      map[string]TranslationRow
}

// QuoteForm is the form of a quote.
type QuoteForm struct {
	ItemForm
	Text, Context, SaidIn, Lang                   string
	SpeakerName, SpeakerRole, SpeakerOrganisation string
	SpeakerBody                                   string
	Paragraph                                     string // as typed
}

// ItemListPage is an editor's list of advances, recommendations or quotes, drafts included.
type ItemListPage struct {
	FormState
	Type        store.ItemType
	List        store.EditorItemList
	Page, Pages int
}

// editorPath is the path of the editors' list of items of type t.
func editorPath(t store.ItemType) string {
	switch t {
	case store.RecommendationItem:
		return site.EditorRecommendationsPath
	case store.QuoteItem:
		return site.EditorQuotesPath
	}
	return site.EditorAdvancesPath
}

// publicPath is the public page of the item of type t with the given slug, of the given
// document.
func publicPath(t store.ItemType, document, slug string) string {
	switch t {
	case store.RecommendationItem:
		return site.RecommendationURL(slug)
	case store.QuoteItem:
		return site.QuoteURL(document, slug)
	}
	return site.AdvanceURL(slug)
}

func listTitle(ctx context.Context, it store.ItemType) string {
	m := t(ctx).Edit
	switch it {
	case store.RecommendationItem:
		return m.RecommendationsTitle
	case store.QuoteItem:
		return m.QuotesTitle
	}
	return m.AdvancesTitle
}

func newTitle(ctx context.Context, it store.ItemType) string {
	m := t(ctx).Edit
	switch it {
	case store.RecommendationItem:
		return m.NewRecommendation
	case store.QuoteItem:
		return m.NewQuote
	}
	return m.NewAdvance
}

// statusName names a follow-up status in the reader's language.
func statusName(names i18n.FollowUpNames, s store.FollowUpStatus) string {
	switch s {
	case store.NotImplemented:
		return names.NotImplemented
	case store.InProgress:
		return names.InProgress
	case store.PartiallyImplemented:
		return names.PartiallyImplemented
	case store.Implemented:
		return names.Implemented
	}
	return string(s)
}

// langName is a language's name in itself where the interface speaks it, else its code.
func langName(code string) string {
	if l, ok := i18n.ByCode(code); ok {
		return l.Name
	}
	return code
}

// described marks the field id as invalid and points at its problem and its hint, where
// it has them.
func described(id, problem string, hint bool) templ.Attributes {
	a := templ.Attributes{}
	by := ""
	if problem != "" {
		a["aria-invalid"] = "true"
		by = id + "-problem"
	}
	if hint {
		by = strings.TrimSpace(by + " " + id + "-hint")
	}
	if by != "" {
		a["aria-describedby"] = by
	}
	return a
}

// RowField names the field of row i of a list of rows in a form: bodies-0-why.
func RowField(list string, i int, field string) string {
	return list + "-" + strconv.Itoa(i) + "-" + field
}
