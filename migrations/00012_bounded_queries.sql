-- +goose Up
-- What lets a page cost the same at a million paragraphs as at ten thousand: counts kept by
-- the writes instead of counted by the reads, a sort key the advances carry themselves, and
-- indexes in the order the lists walk.

-- The first paragraph an advance cites (NULL when it cites none), the advances' order within
-- their document. Kept from advance_paragraphs by the triggers below, so that a list walks an
-- index instead of taking min() of every advance's citations before it can sort.
ALTER TABLE advances ADD COLUMN first_paragraph integer;
UPDATE advances a SET first_paragraph = (
    SELECT min(ap.number) FROM advance_paragraphs ap WHERE ap.advance_id = a.id);

-- +goose StatementBegin
CREATE FUNCTION advances_first_paragraph() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE advances a SET first_paragraph = f.number
    FROM (
        SELECT c.advance_id, (SELECT min(ap.number) FROM advance_paragraphs ap WHERE ap.advance_id = c.advance_id) AS number
        FROM (SELECT DISTINCT advance_id FROM changed) c
    ) f
    WHERE a.id = f.advance_id AND a.first_paragraph IS DISTINCT FROM f.number;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER advance_paragraphs_inserted AFTER INSERT ON advance_paragraphs
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_first_paragraph();
CREATE TRIGGER advance_paragraphs_deleted AFTER DELETE ON advance_paragraphs
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_first_paragraph();
CREATE TRIGGER advance_paragraphs_updated_old AFTER UPDATE ON advance_paragraphs
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_first_paragraph();
CREATE TRIGGER advance_paragraphs_updated_new AFTER UPDATE ON advance_paragraphs
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_first_paragraph();

-- The lists' orders, each ending in the id so that every row has one place (keyset pagination
-- needs a total order). By paragraph: a document's advances by first cited paragraph, uncited
-- last; by date: newest event first, undated last, and among equal dates by document and
-- place in it; by change, as feeds list them. The date order is written with every key
-- descending (the undated as -infinity, the others negated) so that a cursor is one row
-- comparison, where an index scan can start.
CREATE INDEX advances_paragraph_order_idx ON advances (document_id, coalesce(first_paragraph, 2147483647), position, id);
CREATE INDEX advances_date_order_idx ON advances (
    coalesce(event_on, '-infinity'::date) DESC, (-document_id) DESC, (-position) DESC, (-id) DESC);
DROP INDEX advances_event_on_idx;
CREATE INDEX advances_updated_order_idx ON advances (updated_at DESC, id);
DROP INDEX advances_updated_at_idx;
-- Documents newest first, undated last (as -infinity, which a cursor can compare), as the
-- lists and the front page show them.
CREATE INDEX documents_issued_order_idx ON documents (coalesce(issued_on, '-infinity'::date) DESC, slug);
-- Recommendations and quotes in their document's order, and the latest changed for feeds.
CREATE INDEX recommendations_order_idx ON recommendations (document_id, position, id);
CREATE INDEX recommendations_updated_order_idx ON recommendations (updated_at DESC, id);
CREATE INDEX quotes_order_idx ON quotes (document_id, position, id);
CREATE INDEX quotes_updated_order_idx ON quotes (updated_at DESC, id);
-- The data's last change, which the front page cites: max(updated_at) of each table.
CREATE INDEX documents_updated_at_idx ON documents (updated_at);
CREATE INDEX paragraphs_updated_at_idx ON paragraphs (updated_at);
CREATE INDEX quotes_speaker_name_idx ON quotes (speaker_name);
CREATE INDEX quotes_speaker_organisation_idx ON quotes (speaker_organisation);

-- How many rows each table holds, for the front page, kept by the writes: count(*) of a
-- table reads all of it. Every write of a table updates its one row here, so writers of one
-- table take turns; the tracker's writes are imports by editors, few and far between.
CREATE TABLE row_totals (
    name text PRIMARY KEY,
    n    bigint NOT NULL CHECK (n >= 0)
);
INSERT INTO row_totals (name, n) VALUES
    ('documents', (SELECT count(*) FROM documents WHERE kind <> 'news')),
    ('paragraphs', (SELECT count(*) FROM paragraphs)),
    ('advances', (SELECT count(*) FROM advances)),
    ('recommendations', (SELECT count(*) FROM recommendations)),
    ('quotes', (SELECT count(*) FROM quotes)),
    ('bodies', (SELECT count(*) FROM bodies));

