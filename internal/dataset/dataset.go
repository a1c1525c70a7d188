// Package dataset reads the tracker's data files: YAML files that each describe one document
// with its paragraphs and the advances, recommendations and quotes it records. It checks a file
// in full, reporting every problem with its line and column, and loads it into the store in one
// transaction. It also holds the tracker's first data set, for UN report A/73/230 (see Seed).
//
// # The data file format
//
// A data file is one YAML document: a mapping with the keys below. Keys are snake_case; a key
// the format does not define is an error, as is a value of the wrong type (text where a list is
// wanted, "yes" where true or false is wanted). A key with no value (or ~ or null) counts as
// absent. Text is trimmed of surrounding spaces and newlines; block scalars (| and >) may be used
// for long text. Anchors, aliases and tags are not used.
//
//	lang:          # the language the file is written in: a code such as en (the default) or fr
//	document:      # required: the document that records the items below
//	  symbol:      # the UN symbol, e.g. A/73/230
//	  slug:        # the document's URL name; defaults to the symbol with "/" replaced by "-"
//	               # (A-73-230): letters, digits, and "." or "-" between them
//	  title:       # required
//	  title_confirmed:  # true (the default) or false when the title is inferred
//	  title_why:   # required when title_confirmed is false, and only then: why (see Reasons)
//	  kind:        # required: report, resolution, statement, general-comment or news
//	  author:      # the slug of the body that issued it
//	  issued:      # the date of issue: YYYY, YYYY-MM or YYYY-MM-DD
//	  issued_confirmed: # true (the default) or false
//	  issued_why:  # required when issued_confirmed is false, and only then
//	  url:         # the official text, an http:// or https:// address
//	  about_url:   # a page about the document, an http:// or https:// address
//	  translations:  # the title in other languages, keyed by language code, and the
//	    fr: {title: ..., title_why: ..., issued_why: ...}  # reasons where the original has them
//	sources:       # the other documents (news items, say) that items name as their source;
//	  - ...        # each with the same keys as document
//	bodies:        # every body that the file names anywhere must be defined here
//	  - slug:      # required: lower-case letters and digits, with "-" between words
//	    kind:      # required: treaty-body, special-procedure, charter-body, secretariat,
//	               # state or civil-society
//	    name:      # required
//	    short_name:  # e.g. CESCR
//	    parent:    # the slug of the body it belongs to, defined in this file; no cycles
//	paragraphs:    # the document's numbered paragraphs that the file knows of
//	  - number:    # required: a positive whole number, unique in the file
//	    topic:     # what the paragraph is about, in our words
//	    text:      # the paragraph's text, where we have it
//	advances:      # the steps forward the document records, in the document's order
//	  - slug:      # required, in the same form as a body's slug
//	    title:     # required
//	    summary:
//	    paragraphs: [14, 15]  # the paragraphs it cites; each must be listed under paragraphs
//	    bodies:    # required, at least one: a body's slug or, where the link to the body is
//	      - cescr  # inferred, {body: slug, confirmed: false, why: ...}
//	    date:      # when the event happened: YYYY, YYYY-MM or YYYY-MM-DD
//	    date_confirmed:  # true (the default) or false; only with a date
//	    date_why:  # required when date_confirmed is false; with no date, why there is none
//	               # (it may be left out there); never with a confirmed date
//	    source:    # where we took it from: see below
//	    facts:     # what else we know of it
//	      - text:       # required
//	        confirmed:  # required: true when a public page states it, false when inferred
//	        why:        # required when confirmed is false, and only then
//	        source_url: # where it is stated (or, unconfirmed, where what it rests on is), an
//	                    # http:// or https:// address; where none is given, the fact's source
//	                    # is the advance's source, and pages link to that
//	    translations:  # the title and summary in other languages; a summary is required
//	      fr:          # where the original has one
//	        title:
//	        summary:
//	        date_why:  # the date's reason, where the original has one
//	recommendations:  # what the document recommends, in its order
//	  - slug:      # required
//	    title:     # required
//	    text:      # required
//	    paragraphs: [64]  # required, at least one listed paragraph
//	    addressees: [ohchr]  # the slugs of the bodies it is addressed to
//	    source:
//	    follow_up:   # what has become of it, where known: all three keys
//	      status:    # not-implemented, in-progress, partially-implemented or implemented
//	      date:      # as of when: YYYY, YYYY-MM or YYYY-MM-DD
//	      source_url:  # where that is said, an http:// or https:// address
//	    translations:  # the title and text in other languages
//	      es: {title: ..., text: ...}
//	quotes:        # exact words about the document, in the order to show them
//	  - slug:      # required
//	    text:      # required: verbatim
//	    context:   # where or on what the words were said
//	    speaker:   # required
//	      name:    # required
//	      role:
//	      organisation:
//	      body:    # the slug of the body the speaker speaks for, when the file defines it:
//	               # the quote is then listed on that body's page
//	    said_in:   # where the words were said or written: the document's slug (the report's
//	               # own words) or the quote's source (words said to a news item); the
//	               # source when left out
//	    paragraph: # a listed paragraph of the document, as the source gives it: where the
//	               # words are when said_in is the document, what they are about otherwise
//	    source:    # where we read the words
//	    lang:      # the language the words were said in, when not the file's; quotes are
//	               # never translated
//
// # Reasons
//
// Everything marked unconfirmed says why, in the file's language: what the source says, and
// what we inferred from it or could not find. The reasons are title_why and issued_why for a
// document, date_why for an advance, and why for a body link and a fact. An unconfirmed value
// without its reason is a problem, and so is a reason beside a confirmed value: a confirmed
// value needs none. Documents and advances, which carry translations, may translate their
// reasons there; a body link's and a fact's reason show in the file's language, marked as
// such. An advance with no date may give date_why to say why it has none (two events, say).
//
// # Translations
//
// Every translations mapping is keyed by language code (two or three lower-case letters),
// never the file's own language; a translated value may not be empty. Pages show each text in
// the reader's language where it has a translation, and otherwise in the original, marked as
// not yet translated.
//
// Slugs are unique within their kind in a file: among bodies, among advances, among
// recommendations, among quotes, and among the document and its sources (symbols too). An
// item's source is the slug of the document or of one of the sources. A file without sources
// takes everything from the document itself, so source may be left out; once a file lists
// sources, every item must name its own, because where an item comes from is what a reader
// needs to trust it.
//
// Dates may be written unquoted: a bare year (2018) is read as a number and a full date
// (2016-10-07) as text, and both are accepted. A date's precision is that of its form.
//
// Importing a file makes the database hold exactly what the file says of its document: items
// and paragraphs the file no longer lists are removed, and importing the same file again
// changes nothing. Item slugs are unique across documents: a file cannot take over an advance,
// recommendation or quote of another document.
//
// A file describes only its own document. Bodies and sources are created when new, and never
// removed, since other documents may name them; but a body or source that the database already
// holds with other fields is a problem, reported at its place in the file with what differs
// and the documents that name it, since it may be another document's (a source listed as
// A-73-230 must not rewrite A/73/230's title and link). Files that share a body or a source
// must define it alike. To change one for every document on purpose, import with
// Options.UpdateShared (hrdtracker import -update-shared). Check makes the same comparison,
// read only, when given a store; Import makes it inside its transaction.
//
// # Limits
//
// Before parsing, a file is refused when it is over Options.MaxSize (DefaultMaxSize, 8 MiB;
// hrdtracker -max-size), when it is not UTF-8 or holds a NUL byte (reported at the first such
// byte, with its offset), or when lists and mappings nest deeper than Options.MaxDepth
// (DefaultMaxDepth, 64; hrdtracker -max-depth). No real file comes near these limits; the YAML
// parser's cost grows so fast with nesting that a file of 200 kB could otherwise exhaust memory.
//
// # Problems
//
// Parse and Import report every problem in a file at once, as a *ValidationError. Each problem
// names its line and column and the path of the value in the file, such as
// advances[3].bodies[1] (lists count from 0).
package dataset

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// ValidationError lists every problem found in a data file.
type ValidationError struct {
	File     string
	Problems []Problem
}

