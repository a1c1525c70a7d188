-- +goose Up
-- The sources' list counts, for each source, the published items that cite it (documentSupports
-- in internal/store). Read from the tables, the count visited the row of every such item, a
-- page of a large table for each: at a million paragraphs, 92 advances, 17 recommendations and
-- 50 quotes for each of the 50 sources of a page took 3.6 of the statement's 12.7 ms. With the
-- item's document and whether it is published in the index, the count reads the index alone,
-- once vacuum has marked the table's pages all visible.
DROP INDEX advances_source_id_idx;
CREATE INDEX advances_source_id_idx ON advances (source_id) INCLUDE (document_id, published);
DROP INDEX recommendations_source_id_idx;
CREATE INDEX recommendations_source_id_idx ON recommendations (source_id) INCLUDE (document_id, published);
DROP INDEX quotes_source_id_idx;
CREATE INDEX quotes_source_id_idx ON quotes (source_id) INCLUDE (document_id, published);

-- +goose Down
DROP INDEX advances_source_id_idx;
CREATE INDEX advances_source_id_idx ON advances (source_id);
DROP INDEX recommendations_source_id_idx;
CREATE INDEX recommendations_source_id_idx ON recommendations (source_id);
DROP INDEX quotes_source_id_idx;
CREATE INDEX quotes_source_id_idx ON quotes (source_id);
