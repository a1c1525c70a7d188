package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// CreateRecommendation adds in to the document with the given slug, after its other
// recommendations, as a draft, as CreateAdvance adds an advance.
func (s *Store) CreateRecommendation(ctx context.Context, editor int64, document string, in RecommendationInput) (err error) {
	defer wrap(&err, "store.CreateRecommendation(%q, %q)", document, in.Slug)
	return s.createItem(ctx, editor, RecommendationItem, document, in.Slug, func(b *pgx.Batch, docID int64, pos int) {
		queueRecommendation(b, docID, pos, in)
	})
}

// UpdateRecommendation makes the recommendation with the given slug what in says; its slug,
// document and place stay. A missing recommendation is ErrNotFound.
func (s *Store) UpdateRecommendation(ctx context.Context, editor int64, slug string, in RecommendationInput) (err error) {
	defer wrap(&err, "store.UpdateRecommendation(%q)", slug)
	in.Slug = slug
	return s.updateItem(ctx, editor, RecommendationItem, slug, func(b *pgx.Batch, docID int64, pos int) {
		// queueRecommendation writes the paragraphs afresh, as an import does after removing them.
		b.Queue(`DELETE FROM recommendation_paragraphs WHERE recommendation_id = (SELECT id FROM recommendations WHERE slug = $1)`, slug)
		queueRecommendation(b, docID, pos, in)
	})
}

// DeleteRecommendation removes the recommendation with the given slug, with its links and
// translations: nothing else refers to a recommendation. A missing one is ErrNotFound.
func (s *Store) DeleteRecommendation(ctx context.Context, editor int64, slug string) (err error) {
	defer wrap(&err, "store.DeleteRecommendation(%q)", slug)
	return s.deleteItem(ctx, editor, RecommendationItem, slug)
}

// CreateQuote adds in to the document with the given slug, after its other quotes, as a
// draft, as CreateAdvance adds an advance. dataset.CheckQuote gives a quote its language.
func (s *Store) CreateQuote(ctx context.Context, editor int64, document string, in QuoteInput) (err error) {
	defer wrap(&err, "store.CreateQuote(%q, %q)", document, in.Slug)
	return s.createItem(ctx, editor, QuoteItem, document, in.Slug, func(b *pgx.Batch, docID int64, pos int) {
		queueQuote(b, docID, pos, in)
	})
}

// UpdateQuote makes the quote with the given slug what in says; its slug, document and
// place stay. A missing quote is ErrNotFound.
func (s *Store) UpdateQuote(ctx context.Context, editor int64, slug string, in QuoteInput) (err error) {
	defer wrap(&err, "store.UpdateQuote(%q)", slug)
	in.Slug = slug
	return s.updateItem(ctx, editor, QuoteItem, slug, func(b *pgx.Batch, docID int64, pos int) {
		queueQuote(b, docID, pos, in)
	})
}

// DeleteQuote removes the quote with the given slug: nothing refers to a quote. A missing
// one is ErrNotFound.
func (s *Store) DeleteQuote(ctx context.Context, editor int64, slug string) (err error) {
	defer wrap(&err, "store.DeleteQuote(%q)", slug)
	return s.deleteItem(ctx, editor, QuoteItem, slug)
}

