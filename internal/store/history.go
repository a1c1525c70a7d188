package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ItemType is the kind of record a change is about. The schema's CHECK on changes.item_type
// lists the same values.
type ItemType string

// Item types, in the order a change history lists the changes of one transaction.
const (
	BodyItem           ItemType = "body"
	DocumentItem       ItemType = "document"
	ParagraphItem      ItemType = "paragraph"
	AdvanceItem        ItemType = "advance"
	RecommendationItem ItemType = "recommendation"
	QuoteItem          ItemType = "quote"
)

var itemTypes = []ItemType{BodyItem, DocumentItem, ParagraphItem, AdvanceItem, RecommendationItem, QuoteItem}

// Action is what a change did. The schema's CHECK on changes.action lists the same values.
type Action string

// Actions.
const (
	Create    Action = "create"
	Update    Action = "update"
	Delete    Action = "delete"
	Publish   Action = "publish"
	Unpublish Action = "unpublish"
)

// ActorKind is who made a change: the importer or an editor.
type ActorKind string

// Actor kinds.
const (
	ImportActor ActorKind = "import"
	EditorActor ActorKind = "editor"
)

// Actor is who makes a change: the importer, or the editor with a user id.
type Actor struct {
	Kind   ActorKind
	UserID int64 // for an editor
}

// Import is the actor of every change an import makes.
var Import = Actor{Kind: ImportActor}

// Editor is the editor with the given user id.
func Editor(userID int64) Actor { return Actor{Kind: EditorActor, UserID: userID} }

// ParagraphKey is the key of paragraph n of a document in the change history: A-73-230/14.
func ParagraphKey(document string, n int) string { return fmt.Sprintf("%s/%d", document, n) }

// Change is one recorded create, update, delete, publish or unpublish of an item.
type Change struct {
	ID        int64     `db:"id"`
	At        time.Time `db:"at"`
	ActorKind ActorKind `db:"actor_kind"`
	ActorID   int64     `db:"actor_id"` // the editor's user id; 0 for the import
	// ActorName is the editor's display name, never their e-mail address; "" for the import.
	ActorName string   `db:"actor_name"`
	ItemType  ItemType `db:"item_type"`
	ItemKey   string   `db:"item_key"` // the item's slug; a paragraph's ParagraphKey
	Action    Action   `db:"action"`
	// Before and After are the item as the data twins show it, field by field: the whole
	// item after a create, publish or unpublish, before a delete; for an update only the
	// fields that changed.
	Before map[string]json.RawMessage `db:"before"`
	After  map[string]json.RawMessage `db:"after"`
	Public bool                       `db:"public"` // whether readers may see it
	Lang   string                     `db:"lang"`   // the language of the item's data
}

// Field is one field of a change, as it was and as it became, written for reading: text as
// it is, other values as compact JSON; "" where the field had no value.
type Field struct {
	Name, Before, After string
}

