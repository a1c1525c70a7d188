-- +goose Up
-- Each author's documents in the order of the documents' lists, newest first: a list by body
-- reads a page from each body's own, where walking every document in order to find a body's
-- read most of them for a body whose documents are old (ISHR's news items: 10,000 rows read
-- for a page of 50 at a million paragraphs, 13 ms). It serves the foreign key's look-ups as
-- the index it replaces did.
CREATE INDEX documents_author_order_idx ON documents (author_id, coalesce(issued_on, '-infinity'::date) DESC, slug);
DROP INDEX documents_author_id_idx;

-- +goose Down
CREATE INDEX documents_author_id_idx ON documents (author_id);
DROP INDEX documents_author_order_idx;
