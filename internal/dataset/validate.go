package dataset

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// The slug forms match the CHECK constraints of the schema, so that a file that passes here is
// not refused by the database.
var (
	slugForm         = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langForm         = regexp.MustCompile(`^[a-z]{2,3}$`)
	documentSlugForm = regexp.MustCompile(`^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$`)
)

const (
	slugRule         = `lower-case letters and digits, with "-" between words`
	documentSlugRule = `letters and digits, with "." or "-" between them`
)

// index is what a file defines, for checking the references between its parts.
type index struct {
	bodies     map[string]bool
	documents  map[string]bool
	paragraphs map[int]bool
	// source is the source of an item that names none: the document, in a file without sources.
	source string
	// lang is the language the file is written in.
	lang string
	// document is the slug of the file's document.
	document string
}

// importSet checks what the decoder could not (required values, forms, references) and turns
// f into the set the store imports. The set is only used when no problem was found.
func (c *checker) importSet(f file) store.ImportSet {
	set := store.ImportSet{Lang: f.Lang}
	if set.Lang == "" {
		set.Lang = "en"
	}
	c.lang("lang", f.Lang)
	ix := index{bodies: map[string]bool{}, documents: map[string]bool{}, paragraphs: map[int]bool{}, lang: set.Lang}
	for _, b := range f.Bodies {
		ix.bodies[b.Slug] = true
	}
	for _, d := range f.Sources {
		ix.documents[d.slug()] = true
	}
	if f.Document != nil {
		ix.document = f.Document.slug()
		ix.documents[f.Document.slug()] = true
		if len(f.Sources) == 0 {
			ix.source = f.Document.slug()
		}
	}
	for _, p := range f.Paragraphs {
		if p.Number != nil {
			ix.paragraphs[*p.Number] = true
		}
	}

	slugs, symbols := map[string]string{}, map[string]string{}
	if f.Document == nil {
		c.report("document", RuleRequired, "required")
	} else {
		set.Document = c.document("document", *f.Document, ix, slugs, symbols)
	}
	for i, d := range f.Sources {
		set.Sources = append(set.Sources, c.document(fmt.Sprintf("sources[%d]", i), d, ix, slugs, symbols))
	}

	slugs = map[string]string{}
	for i, b := range f.Bodies {
		set.Bodies = append(set.Bodies, c.body(fmt.Sprintf("bodies[%d]", i), b, ix, slugs))
	}
	c.checkParents(f.Bodies, func(i int) string { return fmt.Sprintf("bodies[%d].parent", i) })

	numbers := map[string]string{}
	for i, p := range f.Paragraphs {
		if para, ok := c.paragraph(fmt.Sprintf("paragraphs[%d]", i), p, ix, numbers); ok {
			set.Paragraphs = append(set.Paragraphs, para)
		}
	}

	slugs = map[string]string{}
	for i, a := range f.Advances {
		set.Advances = append(set.Advances, c.advance(fmt.Sprintf("advances[%d]", i), a, ix, slugs))
	}
	slugs = map[string]string{}
	for i, r := range f.Recommendations {
		set.Recommendations = append(set.Recommendations,
			c.recommendation(fmt.Sprintf("recommendations[%d]", i), r, ix, slugs))
	}
	slugs = map[string]string{}
	for i, q := range f.Quotes {
		set.Quotes = append(set.Quotes, c.quote(fmt.Sprintf("quotes[%d]", i), q, ix, slugs))
	}
	return set
}

// slug is the document's slug as given or, failing that, as derived from its symbol.
func (d document) slug() string {
	if d.Slug == "" {
		return SymbolSlug(d.Symbol)
	}
	return d.Slug
}

// SymbolSlug is the slug a document takes from its UN symbol when it is given none: the symbol
// with "/" replaced by "-" (A/73/230 makes A-73-230). It may not be a valid slug (a symbol
// with spaces makes none): see ValidDocumentSlug.
func SymbolSlug(symbol string) string { return strings.ReplaceAll(symbol, "/", "-") }

// ValidDocumentSlug reports whether s has the form of a document's slug, which the schema
// requires: letters and digits, with "." or "-" between them.
func ValidDocumentSlug(s string) bool { return documentSlugForm.MatchString(s) }