// itemStatements are the statements that write an advance, recommendation or quote one at a
// time, by type: alike but for their table.
var itemStatements = map[ItemType]struct {
	// next locks the document with slug $1 and returns its id and the position after its
	// items of the type; taken says whether an item of the type has slug $1; lock locks the
	// item with slug $1 and returns its document and position; draft makes it a draft;
	// remove deletes it.
	next, taken, lock, draft, remove string
}{
	AdvanceItem: {
		next: `
SELECT d.id, coalesce((SELECT max(i.position) FROM advances i WHERE i.document_id = d.id), 0) + 1
FROM documents d
WHERE d.slug = $1
FOR UPDATE OF d`,
		taken:  `SELECT EXISTS (SELECT 1 FROM advances WHERE slug = $1)`,
		lock:   `SELECT document_id, position FROM advances WHERE slug = $1 FOR UPDATE`,
		draft:  `UPDATE advances SET published = false WHERE slug = $1`,
		remove: `DELETE FROM advances WHERE slug = $1`,
	},
	RecommendationItem: {
		next: `
SELECT d.id, coalesce((SELECT max(i.position) FROM recommendations i WHERE i.document_id = d.id), 0) + 1
FROM documents d
WHERE d.slug = $1
FOR UPDATE OF d`,
		taken:  `SELECT EXISTS (SELECT 1 FROM recommendations WHERE slug = $1)`,
		lock:   `SELECT document_id, position FROM recommendations WHERE slug = $1 FOR UPDATE`,
		draft:  `UPDATE recommendations SET published = false WHERE slug = $1`,
		remove: `DELETE FROM recommendations WHERE slug = $1`,
	},
	QuoteItem: {
		next: `
SELECT d.id, coalesce((SELECT max(i.position) FROM quotes i WHERE i.document_id = d.id), 0) + 1
FROM documents d
WHERE d.slug = $1
FOR UPDATE OF d`,
		taken:  `SELECT EXISTS (SELECT 1 FROM quotes WHERE slug = $1)`,
		lock:   `SELECT document_id, position FROM quotes WHERE slug = $1 FOR UPDATE`,
		draft:  `UPDATE quotes SET published = false WHERE slug = $1`,
		remove: `DELETE FROM quotes WHERE slug = $1`,
	},
}

// itemScope is the scope of the one item of type t with the given slug.
func itemScope(t ItemType, slug string) scope {
	switch t {
	case RecommendationItem:
		return scope{Recommendations: []string{slug}}
	case QuoteItem:
		return scope{Quotes: []string{slug}}
	}
	return scope{Advances: []string{slug}}
}

// createItem writes a new advance, recommendation or quote as a draft: queue writes it at the
// end of the document's items of its type. A slug already taken is ErrConflict; a document
// that does not exist is ErrNotFound.
func (s *Store) createItem(ctx context.Context, editor int64, t ItemType, document, slug string, queue func(b *pgx.Batch, docID int64, pos int)) error {
	st := itemStatements[t]
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var docID int64
		var pos int
		if err := tx.QueryRow(ctx, st.next, document).Scan(&docID, &pos); err != nil {
			return err
		}
		var taken bool
		if err := tx.QueryRow(ctx, st.taken, slug).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return fmt.Errorf("%w: %s %q exists already", ErrConflict, t, slug)
		}
		return recorded(ctx, tx, Editor(editor), itemScope(t, slug), func() error {
			b := &pgx.Batch{}
			queue(b, docID, pos)
			b.Queue(st.draft, slug)
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// updateItem rewrites the item of type t with the given slug by queue, in its document and
// place.
func (s *Store) updateItem(ctx context.Context, editor int64, t ItemType, slug string, queue func(b *pgx.Batch, docID int64, pos int)) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var docID int64
		var pos int
		if err := tx.QueryRow(ctx, itemStatements[t].lock, slug).Scan(&docID, &pos); err != nil {
			return err
		}
		return recorded(ctx, tx, Editor(editor), itemScope(t, slug), func() error {
			b := &pgx.Batch{}
			queue(b, docID, pos)
			return tx.SendBatch(ctx, b).Close()
		})
	})
}

// deleteItem removes the item of type t with the given slug.
func (s *Store) deleteItem(ctx context.Context, editor int64, t ItemType, slug string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return recorded(ctx, tx, Editor(editor), itemScope(t, slug), func() error {
			tag, err := tx.Exec(ctx, itemStatements[t].remove, slug)
			if err == nil && tag.RowsAffected() == 0 {
				return pgx.ErrNoRows
			}
			return err
		})
	})
}
