-- +goose Up
-- The counts the writes keep (00012) count what the public sees: drafts (00014) are left out.
-- An advance is counted by the tallies when it and its document are published; publishing or
-- withdrawing a document counts its advances again, as a change to an advance already does.
-- The front page's totals (row_totals) count every row, and the reads take away the drafts,
-- which are few and found through the partial indexes below.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION tally_advances(docs bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
        WHERE a.document_id = ANY(docs) AND a.published
          AND EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id AND d.published)
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

-- +goose StatementBegin
CREATE FUNCTION documents_published_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO advance_tallies_due (document_id)
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.published IS DISTINCT FROM o.published
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER documents_published_tally AFTER UPDATE ON documents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_published_due();

CREATE INDEX documents_drafts_idx ON documents (id) WHERE NOT published;
CREATE INDEX advances_drafts_idx ON advances (document_id) WHERE NOT published;
CREATE INDEX recommendations_drafts_idx ON recommendations (document_id) WHERE NOT published;
CREATE INDEX quotes_drafts_idx ON quotes (document_id) WHERE NOT published;

SELECT tally_advances(array(
    SELECT id FROM documents WHERE NOT published
    UNION SELECT document_id FROM advances WHERE NOT published));

-- +goose Down
DROP INDEX quotes_drafts_idx;
DROP INDEX recommendations_drafts_idx;
DROP INDEX advances_drafts_idx;
DROP INDEX documents_drafts_idx;
DROP TRIGGER documents_published_tally ON documents;
DROP FUNCTION documents_published_due();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION tally_advances(docs bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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

SELECT tally_advances(array(
    SELECT id FROM documents WHERE NOT published
    UNION SELECT document_id FROM advances WHERE NOT published));