func (c *checker) document(path string, d document, ix index, slugs, symbols map[string]string) store.DocumentInput {
	switch {
	case d.Slug != "":
		c.form(path+".slug", d.Slug, documentSlugForm, documentSlugRule)
	case d.Symbol != "":
		if !documentSlugForm.MatchString(d.slug()) {
			c.report(path+".symbol", RuleSlug, "makes the slug %q, which is not %s: give a slug", d.slug(), documentSlugRule)
		}
	default:
		c.report(path+".slug", RuleRequired, "required when there is no symbol")
	}
	if d.slug() != "" {
		c.unique(slugs, path+".slug", d.slug(), fmt.Sprintf("document slug %q", d.slug()))
	}
	if d.Symbol != "" {
		c.unique(symbols, path+".symbol", d.Symbol, fmt.Sprintf("symbol %q", d.Symbol))
	}
	c.required(path+".title", d.Title)
	oneOf(c, path+".kind", d.Kind, store.DocumentKinds())
	if d.Author != "" {
		c.known(path+".author", d.Author, ix.bodies, "unknown body %q: define it under bodies")
	}
	c.url(path+".url", d.URL)
	c.url(path+".about_url", d.AboutURL)
	titleConfirmed, issuedConfirmed := orTrue(d.TitleConfirmed), orTrue(d.IssuedConfirmed)
	c.reason(path+".title_why", path+".title_confirmed", titleConfirmed, d.TitleWhy)
	c.reason(path+".issued_why", path+".issued_confirmed", issuedConfirmed, d.IssuedWhy)
	var titles map[string]string
	var whys map[string]store.DocumentWhys
	for l, tr := range d.Translations {
		p := path + ".translations." + l
		c.translationLang(p, l, ix)
		c.required(p+".title", tr.Title)
		c.translatedReason(p+".title_why", tr.TitleWhy, d.TitleWhy, "title_why")
		c.translatedReason(p+".issued_why", tr.IssuedWhy, d.IssuedWhy, "issued_why")
		if titles == nil {
			titles, whys = map[string]string{}, map[string]store.DocumentWhys{}
		}
		titles[l] = tr.Title
		whys[l] = store.DocumentWhys{Title: tr.TitleWhy, Issued: tr.IssuedWhy}
	}
	return store.DocumentInput{
		Titles:          titles,
		Whys:            whys,
		TitleWhy:        d.TitleWhy,
		IssuedWhy:       d.IssuedWhy,
		Slug:            d.slug(),
		Symbol:          d.Symbol,
		Title:           d.Title,
		Kind:            store.DocumentKind(d.Kind),
		Author:          d.Author,
		URL:             d.URL,
		AboutURL:        d.AboutURL,
		TitleConfirmed:  titleConfirmed,
		IssuedConfirmed: issuedConfirmed,
		Issued:          c.date(path+".issued", d.Issued),
	}
}

func (c *checker) body(path string, b body, ix index, slugs map[string]string) store.BodyInput {
	c.slug(path+".slug", b.Slug, slugs)
	oneOf(c, path+".kind", b.Kind, store.BodyKinds())
	c.required(path+".name", b.Name)
	if b.Parent != "" {
		c.known(path+".parent", b.Parent, ix.bodies, "unknown body %q: define it under bodies")
	}
	in := store.BodyInput{
		Slug: b.Slug, Kind: store.BodyKind(b.Kind), Name: b.Name, ShortName: b.ShortName, Parent: b.Parent,
	}
	for l, tr := range b.Translations {
		p := path + ".translations." + l
		c.translationLang(p, l, ix)
		c.required(p+".name", tr.Name)
		c.translatedReason(p+".short_name", tr.ShortName, b.ShortName, "short_name")
		if in.Translations == nil {
			in.Translations = map[string]store.BodyName{}
		}
		in.Translations[l] = store.BodyName{Name: tr.Name, ShortName: tr.ShortName}
	}
	return in
}

// paragraph checks a paragraph; it reports false when it has no number to be stored under.
func (c *checker) paragraph(path string, p paragraph, ix index, numbers map[string]string) (store.Paragraph, bool) {
	if p.Number == nil {
		c.report(path+".number", RuleRequired, "required")
		return store.Paragraph{}, false
	}
	if c.paragraphNumber(path+".number", *p.Number) {
		c.unique(numbers, path+".number", strconv.Itoa(*p.Number), fmt.Sprintf("paragraph %d", *p.Number))
	}
	para := store.Paragraph{Number: *p.Number, Topic: p.Topic, Text: p.Text}
	for l, tr := range p.Translations {
		tp := path + ".translations." + l
		c.translationLang(tp, l, ix)
		c.required(tp+".topic", tr.Topic)
		c.translatedReason(tp+".topic", tr.Topic, p.Topic, "topic")
		if para.Topics == nil {
			para.Topics = map[string]string{}
		}
		para.Topics[l] = tr.Topic
	}
	return para, true
}