// Fields lists the change's fields by name: for an update those that changed, for the other
// actions every field of the item that has a value.
func (c Change) Fields() []Field {
	names := slices.Sorted(maps.Keys(c.After))
	for k := range c.Before {
		if _, ok := c.After[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	fields := make([]Field, 0, len(names))
	for _, n := range names {
		// A field empty before and after (a create's missing summary) says nothing.
		if f := (Field{Name: n, Before: readable(c.Before[n]), After: readable(c.After[n])}); f.Before != "" || f.After != "" {
			fields = append(fields, f)
		}
	}
	return fields
}

// readable writes a JSON value for a reader: a string as its text, null and empty values as
// "", anything else as compact JSON.
func readable(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	switch string(v) {
	case "", "null", "[]", "{}":
		return ""
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return string(v)
	}
	return b.String()
}

// Label names the changed item for a list of changes: its title, a body's name, a quote's
// speaker or a paragraph's topic, as the change recorded it; else its key.
func (c Change) Label() string {
	for _, field := range []string{"title", "name", "speaker_name", "topic"} {
		for _, m := range []map[string]json.RawMessage{c.After, c.Before} {
			if s := readable(m[field]); s != "" {
				return s
			}
		}
	}
	return c.ItemKey
}

// Document is the slug of the document the changed paragraph belongs to, or the changed
// document's; "" for other items.
func (c Change) Document() string {
	switch c.ItemType {
	case DocumentItem:
		return c.ItemKey
	case ParagraphItem:
		doc, _, _ := strings.Cut(c.ItemKey, "/")
		return doc
	}
	return ""
}

// snapshot is one item as the change history records it.
type snapshot struct {
	ItemType  ItemType                   `db:"item_type"`
	ItemKey   string                     `db:"item_key"`
	Published bool                       `db:"published"` // its own state; paragraphs and bodies have none
	Public    bool                       `db:"public"`    // whether readers see it
	Lang      string                     `db:"lang"`
	Data      map[string]json.RawMessage `db:"data"`
}

// scope is the items a write may change, for the snapshots taken around it: whole documents
// (with their paragraphs and items), bodies, and single advances, recommendations and quotes.
type scope struct {
	Documents, Bodies, Advances, Recommendations, Quotes []string
}

// snapshotQuery reads every item in a scope as the data twins show it, in the file format's
// field names. A document's items are public when they and the document are published. Items
// are found by their document's id in an array, not IN a subquery: only two index conditions
// can be ORed by the planner, and a subquery ORed with a slug read every row of the table.
const snapshotQuery = `
WITH docs AS (SELECT id FROM documents WHERE slug = ANY(@documents::text[]))
SELECT 'body' AS item_type, b.slug AS item_key, true AS published, true AS public, b.lang,
    jsonb_build_object(
        'kind', b.kind, 'name', b.name, 'short_name', b.short_name,
        'parent', coalesce(p.slug, ''), 'lang', b.lang, 'translations', b.translations) AS data
FROM bodies b
LEFT JOIN bodies p ON p.id = b.parent_id
WHERE b.slug = ANY(@bodies::text[])
UNION ALL
SELECT 'document', d.slug, d.published, d.published, d.lang,
    jsonb_build_object(
        'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_confirmed', d.title_confirmed,
        'title_why', d.title_why, 'kind', d.kind, 'author', coalesce(b.slug, ''),
        'issued', date_iso(d.issued_on, d.issued_precision), 'issued_confirmed', d.issued_confirmed,
        'issued_why', d.issued_why, 'url', d.url, 'about_url', d.about_url, 'lang', d.lang,
        'translations', coalesce((
            SELECT jsonb_object_agg(t.lang, jsonb_build_object(
                'title', t.title, 'title_why', t.title_why, 'issued_why', t.issued_why))
            FROM document_translations t WHERE t.document_id = d.id), '{}'))
FROM documents d
LEFT JOIN bodies b ON b.id = d.author_id
WHERE d.id IN (SELECT id FROM docs)
UNION ALL
SELECT 'paragraph', d.slug || '/' || p.number, true, d.published, d.lang,
    jsonb_build_object('topic', p.topic, 'text', p.text, 'translations', p.translations)
FROM paragraphs p
JOIN documents d ON d.id = p.document_id
WHERE d.id IN (SELECT id FROM docs)
UNION ALL
SELECT 'advance', a.slug, a.published, a.published AND d.published, d.lang,
    jsonb_build_object(
        'document', d.slug, 'title', a.title, 'summary', a.summary, 'source', s.slug,
        'date', date_iso(a.event_on, a.event_precision), 'date_confirmed', a.event_confirmed,
        'date_why', a.event_why,
        'paragraphs', to_jsonb(array(
            SELECT ap.number FROM advance_paragraphs ap WHERE ap.advance_id = a.id ORDER BY ap.number)),
        'bodies', coalesce((
            SELECT jsonb_agg(jsonb_build_object('body', b.slug, 'confirmed', ab.confirmed, 'why', ab.why) ORDER BY b.slug)
            FROM advance_bodies ab JOIN bodies b ON b.id = ab.body_id
            WHERE ab.advance_id = a.id), '[]'),
        'facts', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
                'text', f.text, 'confirmed', f.confirmed, 'why', f.why, 'source_url', f.source_url,
                'translations', f.translations) ORDER BY f.position)
            FROM advance_facts f WHERE f.advance_id = a.id), '[]'),
        'translations', coalesce((
            SELECT jsonb_object_agg(t.lang, jsonb_build_object(
                'title', t.title, 'summary', t.summary, 'date_why', t.event_why))
            FROM advance_translations t WHERE t.advance_id = a.id), '{}'))
FROM advances a
JOIN documents d ON d.id = a.document_id
JOIN documents s ON s.id = a.source_id
WHERE a.document_id = ANY(ARRAY(SELECT id FROM docs)) OR a.slug = ANY(@advances::text[])
UNION ALL
SELECT 'recommendation', r.slug, r.published, r.published AND d.published, d.lang,
    jsonb_build_object(
        'document', d.slug, 'title', r.title, 'text', r.text, 'source', s.slug,
        'follow_up', CASE WHEN r.follow_up_status IS NOT NULL THEN jsonb_build_object(
            'status', r.follow_up_status, 'date', date_iso(r.follow_up_on, r.follow_up_precision),
            'source_url', r.follow_up_source_url) END,
        'paragraphs', to_jsonb(array(
            SELECT rp.number FROM recommendation_paragraphs rp
            WHERE rp.recommendation_id = r.id ORDER BY rp.number)),
        'addressees', to_jsonb(array(
            SELECT b.slug FROM recommendation_addressees ra JOIN bodies b ON b.id = ra.body_id
            WHERE ra.recommendation_id = r.id ORDER BY b.slug)),
        'translations', coalesce((
            SELECT jsonb_object_agg(t.lang, jsonb_build_object('title', t.title, 'text', t.text))
            FROM recommendation_translations t WHERE t.recommendation_id = r.id), '{}'))
FROM recommendations r
JOIN documents d ON d.id = r.document_id
JOIN documents s ON s.id = r.source_id
WHERE r.document_id = ANY(ARRAY(SELECT id FROM docs)) OR r.slug = ANY(@recommendations::text[])
UNION ALL
SELECT 'quote', q.slug, q.published, q.published AND d.published, q.lang,
    jsonb_build_object(
        'document', d.slug, 'text', q.text, 'context', q.context, 'source', s.slug,
        'said_in', w.slug, 'speaker_name', q.speaker_name, 'speaker_role', q.speaker_role,
        'speaker_organisation', q.speaker_organisation, 'speaker_body', coalesce(sb.slug, ''),
        'paragraph', q.paragraph_number, 'lang', q.lang)
FROM quotes q
JOIN documents d ON d.id = q.document_id
JOIN documents s ON s.id = q.source_id
JOIN documents w ON w.id = q.said_in_id
LEFT JOIN bodies sb ON sb.id = q.speaker_body_id
WHERE q.document_id = ANY(ARRAY(SELECT id FROM docs)) OR q.slug = ANY(@quotes::text[])`

// snapshots reads the items in sc, keyed by type and key.
func snapshots(ctx context.Context, tx pgx.Tx, sc scope) (map[[2]string]snapshot, error) {
	rows, err := tx.Query(ctx, snapshotQuery, pgx.NamedArgs{
		"documents": slugs(sc.Documents), "bodies": slugs(sc.Bodies), "advances": slugs(sc.Advances),
		"recommendations": slugs(sc.Recommendations), "quotes": slugs(sc.Quotes),
	})
	if err != nil {
		return nil, err
	}
	all, err := pgx.CollectRows(rows, pgx.RowToStructByName[snapshot])
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string]snapshot, len(all))
	for _, s := range all {
		out[[2]string{string(s.ItemType), s.ItemKey}] = s
	}
	return out, nil
}

