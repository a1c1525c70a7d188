package server_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/i18n"
)

// The references of a document and of a paragraph parse in each format and carry what a
// reader needs: author, title, symbol, date, paragraph, address and the date of access.
func TestCiteFormats(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	today := time.Now().UTC()
	for _, base := range []string{"/documents/A-73-230/paragraphs/14/cite", "/documents/A-73-230/cite", "/fr/documents/A-73-230/paragraphs/14/cite"} {
		para := strings.Contains(base, "paragraphs")
		t.Run(base, func(t *testing.T) {
			bib := fetch(t, h, base+".bib")
			if bib.Code != http.StatusOK || !strings.HasPrefix(bib.Header().Get("Content-Type"), "application/x-bibtex") {
				t.Fatalf("GET %s.bib = %d %s", base, bib.Code, bib.Header().Get("Content-Type"))
			}
			checkBibTeX(t, bib.Body.String(), para)

			ris := fetch(t, h, base+".ris")
			lines := strings.Split(strings.TrimRight(ris.Body.String(), "\r\n"), "\r\n")
			tags := map[string]string{}
			for _, l := range lines {
				if !regexp.MustCompile(`^[A-Z][A-Z0-9]  - `).MatchString(l) {
					t.Errorf("RIS line %q is not TAG  - value", l)
				}
				tags[l[:2]] = strings.TrimSpace(l[6:])
			}
			if lines[0] != "TY  - RPRT" || lines[len(lines)-1] != "ER  -" && lines[len(lines)-1] != "ER  - " {
				t.Errorf("RIS runs %q to %q, want TY to ER", lines[0], lines[len(lines)-1])
			}
			for _, tag := range []string{"AU", "TI", "CN", "PY", "UR", "Y2"} {
				if tags[tag] == "" {
					t.Errorf("RIS lacks %s:\n%s", tag, ris.Body.String())
				}
			}
			if tags["Y2"] != today.Format("2006/01/02") || tags["CN"] != "A/73/230" {
				t.Errorf("RIS Y2 %q CN %q, want today and A/73/230", tags["Y2"], tags["CN"])
			}
			if para != (tags["N1"] == "para. 14") {
				t.Errorf("RIS N1 = %q", tags["N1"])
			}

			var items []map[string]any
			rec := fetch(t, h, base+".json")
			if err := json.Unmarshal(rec.Body.Bytes(), &items); err != nil || len(items) != 1 {
				t.Fatalf("GET %s.json: %v, %d items, want a CSL-JSON array of one", base, err, len(items))
			}
			item := items[0]
			for _, key := range []string{"id", "type", "title", "URL", "issued", "accessed", "author", "number"} {
				if item[key] == nil || item[key] == "" {
					t.Errorf("CSL-JSON lacks %s: %v", key, item)
				}
			}
			if para && item["locator"] != "14" {
				t.Errorf("CSL-JSON locator = %v, want 14", item["locator"])
			}
			accessed := fmt.Sprint(item["accessed"])
			if want := fmt.Sprintf("map[date-parts:[[%d %d %d]]]", today.Year(), today.Month(), today.Day()); accessed != want {
				t.Errorf("CSL-JSON accessed = %s, want %s", accessed, want)
			}
		})
	}
	for _, path := range []string{"/documents/A-73-230/paragraphs/999/cite.bib", "/documents/no-such/cite.ris", "/documents/A-73-230/paragraphs/x/cite.json"} {
		if rec := fetch(t, h, path); rec.Code != http.StatusNotFound && rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 404 or 400", path, rec.Code)
		}
	}
}

