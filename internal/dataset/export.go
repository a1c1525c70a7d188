package dataset

import (
	"fmt"
	"maps"
	"slices"

	"github.com/goccy/go-yaml"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Marshal writes set as a data file: what Parse reads back as the same set. It writes every
// item's source and a document's slug, and leaves out what is empty or has its default.
func Marshal(set store.ImportSet) ([]byte, error) {
	f := outFile{Lang: set.Lang, Document: outDoc(set.Document)}
	for _, d := range set.Sources {
		f.Sources = append(f.Sources, outDoc(d))
	}
	for _, b := range set.Bodies {
		o := outBody{Slug: b.Slug, Kind: string(b.Kind), Name: b.Name, ShortName: b.ShortName, Parent: b.Parent}
		for _, l := range slices.Sorted(maps.Keys(b.Translations)) {
			tr := b.Translations[l]
			o.Translations = append(o.Translations, yaml.MapItem{Key: l, Value: outNameTranslation{Name: tr.Name, ShortName: tr.ShortName}})
		}
		f.Bodies = append(f.Bodies, o)
	}
	for _, p := range set.Paragraphs {
		o := outParagraph{Number: p.Number, Topic: p.Topic, Text: p.Text}
		for _, l := range slices.Sorted(maps.Keys(p.Topics)) {
			o.Translations = append(o.Translations, yaml.MapItem{Key: l, Value: topicTranslation{Topic: p.Topics[l]}})
		}
		f.Paragraphs = append(f.Paragraphs, o)
	}
	for _, a := range set.Advances {
		o := outAdvance{
			Slug: a.Slug, Title: a.Title, Summary: a.Summary, Paragraphs: a.Paragraphs, Date: a.Event.ISO(),
			DateConfirmed: falseOnly(a.EventConfirmed || !a.Event.Known()), DateWhy: a.EventWhy, Source: a.Source,
		}
		for _, b := range a.Bodies {
			if b.Confirmed {
				o.Bodies = append(o.Bodies, b.Slug)
			} else {
				o.Bodies = append(o.Bodies, outBodyRef{Body: b.Slug, Confirmed: false, Why: b.Why})
			}
		}
		for _, fact := range a.Facts {
			of := outFact{Text: fact.Text, Confirmed: fact.Confirmed, Why: fact.Why, SourceURL: fact.SourceURL}
			for _, l := range slices.Sorted(maps.Keys(fact.Texts)) {
				of.Translations = append(of.Translations, yaml.MapItem{Key: l, Value: factTranslation{Text: fact.Texts[l]}})
			}
			o.Facts = append(o.Facts, of)
		}
		for _, l := range slices.Sorted(maps.Keys(a.Translations)) {
			if o.Translations == nil {
				o.Translations = yaml.MapSlice{}
			}
			tr := a.Translations[l]
			o.Translations = append(o.Translations, yaml.MapItem{Key: l, Value: outSummaryTranslation{Title: tr.Title, Summary: tr.Text, DateWhy: tr.Why}})
		}
		f.Advances = append(f.Advances, o)
	}
	for _, r := range set.Recommendations {
		o := outRecommendation{Slug: r.Slug, Title: r.Title, Text: r.Text, Paragraphs: r.Paragraphs, Addressees: r.Addressees, Source: r.Source}
		if r.FollowUpStatus != "" {
			o.FollowUp = &outFollowUp{Status: string(r.FollowUpStatus), Date: r.FollowUpDate.ISO(), SourceURL: r.FollowUpSourceURL}
		}
		for _, l := range slices.Sorted(maps.Keys(r.Translations)) {
			if o.Translations == nil {
				o.Translations = yaml.MapSlice{}
			}
			tr := r.Translations[l]
			o.Translations = append(o.Translations, yaml.MapItem{Key: l, Value: textTranslation{Title: tr.Title, Text: tr.Text}})
		}
		f.Recommendations = append(f.Recommendations, o)
	}
	for _, q := range set.Quotes {
		o := outQuote{
			Slug: q.Slug, Text: q.Text, Context: q.Context, Source: q.Source, SaidIn: q.SaidIn,
			Speaker:   outSpeaker{Name: q.SpeakerName, Role: q.SpeakerRole, Organisation: q.SpeakerOrganisation, Body: q.SpeakerBody},
			Paragraph: q.Paragraph,
		}
		if q.Lang != set.Lang {
			o.Lang = q.Lang
		}
		f.Quotes = append(f.Quotes, o)
	}
	out, err := yaml.MarshalWithOptions(f, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, fmt.Errorf("dataset.Marshal(%q): %w", set.Document.Slug, err)
	}
	return out, nil
}

func outDoc(d store.DocumentInput) outDocument {
	o := outDocument{
		Symbol: d.Symbol, Slug: d.Slug, Title: d.Title, TitleConfirmed: falseOnly(d.TitleConfirmed),
		Kind: string(d.Kind), Author: d.Author, Issued: d.Issued.ISO(), IssuedConfirmed: falseOnly(d.IssuedConfirmed || !d.Issued.Known()),
		URL: d.URL, AboutURL: d.AboutURL, TitleWhy: d.TitleWhy, IssuedWhy: d.IssuedWhy,
	}
	for _, l := range slices.Sorted(maps.Keys(d.Titles)) {
		if o.Translations == nil {
			o.Translations = yaml.MapSlice{}
		}
		whys := d.Whys[l]
		o.Translations = append(o.Translations, yaml.MapItem{Key: l, Value: outTitleTranslation{Title: d.Titles[l], TitleWhy: whys.Title, IssuedWhy: whys.Issued}})
	}
	return o
}

// falseOnly is a flag whose default is true, written only when false.
func falseOnly(b bool) *bool {
	if b {
		return nil
	}
	return &b
}

// The types below write the file format (see the types that read it, in dataset.go).

type outFile struct {
	Lang            string              `yaml:"lang"`
	Document        outDocument         `yaml:"document"`
	Sources         []outDocument       `yaml:"sources,omitempty"`
	Bodies          []outBody           `yaml:"bodies,omitempty"`
	Paragraphs      []outParagraph      `yaml:"paragraphs,omitempty"`
	Advances        []outAdvance        `yaml:"advances,omitempty"`
	Recommendations []outRecommendation `yaml:"recommendations,omitempty"`
	Quotes          []outQuote          `yaml:"quotes,omitempty"`
}

type outDocument struct {
	Symbol          string        `yaml:"symbol,omitempty"`
	Slug            string        `yaml:"slug"`
	Title           string        `yaml:"title"`
	TitleConfirmed  *bool         `yaml:"title_confirmed,omitempty"`
	TitleWhy        string        `yaml:"title_why,omitempty"`
	Kind            string        `yaml:"kind"`
	Author          string        `yaml:"author,omitempty"`
	Issued          string        `yaml:"issued,omitempty"`
	IssuedConfirmed *bool         `yaml:"issued_confirmed,omitempty"`
	IssuedWhy       string        `yaml:"issued_why,omitempty"`
	URL             string        `yaml:"url,omitempty"`
	AboutURL        string        `yaml:"about_url,omitempty"`
	Translations    yaml.MapSlice `yaml:"translations,omitempty"`
}

type outBody struct {
	Slug         string        `yaml:"slug"`
	Kind         string        `yaml:"kind"`
	Name         string        `yaml:"name"`
	ShortName    string        `yaml:"short_name,omitempty"`
	Parent       string        `yaml:"parent,omitempty"`
	Translations yaml.MapSlice `yaml:"translations,omitempty"`
}

type outNameTranslation struct {
	Name      string `yaml:"name"`
	ShortName string `yaml:"short_name,omitempty"`
}

type outParagraph struct {
	Number       int           `yaml:"number"`
	Topic        string        `yaml:"topic,omitempty"`
	Text         string        `yaml:"text,omitempty"`
	Translations yaml.MapSlice `yaml:"translations,omitempty"`
}

type outAdvance struct {
	Slug          string        `yaml:"slug"`
	Title         string        `yaml:"title"`
	Summary       string        `yaml:"summary,omitempty"`
	Paragraphs    []int         `yaml:"paragraphs,omitempty,flow"`
	Bodies        []any         `yaml:"bodies"`
	Date          string        `yaml:"date,omitempty"`
	DateConfirmed *bool         `yaml:"date_confirmed,omitempty"`
	DateWhy       string        `yaml:"date_why,omitempty"`
	Source        string        `yaml:"source"`
	Facts         []outFact     `yaml:"facts,omitempty"`
	Translations  yaml.MapSlice `yaml:"translations,omitempty"`
}

type outBodyRef struct {
	Body      string `yaml:"body"`
	Confirmed bool   `yaml:"confirmed"`
	Why       string `yaml:"why,omitempty"`
}

type outFact struct {
	Text         string        `yaml:"text"`
	Confirmed    bool          `yaml:"confirmed"`
	Why          string        `yaml:"why,omitempty"`
	SourceURL    string        `yaml:"source_url,omitempty"`
	Translations yaml.MapSlice `yaml:"translations,omitempty"`
}

type outRecommendation struct {
	Slug         string        `yaml:"slug"`
	Title        string        `yaml:"title"`
	Text         string        `yaml:"text"`
	Paragraphs   []int         `yaml:"paragraphs,flow"`
	Addressees   []string      `yaml:"addressees,omitempty,flow"`
	Source       string        `yaml:"source"`
	FollowUp     *outFollowUp  `yaml:"follow_up,omitempty"`
	Translations yaml.MapSlice `yaml:"translations,omitempty"`
}

type outFollowUp struct {
	Status    string `yaml:"status"`
	Date      string `yaml:"date"`
	SourceURL string `yaml:"source_url"`
}

type outQuote struct {
	Slug      string     `yaml:"slug"`
	Text      string     `yaml:"text"`
	Context   string     `yaml:"context,omitempty"`
	Speaker   outSpeaker `yaml:"speaker"`
	Paragraph int        `yaml:"paragraph,omitempty"`
	Source    string     `yaml:"source"`
	SaidIn    string     `yaml:"said_in,omitempty"`
	Lang      string     `yaml:"lang,omitempty"`
}

type outSpeaker struct {
	Name         string `yaml:"name"`
	Role         string `yaml:"role,omitempty"`
	Organisation string `yaml:"organisation,omitempty"`
	Body         string `yaml:"body,omitempty"`
}

type outTitleTranslation struct {
	Title     string `yaml:"title"`
	TitleWhy  string `yaml:"title_why,omitempty"`
	IssuedWhy string `yaml:"issued_why,omitempty"`
}

type outSummaryTranslation struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	DateWhy string `yaml:"date_why,omitempty"`
}