// changesBetween lists what turned the items before into those after, in the order of
// itemTypes, then by key. An item whose fields and state are as they were is no change.
func changesBetween(before, after map[[2]string]snapshot) []Change {
	var changes []Change
	for k, a := range after {
		b, ok := before[k]
		switch {
		case !ok:
			changes = append(changes, Change{ItemType: a.ItemType, ItemKey: a.ItemKey, Action: Create, After: a.Data, Public: a.Public, Lang: a.Lang})
		case !b.Published && a.Published:
			changes = append(changes, Change{ItemType: a.ItemType, ItemKey: a.ItemKey, Action: Publish, After: a.Data, Public: a.Public, Lang: a.Lang})
		case b.Published && !a.Published:
			changes = append(changes, Change{ItemType: a.ItemType, ItemKey: a.ItemKey, Action: Unpublish, After: a.Data, Public: a.Public, Lang: a.Lang})
		default:
			old, changed := map[string]json.RawMessage{}, map[string]json.RawMessage{}
			for f, v := range a.Data {
				if w, ok := b.Data[f]; !ok || !bytes.Equal(v, w) {
					old[f], changed[f] = w, v
				}
			}
			for f, w := range b.Data {
				if _, ok := a.Data[f]; !ok {
					old[f], changed[f] = w, nil
				}
			}
			if len(changed) > 0 {
				changes = append(changes, Change{ItemType: a.ItemType, ItemKey: a.ItemKey, Action: Update, Before: old, After: changed, Public: a.Public, Lang: a.Lang})
			}
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			changes = append(changes, Change{ItemType: b.ItemType, ItemKey: b.ItemKey, Action: Delete, Before: b.Data, Public: b.Public, Lang: b.Lang})
		}
	}
	slices.SortFunc(changes, func(x, y Change) int {
		if d := slices.Index(itemTypes, x.ItemType) - slices.Index(itemTypes, y.ItemType); d != 0 {
			return d
		}
		return strings.Compare(x.ItemKey, y.ItemKey)
	})
	return changes
}