// Problem is one thing wrong in a data file, at a place in it.
type Problem struct {
	Line, Column int
	Path         string // e.g. advances[3].bodies[1]; empty for the file as a whole
	Rule         Rule   // what it breaks, for a form to explain in its reader's language
	Message      string // what is wrong and how to put it right, in English, for the command line
}

// Rule names the rule a problem breaks, so that the editors' forms can say it in each
// interface language where the command line prints Message.
type Rule string

// Rules.
const (
	RuleFile          Rule = "file"           // the file cannot be read as the format wants
	RuleShared        Rule = "shared"         // a shared body or source differs from the database's
	RuleRequired      Rule = "required"       // a value is missing
	RuleSlug          Rule = "slug"           // not the form of a slug
	RuleKind          Rule = "kind"           // not one of the kinds
	RuleDuplicate     Rule = "duplicate"      // a value is given twice, or taken already
	RuleUnknown       Rule = "unknown"        // names a body or document that does not exist
	RuleNumber        Rule = "number"         // not a paragraph number
	RuleParagraph     Rule = "paragraph"      // a paragraph that the document does not list
	RuleURL           Rule = "url"            // not a web address
	RuleDate          Rule = "date"           // not YYYY, YYYY-MM or YYYY-MM-DD
	RuleNoDate        Rule = "no-date"        // a date confirmed that is not given
	RuleReasonMissing Rule = "reason-missing" // unconfirmed without saying why
	RuleReasonUnasked Rule = "reason-unasked" // a reason given for a confirmed value
	RuleLang          Rule = "lang"           // not a language code
	RuleSameLang      Rule = "same-lang"      // a translation into the original's own language
	RuleNoOriginal    Rule = "no-original"    // translates what the original does not give
	RuleSaidIn        Rule = "said-in"        // a quote said neither in the document nor its source
	RuleCycle         Rule = "cycle"          // a body would be its own ancestor
)

