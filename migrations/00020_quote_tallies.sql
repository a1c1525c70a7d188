-- +goose Up
-- The quotes counted by document, speaker and organisation, kept by the writes as the advances
-- are (advance_tallies, 00012 and 00018): the quotes page's speaker and organisation lists read
-- these rows instead of grouping every quote (over half a million at a million paragraphs, for
-- some two hundred speakers). A quote counts when it and its document are published. The
-- organisation is '' for a speaker who speaks for none. No foreign keys: a deleted document's
-- rows go when its quotes do, by the triggers below.
CREATE TABLE quote_tallies (
    document_id          bigint NOT NULL,
    speaker_name         text NOT NULL,
    speaker_organisation text NOT NULL,
    quotes               integer NOT NULL CHECK (quotes > 0),
    PRIMARY KEY (document_id, speaker_name, speaker_organisation)
);

-- The same, summed over documents: the lists of a quotes page with no document chosen.
CREATE TABLE quote_totals (
    speaker_name         text NOT NULL,
    speaker_organisation text NOT NULL,
    quotes               integer NOT NULL CHECK (quotes >= 0), -- 0 only within tally_quotes
    PRIMARY KEY (speaker_name, speaker_organisation)
);
CREATE INDEX quote_totals_organisation_idx ON quote_totals (speaker_organisation);

-- tally_quotes counts again the quotes of the given documents, in both tables. A document has
-- a few dozen quotes, so a write pays for its own documents only.
-- +goose StatementBegin
CREATE FUNCTION tally_quotes(docs bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH old AS (
        DELETE FROM quote_tallies WHERE document_id = ANY(docs)
        RETURNING speaker_name, speaker_organisation, quotes
    )
    UPDATE quote_totals t
    SET quotes = t.quotes - o.quotes
    FROM (SELECT speaker_name, speaker_organisation, sum(quotes) AS quotes
          FROM old GROUP BY speaker_name, speaker_organisation) o
    WHERE t.speaker_name = o.speaker_name AND t.speaker_organisation = o.speaker_organisation;
    DELETE FROM quote_totals WHERE quotes = 0;

    WITH counted AS (
        INSERT INTO quote_tallies (document_id, speaker_name, speaker_organisation, quotes)
        SELECT q.document_id, q.speaker_name, q.speaker_organisation, count(*)
        FROM quotes q
        WHERE q.document_id = ANY(docs) AND q.published
          AND EXISTS (SELECT 1 FROM documents d WHERE d.id = q.document_id AND d.published)
        GROUP BY 1, 2, 3
        RETURNING speaker_name, speaker_organisation, quotes
    )
    INSERT INTO quote_totals (speaker_name, speaker_organisation, quotes)
    SELECT speaker_name, speaker_organisation, sum(quotes) FROM counted
    GROUP BY speaker_name, speaker_organisation
    ON CONFLICT (speaker_name, speaker_organisation) DO UPDATE
    SET quotes = quote_totals.quotes + excluded.quotes;
END $$;
-- +goose StatementEnd

-- An import writes a document's quotes in many statements. Each only notes its documents
-- here; they are counted once, when the transaction commits (a deferred trigger).
CREATE TABLE quote_tallies_due (document_id bigint PRIMARY KEY);

-- +goose StatementBegin
CREATE FUNCTION quote_tally_due() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    docs bigint[];
BEGIN
    WITH due AS (DELETE FROM quote_tallies_due RETURNING document_id)
    SELECT array_agg(document_id) INTO docs FROM due;
    -- The first of the transaction's notes counts them all; the others find nothing due.
    IF docs IS NOT NULL THEN
        PERFORM tally_quotes(docs);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER quote_tallies_due_flush AFTER INSERT ON quote_tallies_due
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION quote_tally_due();

-- +goose StatementBegin
CREATE FUNCTION quotes_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO quote_tallies_due (document_id)
    SELECT DISTINCT document_id FROM changed
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION documents_published_quotes_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO quote_tallies_due (document_id)
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.published IS DISTINCT FROM o.published
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER quotes_inserted_tally AFTER INSERT ON quotes
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quotes_due();
CREATE TRIGGER quotes_deleted_tally AFTER DELETE ON quotes
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quotes_due();
CREATE TRIGGER quotes_updated_old_tally AFTER UPDATE ON quotes
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quotes_due();
CREATE TRIGGER quotes_updated_new_tally AFTER UPDATE ON quotes
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION quotes_due();
CREATE TRIGGER documents_published_quote_tally AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_published_quotes_due();

SELECT tally_quotes(array(SELECT id FROM documents));

-- +goose Down
DROP TRIGGER documents_published_quote_tally ON documents;
DROP TRIGGER quotes_updated_new_tally ON quotes;
DROP TRIGGER quotes_updated_old_tally ON quotes;
DROP TRIGGER quotes_deleted_tally ON quotes;
DROP TRIGGER quotes_inserted_tally ON quotes;
DROP FUNCTION documents_published_quotes_due();
DROP FUNCTION quotes_due();
DROP TRIGGER quote_tallies_due_flush ON quote_tallies_due;
DROP FUNCTION quote_tally_due();
DROP TABLE quote_tallies_due;
DROP FUNCTION tally_quotes(bigint[]);
DROP TABLE quote_totals;
DROP TABLE quote_tallies;
