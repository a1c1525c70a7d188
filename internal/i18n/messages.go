package i18n

// Messages holds every interface string in one language. Text with %s or %d takes values in
// order; a translation may reorder them with %[2]s. A Plural picks its form by a count.
// Leaving a field empty in any language fails the tests.
type Messages struct {
	// Layout
	SiteName        string
	SiteDescription string
	SkipToContent   string
	MainNav         string
	NavDocuments    string
	NavAdvances     string
	NavRecs         string
	NavQuotes       string
	NavBodies       string
	Footer          string
	LanguageNav     string
	PrintedFrom     string // site address; shown on paper only
	SuggestLanguage string // offers this page in the reader's language, written in that language

	// Shared pieces
	Comma           string // between the items of a list in running text
	Unconfirmed     string
	NotKnown        string
	NoParagraph     string
	ParaLink        string // "para. %d"
	Citation        string // "%s, para. %d"
	Cite            string
	CiteLabel       string // before a citation in running text: "Cite:"
	NotTranslated   string // marks text shown in its original language
	QuotedIn        string
	WhereSaid       string // the context of a quote before the place it was said: "In the conclusions:"
	Source          string
	About           string
	Paragraphs      string
	AdvancesHeading string
	RecsHeading     string
	QuotesHeading   string
	CopyCitation    string
	Copied          string
	AdvanceCount    Plural
	DocumentCount   Plural
	RecCount        Plural
	QuoteCount      Plural
	BodyCount       Plural
	ParagraphCount  Plural
	Months          [12]string
	DateDay         string // day, month name, year
	DateMonth       string // month name, year
	BodyKinds       BodyKindNames
	BodyKindsPlural BodyKindNames
	DocumentKinds   DocumentKindNames

	// Home
	HomeTitle       string
	HomeLede        string
	LatestDocuments string
	LatestAdvances  string // a body's page: the advances last added
	AdvancesByBody  string
	AdvancesByYear  string

	// Charts
	ChartBodiesTitle    string
	ChartBodiesDesc     string
	ChartYearsTitle     string
	ChartYearsDesc      string
	ChartBodyColumn     string
	ChartYearColumn     string
	ChartAdvancesColumn string
	ChartShowTable      string
	ChartNoAdvances     string
	ChartNoDates        string
	ChartUnconfirmed    string
	ResultsHeading      string

	// Documents
	DocumentsTitle   string
	DocumentsLede    string
	Author           string
	Issued           string
	OfficialText     string
	AboutIt          string
	TitleUnconfirmed string
	ParagraphsHeld   Plural
	ParagraphHeading string // "Paragraph %d"
	TopicsNote       string
	MissingText      string
	ReadOfficial     string
	UncitedHeading   string
	UncitedNote      string
	QuotesAboutDoc   string
	ParagraphTitle   string // "%s, paragraph %d"
	CitationReady    string
	SeeInDocument    string

	// Advances
	AdvancesTitle     string
	AdvancesLede      string
	FilterBody        string
	FilterCompare     string // a second body to list the advances of, beside the first
	CompareNone       string
	FilterDocument    string
	FilterSort        string
	AllBodies         string
	AllDocuments      string
	SortParagraph     string
	SortDate          string
	Apply             string
	ActiveFilters     string
	RemoveBody        string // "Body: %s"
	RemoveDocument    string // "Document: %s"
	RemoveFilterLabel string // "Remove filter: %s"
	ClearAll          string
	NoMatch           string
	SeeAllAdvances    string
	PagesNav          string
	PreviousPage      string
	NextPage          string
	PageOf            string // "Page %d of %d"
	FirstPage         string
	// AdvanceCountMore and SearchCountMore say that more match than a list counts: the number.
	AdvanceCountMore string
	SearchCountMore  string
	// MoreFollow follows the count of a page's items when more are on the next pages.
	MoreFollow string
	// ListCut says that a list on a page shows only its first items: their number.
	ListCut           string
	SeeAll            string // after ListCut: the link to the whole list, page by page
	Download          string // before the links to the list as CSV and JSON
	DownloadCSV       string
	DownloadJSON      string
	FeedLink          string // the link to the list's Atom feed
	FeedTitle         string // the feed's title
	FeedTitleFiltered string // a filtered feed's title: the title, then the filters
	FollowLink        string // the link from a list to its Follow page
	FollowTitle       string
	FollowLede        string // what a feed is and how to use one
	FollowFeeds       string
	FollowFiltered    string // a feed of advances with filters: the filters' names
	FollowAll         string
	FollowCopy        string // the label of a feed's address, to copy
	RecordedIn        string
	BodiesAndActors   string
	EventDate         string
	AlsoKnown         string
	Provenance        string
	ProvenanceText    string // source label, document label

	// Recommendations and quotes
	RecsTitle      string
	RecsLede       string
	MadeIn         string
	AddressedTo    string
	RecWordingNote string
	QuotesTitle    string
	QuotesLede     string

	// Bodies
	BodiesTitle     string
	BodiesLede      string
	PartOf          string // "part of %s"
	Members         string
	NoAdvancesByIt  string
	AdvancesFilters string // "%s, with filters"
	RecsAddressed   string

	// Errors: titles, then messages; %s values are what the reader gave.
	ErrBadRequestTitle  string
	ErrNotFoundTitle    string
	ErrMethodTitle      string
	ErrUnavailableTitle string
	ErrInternalTitle    string
	ErrNoPage           string
	ErrTooLong          string
	ErrMethod           string
	ErrNothingHere      string
	ErrUnavailable      string
	ErrBusy             string // every render slot stayed taken for as long as the request could wait
	ErrInternal         string
	ErrMalformedQuery   string
	ErrNoParameters     string
	ErrUnknownParameter string // parameter, list of known ones
	ErrRepeated         string // parameter
	ErrTooManyBodies    string // the most bodies a list compares
	ErrBadSort          string
	ErrBadPage          string
	// ErrPageNumbers answers an old ?page= link to a list that now pages by cursor: the URL
	// of its first page.
	ErrPageNumbers string
	// ErrBadCursor answers a page address whose "after" was damaged: the URL of the first page.
	ErrBadCursor       string
	ErrUnknownBody     string
	ErrUnknownDocument string
	ErrNoDocument      string
	ErrBadParagraph    string // given, document slug
	ErrNoParagraph     string // document label, number
	ErrNoBody          string
	ErrBadLang         string // given, list of codes
	ErrWaysOn          string // before the links to the front page and lists
	FrontPage          string

	// Search.
	SearchLabel         string // the search box's label
	SearchButton        string
	SearchTitle         string
	SearchTitleFor      string // the results' title: "Search: %s"
	SearchLede          string
	SearchTipsHeading   string
	SearchTipWords      string
	SearchTipPhrase     string
	SearchTipOr         string
	SearchTipExclude    string
	SearchTipSymbol     string
	SearchKindNav       string // the label of the links to each kind of result
	SearchAllKinds      string
	SearchKindsPlural   SearchKindNames
	SearchKinds         SearchKindNames
	SearchResultCount   Plural
	SearchNoResults     string // the words searched
	SearchNoResultsHint string
	// SearchSampledNone says that words each frequent were looked for together in the first
	// texts of each kind only, and none of those matched: the words searched.
	SearchSampledNone  string
	SearchDownload     string // before the links to the results as CSV and JSON
	ErrSearchTooLong   string // the longest search, in characters
	ErrSearchMalformed string
	ErrBadKind         string // given, list of kinds
	ErrSearchPastLast  string // page number, URL of the first page
	ErrSearchNoQuery   string // an example address
	// Citations and data.
	CiteHeading     string
	CiteShortLabel  string
	CiteFullLabel   string
	CiteDownloads   string
	CiteDocument    string
	CiteParagraph   string // "para. %d", in a full reference
	CiteAccessed    string // "accessed %s": the date the reader read it
	CiteFullMore    string // a link to a paragraph's page, where its full reference is
	CiteDataSet     string
	CiteDataSetText string // tracker's name, date of the data's last change, its address
	DataHeading     string
	DownloadYAML    string
	APIDocs         string
	// Provenance.
	UnconfirmedWhy string // marks an unconfirmed value with its reason: "(unconfirmed: %s)"
	NotKnownWhy    string // a date that is not known, with why: "not known: %s"
	Original       string // the link to a source's original text
	FactSource     string // the link to the page that states a fact
	FactItemSource string // a fact that names no page: "(source: %s, the advance’s source)"
	SaidIn         string // where a quote's words were said: "said in %s"
	SaidAbout      string // what words said elsewhere are about: "about %s"
	SourcesNote    string // the link from the documents to the secondary sources
	SourcesTitle   string
	SourcesLede    string
	SourceOf       string // the heading over what the tracker takes from a source
	SourceOfCount  Plural // items taken from a source

	// Quotes and bodies.
	FilterSpeaker          string
	AllSpeakers            string
	FilterOrganisation     string
	AllOrganisations       string
	RemoveSpeaker          string // an active filter's chip: "Speaker: %s"
	RemoveOrganisation     string
	ErrUnknownSpeaker      string
	ErrUnknownOrganisation string
	QuoteSpeaker           string // a speaker and their role and organisation: "%s (%s)"
	QuoteCitation          string // a quote's citation: speaker, then where we read it and its address
	CiteQuote              string
	NoQuotesMatch          string
	SeeAllQuotes           string
	RecsFeedTitle          string
	QuotesFeedTitle        string
	FollowRecs             string
	FollowQuotes           string
	DocumentsWritten       string // a body's page: the documents it or a body under it wrote
	QuotesByPeople         string // a body's page: the quotes of those who speak for it or a body under it

	// Accounts: signing in, the editors' area and its guards.
	Accounts AccountMessages
	// Edit: the editors' area past its accounts: its forms, lists, texts, candidates and activity.
	Edit EditMessages
	// History and Recent changes.
	HistoryLink      string // on an item's page, the link to its History
	HistoryTitle     string // the item's name
	HistoryLede      string
	HistoryNone      string
	ChangesTitle     string
	ChangesLede      string
	ChangesNone      string
	ChangesFeedTitle string
	ChangesLink      string // the footer's link to Recent changes
	ChangeBy         string // what was done, who did it: "Changed by the import"
	ByImport         string // who made a change: the importer
	ByEditor         string // who made a change: an editor, named where the tracker names editors
	ChangeBefore     string // before a field's old value
	ChangeAfter      string // before a field's new value
	ChangeActions    ActionNames
	ItemTypes        ItemTypeNames
}

// ActionNames names what a change did (store.Action); the view picks the field.
type ActionNames struct {
	Create, Update, Delete, Publish, Unpublish string
}

// ItemTypeNames names each kind of item a change is about (store.ItemType).
type ItemTypeNames struct {
	Body, Document, Paragraph, Advance, Recommendation, Quote string
}

// Plural is a message with a form for each plural category of CLDR; languages use the forms
// their rules name, and each form may hold %s for the formatted count.
type Plural struct {
	Zero, One, Two, Few, Many, Other string
}

// BodyKindNames names each kind of body (store.BodyKind); the view picks the field.
type BodyKindNames struct {
	TreatyBody, SpecialProcedure, CharterBody, Secretariat, State, CivilSociety string
}

// DocumentKindNames names each kind of document (store.DocumentKind); the view picks the field.
type DocumentKindNames struct {
	Report, Resolution, Statement, GeneralComment, News string
}

// SearchKindNames names each kind of search result (store.SearchKind); the view picks the field.
type SearchKindNames struct {
	Document, Paragraph, Advance, Recommendation, Quote string
}
