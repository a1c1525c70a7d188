package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
)

// ImportSet is one data file's worth of data: a document with its paragraphs and items, the
// bodies they name and the other documents they cite as sources. Its references are slugs and
// paragraph numbers that the set itself defines; the dataset package checks that before Import.
type ImportSet struct {
	Lang            string // the language the set is written in; quotes may differ
	Bodies          []BodyInput
	Sources         []DocumentInput
	Document        DocumentInput
	Paragraphs      []Paragraph
	Advances        []AdvanceInput
	Recommendations []RecommendationInput
	Quotes          []QuoteInput
}

// BodyInput is a body to create or update.
type BodyInput struct {
	Slug, Name, ShortName, Parent string
	Kind                          BodyKind
	Translations                  map[string]BodyName // the names in other languages
}

// BodyName is a body's name and short name in another language. A translation without a
// short name means the body has none in that language, and its name serves.
type BodyName struct {
	Name      string `json:"name"`
	ShortName string `json:"short_name,omitempty"`
}

// DocumentInput is a document to create or update.
type DocumentInput struct {
	Slug, Symbol, Title, Author, URL, AboutURL string
	Kind                                       DocumentKind
	TitleConfirmed, IssuedConfirmed            bool
	TitleWhy, IssuedWhy                        string // why each is unconfirmed
	Issued                                     Date
	Titles                                     map[string]string // the title in other languages
	// Whys are the reasons in other languages, keyed by language, where translated.
	Whys map[string]DocumentWhys
}

// DocumentWhys are a document's reasons in another language.
type DocumentWhys struct {
	Title, Issued string
}

// Translation is an item's title and text (an advance's summary, a recommendation's text) in
// another language.
type Translation struct {
	Title, Text string
	Why         string // an advance's date reason (EventWhy), where translated
}

// AdvanceInput is an advance to create or update.
type AdvanceInput struct {
	Slug, Title, Summary, Source string
	Event                        Date
	EventConfirmed               bool
	EventWhy                     string // why the date is unconfirmed, or why there is none
	Paragraphs                   []int
	Bodies                       []BodyRef // by slug, with Confirmed
	Facts                        []Fact
	Translations                 map[string]Translation
}

// RecommendationInput is a recommendation to create or update.
type RecommendationInput struct {
	Slug, Title, Text, Source string
	Paragraphs                []int
	Addressees                []string
	Translations              map[string]Translation
	// The follow-up, where one is known: all three fields, or none.
	FollowUpStatus    FollowUpStatus
	FollowUpDate      Date
	FollowUpSourceURL string
}

// QuoteInput is a quote to create or update.
type QuoteInput struct {
	Slug, Text, Context, Source                   string
	SaidIn                                        string // the slug of where the words were said; Source when empty
	SpeakerName, SpeakerRole, SpeakerOrganisation string
	SpeakerBody                                   string // the slug of the body the speaker speaks for; "" for none
	Paragraph                                     int    // 0 when not known
	Lang                                          string // the language the words were said in
}

// Import makes the database hold exactly what set says of its document: it creates or updates
// the bodies, sources, document, paragraphs and items, and removes the document's paragraphs and
// items that set no longer lists. It runs in one transaction: on any error nothing changes.
// Importing the same set twice leaves the same data. Bodies and sources that the database
// holds with other fields are refused with a *SharedError, unless opts include UpdateShared.
// What it creates, updates and removes is recorded in the change history as made by the
// import; a record it leaves as it was is no change.
func (s *Store) Import(ctx context.Context, set ImportSet, opts ...ImportOption) (err error) {
	defer wrap(&err, "store.Import(%q)", set.Document.Slug)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if !slices.Contains(opts, UpdateShared) {
			if err := checkShared(ctx, tx, set); err != nil {
				return err
			}
		}
		return recorded(ctx, tx, Import, importScope([]ImportSet{set}), func() error {
			return importSet(ctx, tx, set)
		})
	})
}

