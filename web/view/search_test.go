package view

import (
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// A kind whose frequent words were looked for in a sample says that more may match, and a
// sample that found nothing does not say that nothing matches.
func TestSearchSampled(t *testing.T) {
	q := site.Query{Q: "rights women"}
	for _, tc := range []struct {
		name    string
		results store.SearchResults
		count   string // the paragraphs' link, when there are some
		empty   string // the message when there are no hits
	}{
		{"none", store.SearchResults{}, "", "Nothing in the tracker matches"},
		{"none in the sample", store.SearchResults{Partial: []store.SearchKind{store.KindParagraph}}, "", "None of the first texts searched matches"},
		{"some in the sample", store.SearchResults{
			Counts:  map[store.SearchKind]int{store.KindParagraph: 5},
			Partial: []store.SearchKind{store.KindParagraph},
			Hits:    []store.SearchHit{{Kind: store.KindParagraph, Paragraph: 1, Snippet: "rights of women"}},
		}, "(5+)", ""},
		{"all", store.SearchResults{
			Counts: map[store.SearchKind]int{store.KindParagraph: 5},
			Hits:   []store.SearchHit{{Kind: store.KindParagraph, Paragraph: 1, Snippet: "rights of women"}},
		}, "(5)", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := renderChart(t, searchResults(SearchPage{Query: q, Results: tc.results, Page: 1}))
			if got := doc.Find(`[data-testid="kind-paragraph"]`).Text(); tc.count != "" && !strings.HasSuffix(got, tc.count) {
				t.Errorf("paragraphs link = %q, want it to end %q", got, tc.count)
			}
			if got := doc.Find(`[data-testid="empty"]`).Text(); !strings.Contains(got, tc.empty) || (tc.empty == "") != (got == "") {
				t.Errorf("empty message = %q, want %q", got, tc.empty)
			}
		})
	}
}
