package store

import "time"

// Body kinds, in the order pages list them.
var BodyKinds = []string{"treaty-body", "special-procedure", "charter-body", "secretariat", "state", "civil-society"}

// Document kinds.
var DocumentKinds = []string{"report", "resolution", "statement", "general-comment", "news"}

// Date precisions: a date known only to its year is stored as 1 January of that year.
const (
	PrecisionYear  = "year"
	PrecisionMonth = "month"
	PrecisionDay   = "day"
)

// Date is a day, month or year; the zero Date means unknown.
type Date struct {
	Time      time.Time
	Precision string
}

// Known reports whether the date is set.
func (d Date) Known() bool { return d.Precision != "" }

// ISO writes the date to its precision, as ISO 8601 does: 2015, 2015-06 or 2015-06-22; "" when
// unknown.
func (d Date) ISO() string {
	switch d.Precision {
	case PrecisionYear:
		return d.Time.Format("2006")
	case PrecisionMonth:
		return d.Time.Format("2006-01")
	case PrecisionDay:
		return d.Time.Format("2006-01-02")
	}
	return ""
}

// Body is a UN body or another actor: a State, an NGO.
type Body struct {
	Slug       string `json:"slug"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	ShortName  string `json:"short_name"`
	ParentSlug string `json:"parent_slug"`
	ParentName string `json:"parent_name"`
	Lang       string `json:"lang"` // the language of the names
}

// Label is the body's short name where it has one.
func (b Body) Label() string {
	if b.ShortName != "" {
		return b.ShortName
	}
	return b.Name
}

// BodyRef is a body as linked from an item; Confirmed is false where the link is inferred.
type BodyRef struct {
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Confirmed bool   `json:"confirmed"`
	Lang      string `json:"lang"` // the language of the names
}

// Label is the body's short name where it has one.
func (b BodyRef) Label() string {
	if b.ShortName != "" {
		return b.ShortName
	}
	return b.Name
}

// BodyCount is a body with the number of advances it or its descendants record.
type BodyCount struct {
	Body
	Advances int
}

// DocRef names a document from an item.
type DocRef struct {
	Slug      string
	Symbol    string
	Title     string
	TitleLang string
	URL       string
}

// Label is the symbol where the UN gave one, else the title.
func (d DocRef) Label() string {
	if d.Symbol != "" {
		return d.Symbol
	}
	return d.Title
}

// Document is a UN document or a secondary source.
type Document struct {
	DocRef
	TitleConfirmed  bool
	Kind            string
	AuthorSlug      string
	AuthorName      string
	Issued          Date
	IssuedConfirmed bool
	AboutURL        string
	Lang            string // the language of its data: paragraph topics, author name
	Paragraphs      int
	Advances        int
}

// Paragraph is a numbered paragraph of a document. Text may be empty: we may know only that
// the paragraph exists and what it is about.
type Paragraph struct {
	Number int
	Topic  string
	Text   string
}

// Fact is something known about an item beyond its source, with whether a public page confirms it.
type Fact struct {
	Text      string `json:"text"`
	Confirmed bool   `json:"confirmed"`
	SourceURL string `json:"source_url"`
}

// Advance is a step forward that a document records.
type Advance struct {
	Slug           string
	Title          string
	Summary        string
	Lang           string // the language of Title and Summary
	OriginalLang   string // the language of the rest: facts
	Document       DocRef
	Source         DocRef
	Event          Date
	EventConfirmed bool
	Paragraphs     []int
	Bodies         []BodyRef
	Facts          []Fact
	Updated        time.Time // when the advance was last changed
}

// Recommendation is what a document recommends.
type Recommendation struct {
	Slug       string
	Title      string
	Text       string
	Lang       string // the language of Title and Text
	Document   DocRef
	Source     DocRef
	Paragraphs []int
	Addressees []BodyRef
}

// Quote is exact words with their speaker and where they were found.
type Quote struct {
	Slug                string
	Text                string
	Lang                string // the language the words were said in
	OriginalLang        string // the language of the rest: context, role
	Context             string
	SpeakerName         string
	SpeakerRole         string
	SpeakerOrganisation string
	Document            DocRef
	Paragraph           int // 0 when not known
	Source              DocRef
}

// Counts is how much the tracker holds.
type Counts struct {
	Documents       int
	Paragraphs      int
	Advances        int
	Recommendations int
	Quotes          int
	Bodies          int
}
