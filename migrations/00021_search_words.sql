-- +goose Up
-- How many rows each of the most common words of a searched table matches, as PostgreSQL's
-- statistics estimate them (pg_stats.most_common_elems of the table's search column, from the
-- random sample ANALYZE reads). A search looks up its words here to choose, for each table,
-- between the full-text index and a walk through the table's first rows (store.searchMatches):
-- the index collects every match of a word before it returns one, which for a word in most
-- rows of a large table costs far more than the page. pg_stats itself holds the same figures,
-- but reading them costs a search several milliseconds: its arrays are stored compressed.
--
-- refresh_search_words() fills the table anew from the latest statistics; the server calls it
-- as it starts and every few minutes after, and a bulk load as it ends. A word the table does not hold counts as rare, and
-- is looked for in the index, which finds every match, only more slowly for a frequent word:
-- stale or missing figures make a search slower, never wrong.
CREATE TABLE search_words (
    tbl     text NOT NULL,             -- the table whose search column holds the word
    word    text NOT NULL,             -- a lexeme, as the column holds it
    matches real NOT NULL CHECK (matches >= 0), -- the rows it matches, estimated
    PRIMARY KEY (tbl, word)
);

-- +goose StatementBegin
CREATE FUNCTION refresh_search_words() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- One refresh at a time: every server refreshes on its own clock, and two at once would
    -- each delete the old words and insert the same new ones. Searches still read meanwhile.
    -- (plpgsql, not sql: a sql function would lock the table for its DELETE as it is parsed,
    -- before this statement runs, and two refreshes would then deadlock.)
    LOCK TABLE search_words IN SHARE ROW EXCLUSIVE MODE;
    DELETE FROM search_words;
    INSERT INTO search_words (tbl, word, matches)
    SELECT s.tablename, w.word, max(w.share * c.reltuples)
    FROM pg_stats s
    JOIN pg_class c ON c.relname = s.tablename AND c.relnamespace = to_regnamespace(s.schemaname)
    CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS w (word, share)
    WHERE s.schemaname = current_schema() AND s.attname = 'search' AND c.reltuples > 0
      AND w.word IS NOT NULL -- the frequencies end with three figures of their own, unpaired
    GROUP BY s.tablename, w.word;
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION refresh_search_words();
DROP TABLE search_words;