// checkBibTeX parses one entry: balanced braces, the fields required, and no special
// character left unescaped in a value.
func checkBibTeX(t *testing.T, s string, para bool) {
	t.Helper()
	depth := 0
	for i, c := range s {
		if i > 0 && s[i-1] == '\\' {
			continue
		}
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				t.Fatalf("BibTeX closes a brace it did not open:\n%s", s)
			}
		}
	}
	if depth != 0 {
		t.Fatalf("BibTeX braces unbalanced by %d:\n%s", depth, s)
	}
	m := regexp.MustCompile(`^@(\w+)\{([^,\s]+),\n`).FindStringSubmatch(s)
	if m == nil || m[1] != "techreport" {
		t.Fatalf("BibTeX does not open with @techreport{key,:\n%s", s)
	}
	fields := map[string]string{}
	for _, f := range regexp.MustCompile(`(?m)^  (\w+) = \{(.*)\},$`).FindAllStringSubmatch(s, -1) {
		fields[f[1]] = f[2]
	}
	for _, f := range []string{"author", "title", "number", "year", "url", "urldate", "institution"} {
		if fields[f] == "" {
			t.Errorf("BibTeX lacks %s:\n%s", f, s)
		}
	}
	if para != (fields["note"] == "para. 14") {
		t.Errorf("BibTeX note = %q", fields["note"])
	}
	if fields["number"] != "A/73/230" {
		t.Errorf("BibTeX number = %q", fields["number"])
	}
	for name, v := range fields {
		if regexp.MustCompile(`(^|[^\\])[&%$#_]`).MatchString(v) {
			t.Errorf("BibTeX %s = %q has an unescaped special character", name, v)
		}
	}
}

// A title full of TeX's special characters comes out escaped and balanced.
func TestCiteEscapes(t *testing.T) {
	t.Parallel()
	s := dbtestWith(t, `document:
  symbol: A/1/1
  title: "50% of {odd} titles & #tags_with $ and ~^\\ and } alone"
  kind: report
  url: https://example.org/a
paragraphs:
  - number: 3
`)
	rec := fetch(t, s, "/documents/A-1-1/paragraphs/3/cite.bib")
	body := rec.Body.String()
	if !strings.Contains(body, `50\% of \{odd\} titles \& \#tags\_with \$ and \textasciitilde{}\textasciicircum{}\textbackslash{} and \} alone`) {
		t.Errorf("BibTeX title not escaped:\n%s", body)
	}
	depth := 0
	for i, c := range body {
		if i > 0 && body[i-1] == '\\' {
			continue
		}
		if c == '{' {
			depth++
		} else if c == '}' {
			depth--
		}
	}
	if depth != 0 {
		t.Errorf("BibTeX braces unbalanced:\n%s", body)
	}
}

func dbtestWith(t *testing.T, file string) http.Handler {
	t.Helper()
	h, s := seeded(t)
	if _, err := dataset.Import(t.Context(), s, "x.yaml", []byte(file)); err != nil {
		t.Fatalf("Import = %v", err)
	}
	return h
}

// The pages give the short citation and the full reference: a paragraph's page once each.
func TestCitationsOnPages(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	r := get(t, h, "/documents/A-73-230/paragraphs/43")
	if n := r.doc.Find(`[data-testid="citation"], [data-testid="citation-input"]`).Length(); n != 1 {
		t.Errorf("the paragraph page shows the short citation %d times, want once", n)
	}
	ref := strings.Join(strings.Fields(r.doc.Find(`[data-testid="reference-text"]`).Text()), " ")
	for _, want := range []string{"Secretary-General of the United Nations", "A/73/230", "2018", "para. 43", "https://undocs.org/A/73/230", "accessed " + i18n.English.Day(time.Now().UTC())} {
		if !strings.Contains(ref, want) {
			t.Errorf("paragraph reference %q lacks %q", ref, want)
		}
	}
	for _, f := range []string{"bib", "ris", "json"} {
		if got := r.doc.Find(`[data-testid="cite-`+f+`"]`).AttrOr("href", ""); got != "/documents/A-73-230/paragraphs/43/cite."+f {
			t.Errorf("paragraph %s link = %q", f, got)
		}
	}
	d := get(t, h, "/fr/documents/A-73-230")
	if got := d.doc.Find(`[data-testid="document-cite"] [data-testid="cite-bib"]`).AttrOr("href", ""); got != "/fr/documents/A-73-230/cite.bib" {
		t.Errorf("document BibTeX link = %q", got)
	}
	if ref := d.doc.Find(`[data-testid="document-cite"] [data-testid="reference-text"]`).Text(); !strings.Contains(ref, "consulté le") || strings.Contains(ref, "par. ") {
		t.Errorf("document reference in French = %q", ref)
	}
	home := get(t, h, "/")
	if c := home.doc.Find(`[data-testid="data-set-citation"]`).Text(); !strings.Contains(c, "HRD Advances Tracker") || !strings.Contains(c, "http://example.com/") || !strings.Contains(c, fmt.Sprint(time.Now().UTC().Year())) {
		t.Errorf("data set citation = %q, want the tracker, its last change and its address", c)
	}
}

