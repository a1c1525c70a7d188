package i18n

// EditMessages are the words of the editors' forms for advances, recommendations and quotes,
// and of their lists.
type EditMessages struct {
	// The lists, and the editors' home's links to them.
	AdvancesTitle        string
	RecommendationsTitle string
	QuotesTitle          string
	ListLede             string
	ListNone             string
	AdvancesDesc         string
	RecommendationsDesc  string
	QuotesDesc           string
	NewAdvance           string
	NewRecommendation    string
	NewQuote             string
	ColUpdated           string
	Draft                string
	Published            string

	// The forms.
	EditTitle        string // the item's name
	StateDraft       string
	StatePublished   string
	SeePublic        string
	Document         string
	DocumentHint     string
	Slug             string
	SlugHint         string
	Title            string
	Summary          string
	Text             string
	Source           string
	SourceHint       string
	Paragraphs       string
	ParagraphsHint   string
	Date             string
	DateHint         string
	DateConfirmed    string
	Confirmed        string
	Unconfirmed      string
	DateWhy          string
	Bodies           string
	BodiesHint       string
	Body             string // the number of the row
	NoBody           string
	BodyConfirmed    string
	Why              string
	Facts            string
	FactsHint        string
	Fact             string // the number of the row
	FactText         string
	FactConfirmed    string
	SourceURL        string
	Translations     string
	TranslationsHint string
	TranslationIn    string // the language's name
	Addressees       string
	FollowUp         string
	FollowUpHint     string
	FollowUpStatus   string
	FollowUpNone     string
	FollowUpDate     string
	FollowUpSource   string
	FollowUpAsOf     string // on a recommendation's page: the status, the date
	Statuses         FollowUpNames
	QuoteText        string
	Context          string
	SpeakerName      string
	SpeakerRole      string
	SpeakerOrg       string
	SpeakerBody      string
	SaidIn           string
	SaidInHint       string
	Paragraph        string
	ParagraphHint    string
	QuoteLang        string
	QuoteLangHint    string
	Create           string
	Save             string
	Publish          string
	Unpublish        string
	Delete           string
	Created          string // the item's slug
	Updated          string // the item's slug
	PublishedNow     string // the item's slug
	Unpublished      string // the item's slug
	Deleted          string // the item's slug

	// Problems beside the fields: what the form reads before the import's rules, and each
	// rule that those rules apply (dataset.Rule).
	ErrDocumentUnknown string
	ErrSlugTaken       string
	ErrParagraphList   string
	ErrNumber          string
	Rules              RuleMessages
}

// FollowUpNames name a recommendation's follow-up statuses (store.FollowUpStatus).
type FollowUpNames struct {
	NotImplemented, InProgress, PartiallyImplemented, Implemented string
}

// RuleMessages say what each of the import's rules asks, beside the field that breaks it.
type RuleMessages struct {
	Required, Form, Kind, Duplicate, Unknown, Paragraph, URL, Date, NoDate string
	ReasonMissing, ReasonExtra, Lang, Translation, SaidIn, Other           string
}