// importScope is what importing sets may change: their documents and sources, with all they
// hold, and their bodies.
func importScope(sets []ImportSet) scope {
	var sc scope
	for _, set := range sets {
		sc.Documents = append(sc.Documents, set.Document.Slug)
		for _, d := range set.Sources {
			sc.Documents = append(sc.Documents, d.Slug)
		}
		for _, b := range set.Bodies {
			sc.Bodies = append(sc.Bodies, b.Slug)
		}
	}
	return sc
}

// ImportAll imports every set as Import does, in order, all in one transaction: on any error
// nothing changes. Sets may restate the bodies and sources they share, but must define them
// alike. Before anything is written, each set's bodies and sources are compared with the
// database's, as Import does, so that a refusal (a *SharedError for the first set refused)
// writes nothing at all. After each set, progress (when not nil) is told how many sets are
// done. The error names the set that failed. The changes are recorded as Import records them.
func (s *Store) ImportAll(ctx context.Context, sets []ImportSet, progress func(done int), opts ...ImportOption) (err error) {
	defer wrap(&err, "store.ImportAll")
	if err := agree(sets); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if !slices.Contains(opts, UpdateShared) {
			for _, set := range sets {
				if err := checkShared(ctx, tx, set); err != nil {
					return fmt.Errorf("document %q: %w", set.Document.Slug, err)
				}
			}
		}
		return recorded(ctx, tx, Import, importScope(sets), func() error {
			for i, set := range sets {
				if err := importSet(ctx, tx, set); err != nil {
					return fmt.Errorf("document %q: %w", set.Document.Slug, err)
				}
				if progress != nil {
					progress(i + 1)
				}
			}
			return nil
		})
	})
}

// agree checks that sets define each body and source they share alike: otherwise the last
// would silently win.
func agree(sets []ImportSet) error {
	type body struct {
		BodyInput
		lang string
	}
	bodies, sources := map[string]body{}, map[string]DocumentInput{}
	for _, set := range sets {
		for _, in := range set.Bodies {
			b := body{in, set.Lang}
			if held, ok := bodies[b.Slug]; ok && !sameBody(held.BodyInput, b.BodyInput, held.lang, b.lang) {
				return fmt.Errorf("%w: documents %q and others define body %q differently", ErrConflict, set.Document.Slug, b.Slug)
			}
			bodies[b.Slug] = b
		}
		for _, d := range set.Sources {
			if held, ok := sources[d.Slug]; ok && !sameDocument(held, d) {
				return fmt.Errorf("%w: documents %q and others define source %q differently", ErrConflict, set.Document.Slug, d.Slug)
			}
			sources[d.Slug] = d
		}
	}
	return nil
}

func sameBody(a, b BodyInput, alang, blang string) bool {
	return alang == blang && a.Slug == b.Slug && a.Kind == b.Kind && a.Name == b.Name &&
		a.ShortName == b.ShortName && a.Parent == b.Parent && bodyTranslations(a.Translations) == bodyTranslations(b.Translations)
}

func sameDocument(a, b DocumentInput) bool {
	return titles(a.Titles) == titles(b.Titles) && a.Issued.ISO() == b.Issued.ISO() &&
		a.Slug == b.Slug && a.Symbol == b.Symbol && a.Title == b.Title && a.Author == b.Author &&
		a.URL == b.URL && a.AboutURL == b.AboutURL && a.Kind == b.Kind &&
		a.TitleConfirmed == b.TitleConfirmed && a.IssuedConfirmed == b.IssuedConfirmed
}

// checkShared refuses set when the database holds its bodies or sources with other fields.
// It is compared inside the transaction that writes, so that what is compared is what would
// be overwritten.
func checkShared(ctx context.Context, tx pgx.Tx, set ImportSet) error {
	conflicts, err := sharedConflicts(ctx, tx, set)
	if err != nil {
		return err
	}
	if len(conflicts) > 0 {
		return &SharedError{Conflicts: conflicts}
	}
	return nil
}