// Every list and item twin answers with its rows, each with its address, citation and
// source; CSV files start with a byte order mark and are named after their filter.
func TestDataTwins(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	for _, tc := range []struct {
		path, file string
		rows       int // in the CSV, after the header
	}{
		{"/recommendations.csv?body=ohchr", "recommendations-ohchr.csv", 0},
		{"/recommendations.csv", "recommendations.csv", 2},
		{"/quotes.csv?document=A-73-230&lang=es", "quotes-A-73-230-es.csv", 6},
		{"/documents.csv", "documents.csv", 1},
		{"/documents/A-73-230/data.csv", "A-73-230.csv", -1},
		{"/bodies.csv", "bodies.csv", -1},
		{"/advances.csv?body=treaty-bodies", "advances-treaty-bodies.csv", 4},
		{"/advances/model-national-law.csv", "advance-model-national-law.csv", 1},
		{"/recommendations/system-wide-approach-to-civic-space.csv", "recommendation-system-wide-approach-to-civic-space.csv", 1},
		{"/bodies/cescr.csv", "body-cescr.csv", 1},
	} {
		rec := fetch(t, h, tc.path)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s = %d %s", tc.path, rec.Code, rec.Body.String())
			continue
		}
		if got := rec.Header().Get("Content-Disposition"); got != `attachment; filename="`+tc.file+`"` {
			t.Errorf("GET %s: Content-Disposition %q, want %s", tc.path, got, tc.file)
		}
		body, ok := strings.CutPrefix(rec.Body.String(), "\uFEFF")
		if !ok {
			t.Errorf("GET %s: no byte order mark", tc.path)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(rows) < 1 || tc.rows >= 0 && len(rows) != tc.rows+1 || tc.rows < 0 && len(rows) < 2 {
			t.Errorf("GET %s: %d rows (%v), want a header and %d", tc.path, len(rows), err, tc.rows)
			continue
		}
		if !slices.Contains(rows[0], "url") {
			t.Errorf("GET %s: header %q lacks url", tc.path, rows[0])
		}
		if i := slices.Index(rows[0], "url"); i >= 0 && len(rows) > 1 && !strings.HasPrefix(rows[1][i], "http://example.com/") {
			t.Errorf("GET %s: url %q is not absolute", tc.path, rows[1][i])
		}
	}
	var recs struct {
		Total           int
		Recommendations []struct {
			URL       string
			SourceURL string `json:"source_url"`
			Citations []string
		}
	}
	rec := fetch(t, h, "/fr/recommendations.json?document=A-73-230")
	if err := json.Unmarshal(rec.Body.Bytes(), &recs); err != nil || recs.Total != 2 || recs.Recommendations[0].SourceURL == "" || len(recs.Recommendations[0].Citations) == 0 || !strings.Contains(recs.Recommendations[0].Citations[0], "par.") {
		t.Errorf("GET /fr/recommendations.json: %v, %+v", err, recs)
	}
	for _, path := range []string{"/quotes.json?sort=date", "/documents.json?document=A-73-230", "/bodies.json?lang=xx", "/advances/nope.json", "/documents/A-73-230/data.json?page=2", "/documents/A-73-230/data.yaml?lang=fr"} {
		if rec := fetch(t, h, path); rec.Code != http.StatusBadRequest && rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 400 or 404", path, rec.Code)
		}
	}
	yaml := fetch(t, h, "/documents/A-73-230/data.yaml")
	if _, err := dataset.Parse("A-73-230.yaml", yaml.Body.Bytes()); err != nil || yaml.Code != http.StatusOK {
		t.Errorf("GET /documents/A-73-230/data.yaml = %d; parsing it: %v", yaml.Code, err)
	}
}

