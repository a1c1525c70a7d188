package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// The editors' writes. Each runs in one transaction with its record in the change history,
// made by the editor. Callers check an advance with dataset.CheckAdvance first, which applies
// the import's rules; the schema's constraints refuse whatever slips past.

// ErrCited means the item cannot be deleted because other items refer to it.
var ErrCited = errors.New("cited by other items")

// CitedError is a refusal to delete an item that other items cite. It wraps ErrCited.
type CitedError struct {
	ItemType ItemType
	ItemKey  string
	// By lists what cites it, as type and key: "advance model-national-law".
	By []string
}

func (e *CitedError) Error() string {
	return fmt.Sprintf("%s %q is cited by %s", e.ItemType, e.ItemKey, strings.Join(e.By, ", "))
}

func (e *CitedError) Unwrap() error { return ErrCited }

// CreateAdvance adds in to the document with the given slug, after its other advances, as a
// draft: SetPublished shows it to the public. A slug already taken is ErrConflict; a document
// that does not exist is ErrNotFound.
func (s *Store) CreateAdvance(ctx context.Context, editor int64, document string, in AdvanceInput) (err error) {
	defer wrap(&err, "store.CreateAdvance(%q, %q)", document, in.Slug)
	return s.createItem(ctx, editor, AdvanceItem, document, in.Slug, func(b *pgx.Batch, docID int64, pos int) {
		queueAdvance(b, docID, pos, in)
	})
}

// UpdateAdvance makes the advance with the given slug what in says; its slug, document and
// place among the document's advances stay. A missing advance is ErrNotFound.
func (s *Store) UpdateAdvance(ctx context.Context, editor int64, slug string, in AdvanceInput) (err error) {
	defer wrap(&err, "store.UpdateAdvance(%q)", slug)
	in.Slug = slug
	return s.updateItem(ctx, editor, AdvanceItem, slug, func(b *pgx.Batch, docID int64, pos int) {
		// queueAdvance writes the links afresh, as an import does after removing them all.
		b.Queue(`DELETE FROM advance_paragraphs WHERE advance_id = (SELECT id FROM advances WHERE slug = $1)`, slug)
		queueAdvance(b, docID, pos, in)
	})
}

// DeleteAdvance removes the advance with the given slug, with its links to paragraphs and
// bodies, its facts and translations: nothing else refers to an advance. A missing advance is
// ErrNotFound.
func (s *Store) DeleteAdvance(ctx context.Context, editor int64, slug string) (err error) {
	defer wrap(&err, "store.DeleteAdvance(%q)", slug)
	return s.deleteItem(ctx, editor, AdvanceItem, slug)
}

// DeleteDocument removes the document with the given slug with its paragraphs and items. A
// document that items of other documents take as their source, or as where their words were
// said, is refused with a *CitedError. A missing document is ErrNotFound.
func (s *Store) DeleteDocument(ctx context.Context, editor int64, slug string) (err error) {
	defer wrap(&err, "store.DeleteDocument(%q)", slug)
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var docID int64
		if err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE slug = $1 FOR UPDATE`, slug).Scan(&docID); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
SELECT kind || ' ' || slug FROM (
    SELECT 'advance' AS kind, slug FROM advances WHERE source_id = @id AND document_id <> @id
    UNION ALL
    SELECT 'recommendation', slug FROM recommendations WHERE source_id = @id AND document_id <> @id
    UNION ALL
    SELECT 'quote', slug FROM quotes WHERE (source_id = @id OR said_in_id = @id) AND document_id <> @id
) citing
ORDER BY kind, slug`, pgx.NamedArgs{"id": docID})
		if err != nil {
			return err
		}
		by, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if len(by) > 0 {
			return &CitedError{ItemType: DocumentItem, ItemKey: slug, By: by}
		}
		return recorded(ctx, tx, Editor(editor), scope{Documents: []string{slug}}, func() error {
			_, err := tx.Exec(ctx, `DELETE FROM documents WHERE id = $1`, docID)
			return err
		})
	})
}

// publishStatements set the published state of an item of each type that has one.
var publishStatements = map[ItemType]string{
	DocumentItem: `UPDATE documents SET published = @published WHERE slug = @slug`,
	// An advance published anew is news to the feeds, which list the last changed first.
	AdvanceItem: `
UPDATE advances
SET published = @published,
    updated_at = CASE WHEN published = @published THEN updated_at ELSE now() END
WHERE slug = @slug`,
	RecommendationItem: `UPDATE recommendations SET published = @published WHERE slug = @slug`,
	QuoteItem:          `UPDATE quotes SET published = @published WHERE slug = @slug`,
}

// SetPublished publishes the item (a document, advance, recommendation or quote) with the
// given slug, or makes it a draft again, which the public does not see. A document's state is
// its paragraphs' and items' too: a draft document hides them all. Setting the state it has
// already records nothing. A missing item is ErrNotFound.
func (s *Store) SetPublished(ctx context.Context, editor int64, t ItemType, slug string, published bool) (err error) {
	defer wrap(&err, "store.SetPublished(%q, %q, %t)", t, slug, published)
	statement, ok := publishStatements[t]
	if !ok {
		return fmt.Errorf("a %s has no published state", t)
	}
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		sc := scope{Documents: []string{slug}}
		if t != DocumentItem {
			sc = itemScope(t, slug)
		}
		return recorded(ctx, tx, Editor(editor), sc, func() error {
			tag, err := tx.Exec(ctx, statement, pgx.NamedArgs{"slug": slug, "published": published})
			if err == nil && tag.RowsAffected() == 0 {
				return pgx.ErrNoRows
			}
			return err
		})
	})
}

// EditContext is what an item of a document may refer to, for checking an editor's item by
// the import's rules: the document's language and paragraphs, and every body and document.
type EditContext struct {
	Lang       string   `db:"lang"`
	Paragraphs []int    `db:"paragraphs"`
	Bodies     []string `db:"bodies"`
	Documents  []string `db:"documents"`
}

// EditContext returns what an item of the document with the given slug may refer to. A
// missing document is ErrNotFound.
func (s *Store) EditContext(ctx context.Context, document string) (ec EditContext, err error) {
	defer wrap(&err, "store.EditContext(%q)", document)
	rows, err := s.pool.Query(ctx, `
SELECT
    d.lang,
    array(SELECT p.number FROM paragraphs p WHERE p.document_id = d.id ORDER BY p.number) AS paragraphs,
    array(SELECT b.slug FROM bodies b ORDER BY b.slug) AS bodies,
    array(SELECT o.slug FROM documents o ORDER BY o.slug) AS documents
FROM documents d
WHERE d.slug = $1`, document)
	if err != nil {
		return EditContext{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[EditContext])
}
