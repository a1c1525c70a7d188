-- +goose Up
-- Search vectors that a writer may supply. A generated column refuses any value but its
-- own, so a bulk load had to compute every vector in its one loading connection, row by row:
-- the translations' and quotes' vectors now come from BEFORE triggers, as those of paragraphs,
-- advances and recommendations do, and the bulk loader (store.BulkImport), which computes
-- vectors ahead of time on other connections, turns these triggers off in its transaction.
-- Every other write still gets its vector from the trigger, as before from the generation.
ALTER TABLE advance_translations ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE recommendation_translations ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE quotes ALTER COLUMN search DROP EXPRESSION;

-- +goose StatementBegin
CREATE FUNCTION advance_translations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector(NEW.lang, NEW.title, NEW.summary);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION recommendation_translations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector(NEW.lang, NEW.title, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION quotes_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector(NEW.lang, NEW.speaker_name, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd

CREATE TRIGGER advance_translations_search BEFORE INSERT OR UPDATE OF lang, title, summary, search
    ON advance_translations FOR EACH ROW EXECUTE FUNCTION advance_translations_search();
CREATE TRIGGER recommendation_translations_search BEFORE INSERT OR UPDATE OF lang, title, text, search
    ON recommendation_translations FOR EACH ROW EXECUTE FUNCTION recommendation_translations_search();
CREATE TRIGGER quotes_search BEFORE INSERT OR UPDATE OF lang, speaker_name, text, search
    ON quotes FOR EACH ROW EXECUTE FUNCTION quotes_search();

-- The triggers of 00005 called search_vector with a subquery for an argument, which keeps
-- PostgreSQL from inlining it: each row then planned and ran the function's query afresh,
-- which cost as much as the vector itself. The document's language is now read first, and
-- the vector made by a plain expression, planned once per session.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION paragraphs_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc_lang text := (SELECT lang FROM documents WHERE id = NEW.document_id);
BEGIN
    NEW.search := search_vector(doc_lang, NEW.topic, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION advances_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc_lang text := (SELECT lang FROM documents WHERE id = NEW.document_id);
BEGIN
    NEW.search := search_vector(doc_lang, NEW.title, NEW.summary);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION recommendations_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    doc_lang text := (SELECT lang FROM documents WHERE id = NEW.document_id);
BEGIN
    NEW.search := search_vector(doc_lang, NEW.title, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- A paragraph's row, its text beside its vector, is 1 to 3 kB: past 2 kB PostgreSQL tried to
-- compress it and moved what it could not shrink out of line, which cost writes most of their
-- time and reads a lookup, for no space saved (the vector hardly compresses). Rows are now
-- kept whole up to a page.
ALTER TABLE paragraphs SET (toast_tuple_target = 8160);

-- +goose Down
ALTER TABLE paragraphs RESET (toast_tuple_target);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION paragraphs_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.topic, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION advances_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.title, NEW.summary);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION recommendations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.title, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd

DROP TRIGGER quotes_search ON quotes;
DROP TRIGGER recommendation_translations_search ON recommendation_translations;
DROP TRIGGER advance_translations_search ON advance_translations;
DROP FUNCTION quotes_search();
DROP FUNCTION recommendation_translations_search();
DROP FUNCTION advance_translations_search();

-- A column becomes generated again only by being made anew, with its index.
ALTER TABLE quotes DROP COLUMN search;
ALTER TABLE quotes ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, speaker_name, text)) STORED;
CREATE INDEX quotes_search_idx ON quotes USING gin (search);
ALTER TABLE recommendation_translations DROP COLUMN search;
ALTER TABLE recommendation_translations ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, title, text)) STORED;
CREATE INDEX recommendation_translations_search_idx ON recommendation_translations USING gin (search);
ALTER TABLE advance_translations DROP COLUMN search;
ALTER TABLE advance_translations ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, title, summary)) STORED;
CREATE INDEX advance_translations_search_idx ON advance_translations USING gin (search);
