package i18n

// EditMessages are the words of the editors' area: the forms and lists of documents,
// paragraphs, bodies, advances, recommendations and quotes, reports read from their text,
// candidate paragraphs and activity.
type EditMessages struct {
	// The editors' home: the tasks of this part of the editors' area.
	DocumentsLink  string
	DocumentsDesc  string
	BodiesLink     string
	BodiesDesc     string
	CandidatesLink string
	CandidatesDesc string
	ActivityLink   string
	ActivityDesc   string

	// Words that every form and list of this part shares.
	Save                string
	Create              string
	Delete              string
	EditLink            string
	None                string
	Draft               string
	Published           string
	StateDraft          string
	StatePublished      string
	Publish             string
	Unpublish           string
	PublishedNotice     string // an item's name
	UnpublishedNotice   string // an item's name
	SavedNotice         string // an item's name
	CreatedNotice       string // an item's name
	DeletedNotice       string // an item's name
	CitedRefusal        string // the item's name, the items that cite it
	NotFoundDocument    string // a slug
	TranslationsHeading string
	TranslationsLede    string
	Original            string
	LangField           string
	LangHint            string
	SlugField           string
	KindField           string
	Back                string // a page's name

	// The documents' list and form.
	DocumentsTitle       string
	DocumentsLede        string
	NewDocument          string
	NewDocumentTitle     string
	EditDocumentTitle    string // the document's symbol or title
	ColIssued            string
	SymbolField          string
	SymbolHint           string
	DocSlugHint          string
	TitleField           string
	AuthorField          string
	IssuedField          string
	IssuedHint           string
	URLField             string
	AboutURLField        string
	TitleConfirmedField  string
	TitleWhyField        string
	IssuedConfirmedField string
	IssuedWhyField       string
	DeleteDocumentLede   string
	ParagraphsHeading    string
	NoParagraphs         string
	NewParagraph         string
	ImportText           string
	PublicPage           string

	// A report from its text: the form, the preview and its warnings (reporttext.Warning).
	TextTitle         string // the document's symbol or title
	TextLede          string
	ReportTextField   string
	FileField         string
	PreviewButton     string
	SaveButton        string
	PreviewHeading    string
	WarningsHeading   string
	WarnGap           string // line, number, previous number, the missing numbers
	WarnFirstGap      string // line, number, the missing numbers
	WarnRange         string // the first and last missing number
	WarnDuplicate     string // line, number, first line
	WarnBackwards     string // line, number, previous number
	WarnEmpty         string // line, number
	WarnUnnumbered    string // line
	DuplicatesRefused string
	NoneFound         string
	TextMissing       string
	TextUnreadable    string
	FoundParagraphs   string // a count of paragraphs
	ChangesHeading    string
	WouldAdd          string // paragraph numbers
	WouldChange       string // paragraph numbers
	WouldRemove       string // paragraph numbers
	WouldKeep         string // a paragraph number, the items that cite it
	WouldLeave        string // a count of paragraphs
	TextSaved         string // the document, how many were added, changed and removed

	// The paragraph form.
	NewParagraphTitle   string // the document
	EditParagraphTitle  string // number, the document
	NumberField         string
	NumberHint          string
	TopicField          string
	TextField           string // an item's or a paragraph's text
	ParagraphName       string // a number
	DeleteParagraphLede string

	// The bodies' list and form.
	BodiesTitle    string
	BodiesLede     string
	NewBody        string
	NewBodyTitle   string
	EditBodyTitle  string // the body's name
	BodySlugHint   string
	NameField      string
	ShortNameField string
	ParentField    string
	DeleteBodyLede string

	// The candidate paragraphs.
	CandidatesTitle      string
	CandidatesLede       string
	CandidatesTotal      string // a count of paragraphs
	NoCandidates         string
	AdvanceFromParagraph string

	// The editors' activity.
	ActivityTitle string
	ActivityLede  string
	NotPublic     string

	// A problem beside a field, by the rule it breaks (dataset.Rule).
	RuleRequired      string
	RuleSlug          string
	RuleDocumentSlug  string // a document's slug
	RuleSymbolSlug    string // a symbol whose slug is not valid
	RuleKind          string
	RuleUnknown       string
	RuleDuplicate     string
	RuleURL           string
	RuleDate          string
	RuleLang          string
	RuleSameLang      string
	RuleReasonMissing string
	RuleReasonUnasked string
	RuleNoOriginal    string
	RuleCycle         string
	RuleNumber        string
	RuleParagraph     string
	RuleNoDate        string
	RuleSaidIn        string
	RuleOther         string

	// The lists of advances, recommendations and quotes, and the editors' home's links to
	// them.
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

	// The forms of advances, recommendations and quotes.
	EditTitle        string // the item's slug
	Document         string
	DocumentHint     string
	ItemSlugHint     string
	Summary          string
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
	BodyConfirmed    string
	Why              string
	Facts            string
	FactsHint        string
	Fact             string // the number of the row
	FactConfirmed    string
	SourceURL        string
	TranslationIn    string // the language's name
	Addressees       string
	FollowUp         string
	FollowUpHint     string
	FollowUpStatus   string
	FollowUpNone     string
	FollowUpDate     string
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
	ErrParagraphList string // a list of paragraph numbers that is not one
	DeleteItemLede   string
}

// FollowUpNames name a recommendation's follow-up statuses (store.FollowUpStatus).
type FollowUpNames struct {
	NotImplemented, InProgress, PartiallyImplemented, Implemented string
}