func (c *checker) advance(path string, a advance, ix index, slugs map[string]string) store.AdvanceInput {
	c.slug(path+".slug", a.Slug, slugs)
	c.required(path+".title", a.Title)
	in := store.AdvanceInput{
		Slug:           a.Slug,
		Title:          a.Title,
		Summary:        a.Summary,
		Source:         c.source(path+".source", a.Source, ix),
		Event:          c.date(path+".date", a.Date),
		EventConfirmed: orTrue(a.DateConfirmed),
		EventWhy:       a.DateWhy,
		Paragraphs:     c.paragraphRefs(path+".paragraphs", a.Paragraphs, ix),
	}
	switch {
	case a.Date == "" && a.DateConfirmed != nil:
		c.report(path+".date_confirmed", RuleNoDate, "there is no date to confirm: leave date_confirmed out, and say in date_why why there is no date")
	case a.Date != "":
		c.reason(path+".date_why", path+".date_confirmed", in.EventConfirmed, a.DateWhy)
	}
	for l, tr := range a.Translations {
		p := path + ".translations." + l
		c.translationLang(p, l, ix)
		c.required(p+".title", tr.Title)
		if a.Summary != "" {
			c.required(p+".summary", tr.Summary)
		}
		c.translatedReason(p+".date_why", tr.DateWhy, a.DateWhy, "date_why")
		if in.Translations == nil {
			in.Translations = map[string]store.Translation{}
		}
		in.Translations[l] = store.Translation{Title: tr.Title, Text: tr.Summary, Why: tr.DateWhy}
	}
	if len(a.Bodies) == 0 {
		c.report(path+".bodies", RuleRequired, "required: at least one body")
	}
	seen := map[string]string{}
	for i, r := range a.Bodies {
		p := fmt.Sprintf("%s.bodies[%d]", path, i)
		if r.Body == "" {
			c.report(p+".body", RuleRequired, "required")
		} else if c.known(p, r.Body, ix.bodies, "unknown body %q: define it under bodies") {
			c.unique(seen, p, r.Body, fmt.Sprintf("body %q", r.Body))
		}
		c.reason(p+".why", p+".confirmed", orTrue(r.Confirmed), r.Why)
		in.Bodies = append(in.Bodies, store.BodyRef{Slug: r.Body, Confirmed: orTrue(r.Confirmed), Why: r.Why})
	}
	for i, f := range a.Facts {
		p := fmt.Sprintf("%s.facts[%d]", path, i)
		c.required(p+".text", f.Text)
		if f.Confirmed == nil {
			c.report(p+".confirmed", RuleRequired, "required: true if a public page states it, false if not")
		} else {
			c.reason(p+".why", p+".confirmed", *f.Confirmed, f.Why)
		}
		c.url(p+".source_url", f.SourceURL)
		fact := store.Fact{Text: f.Text, Confirmed: f.Confirmed != nil && *f.Confirmed, Why: f.Why, SourceURL: f.SourceURL}
		for l, tr := range f.Translations {
			tp := p + ".translations." + l
			c.translationLang(tp, l, ix)
			c.required(tp+".text", tr.Text)
			if fact.Texts == nil {
				fact.Texts = map[string]string{}
			}
			fact.Texts[l] = tr.Text
		}
		in.Facts = append(in.Facts, fact)
	}
	return in
}

