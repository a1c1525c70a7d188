package dataset_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/jackc/pgx/v5"
)

// Every table's rows, with the records they point to named by slug rather than by id, and
// without the times of change: what two databases holding the same data have alike.
var tableQueries = map[string]string{
	"bodies": `SELECT b.slug, b.kind, b.name, b.short_name, p.slug AS parent, b.lang
		FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id`,
	"documents": `SELECT d.slug, d.symbol, d.title, d.title_confirmed, d.kind, a.slug AS author,
		d.issued_on, d.issued_precision, d.issued_confirmed, d.url, d.about_url, d.lang
		FROM documents d LEFT JOIN bodies a ON a.id = d.author_id`,
	"document_translations": `SELECT d.slug, t.lang, t.title FROM document_translations t JOIN documents d ON d.id = t.document_id`,
	"paragraphs":            `SELECT d.slug, p.number, p.topic, p.text FROM paragraphs p JOIN documents d ON d.id = p.document_id`,
	"advances": `SELECT a.slug, d.slug AS document, a.position, a.title, a.summary, a.event_on, a.event_precision,
		a.event_confirmed, s.slug AS source
		FROM advances a JOIN documents d ON d.id = a.document_id JOIN documents s ON s.id = a.source_id`,
	"advance_translations": `SELECT a.slug, t.lang, t.title, t.summary FROM advance_translations t JOIN advances a ON a.id = t.advance_id`,
	"advance_paragraphs":   `SELECT a.slug, d.slug AS document, p.number FROM advance_paragraphs p JOIN advances a ON a.id = p.advance_id JOIN documents d ON d.id = p.document_id`,
	"advance_bodies":       `SELECT a.slug, b.slug AS body, ab.confirmed FROM advance_bodies ab JOIN advances a ON a.id = ab.advance_id JOIN bodies b ON b.id = ab.body_id`,
	"advance_facts":        `SELECT a.slug, f.position, f.text, f.confirmed, f.source_url FROM advance_facts f JOIN advances a ON a.id = f.advance_id`,
	"recommendations": `SELECT r.slug, d.slug AS document, r.position, r.title, r.text, s.slug AS source
		FROM recommendations r JOIN documents d ON d.id = r.document_id JOIN documents s ON s.id = r.source_id`,
	"recommendation_translations": `SELECT r.slug, t.lang, t.title, t.text FROM recommendation_translations t JOIN recommendations r ON r.id = t.recommendation_id`,
	"recommendation_paragraphs":   `SELECT r.slug, d.slug AS document, p.number FROM recommendation_paragraphs p JOIN recommendations r ON r.id = p.recommendation_id JOIN documents d ON d.id = p.document_id`,
	"recommendation_addressees":   `SELECT r.slug, b.slug AS body FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id JOIN bodies b ON b.id = ra.body_id`,
	"quotes": `SELECT q.slug, d.slug AS document, q.position, q.paragraph_number, q.text, q.context, q.speaker_name,
		q.speaker_role, q.speaker_organisation, s.slug AS source, q.lang
		FROM quotes q JOIN documents d ON d.id = q.document_id JOIN documents s ON s.id = q.source_id`,
	// Importing the exports records the same creates as importing the data set did.
	"changes": `SELECT actor_kind, item_type, item_key, action, before, after, public, lang FROM changes`,
	// The counts the writes keep: the same data gives the same counts, however it was written.
	"row_totals": `SELECT name, n FROM row_totals`,
	"advance_tallies": `SELECT d.slug AS document, coalesce(b.slug, '') AS body, t.year, t.advances, t.unconfirmed
		FROM advance_tallies t JOIN documents d ON d.id = t.document_id LEFT JOIN bodies b ON b.id = t.body_id`,
	"advance_totals": `SELECT coalesce(b.slug, '') AS body, t.year, t.advances, t.unconfirmed
		FROM advance_totals t LEFT JOIN bodies b ON b.id = t.body_id`,
	"advance_tallies_due": `SELECT document_id FROM advance_tallies_due`,
	"quote_tallies": `SELECT d.slug AS document, t.speaker_name, t.speaker_organisation, t.quotes
		FROM quote_tallies t JOIN documents d ON d.id = t.document_id`,
	"quote_totals":      `SELECT speaker_name, speaker_organisation, quotes FROM quote_totals`,
	"quote_tallies_due": `SELECT document_id FROM quote_tallies_due`,
}

// tables reads every table of the database at url, each as a sorted list of JSON rows.
func tables(t *testing.T, url string) map[string][]string {
	t.Helper()
	ctx := t.Context()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var tables []string
	// The editors' accounts, sessions and failed sign-ins are no part of the data set: no file
	// carries them. Nor are the search words, which follow PostgreSQL's statistics of the data.
	rows, _ := conn.Query(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
		AND table_name NOT IN ('goose_db_version', 'users', 'sessions', 'login_failures', 'search_words')`)
	if tables, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		q, ok := tableQueries[table]
		if !ok {
			t.Fatalf("table %s has no snapshot query: add one, so that the round trip covers it", table)
		}
		rows, _ := conn.Query(ctx, `SELECT to_jsonb(x)::text FROM (`+q+`) x ORDER BY 1`)
		if out[table], err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
	return out
}

// Exporting every document and importing the files into an empty database gives the same data.
func TestExportRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	open := func() (*store.Store, string) {
		url := dbtest.NewURL(t)
		s, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s, url
	}
	from, fromURL := open()
	name, data := dataset.Seed()
	if _, err := dataset.Import(ctx, from, name, data); err != nil {
		t.Fatalf("Import(seed) = %v", err)
	}
	slugs, err := from.DocumentSlugs(ctx)
	if err != nil || len(slugs) < 2 {
		t.Fatalf("DocumentSlugs = %q, %v; want the report and its source", slugs, err)
	}
	to, toURL := open()
	for _, slug := range slugs {
		set, err := from.Export(ctx, slug)
		if err != nil {
			t.Fatalf("Export(%q) = %v", slug, err)
		}
		file, err := dataset.Marshal(set)
		if err != nil {
			t.Fatalf("Marshal(%q) = %v", slug, err)
		}
		if _, err := dataset.Import(ctx, to, slug+".yaml", file); err != nil {
			t.Fatalf("Import(export of %q) = %v\n%s", slug, err, file)
		}
	}
	want, got := tables(t, fromURL), tables(t, toURL)
	if len(want["advances"]) == 0 || len(want["quotes"]) == 0 {
		t.Fatalf("the seed left no advances or quotes: %v", want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after export and import (-seeded +imported):\n%s", diff)
	}
	if _, err := from.Export(ctx, "no-such-document"); err == nil {
		t.Error("Export(no-such-document) = nil error, want not found")
	}
}