// Error lists the problems one per line, as file:line:col: path: message.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, p.Line, p.Column)
		if p.Path != "" {
			b.WriteString(p.Path + ": ")
		}
		b.WriteString(p.Message)
	}
	return b.String()
}

// Parse reads and checks a data file, within the default limits and without looking at a
// database. On any problem it returns a *ValidationError listing them all; name is the file's
// name, shown in the messages.
func Parse(name string, data []byte) (store.ImportSet, error) {
	return Check(context.Background(), nil, name, data, Options{})
}

// Check reads and checks a data file as Import would, without changing anything. With a store,
// it also compares the bodies and sources the file defines with those the database holds, and
// reports each one held with other fields (unless opts.UpdateShared); with none, it checks the
// file alone.
func Check(ctx context.Context, s *store.Store, name string, data []byte, opts Options) (store.ImportSet, error) {
	c := newChecker()
	set, decoded := c.parse(data, opts)
	if decoded && s != nil && !opts.UpdateShared {
		conflicts, err := s.SharedConflicts(ctx, set)
		if err != nil {
			return store.ImportSet{}, fmt.Errorf("%s: %w", name, err)
		}
		c.shared(conflicts)
	}
	if len(c.problems) > 0 {
		return store.ImportSet{}, &ValidationError{File: name, Problems: c.sorted()}
	}
	return set, nil
}

// Import parses a data file and loads it into s in one transaction, within the default limits
// and refusing to change shared records: see ImportWith.
func Import(ctx context.Context, s *store.Store, name string, data []byte) (store.ImportSet, error) {
	return ImportWith(ctx, s, name, data, Options{})
}

// ImportWith parses a data file and loads it into s in one transaction: a file with any
// problem changes nothing. A body or source that the database holds with other fields is such
// a problem, found inside that transaction, unless opts.UpdateShared.
func ImportWith(ctx context.Context, s *store.Store, name string, data []byte, opts Options) (store.ImportSet, error) {
	c := newChecker()
	set, _ := c.parse(data, opts)
	if len(c.problems) > 0 {
		return store.ImportSet{}, &ValidationError{File: name, Problems: c.sorted()}
	}
	var iopts []store.ImportOption
	if opts.UpdateShared {
		iopts = append(iopts, store.UpdateShared)
	}
	if err := s.Import(ctx, set, iopts...); err != nil {
		var shared *store.SharedError
		if errors.As(err, &shared) {
			c.shared(shared.Conflicts)
			return store.ImportSet{}, &ValidationError{File: name, Problems: c.sorted()}
		}
		return store.ImportSet{}, fmt.Errorf("%s: %w", name, err)
	}
	return set, nil
}

// parse runs the checks that need only the file, noting their problems in c. It reports
// whether the file could be decoded, so that set holds what it defines, problems or not.
func (c *checker) parse(data []byte, opts Options) (set store.ImportSet, decoded bool) {
	if ps := precheck(data, opts); len(ps) > 0 {
		// The parser must not see this file at all.
		c.problems = append(c.problems, ps...)
		return set, false
	}
	f, ok := c.decodeFile(data)
	if !ok {
		return set, false
	}
	return c.importSet(f), true
}

// The types below mirror the file format. Pointers mark values whose absence means something
// other than their zero value: a default of true, or a number that must be given.

type file struct {
	Lang            string           `yaml:"lang"`
	Document        *document        `yaml:"document"`
	Sources         []document       `yaml:"sources"`
	Bodies          []body           `yaml:"bodies"`
	Paragraphs      []paragraph      `yaml:"paragraphs"`
	Advances        []advance        `yaml:"advances"`
	Recommendations []recommendation `yaml:"recommendations"`
	Quotes          []quote          `yaml:"quotes"`
}