func (c *checker) recommendation(path string, r recommendation, ix index, slugs map[string]string) store.RecommendationInput {
	c.slug(path+".slug", r.Slug, slugs)
	c.required(path+".title", r.Title)
	c.required(path+".text", r.Text)
	if len(r.Paragraphs) == 0 {
		c.report(path+".paragraphs", RuleRequired, "required: at least one paragraph")
	}
	seen := map[string]string{}
	for i, b := range r.Addressees {
		p := fmt.Sprintf("%s.addressees[%d]", path, i)
		if c.known(p, b, ix.bodies, "unknown body %q: define it under bodies") {
			c.unique(seen, p, b, fmt.Sprintf("body %q", b))
		}
	}
	var translations map[string]store.Translation
	for l, tr := range r.Translations {
		p := path + ".translations." + l
		c.translationLang(p, l, ix)
		c.required(p+".title", tr.Title)
		c.required(p+".text", tr.Text)
		if translations == nil {
			translations = map[string]store.Translation{}
		}
		translations[l] = store.Translation{Title: tr.Title, Text: tr.Text}
	}
	in := store.RecommendationInput{
		Translations: translations,
		Slug:         r.Slug,
		Title:        r.Title,
		Text:         r.Text,
		Source:       c.source(path+".source", r.Source, ix),
		Paragraphs:   c.paragraphRefs(path+".paragraphs", r.Paragraphs, ix),
		Addressees:   r.Addressees,
	}
	if f := r.FollowUp; f != nil {
		p := path + ".follow_up"
		oneOf(c, p+".status", f.Status, store.FollowUpStatuses())
		if c.required(p+".date", string(f.Date)) {
			in.FollowUpDate = c.date(p+".date", f.Date)
		}
		if c.required(p+".source_url", f.SourceURL) {
			c.url(p+".source_url", f.SourceURL)
		}
		in.FollowUpStatus, in.FollowUpSourceURL = store.FollowUpStatus(f.Status), f.SourceURL
	}
	return in
}

func (c *checker) quote(path string, q quote, ix index, slugs map[string]string) store.QuoteInput {
	c.slug(path+".slug", q.Slug, slugs)
	c.required(path+".text", q.Text)
	c.lang(path+".lang", q.Lang)
	in := store.QuoteInput{
		Lang:    q.Lang,
		Slug:    q.Slug,
		Text:    q.Text,
		Context: q.Context,
		Source:  c.source(path+".source", q.Source, ix),
	}
	if q.Speaker == nil {
		c.report(path+".speaker", RuleRequired, "required")
	} else {
		c.required(path+".speaker.name", q.Speaker.Name)
		in.SpeakerName, in.SpeakerRole, in.SpeakerOrganisation = q.Speaker.Name, q.Speaker.Role, q.Speaker.Organisation
		if q.Speaker.Body != "" {
			c.known(path+".speaker.body", q.Speaker.Body, ix.bodies, "unknown body %q: define it under bodies")
			in.SpeakerBody = q.Speaker.Body
		}
	}
	if q.Paragraph != nil {
		c.paragraphRef(path+".paragraph", *q.Paragraph, ix)
		in.Paragraph = *q.Paragraph
	}
	// The words were said in the document itself or in the source we read them in: nowhere
	// else, since the file would then claim a place it does not source.
	if q.SaidIn != "" && q.SaidIn != in.Source && q.SaidIn != ix.document {
		c.report(path+".said_in", RuleSaidIn, "%q is neither the document (%q) nor the quote's source (%q): the words were said in one of them", q.SaidIn, ix.document, in.Source)
	}
	in.SaidIn = q.SaidIn
	return in
}

// reason checks the reason of a value that may be unconfirmed: required when it is, refused
// when it is not. confirmedPath is where the value's status is written.
func (c *checker) reason(path, confirmedPath string, confirmed bool, why string) {
	if c.reported[confirmedPath] {
		return // the status itself is wrong
	}
	switch {
	case !confirmed && why == "":
		c.report(confirmedPath, RuleReasonMissing, "unconfirmed without a reason: add %s, saying why (what the source says, what was inferred)", path[strings.LastIndex(path, ".")+1:])
	case confirmed && why != "":
		c.report(path, RuleReasonUnasked, "a reason is for an unconfirmed value, and this one is confirmed: remove it or set %s: false", confirmedPath[strings.LastIndex(confirmedPath, ".")+1:])
	}
}

// translatedReason checks a translation of a reason: there must be a reason to translate.
func (c *checker) translatedReason(path, translated, original, key string) {
	if translated != "" && original == "" {
		c.report(path, RuleNoOriginal, "translates a %s that the original does not give", key)
	}
}

// checkParents reports each cycle of parents once, at the first body of the cycle in the
// list, whose parent is at the path at gives for its index.
func (c *checker) checkParents(bodies []body, at func(i int) string) {
	parents := map[string]string{}
	for _, b := range bodies {
		parents[b.Slug] = b.Parent
	}
	inCycle := map[string]bool{}
	for i, b := range bodies {
		if inCycle[b.Slug] {
			continue
		}
		chain := []string{b.Slug}
		// A chain longer than the list of bodies has entered a cycle that b is not part of.
		for p := b.Parent; p != "" && len(chain) <= len(bodies); p = parents[p] {
			chain = append(chain, p)
			if p == b.Slug {
				for _, s := range chain {
					inCycle[s] = true
				}
				c.report(at(i), RuleCycle, "parents form a cycle: %s", strings.Join(chain, " -> "))
				break
			}
		}
	}
}

