package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/sync/errgroup"
)

// BulkProgress is how far BulkImport has come.
type BulkProgress struct {
	Documents, Paragraphs int  // loaded so far
	Indexing              bool // every row is in; the indexes and constraints are being rebuilt
}

// chunkParagraphs is how many paragraphs BulkImport gathers before it copies them: enough
// that a COPY's round trip costs nothing beside its rows, few enough that memory stays small.
const chunkParagraphs = 20_000

// bulkTables are the tables BulkImport writes, parents first, as COPY must fill them.
var bulkTables = []string{
	"documents", "document_translations", "paragraphs",
	"advances", "advance_translations", "advance_paragraphs", "advance_bodies", "advance_facts",
	"recommendations", "recommendation_translations", "recommendation_paragraphs", "recommendation_addressees",
	"quotes",
}

// searchedTables are the tables whose search vectors BulkImport computes ahead and copies in,
// each with its trigger <table>_search (migrations 00005, 00015), which it drops meanwhile.
// Documents are few: their own trigger and generated column serve them.
var searchedTables = []string{
	"paragraphs", "advances", "advance_translations", "recommendations", "recommendation_translations", "quotes",
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
// The work is shared out, since the loading transaction can use only one connection. The
// search vectors, which cost more than the rest of the load together, are computed on other
// connections of the pool, several at once and each distinct text once, a chunk ahead of the
// loading; the transaction drops the search triggers, copies the vectors in, and makes the
// triggers again at the end. Sets are drawn from sets on another goroutine, a chunk ahead of
// the vectors, and each chunk's rows are made while the chunk before is copied. Indexes and
// foreign keys are not kept up row by row either: BulkImport drops the secondary indexes and
// the foreign keys of the tables it writes, and makes them again from their definitions once
// every row is in, which checks every row at once. All that holds those tables locked against
// readers until it commits.
//
// After each chunk, progress (when not nil) is told how far the load has come. It is called
// on another goroutine than BulkImport's, one call at a time, as is sets.
func (s *Store) BulkImport(ctx context.Context, sets iter.Seq[ImportSet], progress func(BulkProgress)) (err error) {
	defer wrap(&err, "store.BulkImport")
	if n := s.pool.Config().MaxConns; n < 2 {
		// The loading transaction would hold the one connection the vectors wait for.
		return fmt.Errorf("the pool allows %d connection; loading needs 2 or more (pool_max_conns)", n)
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		l := &bulkLoader{tx: tx, progress: progress,
			sources: map[string]DocumentInput{}, docIDs: map[string]int64{}, written: map[string]bulkBody{}}
		rebuild, err := l.prepare(ctx)
		if err != nil {
			return err
		}
		// Three stages, each a chunk ahead of the next: gathering sets, computing their
		// vectors, loading them.
		g, gctx := errgroup.WithContext(ctx)
		gathered := make(chan []ImportSet, 1)
		vectorized := make(chan bulkChunk, 1)
		g.Go(func() error {
			defer close(gathered)
			return gather(gctx, sets, gathered)
		})
		g.Go(func() error {
			defer close(vectorized)
			for sets := range gathered {
				vectors, err := s.searchVectors(gctx, sets)
				if err != nil {
					return err
				}
				if err := send(gctx, vectorized, bulkChunk{sets, vectors}); err != nil {
					return err
				}
			}
			return nil
		})
		g.Go(func() error { return l.loadAll(gctx, vectorized) })
		if err := g.Wait(); err != nil {
			return err
		}
		if progress != nil {
			l.done.Indexing = true
			progress(l.done)
		}
		return l.finish(ctx, rebuild)
	})
}

// loadAll loads the chunks of in, making the rows of each while the chunk before is copied.
func (l *bulkLoader) loadAll(ctx context.Context, in <-chan bulkChunk) error {
	type built struct {
		chunk assigned
		rows  *bulkRows
		err   error
	}
	var last *built // made, not yet copied
	for c := range in {
		a, err := l.assign(ctx, c)
		if err != nil {
			return err
		}
		next := make(chan built, 1)
		go func() {
			rows, err := l.build(a)
			next <- built{a, rows, err}
		}()
		if last != nil {
			err = l.copy(ctx, last.chunk, last.rows)
		}
		b := <-next
		if err != nil {
			return err
		}
		if b.err != nil {
			return b.err
		}
		last = &b
	}
	if last == nil {
		return nil
	}
	return l.copy(ctx, last.chunk, last.rows)
}

