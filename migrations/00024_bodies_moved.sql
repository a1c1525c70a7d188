-- An import writes every body it names, parent included, and the statement trigger of 00012
-- took any such update for a move: it counted every document's advances again, which at a
-- million advances kept a one-document import's commit busy for minutes. A body has moved only
-- where its parent differs, and a move changes the counts of its advances and those of the
-- bodies under it, so only their documents are counted again.
-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bodies_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO advance_tallies_due (document_id)
    SELECT DISTINCT a.document_id
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id
    JOIN body_tree t ON t.ancestor_id = n.id
    JOIN advance_bodies ab ON ab.body_id = t.body_id
    JOIN advances a ON a.id = ab.advance_id
    WHERE n.parent_id IS DISTINCT FROM o.parent_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- A trigger with transition tables can't name its columns: it fires on every update of bodies.
DROP TRIGGER bodies_moved_tally ON bodies;
CREATE TRIGGER bodies_moved_tally AFTER UPDATE ON bodies
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bodies_moved();

-- +goose Down
DROP TRIGGER bodies_moved_tally ON bodies;
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION bodies_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A body under another parent changes what every ancestor counts: count everything again.
    INSERT INTO advance_tallies_due (document_id)
    SELECT DISTINCT document_id FROM advances
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER bodies_moved_tally AFTER UPDATE OF parent_id ON bodies
    FOR EACH STATEMENT EXECUTE FUNCTION bodies_moved();