// The OpenAPI description lists every JSON address the router serves, and each answers 200
// with JSON of the schema it gives.
func TestOpenAPI(t *testing.T) {
	t.Parallel()
	h, _ := seeded(t)
	rec := fetch(t, h, "/api/openapi.json")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]struct {
			Get struct {
				Parameters []struct {
					Name, In, Example string
					Required          bool
				}
				Responses map[string]struct {
					Content map[string]struct{ Schema map[string]any }
				}
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || rec.Code != http.StatusOK || doc.OpenAPI != "3.1.0" {
		t.Fatalf("GET /api/openapi.json = %d, %v, version %q", rec.Code, err, doc.OpenAPI)
	}
	// Every route that answers JSON, without its language prefix, is described.
	routes := map[string]bool{}
	prefix := regexp.MustCompile(`^/(fr|es|ar)/`)
	err := chi.Walk(h.(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		route = prefix.ReplaceAllString(route, "/")
		if method == http.MethodGet && strings.HasSuffix(route, ".json") && route != "/api/openapi.json" {
			routes[route] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for route := range routes {
		if _, ok := doc.Paths[route]; !ok {
			t.Errorf("route %s serves JSON but /api/openapi.json does not describe it", route)
		}
	}
	for path, item := range doc.Paths {
		if !routes[path] {
			t.Errorf("/api/openapi.json describes %s, which no route serves", path)
		}
		target, query := path, url.Values{}
		for _, p := range item.Get.Parameters {
			switch {
			case p.In == "path":
				target = strings.ReplaceAll(target, "{"+p.Name+"}", p.Example)
			case p.Required:
				query.Set(p.Name, p.Example)
			}
		}
		if len(query) > 0 {
			target += "?" + query.Encode()
		}
		rec := fetch(t, h, target)
		ct := rec.Header().Get("Content-Type")
		if rec.Code != http.StatusOK || !strings.Contains(ct, "json") {
			t.Errorf("GET %s = %d %s, want 200 with JSON", target, rec.Code, ct)
			continue
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("GET %s: %v", target, err)
			continue
		}
		schema := item.Get.Responses["200"].Content["application/json"].Schema
		if schema == nil {
			t.Errorf("%s: no schema for its 200 answer", path)
			continue
		}
		for _, problem := range conforms(v, schema, "") {
			t.Errorf("GET %s: %s", target, problem)
		}
	}
}

// conforms checks v against a JSON Schema of the subset openapi.go writes: types, required
// properties, items and additional properties.
func conforms(v any, schema map[string]any, at string) []string {
	var problems []string
	typ, _ := schema["type"].(string)
	switch typ {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want an object", at, v)}
		}
		for _, r := range asSlice(schema["required"]) {
			if _, ok := m[r.(string)]; !ok {
				problems = append(problems, fmt.Sprintf("%s: lacks required %q", at, r))
			}
		}
		props, _ := schema["properties"].(map[string]any)
		extra, _ := schema["additionalProperties"].(map[string]any)
		for k, val := range m {
			if p, ok := props[k].(map[string]any); ok {
				problems = append(problems, conforms(val, p, at+"."+k)...)
			} else if extra != nil {
				problems = append(problems, conforms(val, extra, at+"."+k)...)
			} else {
				problems = append(problems, fmt.Sprintf("%s: property %q is not in the schema", at, k))
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want an array", at, v)}
		}
		items, _ := schema["items"].(map[string]any)
		for i, e := range a {
			problems = append(problems, conforms(e, items, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "string":
		if _, ok := v.(string); !ok {
			problems = append(problems, fmt.Sprintf("%s: %T, want a string", at, v))
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			problems = append(problems, fmt.Sprintf("%s: %v, want an integer", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			problems = append(problems, fmt.Sprintf("%s: %T, want a boolean", at, v))
		}
	}
	return problems
}

func asSlice(v any) []any { s, _ := v.([]any); return s }