// gather sends the sets of sets to out in chunks of about chunkParagraphs paragraphs.
func gather(ctx context.Context, sets iter.Seq[ImportSet], out chan<- []ImportSet) error {
	var chunk []ImportSet
	paragraphs := 0
	for set := range sets {
		chunk = append(chunk, set)
		if paragraphs += len(set.Paragraphs); paragraphs >= chunkParagraphs {
			if err := send(ctx, out, chunk); err != nil {
				return err
			}
			chunk, paragraphs = nil, 0
		}
	}
	if len(chunk) == 0 {
		return nil
	}
	return send(ctx, out, chunk)
}

// send sends v to ch, unless ctx ends first.
func send[T any](ctx context.Context, ch chan<- T, v T) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// bulkChunk is a chunk of sets with the search vectors of their texts.
type bulkChunk struct {
	sets    []ImportSet
	vectors map[searchText]searchVector
}

// bulkLoader is one BulkImport's transaction and what it has written so far.
type bulkLoader struct {
	tx       pgx.Tx
	progress func(BulkProgress)
	done     BulkProgress
	sources  map[string]DocumentInput // the sources written, to check that sets agree on them
	docIDs   map[string]int64         // the id of every document written, by slug
	written  map[string]bulkBody      // the bodies written, by slug
	bodyIDs  map[string]int64
}

type bulkBody struct {
	BodyInput
	lang string
}

// rebuildStep is a statement that makes again an index or a constraint that prepare dropped.
type rebuildStep struct {
	Name       string `db:"name"`
	Drop       string `db:"drop"`
	Definition string `db:"definition"`
}

// prepare locks the tables, then drops their foreign keys, their secondary indexes and the
// search triggers of searchedTables, returning the statements that make them again. Unique
// and primary keys stay: they are what refuses a slug the database holds, and foreign keys
// need them. A trigger merely disabled would still make COPY write row by row, rather than
// a page's rows at once.
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
UNION ALL
SELECT t.tgname,
       format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::regclass),
       pg_get_triggerdef(t.oid)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
