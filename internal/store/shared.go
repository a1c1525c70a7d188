package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// ImportOption changes what Import may do.
type ImportOption int

const (
	// UpdateShared lets Import change the bodies and sources that the database already holds
	// with other fields. Without it, a set may create them or restate them as they are, but
	// it changes only its own document: a file for one document cannot rewrite another's
	// title or link by listing it among its sources, nor rename a body that others name.
	UpdateShared ImportOption = iota + 1
)

// SharedConflict is a body or source of a set that the database already holds with other
// fields.
type SharedConflict struct {
	Source bool // a document in set.Sources; otherwise a body in set.Bodies
	Index  int  // its place in set.Sources or set.Bodies
	Slug   string
	// HeldAs is the slug of the document held with the source's symbol, when that is not
	// the source's slug.
	HeldAs  string
	Changes []FieldChange
	// NamedBy are the first documents, by slug, that name the body (as author, or in their
	// items) or the source (in their items, or the document itself where it records items of
	// its own): at most NamedByShown, and NamedByMore when others do too.
	NamedBy     []string
	NamedByMore bool
}

// NamedByShown is how many of the documents naming a shared record a conflict lists: a body
// such as the Secretary-General may be named by thousands.
const NamedByShown = 10

// Naming lists the documents that name the conflict's record, for a message: "A, B and others".
func (c SharedConflict) Naming() string {
	s := strings.Join(c.NamedBy, ", ")
	if c.NamedByMore {
		s += " and others"
	}
	return s
}

// FieldChange is one field of a shared record: as the database holds it and as the set has it.
type FieldChange struct {
	Field, Held, New string
}

// SharedError is Import's refusal to change shared records. It wraps ErrConflict.
type SharedError struct {
	Conflicts []SharedConflict
}

func (e *SharedError) Error() string {
	var b strings.Builder
	for i, c := range e.Conflicts {
		if i > 0 {
			b.WriteString("; ")
		}
		what := "body"
		if c.Source {
			what = "document"
		}
		fmt.Fprintf(&b, "%s %q is held with other fields:", what, c.Slug)
		for _, ch := range c.Changes {
			fmt.Fprintf(&b, " %s", ch.Field)
		}
		if len(c.NamedBy) > 0 {
			fmt.Fprintf(&b, " (named by %s)", c.Naming())
		}
	}
	return b.String()
}

func (e *SharedError) Unwrap() error { return ErrConflict }

