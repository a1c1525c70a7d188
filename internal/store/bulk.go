package store

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"
)

// BulkProgress is how far BulkImport has come.
type BulkProgress struct {
	Documents, Paragraphs int  // loaded so far
	Indexing              bool // every row is in; the indexes and constraints are being rebuilt
}

// bulkChunk is how many paragraphs BulkImport gathers before it copies them: enough that a
// COPY's round trip costs nothing beside its rows, few enough that memory stays small.
const bulkChunk = 20_000

// bulkTables are the tables BulkImport writes, parents first, as COPY must fill them.
var bulkTables = []string{
	"documents", "document_translations", "paragraphs",
	"advances", "advance_translations", "advance_paragraphs", "advance_bodies", "advance_facts",
	"recommendations", "recommendation_translations", "recommendation_paragraphs", "recommendation_addressees",
	"quotes",
}

// BulkImport loads many new documents fast, for data sets too large for ImportAll: the
// rows it writes are those Import would write for each set, but they go in by COPY, a chunk
// of documents at a time, all in one transaction: on any error nothing changes.
//
// Every set's document, sources and items must be new to the database (a slug it already
// holds is ErrConflict); sources shared by several sets must be defined alike. Bodies go
// through Import's path, so a set may name bodies the database holds, as they are held;
// one held with other fields is refused with a *SharedError.
//
// The search columns are still filled by the schema's triggers, row by row. What BulkImport
// spares is the per-row upkeep of indexes and foreign keys: it drops the secondary indexes
// and the foreign keys of the tables it writes, and makes them again from their definitions
// once every row is in, which checks every row at once. That holds those tables locked
// against readers until it commits. After each chunk, progress (when not nil) is told how
// far the load has come.
func (s *Store) BulkImport(ctx context.Context, sets iter.Seq[ImportSet], progress func(BulkProgress)) (err error) {
	defer wrap(&err, "store.BulkImport")
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		l := &bulkLoader{tx: tx, sources: map[string]DocumentInput{}, docIDs: map[string]int64{}}
		rebuild, err := l.prepare(ctx)
		if err != nil {
			return err
		}
		var chunk []ImportSet
		var done BulkProgress
		paragraphs := 0
		flush := func() error {
			if err := l.load(ctx, chunk); err != nil {
				return err
			}
			done.Documents += len(chunk)
			done.Paragraphs += paragraphs
			chunk, paragraphs = chunk[:0], 0
			if progress != nil {
				progress(done)
			}
			return nil
		}
		for set := range sets {
			chunk = append(chunk, set)
			if paragraphs += len(set.Paragraphs); paragraphs >= bulkChunk {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if len(chunk) > 0 {
			if err := flush(); err != nil {
				return err
			}
		}
		if progress != nil {
			done.Indexing = true
			progress(done)
		}
		return l.finish(ctx, rebuild)
	})
}

// bulkLoader is one BulkImport's transaction and what it has written so far.
type bulkLoader struct {
	tx      pgx.Tx
	sources map[string]DocumentInput // the sources written, to check that sets agree on them
	docIDs  map[string]int64         // the id of every document written, by slug
	bodyIDs map[string]int64
}

// rebuildStep is a statement that makes again an index or a constraint that prepare dropped.
type rebuildStep struct {
	Name       string `db:"name"`
	Drop       string `db:"drop"`
	Definition string `db:"definition"`
}