WHERE t.tgrelid = ANY (@searched::regclass[]) AND t.tgname = c.relname || '_search'
ORDER BY 1`, pgx.NamedArgs{"tables": bulkTables, "searched": searchedTables})
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
	// COPY sends every column in binary: the vectors go as the helpers received them.
	l.tx.Conn().TypeMap().RegisterType(&pgtype.Type{Name: "tsvector", OID: pgtype.TSVectorOID, Codec: searchVectorCodec{}})
	return steps, l.tx.SendBatch(ctx, b).Close()
}

// finish makes again what prepare dropped, which checks every row against the foreign keys
// at once, and gathers the statistics the planner needs for tables that have just grown many
// times over.
func (l *bulkLoader) finish(ctx context.Context, steps []rebuildStep) error {
	b := &pgx.Batch{}
	for _, st := range steps {
		b.Queue(st.Definition)
	}
	for _, t := range bulkTables {
		b.Queue(`ANALYZE ` + pgx.Identifier{t}.Sanitize())
	}
	return l.tx.SendBatch(ctx, b).Close()
}

// assigned is a chunk whose bodies are written and whose rows have their ids.
type assigned struct {
	bulkChunk
	docs []bulkDocument // the documents new to the load, with their ids
	ids  map[string]int64
}

// assign writes a chunk's bodies and gives its documents and items their ids.
func (l *bulkLoader) assign(ctx context.Context, c bulkChunk) (assigned, error) {
	a := assigned{bulkChunk: c}
	if err := l.bodies(ctx, c.sets); err != nil {
		return a, err
	}
	for _, set := range c.sets {
		if set.Lang == "" {
			return a, fmt.Errorf("document %q: the set does not say what language it is written in", set.Document.Slug)
		}
		for _, d := range set.Sources {
			if held, ok := l.sources[d.Slug]; ok {
				if !sameDocument(held, d) {
					return a, fmt.Errorf("%w: documents %q and others define source %q differently", ErrConflict, set.Document.Slug, d.Slug)
				}
				continue
			}
			l.sources[d.Slug] = d
			a.docs = append(a.docs, bulkDocument{DocumentInput: d, lang: set.Lang})
		}
		a.docs = append(a.docs, bulkDocument{DocumentInput: set.Document, lang: set.Lang})
	}
	advances, recs, quotes := 0, 0, 0
	for _, set := range c.sets {
		advances += len(set.Advances)
		recs += len(set.Recommendations)
		quotes += len(set.Quotes)
	}
	ids, err := l.reserve(ctx, map[string]int{
		"documents": len(a.docs), "advances": advances, "recommendations": recs, "quotes": quotes,
	})
	if err != nil {
		return a, err
	}
	for i := range a.docs {
		d := &a.docs[i]
		if _, ok := l.docIDs[d.Slug]; ok {
			return a, fmt.Errorf("%w: two sets define document %q", ErrConflict, d.Slug)
		}
		d.id = ids["documents"]
		ids["documents"]++
		l.docIDs[d.Slug] = d.id
	}
	a.ids = ids
	return a, nil
}

// build makes the rows of an assigned chunk. It reads what assign wrote and writes nothing
// of the loader's, so that it may run while the chunk before is copied.
func (l *bulkLoader) build(a assigned) (*bulkRows, error) {
	rows := newBulkRows()
	for _, d := range a.docs {
		if err := rows.document(d, l.bodyIDs); err != nil {
			return nil, err
		}
	}
	for _, set := range a.sets {
		if err := rows.set(l, set, a.ids, a.vectors); err != nil {
			return nil, fmt.Errorf("document %q: %w", set.Document.Slug, err)
		}
	}
	return rows, nil
}

// copy copies the rows of chunk a into their tables, and tells progress.
func (l *bulkLoader) copy(ctx context.Context, a assigned, rows *bulkRows) error {
	for _, t := range bulkTables {
		r := rows.tables[t]
		if len(r.rows) == 0 {
			continue
		}
		if _, err := l.tx.CopyFrom(ctx, pgx.Identifier{t}, r.columns, pgx.CopyFromRows(r.rows)); err != nil {
			return fmt.Errorf("copying into %s: %w", t, err)
		}
	}
	l.done.Documents += len(a.sets)
	for _, set := range a.sets {
		l.done.Paragraphs += len(set.Paragraphs)
	}
	if l.progress != nil {
		l.progress(l.done)
	}
	return nil
}

// bodies writes the chunk's bodies as Import does, refusing those held with other fields, and
// reads back every body's id. A body that an earlier chunk wrote alike is left as it is.
func (l *bulkLoader) bodies(ctx context.Context, sets []ImportSet) error {
	byLang := map[string][]BodyInput{}
	seen := map[string]bool{}
	for _, set := range sets {
		for _, b := range set.Bodies {
			if seen[b.Slug] {
				continue
			}
			seen[b.Slug] = true
			if held, ok := l.written[b.Slug]; ok && sameBody(held.BodyInput, b, held.lang, set.Lang) {
				continue
			}
			byLang[set.Lang] = append(byLang[set.Lang], b)
		}
	}
	if len(byLang) == 0 && l.bodyIDs != nil {
		return nil
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
		for _, body := range set.Bodies {
			l.written[body.Slug] = bulkBody{body, lang}
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
	id   int64
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
		"paragraphs":            {"document_id", "number", "topic", "text", "translations", "search"},
		"advances": {"id", "slug", "document_id", "position", "title", "summary",
			"event_on", "event_precision", "event_confirmed", "source_id", "event_why", "search"},
		"advance_translations":        {"advance_id", "lang", "title", "summary", "event_why", "search"},
		"advance_paragraphs":          {"advance_id", "document_id", "number"},
		"advance_bodies":              {"advance_id", "body_id", "confirmed", "why"},
		"advance_facts":               {"advance_id", "position", "text", "confirmed", "source_url", "why", "translations"},
		"recommendations":             {"id", "slug", "document_id", "position", "title", "text", "source_id", "search"},
		"recommendation_translations": {"recommendation_id", "lang", "title", "text", "search"},
		"recommendation_paragraphs":   {"recommendation_id", "document_id", "number"},
		"recommendation_addressees":   {"recommendation_id", "body_id"},
		"quotes": {"id", "slug", "document_id", "position", "paragraph_number", "text", "context",
			"speaker_name", "speaker_role", "speaker_organisation", "source_id", "lang", "said_in_id", "speaker_body_id", "search"},
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

func (r *bulkRows) document(d bulkDocument, bodies map[string]int64) error {
	id := d.id
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

// set adds a set's paragraphs and items, with their search vectors; its documents are
// written already.
func (r *bulkRows) set(l *bulkLoader, set ImportSet, ids map[string]int64, vectors map[searchText]searchVector) error {
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
	// A text without its vector is a fault of searchTexts, reported once the rows are made.
	missing := false
	vector := func(lang, heading, body string) searchVector {
		v, ok := vectors[searchText{lang, heading, body}]
		missing = missing || !ok
		return v
	}
	for _, p := range set.Paragraphs {
		r.add("paragraphs", docID, p.Number, p.Topic, p.Text, fieldTranslationsJSON("topic", p.Topics),
			vector(set.Lang, p.Topic, p.Text))
	}
	for i, a := range set.Advances {
		id := ids["advances"]
		ids["advances"]++
		src, err := source(a.Source)
		if err != nil {
			return err
		}
		r.add("advances", id, a.Slug, docID, i+1, a.Title, a.Summary,
			dateArg(a.Event), nullIfEmpty(string(a.Event.Precision)), a.EventConfirmed, src, a.EventWhy,
			vector(set.Lang, a.Title, a.Summary))
		for _, lang := range slices.Sorted(maps.Keys(a.Translations)) {
			tr := a.Translations[lang]
			r.add("advance_translations", id, lang, tr.Title, tr.Text, tr.Why, vector(lang, tr.Title, tr.Text))
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
			r.add("advance_facts", id, j+1, f.Text, f.Confirmed, f.SourceURL, f.Why, fieldTranslationsJSON("text", f.Texts))
		}
	}
	for i, rec := range set.Recommendations {
		id := ids["recommendations"]
		ids["recommendations"]++
		src, err := source(rec.Source)
		if err != nil {
			return err
		}
		r.add("recommendations", id, rec.Slug, docID, i+1, rec.Title, rec.Text, src, vector(set.Lang, rec.Title, rec.Text))
		for _, lang := range slices.Sorted(maps.Keys(rec.Translations)) {
			tr := rec.Translations[lang]
			r.add("recommendation_translations", id, lang, tr.Title, tr.Text, vector(lang, tr.Title, tr.Text))
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
		lang := quoteLang(q, set.Lang)
		r.add("quotes", id, q.Slug, docID, i+1, paragraph, q.Text, q.Context,
			q.SpeakerName, q.SpeakerRole, q.SpeakerOrganisation, src, lang, saidIn, speaker,
			vector(lang, q.SpeakerName, q.Text))
	}
	if missing {
		return errors.New("a text has no search vector")
	}
	return nil
}

// quoteLang is the language of q, in a set written in setLang.
func quoteLang(q QuoteInput, setLang string) string {
	if q.Lang != "" {
		return q.Lang
	}
	return setLang
}

// fieldTranslationsJSON is fieldTranslations as JSON text, which the jsonb columns take as it
// is: json.Marshal of the maps cost the load more than any other of its columns.
func fieldTranslationsJSON(field string, m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b := []byte{'{'}
	for i, lang := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, lang)
		b = append(b, ":{"...)
		b = appendJSONString(b, field)
		b = append(b, ':')
		b = appendJSONString(b, m[lang])
		b = append(b, '}')
	}
	return string(append(b, '}'))
}

// appendJSONString appends s to b as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
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
