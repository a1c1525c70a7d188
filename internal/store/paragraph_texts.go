package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// ParagraphText is a paragraph's number and text, as read from a report's text.
type ParagraphText struct {
	Number int
	Text   string
}

// ParagraphChanges is what writing a document's paragraph texts changed, or would change.
type ParagraphChanges struct {
	Added     []int // numbers the document did not have
	Changed   []int // paragraphs whose text changed
	Unchanged int   // paragraphs whose text was already the same
	Removed   []int // paragraphs that the text no longer has and that nothing cited
	// Kept are the paragraphs that the text no longer has but that items cite: they stay,
	// with their text, so that no citation is lost.
	Kept []CitedParagraph
}

// CitedParagraph is a paragraph's number and the items that cite it.
type CitedParagraph struct {
	Number  int       `db:"number"`
	CitedBy []ItemRef `db:"cited_by"`
}

// ItemRef names an item: its kind (advance, recommendation, quote) and its slug.
type ItemRef struct {
	Kind string `json:"kind"`
	Slug string `json:"slug"`
}

// ReplaceParagraphTexts makes the paragraphs of the document with the given slug hold the
// texts given, in one transaction: it updates the text of the paragraphs it has by number
// (keeping their topics and translations), adds those it lacks, and removes those that ps no
// longer has, except the ones that an advance, a recommendation or a quote cites, which it
// keeps as they are and reports. Keeping them rather than refusing lets an editor load a
// text that lacks a paragraph (a partial copy, a renumbering) without first unlinking the
// items; the citation stays good, and the report names the paragraphs for the editor to look
// at. Every paragraph added, changed or removed is recorded in the change history as made by
// actor. A document that does not exist is ErrNotFound; numbers given twice are ErrConflict.
func (s *Store) ReplaceParagraphTexts(ctx context.Context, actor Actor, document string, ps []ParagraphText) (c ParagraphChanges, err error) {
	defer wrap(&err, "store.ReplaceParagraphTexts(%q)", document)
	return s.replaceParagraphTexts(ctx, &actor, document, ps)
}

// PreviewParagraphTexts reports what ReplaceParagraphTexts would change, changing nothing.
func (s *Store) PreviewParagraphTexts(ctx context.Context, document string, ps []ParagraphText) (c ParagraphChanges, err error) {
	defer wrap(&err, "store.PreviewParagraphTexts(%q)", document)
	return s.replaceParagraphTexts(ctx, nil, document, ps)
}

// errPreview rolls back a preview's transaction.
var errPreview = errors.New("preview: rolled back")

// replaceParagraphTexts is the one place where a text's paragraphs are written, recorded as
// made by actor: a preview (no actor) runs the same statements and rolls them back.
func (s *Store) replaceParagraphTexts(ctx context.Context, actor *Actor, document string, ps []ParagraphText) (c ParagraphChanges, err error) {
	numbers := make([]int, len(ps))
	texts := make([]string, len(ps))
	seen := make(map[int]bool, len(ps))
	for i, p := range ps {
		if p.Number < 1 {
			return c, fmt.Errorf("paragraph number %d: numbers start at 1", p.Number)
		}
		if seen[p.Number] {
			return c, fmt.Errorf("%w: paragraph %d is given twice", ErrConflict, p.Number)
		}
		seen[p.Number] = true
		numbers[i], texts[i] = p.Number, p.Text
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The lock makes two text imports of one document wait for each other, and lets
		// every other write to the document go on.
		var docID int64
		if err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE slug = $1 FOR NO KEY UPDATE`, document).Scan(&docID); err != nil {
			return err
		}
		args := pgx.NamedArgs{"document": docID, "numbers": numbers, "texts": texts}
		write := func() error {
			rows, err := tx.Query(ctx, writeParagraphTexts, args)
			if err != nil {
				return err
			}
			written, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[struct {
				Added   []int `db:"added"`
				Changed []int `db:"changed"`
			}])
			if err != nil {
				return err
			}
			c.Added, c.Changed = written.Added, written.Changed
			c.Unchanged = len(ps) - len(c.Added) - len(c.Changed)
			rows, err = tx.Query(ctx, removeParagraphs, args)
			if err != nil {
				return err
			}
			gone, err := pgx.CollectRows(rows, pgx.RowToStructByName[CitedParagraph])
			if err != nil {
				return err
			}
			for _, p := range gone {
				if len(p.CitedBy) == 0 {
					c.Removed = append(c.Removed, p.Number)
				} else {
					c.Kept = append(c.Kept, p)
				}
			}
			return nil
		}
		if actor == nil {
			if err := write(); err != nil {
				return err
			}
			return errPreview
		}
		return recorded(ctx, tx, *actor, scope{Documents: []string{document}}, write)
	})
	if errors.Is(err, errPreview) {
		err = nil
	}
	return c, err
}

// writeParagraphTexts updates the text of the paragraphs of @document that differ and adds
// those it lacks, returning the numbers of each. The two parts touch different rows, so they
// run as one statement.
const writeParagraphTexts = `
WITH input AS (
    SELECT number, text FROM unnest(@numbers::integer[], @texts::text[]) AS i (number, text)
), changed AS (
    UPDATE paragraphs p
    SET text = i.text
    FROM input i
    WHERE p.document_id = @document AND p.number = i.number AND p.text <> i.text
    RETURNING p.number
), added AS (
    INSERT INTO paragraphs (document_id, number, text)
    SELECT @document, i.number, i.text
    FROM input i
    WHERE NOT EXISTS (SELECT FROM paragraphs p WHERE p.document_id = @document AND p.number = i.number)
    RETURNING number
)
SELECT
    coalesce((SELECT array_agg(number ORDER BY number) FROM added), '{}') AS added,
    coalesce((SELECT array_agg(number ORDER BY number) FROM changed), '{}') AS changed`

// removeParagraphs lists the paragraphs of @document that @numbers lacks, with the items
// citing each, and deletes those that none cites.
const removeParagraphs = `
WITH gone AS (
    SELECT
        p.number,
        coalesce((
            SELECT jsonb_agg(jsonb_build_object('kind', c.kind, 'slug', c.slug) ORDER BY c.kind, c.slug)
            FROM (
                SELECT 'advance' AS kind, a.slug
                FROM advance_paragraphs ap
                JOIN advances a ON a.id = ap.advance_id
                WHERE ap.document_id = p.document_id AND ap.number = p.number
                UNION ALL
                SELECT 'recommendation', r.slug
                FROM recommendation_paragraphs rp
                JOIN recommendations r ON r.id = rp.recommendation_id
                WHERE rp.document_id = p.document_id AND rp.number = p.number
                UNION ALL
                SELECT 'quote', q.slug
                FROM quotes q
                WHERE q.document_id = p.document_id AND q.paragraph_number = p.number
            ) c
        ), '[]') AS cited_by
    FROM paragraphs p
    WHERE p.document_id = @document AND p.number <> ALL(@numbers)
), removed AS (
    DELETE FROM paragraphs p
    USING gone g
    WHERE p.document_id = @document AND p.number = g.number AND g.cited_by = '[]'
)
SELECT number, cited_by FROM gone ORDER BY number`
