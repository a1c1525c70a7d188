package store

import (
	"fmt"
	"time"
)

// BodyKind is what sort of actor a body is. The schema's CHECK on bodies.kind lists the same
// values; TestKindsMatchSchema keeps the two in step.
type BodyKind string

// Body kinds.
const (
	TreatyBody       BodyKind = "treaty-body"
	SpecialProcedure BodyKind = "special-procedure"
	CharterBody      BodyKind = "charter-body"
	Secretariat      BodyKind = "secretariat"
	State            BodyKind = "state"
	CivilSociety     BodyKind = "civil-society"
)

// BodyKinds lists the body kinds in the order pages list them.
func BodyKinds() []BodyKind {
	return []BodyKind{TreatyBody, SpecialProcedure, CharterBody, Secretariat, State, CivilSociety}
}

// DocumentKind is what sort of text a document is. The schema's CHECK on documents.kind lists
// the same values.
type DocumentKind string

// Document kinds.
const (
	Report         DocumentKind = "report"
	Resolution     DocumentKind = "resolution"
	Statement      DocumentKind = "statement"
	GeneralComment DocumentKind = "general-comment"
	News           DocumentKind = "news"
)

// DocumentKinds lists the document kinds.
func DocumentKinds() []DocumentKind {
	return []DocumentKind{Report, Resolution, Statement, GeneralComment, News}
}

// Precision is how much of a date is known; the schema's date_precision type has the same
// values. A date known only to its year is stored as 1 January of that year.
type Precision string

// Date precisions; the zero Precision means the date is unknown.
const (
	PrecisionYear  Precision = "year"
	PrecisionMonth Precision = "month"
	PrecisionDay   Precision = "day"
)

// Precisions lists the date precisions, coarsest first.
func Precisions() []Precision { return []Precision{PrecisionYear, PrecisionMonth, PrecisionDay} }

// FollowUpStatus is what has become of a recommendation. The schema's CHECK on
// recommendations.follow_up_status lists the same values; "" means nothing is known.
type FollowUpStatus string

// Follow-up statuses.
const (
	NotImplemented       FollowUpStatus = "not-implemented"
	InProgress           FollowUpStatus = "in-progress"
	PartiallyImplemented FollowUpStatus = "partially-implemented"
	Implemented          FollowUpStatus = "implemented"
)

// FollowUpStatuses lists the follow-up statuses, from nothing done to all done.
func FollowUpStatuses() []FollowUpStatus {
	return []FollowUpStatus{NotImplemented, InProgress, PartiallyImplemented, Implemented}
}

// Date is a day, month or year; the zero Date means unknown.
type Date struct {
	Time      time.Time
	Precision Precision
}

// Known reports whether the date is set.
func (d Date) Known() bool { return d.Precision != "" }

// dateLayouts are the ISO 8601 forms of a date at each precision.
var dateLayouts = map[Precision]string{PrecisionYear: "2006", PrecisionMonth: "2006-01", PrecisionDay: "2006-01-02"}

// ISO writes the date to its precision, as ISO 8601 does: 2015, 2015-06 or 2015-06-22; "" when
// unknown.
func (d Date) ISO() string {
	if !d.Known() {
		return ""
	}
	return d.Time.Format(dateLayouts[d.Precision])
}

// ParseDate reads a date written as ISO does to its precision: 2015, 2015-06 or 2015-06-22.
func ParseDate(s string) (Date, error) {
	for _, p := range Precisions() {
		if t, err := time.Parse(dateLayouts[p], s); err == nil {
			return Date{Time: t, Precision: p}, nil
		}
	}
	return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// Scan reads a date from the database's date_iso(day, precision): the database writes a date
// to its precision, so one column carries both.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		var err error
		*d, err = ParseDate(v)
		return err
	}
	return fmt.Errorf("store.Date: cannot scan %T", src)
}

// Body is a UN body or another actor: a State, an NGO.
type Body struct {
	Slug       string   `db:"slug"`
	Kind       BodyKind `db:"kind"`
	Name       string   `db:"name"`
	ShortName  string   `db:"short_name"`
	ParentSlug string   `db:"parent_slug"`
	ParentName string   `db:"parent_name"`
	ParentLang string   `db:"parent_lang"` // the language of ParentName
	Lang       string   `db:"lang"`        // the language of the names
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
	Why       string `json:"why"`      // why the link is unconfirmed, in WhyLang
	WhyLang   string `json:"why_lang"` // the data's language
	Lang      string `json:"lang"`     // the language of the names
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
	Advances int `db:"advances"`
}

// DocRef names a document from an item. Items read it as one JSON column; a Document's own
// columns carry the same names.
type DocRef struct {
	Slug      string `db:"slug" json:"slug"`
	Symbol    string `db:"symbol" json:"symbol"`
	Title     string `db:"title" json:"title"`
	TitleLang string `db:"title_lang" json:"title_lang"`
	URL       string `db:"url" json:"url"`
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
	TitleConfirmed  bool         `db:"title_confirmed"`
	TitleWhy        string       `db:"title_why"` // why the title is unconfirmed
	Kind            DocumentKind `db:"kind"`
	AuthorSlug      string       `db:"author_slug"`
	AuthorName      string       `db:"author_name"`
	AuthorLang      string       `db:"author_lang"` // the language of AuthorName
	Issued          Date         `db:"issued"`
	IssuedConfirmed bool         `db:"issued_confirmed"`
	IssuedWhy       string       `db:"issued_why"` // why the date of issue is unconfirmed
	WhyLang         string       `db:"why_lang"`   // the language of TitleWhy and IssuedWhy
	AboutURL        string       `db:"about_url"`
	Lang            string       `db:"lang"` // the language of its data
	Paragraphs      int          `db:"paragraphs"`
	Advances        int          `db:"advances"`
	// Supports is the number of items (advances, recommendations, quotes) it is the source of,
	// as Sources and Document give it; 0 in the lists of UN documents, which do not show it.
	Supports int `db:"supports"`
}

