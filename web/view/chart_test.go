package view

import (
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
	"github.com/hrdtracker/hrdtracker/internal/site"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func renderChart(t *testing.T, components ...templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	for _, c := range components {
		if err := c.Render(t.Context(), &b); err != nil {
			t.Fatalf("Render = %v", err)
		}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func testChartText(id string) ChartText {
	return ChartText{
		ID: id, Title: "Title " + id, Description: "Description " + id,
		LabelHeading: "Label", ValueHeading: "Advances", ShowTable: "The numbers", Empty: "Nothing to count yet.",
	}
}

func chartTexts(s *goquery.Selection) []string {
	return s.Map(func(_ int, s *goquery.Selection) string { return strings.TrimSpace(s.Text()) })
}

func chartAttrs(s *goquery.Selection, name string) []int {
	var out []int
	s.Each(func(_ int, s *goquery.Selection) {
		n, _ := strconv.Atoi(s.AttrOr(name, ""))
		out = append(out, n)
	})
	return out
}

// chartTableRows reads a chart table's body, one []string of cell texts per row.
func chartTableRows(doc *goquery.Document) [][]string {
	var rows [][]string
	doc.Find("[data-testid=chart-table] tbody tr").Each(func(_ int, tr *goquery.Selection) {
		cells := chartTexts(tr.Children())
		for i, c := range cells {
			cells[i] = strings.Join(strings.FieldsFunc(c, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }), " ") // as a browser shows it
		}
		rows = append(rows, cells)
	})
	return rows
}

// checkChartFrame checks what every chart has: a named, described image.
func checkChartFrame(t *testing.T, doc *goquery.Document, id string) {
	t.Helper()
	svg := doc.Find("#" + id + " svg")
	if svg.AttrOr("role", "") != "img" || svg.AttrOr("aria-labelledby", "") != id+"-title "+id+"-desc" {
		t.Errorf("svg role=%q aria-labelledby=%q, want img and %q", svg.AttrOr("role", ""), svg.AttrOr("aria-labelledby", ""), id+"-title "+id+"-desc")
	}
	if got := svg.Find("title#" + id + "-title").Text(); got != "Title "+id {
		t.Errorf("svg title = %q, want %q", got, "Title "+id)
	}
	if got := svg.Find("desc#" + id + "-desc").Text(); got != "Description "+id {
		t.Errorf("svg desc = %q, want %q", got, "Description "+id)
	}
	if got := doc.Find("#" + id + " table caption").Text(); got != "Title "+id {
		t.Errorf("table caption = %q, want the title", got)
	}
}

func TestBarFigure(t *testing.T) {
	c := BarChart{ChartText: testChartText("bodies"), Bars: []Bar{
		{Label: "Treaty bodies", Href: "/advances?body=treaty-bodies", Value: 4},
		{Label: "CESCR", Lang: "fr", Href: "/advances?body=cescr", Value: 1},
		{Label: "<script>alert(1)</script>", Value: 2},
	}}
	doc := renderChart(t, BarFigure(c))
	checkChartFrame(t, doc, "bodies")

	svg := doc.Find("#bodies svg")
	var drawn [][]string
	labels, values := chartTexts(svg.Find("text.chart-label")), chartTexts(svg.Find("text.chart-value"))
	for i := range labels {
		drawn = append(drawn, []string{labels[i], values[i]})
	}
	want := [][]string{{"Treaty bodies", "4"}, {"CESCR", "1"}, {"<script>alert(1)</script>", "2"}}
	if diff := cmp.Diff(want, drawn); diff != "" {
		t.Errorf("bars drawn (-want +got):\n%s", diff)
	}
	// In the table, a label in another language carries the "not yet translated" note.
	want[1][0] = "CESCR (not yet translated)"
	if diff := cmp.Diff(want, chartTableRows(doc)); diff != "" {
		t.Errorf("table rows (-want +got):\n%s", diff)
	}
	// The longest bar takes the whole width left for bars; the others their share of it.
	full := chartBarsWidth - chartValueRoom
	if diff := cmp.Diff([]int{full, full / 4, full / 2}, chartAttrs(svg.Find("rect.chart-bar"), "width")); diff != "" {
		t.Errorf("bar widths (-want +got):\n%s", diff)
	}
	hrefs := doc.Find("table a").Map(func(_ int, a *goquery.Selection) string { return a.AttrOr("href", "") })
	if diff := cmp.Diff([]string{"/advances?body=treaty-bodies", "/advances?body=cescr"}, hrefs); diff != "" {
		t.Errorf("table links (-want +got):\n%s", diff)
	}
	if svg.Find(`text[lang="fr"]`).Text() != "CESCR" || doc.Find(`th [lang="fr"]`).Text() != "CESCR" {
		t.Error("a label in another language than the page's is not marked so in the image and the table")
	}
	if doc.Find("script").Length() != 0 || doc.Find("svg a").Length() != 0 {
		t.Error("a label became markup, or the image holds links")
	}
}

func TestTimelineFigure(t *testing.T) {
	c := Timeline{ChartText: testChartText("years"), Unconfirmed: "Date not confirmed", Years: []store.YearCount{
		{Year: 2000, Advances: 1},
		{Year: 2015, Advances: 2, Unconfirmed: 1},
		{Year: 2016, Advances: 4},
		{Year: 2018, Advances: 1},
	}}
	doc := renderChart(t, TimelineFigure(c))
	checkChartFrame(t, doc, "years")

	svg := doc.Find("#years svg")
	if got := svg.Find("line.chart-tick").Length(); got != 19 {
		t.Errorf("%d year ticks, want 19: one per year from 2000 to 2018", got)
	}
	var drawn [][]string
	years, values := chartTexts(svg.Find("text.chart-label")), chartTexts(svg.Find("text.chart-value"))
	for i := range years {
		drawn = append(drawn, []string{years[i], values[i]})
	}
	if diff := cmp.Diff([][]string{{"2000", "1"}, {"2015", "2"}, {"2016", "4"}, {"2018", "1"}}, drawn); diff != "" {
		t.Errorf("columns drawn (-want +got):\n%s", diff)
	}
	wantRows := [][]string{{"2000", "1", "0"}, {"2015", "2", "1"}, {"2016", "4", "0"}, {"2018", "1", "0"}}
	if diff := cmp.Diff(wantRows, chartTableRows(doc)); diff != "" {
		t.Errorf("table rows (-want +got):\n%s", diff)
	}
	// Empty years keep their place: 2018 is as far from 2016 as two years are.
	x := chartAttrs(svg.Find("rect.chart-bar"), "x")
	if step := x[2] - x[1]; step <= 0 || x[3]-x[2] != 2*step || x[1]-x[0] != 15*step {
		t.Errorf("column x = %v, want one step a year", x)
	}
	if h := chartAttrs(svg.Find("rect.chart-bar"), "height"); h[2] != chartPlot || h[1] != chartPlot/2 {
		t.Errorf("column heights = %v, want 2016 full (%d) and 2015 half", h, chartPlot)
	}
	if got := svg.Find("rect.chart-bar-unconfirmed").Length(); got != 1 {
		t.Errorf("%d unconfirmed parts, want 1 (2015)", got)
	}
	if got := doc.Find("[data-testid=chart-legend]").Text(); !strings.Contains(got, "Date not confirmed") {
		t.Errorf("legend = %q, want it to name unconfirmed dates", got)
	}

	confirmed := Timeline{ChartText: testChartText("years"), Unconfirmed: "Date not confirmed", Years: []store.YearCount{{Year: 2020, Advances: 3}}}
	doc = renderChart(t, TimelineFigure(confirmed))
	if doc.Find("[data-testid=chart-legend]").Length() != 0 || doc.Find("thead th").Length() != 2 {
		t.Error("with every date confirmed, want no legend and no column for unconfirmed dates")
	}
}

// Numbers are written as the page's language writes them, in the image as in the table; years
// are not grouped.
func TestChartDigits(t *testing.T) {
	ctx := site.WithLocale(t.Context(), site.Locale{Lang: i18n.French, Path: "/"})
	var b strings.Builder
	bars := BarChart{ChartText: testChartText("bodies"), Bars: []Bar{{Label: "CESCR", Value: 1234}}}
	years := Timeline{ChartText: testChartText("years"), Years: []store.YearCount{{Year: 2016, Advances: 3}}}
	for _, c := range []templ.Component{BarFigure(bars), TimelineFigure(years)} {
		if err := c.Render(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := chartTexts(doc.Find("text.chart-value, text.chart-label")), []string{"CESCR", "1\u00a0234", "3", "2016"}; !cmp.Equal(got, want) {
		t.Errorf("svg texts = %q, want %q", got, want)
	}
	if got, want := chartTableRows(doc), [][]string{{"CESCR", "1\u00a0234"}, {"2016", "3"}}; !cmp.Equal(got, want) {
		t.Errorf("table rows = %q, want %q", got, want)
	}
}

func TestChartsEmpty(t *testing.T) {
	for name, c := range map[string]templ.Component{
		"no bars":   BarFigure(BarChart{ChartText: testChartText("empty")}),
		"all zero":  BarFigure(BarChart{ChartText: testChartText("empty"), Bars: []Bar{{Label: "CESCR"}}}),
		"no years":  TimelineFigure(Timeline{ChartText: testChartText("empty")}),
		"zero year": TimelineFigure(Timeline{ChartText: testChartText("empty"), Years: []store.YearCount{{Year: 2020}}}),
	} {
		t.Run(name, func(t *testing.T) {
			doc := renderChart(t, c)
			if got := doc.Find("#empty [data-testid=chart-empty]").Text(); got != "Nothing to count yet." {
				t.Errorf("empty text = %q, want the Empty message", got)
			}
			if doc.Find("svg, table").Length() != 0 {
				t.Error("an empty chart draws an image or a table")
			}
		})
	}
}

// Two charts on one page keep their ids apart, and every id the images point to exists.
func TestChartIDs(t *testing.T) {
	doc := renderChart(t,
		BarFigure(BarChart{ChartText: testChartText("a"), Bars: []Bar{{Label: "x", Value: 1}}}),
		TimelineFigure(Timeline{ChartText: testChartText("b"), Years: []store.YearCount{{Year: 2020, Advances: 1}}}),
	)
	seen := map[string]bool{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if seen[id] {
			t.Errorf("id %q appears twice", id)
		}
		seen[id] = true
	})
	doc.Find("svg").Each(func(_ int, s *goquery.Selection) {
		for _, id := range strings.Fields(s.AttrOr("aria-labelledby", "")) {
			if !seen[id] {
				t.Errorf("aria-labelledby names %q, which is not on the page", id)
			}
		}
	})
	if len(seen) != 6 {
		t.Errorf("%d ids, want 6 (a figure, a title and a description per chart)", len(seen))
	}
}