// recordChanges writes changes to the history as made by actor, in one statement, inside the
// transaction that made them, so that a change and its record stand or fall together.
func recordChanges(ctx context.Context, tx pgx.Tx, actor Actor, changes []Change) error {
	if len(changes) == 0 {
		return nil
	}
	n := len(changes)
	types, keys, actions, langs := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	befores, afters, public := make([]*string, n), make([]*string, n), make([]bool, n)
	for i, c := range changes {
		types[i], keys[i], actions[i], public[i], langs[i] = string(c.ItemType), c.ItemKey, string(c.Action), c.Public, c.Lang
		var err error
		if befores[i], err = jsonText(c.Before); err != nil {
			return err
		}
		if afters[i], err = jsonText(c.After); err != nil {
			return err
		}
	}
	var actorID *int64
	if actor.Kind == EditorActor {
		actorID = &actor.UserID
	}
	_, err := tx.Exec(ctx, `
INSERT INTO changes (actor_kind, actor_id, item_type, item_key, action, before, after, public, lang)
SELECT @actor_kind, @actor_id, c.item_type, c.item_key, c.action, c.before::jsonb, c.after::jsonb, c.public, c.lang
FROM unnest(@types::text[], @keys::text[], @actions::text[], @befores::text[], @afters::text[],
            @public::boolean[], @langs::text[])
    WITH ORDINALITY AS c (item_type, item_key, action, before, after, public, lang, n)
ORDER BY c.n`, pgx.NamedArgs{
		"actor_kind": actor.Kind, "actor_id": actorID, "types": types, "keys": keys, "actions": actions,
		"befores": befores, "afters": afters, "public": public, "langs": langs,
	})
	return err
}

// jsonText is m as JSON text, nil for no map: a change's before or after.
func jsonText(m map[string]json.RawMessage) (*string, error) {
	if m == nil {
		return nil, nil
	}
	// A field that became absent is written as null.
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		if v == nil {
			v = json.RawMessage("null")
		}
		out[k] = v
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	s := string(b)
	return &s, nil
}

// recorded runs write in tx between two snapshots of sc and records what it changed as made
// by actor.
func recorded(ctx context.Context, tx pgx.Tx, actor Actor, sc scope, write func() error) error {
	before, err := snapshots(ctx, tx, sc)
	if err != nil {
		return err
	}
	if err := write(); err != nil {
		return err
	}
	after, err := snapshots(ctx, tx, sc)
	if err != nil {
		return err
	}
	return recordChanges(ctx, tx, actor, changesBetween(before, after))
}

// ChangeFilter selects changes. Zero fields select every public change.
type ChangeFilter struct {
	ItemType ItemType // with ItemKey: one item's changes; a document's include its paragraphs'
	ItemKey  string
	Drafts   bool // every change, drafts' included, as editors see them; otherwise public ones only
	Limit    int  // 0 means no limit
	// Offset pages the editors' activity by number; the public lists page by After, a cursor
	// of SortChanged, from which the database walks the index of the changes' order.
	Offset int
	After  Cursor
}

// ChangeList is one page of changes, newest first, how many match in all, and where the next
// page starts. The editors' activity counts every change, for its page numbers; a public list
// counts up to CountLimit, and More says that more match.
type ChangeList struct {
	Changes []Change
	Total   int
	More    bool
	Next    *Cursor // nil on the last page
}

// changesWhere is what a ChangeFilter asks of change c: the drafts' changes are left out
// through hidden and draft_documents.
const changesWhere = `WHERE (@drafts OR (c.public
           AND (c.item_type, c.item_key) NOT IN (SELECT item_type, item_key FROM hidden)
           AND NOT (c.item_type IN ('document', 'paragraph')
                    AND split_part(c.item_key, '/', 1) IN (SELECT slug FROM draft_documents))))
      AND (@item_type = '' OR (c.item_type = @item_type AND c.item_key = @item_key)
           OR (@item_type = 'document' AND c.item_type = 'paragraph'
               AND c.item_key >= @item_key || '/' AND c.item_key < @item_key || '0'))`