// prepare locks the tables, then drops their foreign keys and secondary indexes, returning
// the statements that make them again. Unique and primary keys stay: they are what refuses a
// slug the database holds, and foreign keys need them.
func (l *bulkLoader) prepare(ctx context.Context) ([]rebuildStep, error) {
	// Index builds sort in memory up to this much, rather than on disk.
	if _, err := l.tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
		return nil, err
	}
	// The ids that load reserves come from the tables' sequences: no other writer may take
	// one between the reservation and the COPY.
	if _, err := l.tx.Exec(ctx, `LOCK TABLE documents, advances, recommendations, quotes IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return nil, err
	}
	rows, err := l.tx.Query(ctx, `
SELECT c.conname AS name,
       format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
              pg_get_constraintdef(c.oid)) AS definition
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = ANY (@tables::regclass[])
UNION ALL
SELECT i.indexrelid::regclass::text,
       format('DROP INDEX %s', i.indexrelid::regclass),
       pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY (@tables::regclass[])
  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1`, pgx.NamedArgs{"tables": bulkTables})
	if err != nil {
		return nil, err
	}
	steps, err := pgx.CollectRows(rows, pgx.RowToStructByName[rebuildStep])
	if err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	for _, st := range steps {
		b.Queue(st.Drop)
	}
	return steps, l.tx.SendBatch(ctx, b).Close()
}

// finish makes again what prepare dropped, foreign keys last since they check every row, and
// gathers the statistics the planner needs for tables that have just grown many times over.
func (l *bulkLoader) finish(ctx context.Context, steps []rebuildStep) error {
	b := &pgx.Batch{}
	for _, st := range steps {
		b.Queue(st.Definition)
	}
	b.Queue(`ANALYZE ` + pgx.Identifier{bulkTables[0]}.Sanitize())
	for _, t := range bulkTables[1:] {
		b.Queue(`ANALYZE ` + pgx.Identifier{t}.Sanitize())
	}
	return l.tx.SendBatch(ctx, b).Close()
}

// load writes one chunk of sets.
func (l *bulkLoader) load(ctx context.Context, sets []ImportSet) error {
	if err := l.bodies(ctx, sets); err != nil {
		return err
	}
	rows := newBulkRows()
	var docs []bulkDocument
	for _, set := range sets {
		if set.Lang == "" {
			return fmt.Errorf("document %q: the set does not say what language it is written in", set.Document.Slug)
		}
		for _, d := range set.Sources {
			if held, ok := l.sources[d.Slug]; ok {
				if !sameDocument(held, d) {
					return fmt.Errorf("%w: documents %q and others define source %q differently", ErrConflict, set.Document.Slug, d.Slug)
				}
				continue
			}
			l.sources[d.Slug] = d
			docs = append(docs, bulkDocument{d, set.Lang})
		}
		docs = append(docs, bulkDocument{set.Document, set.Lang})
	}
	advances, recs, quotes := 0, 0, 0
	for _, set := range sets {
		advances += len(set.Advances)
		recs += len(set.Recommendations)
		quotes += len(set.Quotes)
	}
	ids, err := l.reserve(ctx, map[string]int{
		"documents": len(docs), "advances": advances, "recommendations": recs, "quotes": quotes,
	})
	if err != nil {
		return err
	}
	for _, d := range docs {
		id := ids["documents"]
		ids["documents"]++
		if _, ok := l.docIDs[d.Slug]; ok {
			return fmt.Errorf("%w: two sets define document %q", ErrConflict, d.Slug)
		}
		l.docIDs[d.Slug] = id
		if err := rows.document(id, d, l.bodyIDs); err != nil {
			return err
		}
	}
	for _, set := range sets {
		if err := rows.set(l, set, ids); err != nil {
			return fmt.Errorf("document %q: %w", set.Document.Slug, err)
		}
	}
	for _, t := range bulkTables {
		r := rows.tables[t]
		if len(r.rows) == 0 {
			continue
		}
		if _, err := l.tx.CopyFrom(ctx, pgx.Identifier{t}, r.columns, pgx.CopyFromRows(r.rows)); err != nil {
			return fmt.Errorf("copying into %s: %w", t, err)
		}
	}
	return nil
}

// bodies writes the chunk's bodies as Import does, refusing those held with other fields, and
// reads back every body's id.
func (l *bulkLoader) bodies(ctx context.Context, sets []ImportSet) error {
	byLang := map[string][]BodyInput{}
	seen := map[string]bool{}
	for _, set := range sets {
		for _, b := range set.Bodies {
			if !seen[b.Slug] {
				seen[b.Slug] = true
				byLang[set.Lang] = append(byLang[set.Lang], b)
			}
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		set := ImportSet{Lang: lang, Bodies: byLang[lang]}
		if err := checkShared(ctx, l.tx, set); err != nil {
			return err
		}
		b := &pgx.Batch{}
		queueBodies(b, lang, set.Bodies)
		if err := l.tx.SendBatch(ctx, b).Close(); err != nil {
			return err
		}
	}
	rows, err := l.tx.Query(ctx, `SELECT slug, id FROM bodies`)
	if err != nil {
		return err
	}
	l.bodyIDs = map[string]int64{}
	var slug string
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&slug, &id}, func() error {
		l.bodyIDs[slug] = id
		return nil
	})
	return err
}

// reserve takes n ids from each table's identity sequence and returns the first of each.
// COPY writes the ids it is given, so that the rows that cite a new row can name it. A
// failed load leaves the sequences past the ids it took, as any failed insert does.
func (l *bulkLoader) reserve(ctx context.Context, n map[string]int) (map[string]int64, error) {
	first := map[string]int64{}
	for table, count := range n {
		if count == 0 {
			continue
		}
		var id int64
		err := l.tx.QueryRow(ctx, `
