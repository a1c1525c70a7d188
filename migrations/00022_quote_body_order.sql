-- +goose Up
-- The quotes of each body's speakers by document and place in it, the order in which a body's
-- page and the quotes' twins filtered by body list them (store.SortAdded): walking the
-- documents in order, a page reads each document's quotes of the bodies from here, where
-- walking every quote in document slug order read most quotes to find a body's few. It serves
-- the foreign key's look-ups as the index it replaces did.
CREATE INDEX quotes_speaker_body_order_idx ON quotes (speaker_body_id, document_id, position, id);
DROP INDEX quotes_speaker_body_id_idx;

-- +goose Down
CREATE INDEX quotes_speaker_body_id_idx ON quotes (speaker_body_id);
DROP INDEX quotes_speaker_body_order_idx;