// Paragraph is a numbered paragraph of a document. Text may be empty: we may know only that
// the paragraph exists and what it is about.
type Paragraph struct {
	Number    int    `db:"number"`
	Topic     string `db:"topic"`
	TopicLang string `db:"topic_lang"` // the language of Topic, as read
	Text      string `db:"text"`
	// Topics is the topic in other languages, keyed by language, for import and export.
	Topics map[string]string `db:"topics"`
}

// Fact is something known about an item beyond its source, with whether a public page confirms it.
type Fact struct {
	Text      string `json:"text"`
	Confirmed bool   `json:"confirmed"`
	Why       string `json:"why"` // why it is unconfirmed: what the source says, what we inferred
	SourceURL string `json:"source_url"`
	Lang      string `json:"lang"` // the language of Text, as read
	// Texts is the text in other languages, keyed by language, for import and export.
	Texts map[string]string `json:"texts,omitempty"`
}

// Advance is a step forward that a document records.
type Advance struct {
	Slug           string `db:"slug"`
	Title          string `db:"title"`
	Summary        string `db:"summary"`
	Lang           string `db:"lang"`          // the language of Title and Summary
	OriginalLang   string `db:"original_lang"` // the language of the rest: facts
	Document       DocRef `db:"document"`
	Source         DocRef `db:"source"`
	Event          Date   `db:"event"`
	EventConfirmed bool   `db:"event_confirmed"`
	// EventWhy says why the date is unconfirmed or, when there is none, why; in EventWhyLang.
	EventWhy     string    `db:"event_why"`
	EventWhyLang string    `db:"event_why_lang"`
	Paragraphs   []int     `db:"paragraphs"`
	Bodies       []BodyRef `db:"bodies"`
	Facts        []Fact    `db:"facts"`
	Updated      time.Time `db:"updated_at"` // when the advance was last changed
}

// AdvanceLink is an advance as a document's page lists it under each paragraph it cites: its
// title, in Lang, linking to its own page.
type AdvanceLink struct {
	Slug       string `db:"slug"`
	Title      string `db:"title"`
	Lang       string `db:"lang"`
	Paragraphs []int  `db:"paragraphs"`
}

// Recommendation is what a document recommends.
type Recommendation struct {
	Slug       string    `db:"slug"`
	Title      string    `db:"title"`
	Text       string    `db:"text"`
	Lang       string    `db:"lang"` // the language of Title and Text
	Document   DocRef    `db:"document"`
	Source     DocRef    `db:"source"`
	Paragraphs []int     `db:"paragraphs"`
	Addressees []BodyRef `db:"addressees"`
	// What has become of it, as of FollowUpDate, as FollowUpSourceURL says; "" when unknown.
	FollowUpStatus    FollowUpStatus `db:"follow_up_status"`
	FollowUpDate      Date           `db:"follow_up_date"`
	FollowUpSourceURL string         `db:"follow_up_source_url"`
	Updated           time.Time      `db:"updated_at"` // when the recommendation last changed
}

// Quote is exact words with their speaker and where they were found.
type Quote struct {
	Slug                string `db:"slug"`
	Text                string `db:"text"`
	Lang                string `db:"lang"`          // the language the words were said in
	OriginalLang        string `db:"original_lang"` // the language of the rest: context, role
	Context             string `db:"context"`
	SpeakerName         string `db:"speaker_name"`
	SpeakerRole         string `db:"speaker_role"`
	SpeakerOrganisation string `db:"speaker_organisation"`
	Document            DocRef `db:"document"`
	Paragraph           int    `db:"paragraph"` // 0 when not known
	Source              DocRef `db:"source"`
	// SaidIn is where the words were said or written: Document itself, or Source (words
	// said to a news item). Paragraph is where they are in Document when said there, and
	// what they are about otherwise.
	SaidIn DocRef `db:"said_in"`
	// SpeakerBody is the slug of the body the speaker speaks for; "" for none known.
	SpeakerBody string    `db:"speaker_body"`
	Updated     time.Time `db:"updated_at"` // when the quote last changed
}

// InDocument reports whether the words are the document's own, as against said about it.
func (q Quote) InDocument() bool { return q.SaidIn.Slug == q.Document.Slug }

// Counts is how much the tracker holds.
type Counts struct {
	Documents       int `db:"documents"` // UN documents, not counting secondary sources
	Paragraphs      int `db:"paragraphs"`
	Advances        int `db:"advances"`
	Recommendations int `db:"recommendations"`
	Quotes          int `db:"quotes"`
	Bodies          int `db:"bodies"`
}
