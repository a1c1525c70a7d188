package server

import (
	"net/http"
	"reflect"
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/cite"
	"github.com/hrdtracker/hrdtracker/internal/site"
)

// twin is one JSON address the OpenAPI description lists: its path template, the query
// parameters it takes, an example of each path parameter, and the Go type of its answer,
// from which its schema is drawn, so that the description cannot drift from the code.
type twin struct {
	Path    string
	Summary string
	Query   []site.Param
	// Example holds a value of each path parameter, and of each query parameter that is
	// required, from the shipped data set.
	Example map[string]string
	Answer  any
}

// jsonTwins lists every JSON address. The routes test checks it against routes.go.
var jsonTwins = []twin{
	{"/advances.json", "Advances, filtered as on /advances, 1,000 a page; next is the address of the next page", site.DataParams, nil, advancesDoc{}},
	{"/advances/{slug}.json", "One advance", []site.Param{site.ParamLang}, map[string]string{"slug": "model-national-law"}, advanceDoc{}},
	{"/recommendations.json", "Recommendations, by addressee body and document, 1,000 a page; next is the address of the next page", site.ItemDataParams, nil, recommendationsDoc{}},
	{"/recommendations/{slug}.json", "One recommendation", []site.Param{site.ParamLang}, map[string]string{"slug": "system-wide-approach-to-civic-space"}, recommendationDoc{}},
	{"/quotes.json", "Quotes, by the body their speakers speak for, document, speaker and organisation, 1,000 a page; next is the address of the next page", site.QuoteDataParams, nil, quotesDoc{}},
	{"/documents.json", "Documents, newest first, or those a body wrote, 1,000 a page; next is the address of the next page", site.DocumentDataParams, nil, documentsDoc{}},
	{"/documents/{slug}/data.json", "One document with its paragraphs (also data.csv, and data.yaml in the import format)", []site.Param{site.ParamLang}, map[string]string{"slug": "A-73-230"}, documentDoc{}},
	{"/documents/{slug}/cite.json", "A document's reference as CSL-JSON (also cite.bib, cite.ris)", nil, map[string]string{"slug": "A-73-230"}, []cite.CSL{}},
	{"/documents/{slug}/paragraphs/{n}/cite.json", "A paragraph's reference as CSL-JSON (also cite.bib, cite.ris)", nil, map[string]string{"slug": "A-73-230", "n": "14"}, []cite.CSL{}},
	{"/bodies.json", "UN bodies and other actors, with their advances", []site.Param{site.ParamLang}, nil, bodiesDoc{}},
	{"/bodies/{slug}.json", "One body", []site.Param{site.ParamLang}, map[string]string{"slug": "treaty-bodies"}, bodyDoc{}},
	{"/changes.json", "Recent changes: every published change, newest first, 20 a page; next is the address of the next page", []site.Param{site.ParamAfter}, nil, changesDoc{}},
	{"/search.json", "One page of what a search finds, 100 results a page (also search.csv)", site.SearchDataParams, map[string]string{"q": "reprisals"}, searchDoc{}},
}

var paramDescriptions = map[site.Param]string{
	site.ParamBody:         "a body's slug, for it and the bodies under it: the advances they record, the recommendations addressed to them, the documents they wrote, the quotes of those who speak for them",
	site.ParamDocument:     "a document's slug, such as A-73-230",
	site.ParamSpeaker:      "a quote's speaker, by name as the quotes give it",
	site.ParamOrganisation: "a quote speaker's organisation, as the quotes give it",
	site.ParamSort:         "paragraph (the default) or date",
	site.ParamLang:         "en, fr, es or ar: titles and texts in that language where translated; the prefix's language by default",
	site.ParamQ:            "the words to search for: \"a phrase\", or between words, -word to leave one out; a UN symbol leads to its document",
	site.ParamKind:         "document, paragraph, advance, recommendation or quote: only results of that kind",
	site.ParamPage:         "the page of results, from 1",
	site.ParamAfter:        "where a page starts: the after of the previous page's next address; absent for the first page",
}

// serveOpenAPI describes the JSON twins in OpenAPI 3.1.
func (s *Server) serveOpenAPI(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.listQuery(r); err != nil {
		return err
	}
	return writeJSON(w, openAPI(s.origin(r)))
}

func openAPI(origin string) map[string]any {
	paths := map[string]any{}
	for _, t := range jsonTwins {
		var params []any
		for _, name := range pathParams(t.Path) {
			params = append(params, map[string]any{
				"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"},
				"example": t.Example[name],
			})
		}
		for _, p := range t.Query {
			param := map[string]any{
				"name": string(p), "in": "query", "required": false, "schema": map[string]any{"type": "string"},
				"description": paramDescriptions[p],
			}
			if example, ok := t.Example[string(p)]; ok {
				param["required"], param["example"] = true, example
			}
			params = append(params, param)
		}
		op := map[string]any{
			"summary": t.Summary,
			"responses": map[string]any{
				"200": map[string]any{
					"description": "OK; carries a weak ETag, and If-None-Match answers 304",
					"content":     map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(t.Answer))}},
				},
				"400": map[string]any{"description": "A parameter the address does not take, or a value it cannot use: the message says which, as plain text"},
				"404": map[string]any{"description": "Nothing at this address"},
			},
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		paths[t.Path] = map[string]any{"get": op}
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "HRD Advances Tracker data",
			"version": "1",
			"description": "Every list and item of the tracker as data. Each JSON address has a CSV twin " +
				"(.csv, UTF-8 with a byte order mark) and answers under the language prefixes /fr, /es and /ar too, " +
				"its addresses then in that language. Addresses are absolute, for spreadsheets.",
		},
		"servers": []any{map[string]any{"url": origin}},
		"paths":   paths,
	}
}

// pathParams are the {names} in a path template.
func pathParams(path string) []string {
	var out []string
	for _, part := range strings.Split(path, "{")[1:] {
		out = append(out, part[:strings.Index(part, "}")])
	}
	return out
}

// schemaOf is the JSON Schema of the JSON encoding of values of type t: structs by their json
// tags, a field without omitempty required.
func schemaOf(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Struct:
		props, required := map[string]any{}, []string{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = schemaOf(f.Type)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		return map[string]any{"type": "object", "properties": props, "required": required}
	}
	return map[string]any{}
}
