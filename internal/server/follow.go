package server

import (
	"net/http"

	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/web/view"
)

// serveFollow explains feeds in the reader's language and lists those of the filters given:
// opened in a browser, a feed itself is raw XML.
func (s *Server) serveFollow(w http.ResponseWriter, r *http.Request) error {
	q, err := s.listQuery(r, site.FollowParams...)
	if err != nil {
		return err
	}
	names, err := s.filterNames(r, q)
	if err != nil {
		return err
	}
	l, origin := lang(r), s.origin(r)
	feed := func(q site.Query) string { return origin + site.Localized(l, q.Feed(site.AdvancesPath)) }
	p := view.FollowPage{Query: q, Filters: names}
	if q.Filtered() {
		p.Feeds = append(p.Feeds, view.Feed{Filtered: true, URL: feed(q)})
	}
	p.Feeds = append(p.Feeds, view.Feed{URL: feed(site.Query{})})
	// The recommendations and quotes have feeds of their own.
	p.Feeds = append(p.Feeds,
		view.Feed{Kind: view.FeedRecommendations, URL: origin + site.Localized(l, site.Query{}.Feed(site.RecommendationsPath))},
		view.Feed{Kind: view.FeedQuotes, URL: origin + site.Localized(l, site.Query{}.Feed(site.QuotesPath))})
	return s.page(w, r, q.URL(site.FollowPath), view.Follow(p))
}
