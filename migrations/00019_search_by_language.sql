-- +goose Up
-- A search looks for translations in the reader's language only. Their full-text indexes held
-- every language's together, so a word common in other languages' translations (or spelled
-- alike in them) made the index return thousands of rows, each read from the table only to
-- be dropped for its language. With the language as the index's first column (btree_gin lets
-- a GIN index hold a plain text column), the index returns the reader's language's matches
-- only.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX document_translations_lang_search_idx ON document_translations USING gin (lang, search);
CREATE INDEX advance_translations_lang_search_idx ON advance_translations USING gin (lang, search);
CREATE INDEX recommendation_translations_lang_search_idx ON recommendation_translations USING gin (lang, search);
DROP INDEX document_translations_search_idx;
DROP INDEX advance_translations_search_idx;
DROP INDEX recommendation_translations_search_idx;

-- +goose Down
CREATE INDEX document_translations_search_idx ON document_translations USING gin (search);
CREATE INDEX advance_translations_search_idx ON advance_translations USING gin (search);
CREATE INDEX recommendation_translations_search_idx ON recommendation_translations USING gin (search);
DROP INDEX recommendation_translations_lang_search_idx;
DROP INDEX advance_translations_lang_search_idx;
DROP INDEX document_translations_lang_search_idx;
DROP EXTENSION IF EXISTS btree_gin;
