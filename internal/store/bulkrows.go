package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"
)

// bulkRows are the rows of one chunk, by table, in the binary form of COPY, written as they
// are made: a million paragraphs' rows as Go values, each boxed and then encoded by type,
// cost the load more time and garbage than making them.
type bulkRows struct {
	tables map[string]*copyTable
}

// bulkColumns are the columns BulkImport writes, by table; the rest take their defaults.
var bulkColumns = map[string][]string{
	"documents": {"id", "slug", "symbol", "title", "title_confirmed", "kind", "author_id",
		"issued_on", "issued_precision", "issued_confirmed", "url", "about_url", "lang", "title_why", "issued_why"},
	"document_translations": {"document_id", "lang", "title", "title_why", "issued_why"},
	"paragraphs":            {"document_id", "number", "topic", "text", "translations", "search"},
	"advances": {"id", "slug", "document_id", "position", "title", "summary",
		"event_on", "event_precision", "event_confirmed", "source_id", "event_why", "first_paragraph", "search"},
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

func newBulkRows() *bulkRows {
	r := &bulkRows{tables: map[string]*copyTable{}}
	for _, t := range bulkTables {
		r.tables[t] = newCopyTable(bulkColumns[t])
	}
	return r
}

// reset empties the tables, keeping their buffers, and makes room in each for a little more
// than like's rows (the chunk before, when not nil), rather than growing it a step at a time.
func (r *bulkRows) reset(like *bulkRows) {
	for name, t := range r.tables {
		t.rows, t.buf = 0, t.buf[:len(copySignature)]
		if like == nil {
			continue
		}
		if want := len(like.tables[name].buf) * 9 / 8; cap(t.buf) < want {
			t.buf = append(make([]byte, 0, want), copySignature...)
		}
	}
}

func (r *bulkRows) document(d bulkDocument, bodies map[string]int64) error {
	t := r.tables["documents"]
	t.row()
	t.int8(d.id)
	t.text(d.Slug)
	t.textOrNull(d.Symbol)
	t.text(d.Title)
	t.bool(d.TitleConfirmed)
	t.text(string(d.Kind))
	if d.Author == "" {
		t.null()
	} else {
		id, ok := bodies[d.Author]
		if !ok {
			return fmt.Errorf("document %q: author %q is not a body", d.Slug, d.Author)
		}
		t.int8(id)
	}
	t.date(d.Issued)
	t.textOrNull(string(d.Issued.Precision))
	t.bool(d.IssuedConfirmed)
	t.text(d.URL)
	t.text(d.AboutURL)
	t.text(d.lang)
	t.text(d.TitleWhy)
	t.text(d.IssuedWhy)
	tr := r.tables["document_translations"]
	for _, l := range sortedKeys(d.Titles) {
		tr.row()
		tr.int8(d.id)
		tr.text(l)
		tr.text(d.Titles[l])
		tr.text(d.Whys[l].Title)
		tr.text(d.Whys[l].Issued)
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
	t := r.tables["paragraphs"]
	for _, p := range set.Paragraphs {
		t.row()
		t.int8(docID)
		t.int4(p.Number)
		t.text(p.Topic)
		t.text(p.Text)
		t.translations("topic", p.Topics)
		t.vector(vector(set.Lang, p.Topic, p.Text))
	}
	adv, advTr, advPara := r.tables["advances"], r.tables["advance_translations"], r.tables["advance_paragraphs"]
	advBodies, advFacts := r.tables["advance_bodies"], r.tables["advance_facts"]
	for i, a := range set.Advances {
		id := ids["advances"]
		ids["advances"]++
		src, err := source(a.Source)
		if err != nil {
			return err
		}
		adv.row()
		adv.int8(id)
		adv.text(a.Slug)
		adv.int8(docID)
		adv.int4(i + 1)
		adv.text(a.Title)
		adv.text(a.Summary)
		adv.date(a.Event)
		adv.textOrNull(string(a.Event.Precision))
		adv.bool(a.EventConfirmed)
		adv.int8(src)
		adv.text(a.EventWhy)
		// The first paragraph it cites, as advance_paragraphs' triggers keep it.
		if len(a.Paragraphs) == 0 {
			adv.null()
		} else {
			adv.int4(slices.Min(a.Paragraphs))
		}
		adv.vector(vector(set.Lang, a.Title, a.Summary))
		for _, lang := range sortedKeys(a.Translations) {
			tr := a.Translations[lang]
			advTr.row()
			advTr.int8(id)
			advTr.text(lang)
			advTr.text(tr.Title)
			advTr.text(tr.Text)
			advTr.text(tr.Why)
			advTr.vector(vector(lang, tr.Title, tr.Text))
		}
		for _, n := range a.Paragraphs {
			advPara.row()
			advPara.int8(id)
			advPara.int8(docID)
			advPara.int4(n)
		}
		for _, b := range a.Bodies {
			bid, err := body(b.Slug)
			if err != nil {
				return err
			}
			advBodies.row()
			advBodies.int8(id)
			advBodies.int8(bid)
			advBodies.bool(b.Confirmed)
			advBodies.text(b.Why)
		}
		for j, f := range a.Facts {
			advFacts.row()
			advFacts.int8(id)
			advFacts.int4(j + 1)
			advFacts.text(f.Text)
			advFacts.bool(f.Confirmed)
			advFacts.text(f.SourceURL)
			advFacts.text(f.Why)
			advFacts.translations("text", f.Texts)
		}
	}
	rec, recTr := r.tables["recommendations"], r.tables["recommendation_translations"]
	recPara, recTo := r.tables["recommendation_paragraphs"], r.tables["recommendation_addressees"]
	for i, rc := range set.Recommendations {
		id := ids["recommendations"]
		ids["recommendations"]++
		src, err := source(rc.Source)
		if err != nil {
			return err
		}
		rec.row()
		rec.int8(id)
		rec.text(rc.Slug)
		rec.int8(docID)
		rec.int4(i + 1)
		rec.text(rc.Title)
		rec.text(rc.Text)
		rec.int8(src)
		rec.vector(vector(set.Lang, rc.Title, rc.Text))
		for _, lang := range sortedKeys(rc.Translations) {
			tr := rc.Translations[lang]
			recTr.row()
			recTr.int8(id)
			recTr.text(lang)
			recTr.text(tr.Title)
			recTr.text(tr.Text)
			recTr.vector(vector(lang, tr.Title, tr.Text))
		}
		for _, n := range rc.Paragraphs {
			recPara.row()
			recPara.int8(id)
			recPara.int8(docID)
			recPara.int4(n)
		}
		for _, slug := range rc.Addressees {
			bid, err := body(slug)
			if err != nil {
				return err
			}
			recTo.row()
			recTo.int8(id)
			recTo.int8(bid)
		}
	}
	qt := r.tables["quotes"]
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
		lang := quoteLang(q, set.Lang)
		qt.row()
		qt.int8(id)
		qt.text(q.Slug)
		qt.int8(docID)
		qt.int4(i + 1)
		if q.Paragraph == 0 {
			qt.null()
		} else {
			qt.int4(q.Paragraph)
		}
		qt.text(q.Text)
		qt.text(q.Context)
		qt.text(q.SpeakerName)
		qt.text(q.SpeakerRole)
		qt.text(q.SpeakerOrganisation)
		qt.int8(src)
		qt.text(lang)
		qt.int8(saidIn)
		if q.SpeakerBody == "" {
			qt.null()
		} else {
			speaker, err := body(q.SpeakerBody)
			if err != nil {
				return err
			}
			qt.int8(speaker)
		}
		qt.vector(vector(lang, q.SpeakerName, q.Text))
	}
	if missing {
		return errors.New("a text has no search vector")
	}
	return nil
}

// A copyTable is rows of a table in COPY's binary form: each row its number of fields, then
// each field's length and bytes, as the types' send functions write them.
type copyTable struct {
	columns []string
	rows    int
	buf     []byte
}

// copySignature begins COPY's binary form, with no flags and no header extension.
const copySignature = "PGCOPY\n\xff\r\n\x00\x00\x00\x00\x00\x00\x00\x00\x00"

func newCopyTable(columns []string) *copyTable {
	return &copyTable{columns: columns, buf: []byte(copySignature)}
}

// data is the rows, ended as COPY's binary form ends.
func (t *copyTable) data() []byte { return binary.BigEndian.AppendUint16(t.buf, 0xffff) }

func (t *copyTable) row() {
	t.rows++
	t.buf = binary.BigEndian.AppendUint16(t.buf, uint16(len(t.columns)))
}

func (t *copyTable) null() { t.buf = binary.BigEndian.AppendUint32(t.buf, 0xffffffff) }

func (t *copyTable) int8(v int64) {
	t.buf = binary.BigEndian.AppendUint32(t.buf, 8)
	t.buf = binary.BigEndian.AppendUint64(t.buf, uint64(v))
}

func (t *copyTable) int4(v int) {
	t.buf = binary.BigEndian.AppendUint32(t.buf, 4)
	t.buf = binary.BigEndian.AppendUint32(t.buf, uint32(int32(v)))
}

func (t *copyTable) bool(v bool) {
	b := byte(0)
	if v {
		b = 1
	}
	t.buf = append(binary.BigEndian.AppendUint32(t.buf, 1), b)
}

func (t *copyTable) text(s string) {
	t.buf = binary.BigEndian.AppendUint32(t.buf, uint32(len(s)))
	t.buf = append(t.buf, s...)
}

// textOrNull writes "" as NULL.
func (t *copyTable) textOrNull(s string) {
	if s == "" {
		t.null()
		return
	}
	t.text(s)
}

// vector writes a tsvector as tsvectorsend wrote it.
func (t *copyTable) vector(v searchVector) {
	t.buf = binary.BigEndian.AppendUint32(t.buf, uint32(len(v)))
	t.buf = append(t.buf, v...)
}

// postgresEpoch is day 0 of PostgreSQL's dates.
var postgresEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// date writes d's day, or NULL when it is not known.
func (t *copyTable) date(d Date) {
	if !d.Known() {
		t.null()
		return
	}
	day := time.Date(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, 0, 0, time.UTC)
	t.buf = binary.BigEndian.AppendUint32(t.buf, 4)
	t.buf = binary.BigEndian.AppendUint32(t.buf, uint32(int32(day.Sub(postgresEpoch)/(24*time.Hour))))
}

// translations writes fieldTranslations(field, m) as jsonb: {"fr": {"topic": "..."}}.
func (t *copyTable) translations(field string, m map[string]string) {
	at := len(t.buf)
	t.buf = append(binary.BigEndian.AppendUint32(t.buf, 0), 1, '{') // length, jsonb's version
	for i, lang := range sortedKeys(m) {
		if i > 0 {
			t.buf = append(t.buf, ',')
		}
		t.buf = appendJSONString(t.buf, lang)
		t.buf = append(t.buf, ":{"...)
		t.buf = appendJSONString(t.buf, field)
		t.buf = append(t.buf, ':')
		t.buf = appendJSONString(t.buf, m[lang])
		t.buf = append(t.buf, '}')
	}
	t.buf = append(t.buf, '}')
	binary.BigEndian.PutUint32(t.buf[at:], uint32(len(t.buf)-at-4))
}

// appendJSONString appends s to b as a JSON string. jsonb keeps the string, not how it was
// written, so only what JSON requires is escaped; text that is not UTF-8 goes as it is, for
// the database to refuse as it refuses it in a text column.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// sortedKeys calls yield with m's keys in order. The maps it is given hold a language or a
// few: sorting them in place costs less than collecting them in a slice to sort.
func sortedKeys[V any](m map[string]V) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		var buf [8]string
		keys := buf[:0]
		for k := range m {
			keys = append(keys, k)
		}
		for i := 1; i < len(keys); i++ {
			for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
				keys[j], keys[j-1] = keys[j-1], keys[j]
			}
		}
		for i, k := range keys {
			if !yield(i, k) {
				return
			}
		}
	}
}