-- +goose StatementBegin
CREATE FUNCTION count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_totals SET n = n + (SELECT count(*) FROM changed) WHERE name = TG_TABLE_NAME;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE row_totals SET n = n - (SELECT count(*) FROM changed) WHERE name = TG_TABLE_NAME;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- Documents count only UN documents, not the secondary sources (news), and a document's kind
-- may change.
-- +goose StatementBegin
CREATE FUNCTION count_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE row_totals SET n = n + (SELECT count(*) FROM new_rows WHERE kind <> 'news') WHERE name = 'documents';
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE row_totals SET n = n - (SELECT count(*) FROM old_rows WHERE kind <> 'news') WHERE name = 'documents';
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER documents_inserted_count AFTER INSERT ON documents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_documents();
CREATE TRIGGER documents_deleted_count AFTER DELETE ON documents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_documents();
CREATE TRIGGER documents_updated_count AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_documents();
CREATE TRIGGER paragraphs_inserted_count AFTER INSERT ON paragraphs
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_inserted();
CREATE TRIGGER paragraphs_deleted_count AFTER DELETE ON paragraphs
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_deleted();
CREATE TRIGGER advances_inserted_count AFTER INSERT ON advances
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_inserted();
CREATE TRIGGER advances_deleted_count AFTER DELETE ON advances
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_deleted();
CREATE TRIGGER recommendations_inserted_count AFTER INSERT ON recommendations
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_inserted();
CREATE TRIGGER recommendations_deleted_count AFTER DELETE ON recommendations
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_deleted();
CREATE TRIGGER quotes_inserted_count AFTER INSERT ON quotes
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_inserted();
CREATE TRIGGER quotes_deleted_count AFTER DELETE ON quotes
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_deleted();
CREATE TRIGGER bodies_inserted_count AFTER INSERT ON bodies
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_inserted();
CREATE TRIGGER bodies_deleted_count AFTER DELETE ON bodies
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_deleted();

-- The advances counted by document, body and year of their event: the facets, the bodies'
-- counts and the charts read these few rows instead of counting a million advances. body_id
-- is a body, and an advance counts once for it and once for each body above it, however many
-- of its bodies sit under it; 0 stands for every advance, whatever its bodies. year is 0 for
-- an advance whose date is not known. No foreign keys: the rows of a deleted document or body
-- go when its advances do, by the triggers below.
CREATE TABLE advance_tallies (
    document_id bigint NOT NULL,
    body_id     bigint NOT NULL,
    year        integer NOT NULL,
    advances    integer NOT NULL CHECK (advances >= 0), -- 0 only within tally_advances
    unconfirmed integer NOT NULL CHECK (unconfirmed >= 0), -- dated, but no public page confirms the date
    PRIMARY KEY (document_id, body_id, year)
);
CREATE INDEX advance_tallies_body_idx ON advance_tallies (body_id, document_id);

-- The same, summed over documents: what the front page and the bodies' pages show.
CREATE TABLE advance_totals (
    body_id     bigint NOT NULL,
    year        integer NOT NULL,
    advances    integer NOT NULL CHECK (advances >= 0), -- 0 only within tally_advances
    unconfirmed integer NOT NULL CHECK (unconfirmed >= 0),
    PRIMARY KEY (body_id, year)
);