SELECT setval(seq, nextval(seq) + @count - 1) - @count + 1
FROM pg_get_serial_sequence(@table, 'id') AS seq`,
			pgx.NamedArgs{"table": table, "count": count}).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("reserving %d ids of %s: %w", count, table, err)
		}
		first[table] = id
	}
	return first, nil
}

type bulkDocument struct {
	DocumentInput
	lang string
}

// bulkRows are the rows of one chunk, by table, in COPY's terms.
type bulkRows struct {
	tables map[string]*bulkTable
}

type bulkTable struct {
	columns []string
	rows    [][]any
}

func newBulkRows() *bulkRows {
	cols := map[string][]string{
		"documents": {"id", "slug", "symbol", "title", "title_confirmed", "kind", "author_id",
			"issued_on", "issued_precision", "issued_confirmed", "url", "about_url", "lang", "title_why", "issued_why"},
		"document_translations": {"document_id", "lang", "title", "title_why", "issued_why"},
		"paragraphs":            {"document_id", "number", "topic", "text", "translations"},
		"advances": {"id", "slug", "document_id", "position", "title", "summary",
			"event_on", "event_precision", "event_confirmed", "source_id", "event_why"},
		"advance_translations":        {"advance_id", "lang", "title", "summary", "event_why"},
		"advance_paragraphs":          {"advance_id", "document_id", "number"},
		"advance_bodies":              {"advance_id", "body_id", "confirmed", "why"},
		"advance_facts":               {"advance_id", "position", "text", "confirmed", "source_url", "why", "translations"},
		"recommendations":             {"id", "slug", "document_id", "position", "title", "text", "source_id"},
		"recommendation_translations": {"recommendation_id", "lang", "title", "text"},
		"recommendation_paragraphs":   {"recommendation_id", "document_id", "number"},
		"recommendation_addressees":   {"recommendation_id", "body_id"},
		"quotes": {"id", "slug", "document_id", "position", "paragraph_number", "text", "context",
			"speaker_name", "speaker_role", "speaker_organisation", "source_id", "lang", "said_in_id", "speaker_body_id"},
	}
	r := &bulkRows{tables: map[string]*bulkTable{}}
	for _, t := range bulkTables {
		r.tables[t] = &bulkTable{columns: cols[t]}
	}
	return r
}

func (r *bulkRows) add(table string, values ...any) {
	t := r.tables[table]
	t.rows = append(t.rows, values)
}

func (r *bulkRows) document(id int64, d bulkDocument, bodies map[string]int64) error {
	var author any
	if d.Author != "" {
		id, ok := bodies[d.Author]
		if !ok {
			return fmt.Errorf("document %q: author %q is not a body", d.Slug, d.Author)
		}
		author = id
	}
	r.add("documents", id, d.Slug, nullIfEmpty(d.Symbol), d.Title, d.TitleConfirmed, string(d.Kind), author,
		dateArg(d.Issued), nullIfEmpty(string(d.Issued.Precision)), d.IssuedConfirmed, d.URL, d.AboutURL, d.lang,
		d.TitleWhy, d.IssuedWhy)
	for _, l := range slices.Sorted(maps.Keys(d.Titles)) {
		r.add("document_translations", id, l, d.Titles[l], d.Whys[l].Title, d.Whys[l].Issued)
	}
	return nil
}

// set adds a set's paragraphs and items; its documents are written already.
func (r *bulkRows) set(l *bulkLoader, set ImportSet, ids map[string]int64) error {
	docID := l.docIDs[set.Document.Slug]
	source := func(slug string) (int64, error) {
		id, ok := l.docIDs[slug]
		if !ok {
			return 0, fmt.Errorf("source %q is neither the document nor one of its sources", slug)
		}
		return id, nil
	}
	body := func(slug string) (int64, error) {
		id, ok := l.bodyIDs[slug]
		if !ok {
			return 0, fmt.Errorf("body %q is not defined", slug)
		}
		return id, nil
	}
	for _, p := range set.Paragraphs {
		r.add("paragraphs", docID, p.Number, p.Topic, p.Text, fieldTranslations("topic", p.Topics))
	}
	for i, a := range set.Advances {
		id := ids["advances"]
		ids["advances"]++
		src, err := source(a.Source)
		if err != nil {
			return err
		}
		r.add("advances", id, a.Slug, docID, i+1, a.Title, a.Summary,
			dateArg(a.Event), nullIfEmpty(string(a.Event.Precision)), a.EventConfirmed, src, a.EventWhy)
		for _, lang := range slices.Sorted(maps.Keys(a.Translations)) {
			tr := a.Translations[lang]
			r.add("advance_translations", id, lang, tr.Title, tr.Text, tr.Why)
		}
		for _, n := range a.Paragraphs {
			r.add("advance_paragraphs", id, docID, n)
		}
		for _, b := range a.Bodies {
			bid, err := body(b.Slug)
			if err != nil {
				return err
			}
			r.add("advance_bodies", id, bid, b.Confirmed, b.Why)
		}
		for j, f := range a.Facts {
			r.add("advance_facts", id, j+1, f.Text, f.Confirmed, f.SourceURL, f.Why, fieldTranslations("text", f.Texts))
		}
	}
	for i, rec := range set.Recommendations {
		id := ids["recommendations"]
		ids["recommendations"]++
		src, err := source(rec.Source)
		if err != nil {
			return err
		}
		r.add("recommendations", id, rec.Slug, docID, i+1, rec.Title, rec.Text, src)
		for _, lang := range slices.Sorted(maps.Keys(rec.Translations)) {
			tr := rec.Translations[lang]
			r.add("recommendation_translations", id, lang, tr.Title, tr.Text)
		}
		for _, n := range rec.Paragraphs {
			r.add("recommendation_paragraphs", id, docID, n)
		}
		for _, slug := range rec.Addressees {
			bid, err := body(slug)
			if err != nil {
				return err
			}
			r.add("recommendation_addressees", id, bid)
		}
	}
	for i, q := range set.Quotes {
		id := ids["quotes"]
		ids["quotes"]++
		src, err := source(q.Source)
		if err != nil {
			return err
		}
		saidIn := src
		if q.SaidIn != "" {
			if saidIn, err = source(q.SaidIn); err != nil {
				return err
			}
		}
		var speaker, paragraph any
		if q.SpeakerBody != "" {
			if speaker, err = body(q.SpeakerBody); err != nil {
				return err
			}
		}
		if q.Paragraph != 0 {
			paragraph = q.Paragraph
		}
		lang := q.Lang
		if lang == "" {
			lang = set.Lang
		}
		r.add("quotes", id, q.Slug, docID, i+1, paragraph, q.Text, q.Context,
			q.SpeakerName, q.SpeakerRole, q.SpeakerOrganisation, src, lang, saidIn, speaker)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Empty reports whether the database holds no data at all: no document and no body.
func (s *Store) Empty(ctx context.Context) (empty bool, err error) {
	defer wrap(&err, "store.Empty")
	err = s.pool.QueryRow(ctx, `
SELECT NOT EXISTS (SELECT FROM documents) AND NOT EXISTS (SELECT FROM bodies)`).Scan(&empty)
	return empty, err
}