// Changes returns the changes f selects, newest first: an item's History, the Recent
// changes, or with Drafts, the editors' activity. Without Drafts, the changes of an item that
// is a draft now are left out with the item, though they were public when made; a removed
// item's stay. The page is read from the index of the order, and the count stops at
// CountLimit for the public lists: counting every change for each page read them all, the
// more of them the more the data was edited.
func (s *Store) Changes(ctx context.Context, f ChangeFilter) (list ChangeList, err error) {
	defer wrap(&err, "store.Changes(%+v)", f)
	if f.After.ID != 0 && f.After.Sort != SortChanged {
		return ChangeList{}, fmt.Errorf("%w: a cursor of the %s order for the changes", ErrBadCursor, f.After.Sort)
	}
	var afterAt *time.Time
	if f.After.ID != 0 {
		afterAt = &f.After.Event
	}
	countLimit := limit(CountLimit + 1)
	if f.Drafts {
		countLimit = nil
	}
	rows, err := s.pool.Query(ctx, `
WITH draft_documents (id, slug) AS MATERIALIZED (
    SELECT id, slug COLLATE "C" FROM documents WHERE NOT published
),
hidden (item_type, item_key) AS MATERIALIZED (
    -- The items that are drafts now, or of a draft document: few, so that leaving out their
    -- changes costs little. Each is found through the drafts' partial indexes (00018) or its
    -- draft document: "NOT (a.published AND d.published)" read every item, at a million
    -- paragraphs a million advances, as soon as there was any change to show.
    SELECT 'advance', a.slug COLLATE "C" FROM advances a WHERE NOT a.published
    UNION ALL
    SELECT 'advance', a.slug COLLATE "C" FROM advances a
    WHERE a.published AND a.document_id IN (SELECT id FROM draft_documents)
    UNION ALL
    SELECT 'recommendation', r.slug COLLATE "C" FROM recommendations r WHERE NOT r.published
    UNION ALL
    SELECT 'recommendation', r.slug COLLATE "C" FROM recommendations r
    WHERE r.published AND r.document_id IN (SELECT id FROM draft_documents)
    UNION ALL
    SELECT 'quote', q.slug COLLATE "C" FROM quotes q WHERE NOT q.published
    UNION ALL
    SELECT 'quote', q.slug COLLATE "C" FROM quotes q
    WHERE q.published AND q.document_id IN (SELECT id FROM draft_documents)
),
page AS (
    SELECT c.id, c.at FROM changes c
    `+changesWhere+`
      AND (@after_id = 0 OR (c.at, c.id) < (@after_at::timestamptz, @after_id))
    ORDER BY c.at DESC, c.id DESC
    LIMIT @limit OFFSET @offset
)
SELECT
    c.id, c.at, c.actor_kind, coalesce(c.actor_id, 0) AS actor_id, coalesce(u.name, '') AS actor_name,
    c.item_type, c.item_key, c.action, c.before, c.after, c.public, c.lang,
    (SELECT count(*) FROM (
        SELECT 1 FROM changes c `+changesWhere+`
        LIMIT @count_limit
    ) n) AS total
FROM page
JOIN changes c ON c.id = page.id
LEFT JOIN users u ON u.id = c.actor_id
ORDER BY page.at DESC, page.id DESC`, pgx.NamedArgs{
		"drafts": f.Drafts, "item_type": string(f.ItemType), "item_key": f.ItemKey,
		"limit": pageLimit(f.Limit), "offset": f.Offset, "count_limit": countLimit,
		"after_id": f.After.ID, "after_at": afterAt,
	})
	if err != nil {
		return ChangeList{}, err
	}
	type row struct {
		Change
		Total int `db:"total"`
	}
	got, err := pgx.CollectRows(rows, pgx.RowToStructByName[row])
	if err != nil {
		return ChangeList{}, err
	}
	if f.Limit > 0 && len(got) > f.Limit {
		got = got[:f.Limit]
		last := got[f.Limit-1]
		list.Next = &Cursor{Sort: SortChanged, Event: last.At, ID: last.ID}
	}
	list.Changes = make([]Change, len(got))
	for i, r := range got {
		list.Changes[i], list.Total = r.Change, r.Total
	}
	if !f.Drafts && list.Total > CountLimit {
		list.Total, list.More = CountLimit, true
	}
	return list, nil
}
