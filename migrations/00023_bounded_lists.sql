-- +goose Up
-- Each body's advances by id, the order in which a body's page shows its latest
-- (store.SortLatest): a page reads its few rows from each body under the one shown, where
-- walking the advances in the list's order read thousands to find a rare body's first. It
-- serves the foreign key's look-ups as the index it replaces did.
CREATE INDEX advance_bodies_body_order_idx ON advance_bodies (body_id, advance_id);
DROP INDEX advance_bodies_body_id_idx;

-- The sources' list and the documents' list, newest first, each in an index of its own: the
-- sources, mostly undated, came last in the order of all documents, and their first page
-- read every UN document to reach them (69 ms at a million paragraphs).
CREATE INDEX documents_sources_order_idx ON documents (coalesce(issued_on, '-infinity'::date) DESC, slug)
    WHERE kind = 'news';
CREATE INDEX documents_un_order_idx ON documents (coalesce(issued_on, '-infinity'::date) DESC, slug)
    WHERE kind <> 'news';

-- +goose Down
DROP INDEX documents_un_order_idx;
DROP INDEX documents_sources_order_idx;
CREATE INDEX advance_bodies_body_id_idx ON advance_bodies (body_id);
DROP INDEX advance_bodies_body_order_idx;