// paragraphRefs checks a list of references to paragraphs, each of which the file must list once.
func (c *checker) paragraphRefs(path string, refs []int, ix index) []int {
	seen := map[string]string{}
	for i, n := range refs {
		p := fmt.Sprintf("%s[%d]", path, i)
		if c.paragraphRef(p, n, ix) {
			c.unique(seen, p, strconv.Itoa(n), fmt.Sprintf("paragraph %d", n))
		}
	}
	return refs
}

func (c *checker) paragraphRef(path string, n int, ix index) bool {
	if !c.paragraphNumber(path, n) {
		return false
	}
	if !ix.paragraphs[n] {
		c.report(path, RuleParagraph, "paragraph %d is not listed under paragraphs", n)
		return false
	}
	return true
}

func (c *checker) paragraphNumber(path string, n int) bool {
	if n < 1 || n > math.MaxInt32 {
		c.report(path, RuleNumber, "%d is not a paragraph number: want a whole number from 1 up", n)
		return false
	}
	return true
}

// source is the document an item comes from: the one it names, or the file's default.
func (c *checker) source(path, slug string, ix index) string {
	switch {
	case slug != "":
		c.known(path, slug, ix.documents, "unknown source %q: name the document or one of sources")
		return slug
	case ix.source == "":
		c.report(path, RuleRequired, "required: name the document or one of sources")
	}
	return ix.source
}

func (c *checker) slug(path, slug string, seen map[string]string) {
	if c.form(path, slug, slugForm, slugRule) {
		c.unique(seen, path, slug, fmt.Sprintf("slug %q", slug))
	}
}

// unique reports a key already in seen, which maps keys to the path where each first appeared.
func (c *checker) unique(seen map[string]string, path, key, what string) {
	if first, ok := seen[key]; ok {
		c.report(path, RuleDuplicate, "duplicate %s, first at line %d", what, c.position(first).Line)
		return
	}
	seen[key] = path
}

func (c *checker) required(path, value string) bool {
	if value == "" {
		c.report(path, RuleRequired, "required")
		return false
	}
	return true
}

func (c *checker) form(path, value string, form *regexp.Regexp, rule string) bool {
	if !c.required(path, value) {
		return false
	}
	if !form.MatchString(value) {
		c.report(path, RuleSlug, "%q is not a valid slug: want %s", value, rule)
		return false
	}
	return true
}

func oneOf[K ~string](c *checker, path, value string, values []K) {
	if c.required(path, value) && !slices.Contains(values, K(value)) {
		names := make([]string, len(values))
		for i, v := range values {
			names[i] = string(v)
		}
		c.report(path, RuleKind, "unknown kind %q: want one of %s", value, strings.Join(names, ", "))
	}
}

func (c *checker) known(path, slug string, defined map[string]bool, format string) bool {
	if !defined[slug] {
		c.report(path, RuleUnknown, format, slug)
		return false
	}
	return true
}

func (c *checker) url(path, s string) {
	if s == "" {
		return
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.report(path, RuleURL, "%q is not a web address: want one that starts with https:// or http://", s)
	}
}

// date reads YYYY, YYYY-MM or YYYY-MM-DD, with the precision of the form used.
func (c *checker) date(path string, d date) store.Date {
	if d == "" {
		return store.Date{}
	}
	parsed, err := store.ParseDate(string(d))
	if err != nil {
		c.report(path, RuleDate, "%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", d)
	}
	return parsed
}

func orTrue(b *bool) bool { return b == nil || *b }

// lang checks a language code, where one is given.
func (c *checker) lang(path, code string) {
	if code != "" && !langForm.MatchString(code) {
		c.report(path, RuleLang, "%q is not a language code: want two or three lower-case letters, such as fr", code)
	}
}

// translationLang checks the language of a translation: a code, and not the file's own.
func (c *checker) translationLang(path, code string, ix index) {
	switch {
	case !langForm.MatchString(code):
		c.report(path, RuleLang, "%q is not a language code: want two or three lower-case letters, such as fr", code)
	case code == ix.lang:
		c.report(path, RuleSameLang, "the file is written in %q already; a translation is into another language", code)
	}
}