type document struct {
	Symbol          string                      `yaml:"symbol"`
	Slug            string                      `yaml:"slug"`
	Title           string                      `yaml:"title"`
	TitleConfirmed  *bool                       `yaml:"title_confirmed"`
	TitleWhy        string                      `yaml:"title_why"`
	Kind            string                      `yaml:"kind"`
	Author          string                      `yaml:"author"`
	Issued          date                        `yaml:"issued"`
	IssuedConfirmed *bool                       `yaml:"issued_confirmed"`
	IssuedWhy       string                      `yaml:"issued_why"`
	URL             string                      `yaml:"url"`
	AboutURL        string                      `yaml:"about_url"`
	Translations    map[string]titleTranslation `yaml:"translations"`
}

type titleTranslation struct {
	Title     string `yaml:"title"`
	TitleWhy  string `yaml:"title_why"`
	IssuedWhy string `yaml:"issued_why"`
}

type body struct {
	Slug         string                     `yaml:"slug"`
	Kind         string                     `yaml:"kind"`
	Name         string                     `yaml:"name"`
	ShortName    string                     `yaml:"short_name"`
	Parent       string                     `yaml:"parent"`
	Translations map[string]nameTranslation `yaml:"translations"`
}

type nameTranslation struct {
	Name      string `yaml:"name"`
	ShortName string `yaml:"short_name"`
}

type paragraph struct {
	Number       *int                        `yaml:"number"`
	Topic        string                      `yaml:"topic"`
	Text         string                      `yaml:"text"`
	Translations map[string]topicTranslation `yaml:"translations"`
}

type topicTranslation struct {
	Topic string `yaml:"topic"`
}

type advance struct {
	Slug          string                        `yaml:"slug"`
	Title         string                        `yaml:"title"`
	Summary       string                        `yaml:"summary"`
	Paragraphs    []int                         `yaml:"paragraphs"`
	Bodies        []bodyRef                     `yaml:"bodies"`
	Date          date                          `yaml:"date"`
	DateConfirmed *bool                         `yaml:"date_confirmed"`
	DateWhy       string                        `yaml:"date_why"`
	Source        string                        `yaml:"source"`
	Facts         []fact                        `yaml:"facts"`
	Translations  map[string]summaryTranslation `yaml:"translations"`
}

type summaryTranslation struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	DateWhy string `yaml:"date_why"`
}

// bodyRef is written either as a body's slug or as a mapping with confirmed.
type bodyRef struct {
	Body      string `yaml:"body"`
	Confirmed *bool  `yaml:"confirmed"`
	Why       string `yaml:"why"`
}

type fact struct {
	Text         string                     `yaml:"text"`
	Confirmed    *bool                      `yaml:"confirmed"`
	Why          string                     `yaml:"why"`
	SourceURL    string                     `yaml:"source_url"`
	Translations map[string]factTranslation `yaml:"translations"`
}

type factTranslation struct {
	Text string `yaml:"text"`
}

type recommendation struct {
	Slug         string                     `yaml:"slug"`
	Title        string                     `yaml:"title"`
	Text         string                     `yaml:"text"`
	Paragraphs   []int                      `yaml:"paragraphs"`
	Addressees   []string                   `yaml:"addressees"`
	Source       string                     `yaml:"source"`
	FollowUp     *followUp                  `yaml:"follow_up"`
	Translations map[string]textTranslation `yaml:"translations"`
}

type followUp struct {
	Status    string `yaml:"status"`
	Date      date   `yaml:"date"`
	SourceURL string `yaml:"source_url"`
}

type textTranslation struct {
	Title string `yaml:"title"`
	Text  string `yaml:"text"`
}

type quote struct {
	Slug      string   `yaml:"slug"`
	Text      string   `yaml:"text"`
	Context   string   `yaml:"context"`
	Speaker   *speaker `yaml:"speaker"`
	SaidIn    string   `yaml:"said_in"`
	Paragraph *int     `yaml:"paragraph"`
	Source    string   `yaml:"source"`
	Lang      string   `yaml:"lang"`
}

type speaker struct {
	Name         string `yaml:"name"`
	Role         string `yaml:"role"`
	Organisation string `yaml:"organisation"`
	Body         string `yaml:"body"`
}

// date is a date as written: YYYY, YYYY-MM or YYYY-MM-DD.
type date string