// SharedConflicts compares the bodies and sources of set with those the database holds, and
// lists each one held with other fields: what Import refuses without UpdateShared. It only
// reads.
func (s *Store) SharedConflicts(ctx context.Context, set ImportSet) (_ []SharedConflict, err error) {
	defer wrap(&err, "store.SharedConflicts(%q)", set.Document.Slug)
	return sharedConflicts(ctx, s.pool, set)
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

type heldBody struct {
	Slug      string `db:"slug"`
	Kind      string `db:"kind"`
	Name      string `db:"name"`
	ShortName string `db:"short_name"`
	Parent    string `db:"parent"`
	Lang      string `db:"lang"`
	// Translations are the names in other languages, as the bodies.translations column holds them.
	Translations map[string]BodyName `db:"translations"`
}

type heldDocument struct {
	Slug            string            `db:"slug"`
	Symbol          string            `db:"symbol"`
	Title           string            `db:"title"`
	TitleConfirmed  bool              `db:"title_confirmed"`
	TitleWhy        string            `db:"title_why"`
	IssuedWhy       string            `db:"issued_why"`
	Kind            string            `db:"kind"`
	Author          string            `db:"author"`
	Issued          Date              `db:"issued"`
	IssuedConfirmed bool              `db:"issued_confirmed"`
	URL             string            `db:"url"`
	AboutURL        string            `db:"about_url"`
	Lang            string            `db:"lang"`
	Titles          map[string]string `db:"titles"`
}

// sharedConflicts costs two queries, whatever the number of bodies and sources, and two more
// to name the documents that name them when any conflicts.
func sharedConflicts(ctx context.Context, q querier, set ImportSet) ([]SharedConflict, error) {
	lang := set.Lang
	var conflicts []SharedConflict
	if len(set.Bodies) > 0 {
		slugs := make([]string, len(set.Bodies))
		for i, b := range set.Bodies {
			slugs[i] = b.Slug
		}
		rows, _ := q.Query(ctx, `
SELECT b.slug, b.kind, b.name, b.short_name, coalesce(p.slug, '') AS parent, b.lang,
       b.translations
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.slug = ANY($1)`, slugs)
		held, err := pgx.CollectRows(rows, pgx.RowToStructByName[heldBody])
		if err != nil {
			return nil, err
		}
		bySlug := map[string]heldBody{}
		for _, h := range held {
			bySlug[h.Slug] = h
		}
		for i, b := range set.Bodies {
			h, ok := bySlug[b.Slug]
			if !ok {
				continue
			}
			changes := diff(nil, "kind", h.Kind, string(b.Kind))
			changes = diff(changes, "name", h.Name, b.Name)
			changes = diff(changes, "short_name", h.ShortName, b.ShortName)
			changes = diff(changes, "parent", h.Parent, b.Parent)
			changes = diff(changes, "lang", h.Lang, lang)
			changes = diff(changes, "translations", bodyTranslations(h.Translations), bodyTranslations(b.Translations))
			if len(changes) > 0 {
				conflicts = append(conflicts, SharedConflict{Index: i, Slug: b.Slug, Changes: changes})
			}
		}
	}
	if len(set.Sources) > 0 {
		slugs := make([]string, len(set.Sources))
		symbols := make([]string, 0, len(set.Sources))
		for i, d := range set.Sources {
			slugs[i] = d.Slug
			if d.Symbol != "" {
				symbols = append(symbols, d.Symbol)
			}
		}
		rows, _ := q.Query(ctx, `
SELECT d.slug, coalesce(d.symbol, '') AS symbol, d.title, d.title_confirmed, d.title_why,
       d.issued_why, d.kind,
       coalesce(a.slug, '') AS author, date_iso(d.issued_on, d.issued_precision) AS issued,
       d.issued_confirmed, d.url, d.about_url, d.lang,
       coalesce((SELECT jsonb_object_agg(t.lang, t.title)
                 FROM document_translations t
                 WHERE t.document_id = d.id), '{}') AS titles
FROM documents d
LEFT JOIN bodies a ON a.id = d.author_id
WHERE d.slug = ANY($1) OR d.symbol = ANY($2)`, slugs, symbols)
		held, err := pgx.CollectRows(rows, pgx.RowToStructByName[heldDocument])
		if err != nil {
			return nil, err
		}
		bySlug, bySymbol := map[string]heldDocument{}, map[string]heldDocument{}
		for _, h := range held {
			bySlug[h.Slug] = h
			if h.Symbol != "" {
				bySymbol[h.Symbol] = h
			}
		}
		for i, d := range set.Sources {
			h, ok := bySlug[d.Slug]
			if !ok {
				// A new slug with a symbol held already would take that document's symbol.
				if h, ok := bySymbol[d.Symbol]; ok && d.Symbol != "" {
					conflicts = append(conflicts, SharedConflict{
						Source: true, Index: i, Slug: d.Slug, HeldAs: h.Slug,
						Changes: []FieldChange{{Field: "slug", Held: h.Slug, New: d.Slug}},
					})
				}
				continue
			}
			changes := diff(nil, "symbol", h.Symbol, d.Symbol)
			changes = diff(changes, "title", h.Title, d.Title)
			changes = diff(changes, "title_confirmed", strconv.FormatBool(h.TitleConfirmed), strconv.FormatBool(d.TitleConfirmed))
			changes = diff(changes, "title_why", h.TitleWhy, d.TitleWhy)
			changes = diff(changes, "kind", h.Kind, string(d.Kind))
			changes = diff(changes, "author", h.Author, d.Author)
			changes = diff(changes, "issued", h.Issued.ISO(), d.Issued.ISO())
			changes = diff(changes, "issued_confirmed", strconv.FormatBool(h.IssuedConfirmed), strconv.FormatBool(d.IssuedConfirmed))
			changes = diff(changes, "issued_why", h.IssuedWhy, d.IssuedWhy)
			changes = diff(changes, "url", h.URL, d.URL)
			changes = diff(changes, "about_url", h.AboutURL, d.AboutURL)
			changes = diff(changes, "lang", h.Lang, lang)
			changes = diff(changes, "translations", titles(h.Titles), titles(d.Titles))
			if len(changes) > 0 {
				conflicts = append(conflicts, SharedConflict{Source: true, Index: i, Slug: d.Slug, Changes: changes})
			}
		}
	}
	if len(conflicts) == 0 {
		return nil, nil
	}
	return conflicts, namedBy(ctx, q, conflicts)
}

// namedBy fills in the documents naming each conflict's record. It runs only on conflicts:
// finding who names a body means reading its advances and recommendations, which for a body
// named everywhere are many.
func namedBy(ctx context.Context, q querier, conflicts []SharedConflict) error {
	var bodies, sources []string
	for _, c := range conflicts {
		switch {
		case !c.Source:
			bodies = append(bodies, c.Slug)
		case c.HeldAs != "":
			sources = append(sources, c.HeldAs)
		default:
			sources = append(sources, c.Slug)
		}
	}
	rows, _ := q.Query(ctx, `
SELECT false AS source, b.slug, ARRAY(
           SELECT d.slug FROM documents d
           WHERE d.id IN (SELECT id FROM documents WHERE author_id = b.id
                          UNION SELECT a.document_id
                          FROM advance_bodies ab JOIN advances a ON a.id = ab.advance_id
                          WHERE ab.body_id = b.id
                          UNION SELECT r.document_id
                          FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id
                          WHERE ra.body_id = b.id)
           ORDER BY d.slug
           LIMIT $3 + 1) AS named_by
FROM bodies b
WHERE b.slug = ANY($1)
UNION ALL
SELECT true, s.slug, ARRAY(
           SELECT o.slug FROM documents o
           WHERE o.id IN (SELECT document_id FROM advances WHERE source_id = s.id
                          UNION SELECT document_id FROM recommendations WHERE source_id = s.id
                          UNION SELECT document_id FROM quotes WHERE source_id = s.id
                          UNION SELECT document_id FROM paragraphs WHERE document_id = s.id)
           ORDER BY o.slug
           LIMIT $3 + 1)
FROM documents s
WHERE s.slug = ANY($2)`, bodies, sources, NamedByShown)
	type naming struct {
		Source  bool     `db:"source"`
		Slug    string   `db:"slug"`
		NamedBy []string `db:"named_by"`
	}
	named, err := pgx.CollectRows(rows, pgx.RowToStructByName[naming])
	if err != nil {
		return err
	}
	for i, c := range conflicts {
		slug := c.Slug
		if c.HeldAs != "" {
			slug = c.HeldAs
		}
		for _, n := range named {
			if n.Source == c.Source && n.Slug == slug {
				conflicts[i].NamedBy = n.NamedBy[:min(len(n.NamedBy), NamedByShown)]
				conflicts[i].NamedByMore = len(n.NamedBy) > NamedByShown
			}
		}
	}
	return nil
}

func diff(changes []FieldChange, field, held, new string) []FieldChange {
	if held == new {
		return changes
	}
	return append(changes, FieldChange{Field: field, Held: held, New: new})
}

// titles writes a document's translated titles in a stable order, for comparing and showing.
func titles(m map[string]string) string {
	var b strings.Builder
	for _, l := range slices.Sorted(maps.Keys(m)) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %q", l, m[l])
	}
	return b.String()
}

// bodyTranslations writes a body's names in other languages in a stable order, for comparing
// and showing.
func bodyTranslations(m map[string]BodyName) string {
	var b strings.Builder
	for _, l := range slices.Sorted(maps.Keys(m)) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s: %q", l, m[l].Name)
		if m[l].ShortName != "" {
			fmt.Fprintf(&b, " (%q)", m[l].ShortName)
		}
	}
	return b.String()
}
