package view

import (
	"context"
	"fmt"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// searchPerPage is how many hits a page of results shows.
const searchPerPage = 20

// SearchPerPage is how many hits a page of results shows; the server pages by it.
const SearchPerPage = searchPerPage

// SearchPage is the search form and, when words were given, one page of what they found.
type SearchPage struct {
	Query   site.Query
	Results store.SearchResults
	Page    int
	Pages   int
}

// hitTotal is how many hits of kind ("" for every kind) a search found, as a number, with a
// "+" where more match than a search ranks (store.SearchCandidates).
func hitTotal(ctx context.Context, r store.SearchResults, kind store.SearchKind) string {
	n, more := r.Total(kind)
	if more {
		return number(ctx, n) + "+"
	}
	return number(ctx, n)
}

// hitCount says how many hits of kind a search found, "more than" past what it ranks.
func hitCount(ctx context.Context, r store.SearchResults, kind store.SearchKind) string {
	n, more := r.Total(kind)
	if more {
		return fmt.Sprintf(t(ctx).SearchCountMore, number(ctx, n))
	}
	return count(ctx, t(ctx).SearchResultCount, n)
}

// segment is a run of a hit's text, matched by the search or not.
type segment struct {
	Text  string
	Match bool
}

// segments splits text marked by the store (store.MarkStart, store.MarkEnd) into runs, so that
// the page marks the matched words itself and escapes everything: the database's headline is
// never taken as HTML.
func segments(text string) []segment {
	var out []segment
	for text != "" {
		start := strings.Index(text, store.MarkStart)
		if start < 0 {
			out = append(out, segment{Text: store.Unmark(text)})
			break
		}
		if start > 0 {
			out = append(out, segment{Text: store.Unmark(text[:start])})
		}
		text = text[start+len(store.MarkStart):]
		end := strings.Index(text, store.MarkEnd)
		if end < 0 {
			end = len(text)
		}
		if m := store.Unmark(text[:end]); m != "" {
			out = append(out, segment{Text: m, Match: true})
		}
		text = strings.TrimPrefix(text[end:], store.MarkEnd)
	}
	return out
}

// HitURL is the page of what a search found, before any language prefix: a quote's is its
// place in the list of quotes, as its data twins give it.
func HitURL(h store.SearchHit) string {
	switch h.Kind {
	case store.KindDocument:
		return site.DocumentURL(h.Document.Slug)
	case store.KindAdvance:
		return site.AdvanceURL(h.Slug)
	case store.KindRecommendation:
		return site.RecommendationURL(h.Slug)
	case store.KindQuote:
		return site.QuoteURL(h.Document.Slug, h.Slug)
	}
	return site.ParagraphURL(h.Document.Slug, h.Paragraph)
}

// HitTitle is a hit's title as plain text in language l: a paragraph's citation, a quote's
// speaker, otherwise the item's own title.
func HitTitle(l *i18n.Lang, h store.SearchHit) string {
	if h.Kind == store.KindParagraph {
		return Citation(l, h.Document, h.Paragraph)
	}
	return store.Unmark(h.Title)
}

// searchKind names a kind of result from names, the singular or plural catalog.
func searchKind(names i18n.SearchKindNames, k store.SearchKind) string {
	switch k {
	case store.KindDocument:
		return names.Document
	case store.KindParagraph:
		return names.Paragraph
	case store.KindAdvance:
		return names.Advance
	case store.KindRecommendation:
		return names.Recommendation
	case store.KindQuote:
		return names.Quote
	}
	return string(k)
}

func searchTitle(ctx context.Context, q site.Query) string {
	if q.Q == "" {
		return t(ctx).SearchTitle
	}
	return fmt.Sprintf(t(ctx).SearchTitleFor, q.Q)
}

// kindQuery is q showing kind k, from its first page.
func kindQuery(q site.Query, k store.SearchKind) site.Query {
	q.Kind, q.Page = k, 0
	return q
}