-- tally_advances counts again the advances of the given documents, in both tables. A document
-- has at most a few hundred advances, so a write pays for its own documents only.
-- +goose StatementBegin
CREATE FUNCTION tally_advances(docs bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH old AS (
        DELETE FROM advance_tallies WHERE document_id = ANY(docs)
        RETURNING body_id, year, advances, unconfirmed
    )
    UPDATE advance_totals t
    SET advances = t.advances - o.advances, unconfirmed = t.unconfirmed - o.unconfirmed
    FROM (SELECT body_id, year, sum(advances) AS advances, sum(unconfirmed) AS unconfirmed
          FROM old GROUP BY body_id, year) o
    WHERE t.body_id = o.body_id AND t.year = o.year;
    DELETE FROM advance_totals WHERE advances = 0;

    WITH tree AS MATERIALIZED (SELECT ancestor_id, body_id FROM body_tree),
    counted AS (
        INSERT INTO advance_tallies (document_id, body_id, year, advances, unconfirmed)
        SELECT a.document_id, s.body_id, coalesce(extract(year FROM a.event_on)::int, 0),
               count(*), count(*) FILTER (WHERE a.event_on IS NOT NULL AND NOT a.event_confirmed)
        FROM advances a
        CROSS JOIN LATERAL (
            SELECT 0::bigint AS body_id
            UNION
            SELECT t.ancestor_id FROM advance_bodies ab JOIN tree t ON t.body_id = ab.body_id
            WHERE ab.advance_id = a.id
        ) s
        WHERE a.document_id = ANY(docs)
        GROUP BY 1, 2, 3
        RETURNING body_id, year, advances, unconfirmed
    )
    INSERT INTO advance_totals (body_id, year, advances, unconfirmed)
    SELECT body_id, year, sum(advances), sum(unconfirmed) FROM counted GROUP BY body_id, year
    ON CONFLICT (body_id, year) DO UPDATE
    SET advances = advance_totals.advances + excluded.advances,
        unconfirmed = advance_totals.unconfirmed + excluded.unconfirmed;
END $$;
-- +goose StatementEnd

-- An import writes a document's advances in many statements. Each only notes its documents
-- here; they are counted once, when the transaction commits (a deferred trigger), all of
-- them in one pass.
CREATE TABLE advance_tallies_due (document_id bigint PRIMARY KEY);

-- +goose StatementBegin
CREATE FUNCTION tally_due() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    docs bigint[];
BEGIN
    WITH due AS (DELETE FROM advance_tallies_due RETURNING document_id)
    SELECT array_agg(document_id) INTO docs FROM due;
    -- The first of the transaction's notes counts them all; the others find nothing due.
    IF docs IS NOT NULL THEN
        PERFORM tally_advances(docs);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER advance_tallies_due_flush AFTER INSERT ON advance_tallies_due
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tally_due();

-- +goose StatementBegin
CREATE FUNCTION advances_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO advance_tallies_due (document_id)
    SELECT DISTINCT document_id FROM changed
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION advance_bodies_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An advance deleted with its bodies is counted by the advances' own trigger.
    INSERT INTO advance_tallies_due (document_id)
    SELECT DISTINCT a.document_id FROM changed c JOIN advances a ON a.id = c.advance_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION bodies_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A body under another parent changes what every ancestor counts: count everything again.
    INSERT INTO advance_tallies_due (document_id)
    SELECT DISTINCT document_id FROM advances
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER advances_inserted_tally AFTER INSERT ON advances
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_due();
CREATE TRIGGER advances_deleted_tally AFTER DELETE ON advances
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_due();
CREATE TRIGGER advances_updated_old_tally AFTER UPDATE ON advances
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_due();
CREATE TRIGGER advances_updated_new_tally AFTER UPDATE ON advances
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advances_due();
CREATE TRIGGER advance_bodies_inserted_tally AFTER INSERT ON advance_bodies
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advance_bodies_due();
CREATE TRIGGER advance_bodies_deleted_tally AFTER DELETE ON advance_bodies
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advance_bodies_due();
CREATE TRIGGER advance_bodies_updated_old_tally AFTER UPDATE ON advance_bodies
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advance_bodies_due();
CREATE TRIGGER advance_bodies_updated_new_tally AFTER UPDATE ON advance_bodies
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION advance_bodies_due();
CREATE TRIGGER bodies_moved_tally AFTER UPDATE OF parent_id ON bodies
    FOR EACH STATEMENT EXECUTE FUNCTION bodies_moved();

SELECT tally_advances(array(SELECT id FROM documents));

-- +goose Down
DROP TRIGGER bodies_moved_tally ON bodies;
DROP TRIGGER advance_bodies_updated_new_tally ON advance_bodies;
DROP TRIGGER advance_bodies_updated_old_tally ON advance_bodies;
DROP TRIGGER advance_bodies_deleted_tally ON advance_bodies;
DROP TRIGGER advance_bodies_inserted_tally ON advance_bodies;
DROP TRIGGER advances_updated_new_tally ON advances;
DROP TRIGGER advances_updated_old_tally ON advances;
DROP TRIGGER advances_deleted_tally ON advances;
DROP TRIGGER advances_inserted_tally ON advances;
DROP FUNCTION bodies_moved();
DROP FUNCTION advance_bodies_due();
DROP FUNCTION advances_due();
DROP TABLE advance_tallies_due;
DROP FUNCTION tally_due();
DROP FUNCTION tally_advances(bigint[]);
DROP TABLE advance_totals;
DROP TABLE advance_tallies;
DROP TRIGGER bodies_deleted_count ON bodies;
DROP TRIGGER bodies_inserted_count ON bodies;
DROP TRIGGER quotes_deleted_count ON quotes;
DROP TRIGGER quotes_inserted_count ON quotes;
DROP TRIGGER recommendations_deleted_count ON recommendations;
DROP TRIGGER recommendations_inserted_count ON recommendations;
DROP TRIGGER advances_deleted_count ON advances;
DROP TRIGGER advances_inserted_count ON advances;
DROP TRIGGER paragraphs_deleted_count ON paragraphs;
DROP TRIGGER paragraphs_inserted_count ON paragraphs;
DROP TRIGGER documents_updated_count ON documents;
DROP TRIGGER documents_deleted_count ON documents;
DROP TRIGGER documents_inserted_count ON documents;
DROP FUNCTION count_documents();
DROP FUNCTION count_deleted();
DROP FUNCTION count_inserted();
DROP TABLE row_totals;
DROP INDEX quotes_speaker_organisation_idx;
DROP INDEX quotes_speaker_name_idx;
DROP INDEX paragraphs_updated_at_idx;
DROP INDEX documents_updated_at_idx;
DROP INDEX quotes_updated_order_idx;
DROP INDEX quotes_order_idx;
DROP INDEX recommendations_updated_order_idx;
DROP INDEX recommendations_order_idx;
DROP INDEX documents_issued_order_idx;
CREATE INDEX advances_updated_at_idx ON advances (updated_at);
DROP INDEX advances_updated_order_idx;
CREATE INDEX advances_event_on_idx ON advances (event_on);
DROP INDEX advances_date_order_idx;
DROP INDEX advances_paragraph_order_idx;
DROP TRIGGER advance_paragraphs_updated_new ON advance_paragraphs;
DROP TRIGGER advance_paragraphs_updated_old ON advance_paragraphs;
DROP TRIGGER advance_paragraphs_deleted ON advance_paragraphs;
DROP TRIGGER advance_paragraphs_inserted ON advance_paragraphs;
DROP FUNCTION advances_first_paragraph();
ALTER TABLE advances DROP COLUMN first_paragraph;
