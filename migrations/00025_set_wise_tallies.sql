-- +goose Up
-- tally_advances (00012, 00018) counted each advance's bodies in a subquery run once per
-- advance, which scanned the whole body tree each time: tallying a bulk load's hundred
-- thousand advances took seconds, a million's over a minute. It now joins the advances,
-- their bodies and the tree once, as sets, and counts the same rows.
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

    WITH counted_advances AS MATERIALIZED (
        SELECT a.id, a.document_id, coalesce(extract(year FROM a.event_on)::int, 0) AS year,
               a.event_on IS NOT NULL AND NOT a.event_confirmed AS unconfirmed
        FROM advances a
        WHERE a.document_id = ANY(docs) AND a.published
          AND EXISTS (SELECT 1 FROM documents d WHERE d.id = a.document_id AND d.published)
    ),
    -- Each advance once for every advance (body 0), and once for each body at or above its
    -- own, however many of its bodies sit under it.
    marks AS (
        SELECT id, document_id, year, unconfirmed, 0::bigint AS body_id FROM counted_advances
        UNION
        SELECT c.id, c.document_id, c.year, c.unconfirmed, t.ancestor_id
        FROM counted_advances c
        JOIN advance_bodies ab ON ab.advance_id = c.id
        JOIN body_tree t ON t.body_id = ab.body_id
    ),
    counted AS (
        INSERT INTO advance_tallies (document_id, body_id, year, advances, unconfirmed)
        SELECT document_id, body_id, year, count(*), count(*) FILTER (WHERE unconfirmed)
        FROM marks
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

-- +goose Down
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
