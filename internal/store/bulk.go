package store

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
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

// ownTriggers are the functions of the triggers on bulkTables whose work BulkImport does
// itself, set-wise, while it drops them: the search vectors it copies in (migrations 00005,
// 00015), the advances' first cited paragraph it writes with them (00012), the row counts
// and the tallies it makes once at the end (00012, 00020). A statement trigger that reads
// its statement's rows (REFERENCING NEW TABLE) makes PostgreSQL keep a copy of every row a
// COPY writes, on disk past work_mem: a million paragraphs went to a temporary file only to
// be counted. Documents are few: their own search trigger serves them. Any other trigger,
// such as the notices of change (00011), fires as for any write.
var ownTriggers = []string{
	"paragraphs_search", "advances_search", "advance_translations_search",
	"recommendations_search", "recommendation_translations_search", "quotes_search",
	"advances_first_paragraph", "count_inserted", "count_documents", "advances_due",
	"advance_bodies_due", "quotes_due",
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
// search vectors are assembled from those of the texts' distinct words (see vectorizer),
// which other connections of the pool ask the database for, a chunk ahead of the loading.
// The transaction drops the triggers whose work it does itself (ownTriggers), copies the
// vectors in, and makes the triggers again at the end. Sets are drawn from sets on another
// goroutine, a chunk ahead of the vectors, and each chunk's rows are made while the chunk
// before is copied. Indexes and keys are not kept up row by row either: BulkImport drops
// the indexes, the keys and the foreign keys of the tables it writes and of the tallies',
// and makes them again from their definitions once every row is in, which checks every row
// at once. All that holds those tables locked against readers until it commits.
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
			sources: map[string]DocumentInput{}, docIDs: map[string]int64{}, written: map[string]bulkBody{},
			copied: map[string]int64{}}
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
			vz := newVectorizer(s)
			for sets := range gathered {
				vectors, err := vz.vectors(gctx, sets)
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
// The rows of every other chunk go in the same buffers, grown to a chunk's size once.
func (l *bulkLoader) loadAll(ctx context.Context, in <-chan bulkChunk) error {
	type built struct {
		chunk assigned
		rows  *bulkRows
		err   error
	}
	var last *built // made, not yet copied
	var spare *bulkRows
	for c := range in {
		a, err := l.assign(ctx, c)
		if err != nil {
			return err
		}
		next := make(chan built, 1)
		rows := spare
		if rows == nil {
			rows = newBulkRows()
		}
		var like *bulkRows
		if last != nil {
			like = last.rows
		}
		go func() {
			rows.reset(like)
			err := l.build(a, rows)
			next <- built{a, rows, err}
		}()
		spare = nil
		if last != nil {
			err = l.copy(ctx, last.chunk, last.rows)
			spare = last.rows
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
	copied   map[string]int64 // rows copied, by table
}

type bulkBody struct {
	BodyInput
	lang string
}

// tallyTables are the tables the tallies are kept in (migrations 00012, 00020), which
// BulkImport fills anew for its documents at the end. It drops their indexes meanwhile too:
// kept up row by row, as the tallies' rows came in no order, they cost four fifths of the
// tallying of a million advances.
var tallyTables = []string{"advance_tallies", "quote_tallies"}

// rebuildStep is a statement that makes again an index or a constraint that prepare dropped.
type rebuildStep struct {
	Tally      bool   `db:"tally"` // of one of tallyTables
	Name       string `db:"name"`
	Drop       string `db:"drop"`
	Definition string `db:"definition"`
}

// prepare locks the tables, then drops their indexes, their keys, the foreign keys from and
// to them and the triggers of ownTriggers, returning the statements that make them again. A
// slug the database holds is refused when its unique key is made again, at the end. A
// trigger merely disabled would still make COPY write row by row, rather than a page's rows
// at once.
func (l *bulkLoader) prepare(ctx context.Context) ([]rebuildStep, error) {
	// Index builds sort in memory up to maintenance_work_mem, rather than on disk: a full-text
	// index of a million paragraphs built in 256MB took twice as long as in 2GB. The foreign
	// keys' checks and the tallies join and group whole tables, in memory up to work_mem.
	// Compiling those few large queries (JIT) costs more than it saves.
	if _, err := l.tx.Exec(ctx, `
SELECT set_config('maintenance_work_mem', '2GB', true), set_config('work_mem', '256MB', true),
       set_config('jit', 'off', true)`); err != nil {
		return nil, err
	}
	// The ids that load reserves come from the tables' sequences: no other writer may take
	// one between the reservation and the COPY.
	if _, err := l.tx.Exec(ctx, `LOCK TABLE documents, advances, recommendations, quotes IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return nil, err
	}
	// The statements come in the order that makes them again: indexes, keys (which foreign
	// keys need), foreign keys, triggers.
	rows, err := l.tx.Query(ctx, `
SELECT name, drop, definition, tally
FROM (
    SELECT 1 AS step, i.indexrelid::regclass::text AS name,
           format('DROP INDEX %s', i.indexrelid::regclass) AS drop,
           pg_get_indexdef(i.indexrelid) AS definition,
           i.indrelid = ANY (@tallies::regclass[]) AS tally
    FROM pg_index i
    WHERE i.indrelid = ANY (@tables::regclass[] || @tallies::regclass[])
      AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    UNION ALL
    SELECT 2, c.conname,
           format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                  pg_get_constraintdef(c.oid)),
           c.conrelid = ANY (@tallies::regclass[])
    FROM pg_constraint c
    WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY (@tables::regclass[] || @tallies::regclass[])
    UNION ALL
    SELECT 3, c.conname,
           format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                  pg_get_constraintdef(c.oid)),
           false
    FROM pg_constraint c
    WHERE c.contype = 'f' AND (c.conrelid = ANY (@tables::regclass[]) OR c.confrelid = ANY (@tables::regclass[]))
    UNION ALL
    SELECT 4, t.tgname,
           format('DROP TRIGGER %I ON %s', t.tgname, t.tgrelid::regclass),
           pg_get_triggerdef(t.oid),
           false
    FROM pg_trigger t
    WHERE t.tgrelid = ANY (@tables::regclass[]) AND t.tgfoid::regproc::text = ANY (@own)
      AND t.tgtype & 4 <> 0 -- on INSERT
) s
ORDER BY step, name`, pgx.NamedArgs{"tables": bulkTables, "tallies": tallyTables, "own": ownTriggers})
	if err != nil {
		return nil, err
	}
	steps, err := pgx.CollectRows(rows, pgx.RowToStructByName[rebuildStep])
	if err != nil {
		return nil, err
	}
	b := &pgx.Batch{}
	for _, st := range slices.Backward(steps) {
		b.Queue(st.Drop)
	}
	return steps, l.tx.SendBatch(ctx, b).Close()
}

// finish makes again what prepare dropped, which checks every row against the foreign keys
// at once, gathers the statistics the planner needs for tables that have just grown many
// times over, and does once for all the rows what the dropped statement triggers do for a
// statement's: it counts the rows (row_totals) and tallies the new documents' advances and
// quotes. It takes the search words anew from those statistics.
func (l *bulkLoader) finish(ctx context.Context, steps []rebuildStep) error {
	rebuild := func(tally bool) error {
		for _, st := range steps {
			if st.Tally != tally {
				continue
			}
			if _, err := l.tx.Exec(ctx, st.Definition); err != nil {
				return err
			}
		}
		return nil
	}
	analyze := func(tables []string) error {
		for _, t := range tables {
			if _, err := l.tx.Exec(ctx, `ANALYZE `+pgx.Identifier{t}.Sanitize()); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rebuild(false); err != nil {
		return err
	}
	if err := analyze(bulkTables); err != nil {
		return err
	}
	// Searches tell frequent words from the statistics just gathered, not from those of the
	// tables before they grew many times over.
	if _, err := l.tx.Exec(ctx, `SELECT refresh_search_words()`); err != nil {
		return err
	}
	docs := slices.Collect(maps.Values(l.docIDs))
	counted := []string{"paragraphs", "advances", "recommendations", "quotes"}
	counts := make([]int64, len(counted))
	for i, t := range counted {
		counts[i] = l.copied[t]
	}
	b := &pgx.Batch{}
	// Documents count only UN documents, not the news that are sources (00012).
	b.Queue(`
UPDATE row_totals t SET n = t.n + c.n
FROM (
    SELECT 'documents' AS name, count(*) AS n FROM documents WHERE id = ANY (@docs) AND kind <> 'news'
    UNION ALL
    SELECT unnest(@tables::text[]), unnest(@counts::bigint[])
) c
WHERE t.name = c.name`, pgx.NamedArgs{"docs": docs, "tables": counted, "counts": counts})
	b.Queue(`SELECT tally_advances(@docs), tally_quotes(@docs)`, pgx.NamedArgs{"docs": docs})
	if err := l.tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if err := rebuild(true); err != nil {
		return err
	}
	return analyze(tallyTables)
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

// build adds the rows of an assigned chunk to rows. It reads what assign wrote and writes
// nothing of the loader's, so that it may run while the chunk before is copied.
func (l *bulkLoader) build(a assigned, rows *bulkRows) error {
	for _, d := range a.docs {
		if err := rows.document(d, l.bodyIDs); err != nil {
			return err
		}
	}
	for _, set := range a.sets {
		if err := rows.set(l, set, a.ids, a.vectors); err != nil {
			return fmt.Errorf("document %q: %w", set.Document.Slug, err)
		}
	}
	return nil
}

// copy copies the rows of chunk a into their tables, and tells progress.
func (l *bulkLoader) copy(ctx context.Context, a assigned, rows *bulkRows) error {
	for _, t := range bulkTables {
		r := rows.tables[t]
		if r.rows == 0 {
			continue
		}
		sql := fmt.Sprintf("COPY %s (%s) FROM STDIN (FORMAT binary)", pgx.Identifier{t}.Sanitize(), strings.Join(r.columns, ", "))
		tag, err := l.tx.Conn().PgConn().CopyFrom(ctx, bytes.NewReader(r.data()), sql)
		if err != nil {
			return fmt.Errorf("copying into %s: %w", t, err)
		}
		l.copied[t] += tag.RowsAffected()
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

// quoteLang is the language of q, in a set written in setLang.
func quoteLang(q QuoteInput, setLang string) string {
	if q.Lang != "" {
		return q.Lang
	}
	return setLang
}

// Empty reports whether the database holds no data at all: no document and no body.
func (s *Store) Empty(ctx context.Context) (empty bool, err error) {
	defer wrap(&err, "store.Empty")
	err = s.pool.QueryRow(ctx, `
SELECT NOT EXISTS (SELECT FROM documents) AND NOT EXISTS (SELECT FROM bodies)`).Scan(&empty)
	return empty, err
}