// importSet writes set; the caller has compared its shared records with the database's.
func importSet(ctx context.Context, tx pgx.Tx, set ImportSet) error {
	if set.Lang == "" {
		return errors.New("the set does not say what language it is written in")
	}
	b := &pgx.Batch{}
	queueBodies(b, set.Lang, set.Bodies)
	for _, d := range append(set.Sources, set.Document) {
		queueDocument(b, set.Lang, d)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	var docID int64
	if err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE slug = $1`, set.Document.Slug).Scan(&docID); err != nil {
		return err
	}

	b = &pgx.Batch{}
	queueRemovals(b, docID, set)
	queueParagraphs(b, docID, set.Paragraphs)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}

	b = &pgx.Batch{}
	for i, a := range set.Advances {
		queueAdvance(b, docID, i+1, a)
	}
	for i, r := range set.Recommendations {
		queueRecommendation(b, docID, i+1, r)
	}
	for i, q := range set.Quotes {
		if q.Lang == "" {
			q.Lang = set.Lang
		}
		queueQuote(b, docID, i+1, q)
	}
	return tx.SendBatch(ctx, b).Close()
}

// The upserts below update a record only where it differs, and insert it only where it is
// missing, rather than INSERT ... ON CONFLICT: that takes an identity value even when the row
// is there, so importing the same data again would still change the database's sequences.
// Two imports creating the same record at once make the later one fail with ErrConflict,
// changing nothing; running it again then succeeds.

func queueBodies(b *pgx.Batch, lang string, bodies []BodyInput) {
	// Parents are set in a second pass so that the order of bodies in a file does not matter.
	for _, in := range bodies {
		b.Queue(`
WITH input (slug, kind, name, short_name, lang, translations) AS (
    VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::jsonb)
), changed AS (
    UPDATE bodies b
    SET kind = i.kind, name = i.name, short_name = i.short_name, lang = i.lang,
        translations = i.translations
    FROM input i
    WHERE b.slug = i.slug
      AND (b.kind, b.name, b.short_name, b.lang, b.translations)
          IS DISTINCT FROM (i.kind, i.name, i.short_name, i.lang, i.translations)
)
INSERT INTO bodies (slug, kind, name, short_name, lang, translations)
SELECT slug, kind, name, short_name, lang, translations
FROM input
WHERE NOT EXISTS (SELECT FROM bodies WHERE bodies.slug = input.slug)`,
			in.Slug, in.Kind, in.Name, in.ShortName, lang, bodyNames(in.Translations))
	}
	for _, in := range bodies {
		b.Queue(`
UPDATE bodies
SET parent_id = p.id
FROM (SELECT (SELECT id FROM bodies WHERE slug = nullif($2, '')) AS id) p
WHERE bodies.slug = $1 AND bodies.parent_id IS DISTINCT FROM p.id`, in.Slug, in.Parent)
	}
}

func queueDocument(b *pgx.Batch, lang string, d DocumentInput) {
	b.Queue(`
WITH input (
    slug, symbol, title, title_confirmed, kind, author_id,
    issued_on, issued_precision, issued_confirmed, url, about_url, lang, title_why, issued_why) AS (
    VALUES (
        $1::text, nullif($2::text, ''), $3::text, $4::boolean, $5::text,
        (SELECT id FROM bodies WHERE slug = nullif($6::text, '')),
        $7::date, nullif($8::text, '')::date_precision, $9::boolean, $10::text, $11::text, $12::text,
        $13::text, $14::text)
), changed AS (
    UPDATE documents d
    SET symbol = i.symbol, title = i.title, title_confirmed = i.title_confirmed, kind = i.kind,
        author_id = i.author_id, issued_on = i.issued_on, issued_precision = i.issued_precision,
        issued_confirmed = i.issued_confirmed, url = i.url, about_url = i.about_url, lang = i.lang,
        title_why = i.title_why, issued_why = i.issued_why
    FROM input i
    WHERE d.slug = i.slug
      AND (d.symbol, d.title, d.title_confirmed, d.kind, d.author_id, d.issued_on,
           d.issued_precision, d.issued_confirmed, d.url, d.about_url, d.lang, d.title_why,
           d.issued_why)
          IS DISTINCT FROM
          (i.symbol, i.title, i.title_confirmed, i.kind, i.author_id, i.issued_on,
           i.issued_precision, i.issued_confirmed, i.url, i.about_url, i.lang, i.title_why,
           i.issued_why)
)
INSERT INTO documents (
    slug, symbol, title, title_confirmed, kind, author_id,
    issued_on, issued_precision, issued_confirmed, url, about_url, lang, title_why, issued_why)
SELECT slug, symbol, title, title_confirmed, kind, author_id,
       issued_on, issued_precision, issued_confirmed, url, about_url, lang, title_why, issued_why
FROM input
WHERE NOT EXISTS (SELECT FROM documents WHERE documents.slug = input.slug)`,
		d.Slug, d.Symbol, d.Title, d.TitleConfirmed, d.Kind, d.Author,
		dateArg(d.Issued), d.Issued.Precision, d.IssuedConfirmed, d.URL, d.AboutURL, lang,
		d.TitleWhy, d.IssuedWhy)
	b.Queue(`
DELETE FROM document_translations
WHERE document_id = (SELECT id FROM documents WHERE slug = $1)`, d.Slug)
	for l, title := range d.Titles {
		b.Queue(`
INSERT INTO document_translations (document_id, lang, title, title_why, issued_why)
SELECT id, $2, $3, $4, $5 FROM documents WHERE slug = $1`, d.Slug, l, title, d.Whys[l].Title, d.Whys[l].Issued)
	}
}

// queueRemovals removes what set no longer lists, and every link of the items it does list,
// which queueAdvance and the others then write afresh.
func queueRemovals(b *pgx.Batch, docID int64, set ImportSet) {
	slugs := func(n int, slug func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = slug(i)
		}
		return out
	}
	advances := slugs(len(set.Advances), func(i int) string { return set.Advances[i].Slug })
	recs := slugs(len(set.Recommendations), func(i int) string { return set.Recommendations[i].Slug })
	quotes := slugs(len(set.Quotes), func(i int) string { return set.Quotes[i].Slug })
	numbers := make([]int, len(set.Paragraphs))
	for i, p := range set.Paragraphs {
		numbers[i] = p.Number
	}
	b.Queue(`DELETE FROM advances WHERE document_id = $1 AND slug <> ALL($2)`, docID, advances)
	b.Queue(`DELETE FROM recommendations WHERE document_id = $1 AND slug <> ALL($2)`, docID, recs)
	b.Queue(`DELETE FROM quotes WHERE document_id = $1 AND slug <> ALL($2)`, docID, quotes)
	b.Queue(`DELETE FROM advance_paragraphs WHERE document_id = $1`, docID)
	b.Queue(`DELETE FROM recommendation_paragraphs WHERE document_id = $1`, docID)
	// Only a quote of a paragraph about to go loses its number: the others stay untouched, and
	// so does the time they last changed.
	b.Queue(`UPDATE quotes SET paragraph_number = NULL WHERE document_id = $1 AND paragraph_number <> ALL($2)`, docID, numbers)
	b.Queue(`DELETE FROM paragraphs WHERE document_id = $1 AND number <> ALL($2)`, docID, numbers)
}

// queueParagraphs writes every paragraph in one statement, rewriting only those that changed.
func queueParagraphs(b *pgx.Batch, docID int64, ps []Paragraph) {
	numbers := make([]int, len(ps))
	topics := make([]string, len(ps))
	texts := make([]string, len(ps))
	trs := make([]map[string]map[string]string, len(ps))
	for i, p := range ps {
		numbers[i], topics[i], texts[i] = p.Number, p.Topic, p.Text
		trs[i] = fieldTranslations("topic", p.Topics)
	}
	b.Queue(`
INSERT INTO paragraphs (document_id, number, topic, text, translations)
SELECT $1, p.number, p.topic, p.text, p.translations
FROM unnest($2::integer[], $3::text[], $4::text[], $5::jsonb[]) AS p (number, topic, text, translations)
ON CONFLICT (document_id, number) DO UPDATE
SET topic = excluded.topic, text = excluded.text, translations = excluded.translations
WHERE (paragraphs.topic, paragraphs.text, paragraphs.translations)
      IS DISTINCT FROM (excluded.topic, excluded.text, excluded.translations)`,
		docID, numbers, topics, texts, trs)
}

// itemConflict explains an upsert that returned no row: its WHERE clause refuses to take over
// a slug that an item of another document has.
const itemConflict = `slug %q is already used by an item of another document`

func queueAdvance(b *pgx.Batch, docID int64, pos int, a AdvanceInput) {
	b.Queue(`
INSERT INTO advances (
    slug, document_id, position, title, summary,
    event_on, event_precision, event_confirmed, source_id, event_why)
VALUES (
    $1, $2, $3, $4, $5,
    $6, nullif($7, '')::date_precision, $8, (SELECT id FROM documents WHERE slug = $9), $10)
ON CONFLICT (slug) DO UPDATE
SET position = excluded.position, title = excluded.title, summary = excluded.summary,
    event_on = excluded.event_on, event_precision = excluded.event_precision,
    event_confirmed = excluded.event_confirmed, source_id = excluded.source_id,
    event_why = excluded.event_why,
    -- Only a change is news: importing the same file again keeps the time.
    updated_at = CASE
        WHEN (advances.title, advances.summary, advances.event_on, advances.event_precision,
              advances.event_confirmed, advances.source_id, advances.event_why)
             IS DISTINCT FROM
             (excluded.title, excluded.summary, excluded.event_on, excluded.event_precision,
              excluded.event_confirmed, excluded.source_id, excluded.event_why)
        THEN now() ELSE advances.updated_at END
WHERE advances.document_id = excluded.document_id
RETURNING id`,
		a.Slug, docID, pos, a.Title, a.Summary,
		dateArg(a.Event), a.Event.Precision, a.EventConfirmed, a.Source, a.EventWhy,
	).QueryRow(func(row pgx.Row) error { return scanOwned(row, a.Slug) })
	b.Queue(`DELETE FROM advance_bodies WHERE advance_id = (SELECT id FROM advances WHERE slug = $1)`, a.Slug)
	b.Queue(`DELETE FROM advance_facts WHERE advance_id = (SELECT id FROM advances WHERE slug = $1)`, a.Slug)
	b.Queue(`DELETE FROM advance_translations WHERE advance_id = (SELECT id FROM advances WHERE slug = $1)`, a.Slug)
	for l, tr := range a.Translations {
		b.Queue(`
INSERT INTO advance_translations (advance_id, lang, title, summary, event_why)
SELECT id, $2, $3, $4, $5 FROM advances WHERE slug = $1`, a.Slug, l, tr.Title, tr.Text, tr.Why)
	}
	for _, n := range a.Paragraphs {
		b.Queue(`
INSERT INTO advance_paragraphs (advance_id, document_id, number)
SELECT id, document_id, $2 FROM advances WHERE slug = $1`, a.Slug, n)
	}
	for _, body := range a.Bodies {
		b.Queue(`
INSERT INTO advance_bodies (advance_id, body_id, confirmed, why)
SELECT a.id, b.id, $3, $4 FROM advances a, bodies b WHERE a.slug = $1 AND b.slug = $2`,
			a.Slug, body.Slug, body.Confirmed, body.Why)
	}
	for i, f := range a.Facts {
		b.Queue(`
INSERT INTO advance_facts (advance_id, position, text, confirmed, source_url, why, translations)
SELECT id, $2, $3, $4, $5, $6, $7 FROM advances WHERE slug = $1`,
			a.Slug, i+1, f.Text, f.Confirmed, f.SourceURL, f.Why, fieldTranslations("text", f.Texts))
	}
}

func queueRecommendation(b *pgx.Batch, docID int64, pos int, r RecommendationInput) {
	b.Queue(`
INSERT INTO recommendations (
    slug, document_id, position, title, text, source_id,
    follow_up_status, follow_up_on, follow_up_precision, follow_up_source_url)
VALUES (
    $1, $2, $3, $4, $5, (SELECT id FROM documents WHERE slug = $6),
    nullif($7, ''), $8, nullif($9, '')::date_precision, $10)
ON CONFLICT (slug) DO UPDATE
SET position = excluded.position, title = excluded.title, text = excluded.text,
    source_id = excluded.source_id, follow_up_status = excluded.follow_up_status,
    follow_up_on = excluded.follow_up_on, follow_up_precision = excluded.follow_up_precision,
    follow_up_source_url = excluded.follow_up_source_url
WHERE recommendations.document_id = excluded.document_id
RETURNING id`, r.Slug, docID, pos, r.Title, r.Text, r.Source,
		r.FollowUpStatus, dateArg(r.FollowUpDate), r.FollowUpDate.Precision, r.FollowUpSourceURL,
	).QueryRow(func(row pgx.Row) error { return scanOwned(row, r.Slug) })
	b.Queue(`
DELETE FROM recommendation_addressees
WHERE recommendation_id = (SELECT id FROM recommendations WHERE slug = $1)`, r.Slug)
	b.Queue(`
DELETE FROM recommendation_translations
WHERE recommendation_id = (SELECT id FROM recommendations WHERE slug = $1)`, r.Slug)
	for l, tr := range r.Translations {
		b.Queue(`
INSERT INTO recommendation_translations (recommendation_id, lang, title, text)
SELECT id, $2, $3, $4 FROM recommendations WHERE slug = $1`, r.Slug, l, tr.Title, tr.Text)
	}
	for _, n := range r.Paragraphs {
		b.Queue(`
INSERT INTO recommendation_paragraphs (recommendation_id, document_id, number)
SELECT id, document_id, $2 FROM recommendations WHERE slug = $1`, r.Slug, n)
	}
	for _, body := range r.Addressees {
		b.Queue(`
INSERT INTO recommendation_addressees (recommendation_id, body_id)
SELECT r.id, b.id FROM recommendations r, bodies b WHERE r.slug = $1 AND b.slug = $2`,
			r.Slug, body)
	}
}

func queueQuote(b *pgx.Batch, docID int64, pos int, q QuoteInput) {
	b.Queue(`
INSERT INTO quotes (
    slug, document_id, position, paragraph_number, text, context,
    speaker_name, speaker_role, speaker_organisation, source_id, lang, said_in_id, speaker_body_id)
VALUES (
    $1, $2, $3, nullif($4, 0), $5, $6,
    $7, $8, $9, (SELECT id FROM documents WHERE slug = $10), $11,
    (SELECT id FROM documents WHERE slug = coalesce(nullif($12, ''), $10)),
    (SELECT id FROM bodies WHERE slug = $13))
ON CONFLICT (slug) DO UPDATE
SET position = excluded.position, paragraph_number = excluded.paragraph_number,
    text = excluded.text, context = excluded.context, speaker_name = excluded.speaker_name,
    speaker_role = excluded.speaker_role, speaker_organisation = excluded.speaker_organisation,
    source_id = excluded.source_id, lang = excluded.lang, said_in_id = excluded.said_in_id,
    speaker_body_id = excluded.speaker_body_id
WHERE quotes.document_id = excluded.document_id
RETURNING id`,
		q.Slug, docID, pos, q.Paragraph, q.Text, q.Context,
		q.SpeakerName, q.SpeakerRole, q.SpeakerOrganisation, q.Source, q.Lang, q.SaidIn, q.SpeakerBody,
	).QueryRow(func(row pgx.Row) error { return scanOwned(row, q.Slug) })
}

func scanOwned(row pgx.Row, slug string) error {
	var id int64
	if err := row.Scan(&id); err == pgx.ErrNoRows {
		return fmt.Errorf("%w: "+itemConflict, ErrConflict, slug)
	} else if err != nil {
		return err
	}
	return nil
}

// dateArg is the value to store for d: nil when the date is unknown.
func dateArg(d Date) any {
	if !d.Known() {
		return nil
	}
	return d.Time
}

// bodyNames is a body's translations as the bodies.translations column holds them: never
// NULL, {} for none.
func bodyNames(m map[string]BodyName) map[string]BodyName {
	if m == nil {
		return map[string]BodyName{}
	}
	return m
}

// fieldTranslations is one field's translations as a translations column holds them:
// {"fr": {field: ...}}, {} for none.
func fieldTranslations(field string, m map[string]string) map[string]map[string]string {
	out := make(map[string]map[string]string, len(m))
	for l, v := range m {
		out[l] = map[string]string{field: v}
	}
	return out
}
