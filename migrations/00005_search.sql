-- +goose Up
-- Full-text search. Every searchable text keeps a tsvector beside it, built in the text's own
-- language, without accents and case, so that "represailles" finds "représailles". Columns
-- whose language is on their own row are generated; those whose language is their document's
-- are kept by triggers. Either way every write path keeps them current.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The text search configurations: each language's stemmer after unaccent; text in any other
-- language (Arabic among them) is matched word by word.
CREATE TEXT SEARCH CONFIGURATION hrd_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hrd_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION hrd_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION hrd_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION hrd_es (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION hrd_es
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION hrd_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION hrd_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- The configuration for text in the language with the given code.
CREATE FUNCTION search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE lang
    WHEN 'en' THEN 'hrd_en'::regconfig
    WHEN 'fr' THEN 'hrd_fr'::regconfig
    WHEN 'es' THEN 'hrd_es'::regconfig
    ELSE 'hrd_simple'::regconfig
END;

-- A searchable text: its heading (weight A) and body (weight B) in language lang.
CREATE FUNCTION search_vector(lang text, heading text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector(search_config(lang), coalesce(heading, '')), 'A')
    || setweight(to_tsvector(search_config(lang), coalesce(body, '')), 'B');

ALTER TABLE document_translations ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, title, '')) STORED;
ALTER TABLE advance_translations ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, title, summary)) STORED;
ALTER TABLE recommendation_translations ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, title, text)) STORED;
ALTER TABLE quotes ADD COLUMN search tsvector NOT NULL
    GENERATED ALWAYS AS (search_vector(lang, speaker_name, text)) STORED;

-- Paragraphs, advances and recommendations are in their document's language. Documents keep
-- theirs by trigger too: a generated column or a default would rewrite the table, which the
-- row type that doc_ref takes forbids; the column is added empty and filled below.
ALTER TABLE documents ADD COLUMN search tsvector;
ALTER TABLE paragraphs ADD COLUMN search tsvector NOT NULL DEFAULT '';
ALTER TABLE advances ADD COLUMN search tsvector NOT NULL DEFAULT '';
ALTER TABLE recommendations ADD COLUMN search tsvector NOT NULL DEFAULT '';

-- +goose StatementBegin
CREATE FUNCTION documents_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector(NEW.lang, NEW.title, coalesce(NEW.symbol, ''));
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION paragraphs_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.topic, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION advances_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.title, NEW.summary);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION recommendations_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := search_vector((SELECT lang FROM documents WHERE id = NEW.document_id), NEW.title, NEW.text);
    RETURN NEW;
END $$;
-- +goose StatementEnd
-- A document that changes language re-indexes what is written in it: touching a column the
-- triggers above watch makes them run again.
-- +goose StatementBegin
CREATE FUNCTION documents_lang_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE paragraphs SET text = text WHERE document_id = NEW.id;
    UPDATE advances SET title = title WHERE document_id = NEW.id;
    UPDATE recommendations SET title = title WHERE document_id = NEW.id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER documents_search BEFORE INSERT OR UPDATE OF lang, title, symbol, search
    ON documents FOR EACH ROW EXECUTE FUNCTION documents_search();
CREATE TRIGGER paragraphs_search BEFORE INSERT OR UPDATE OF document_id, topic, text, search
    ON paragraphs FOR EACH ROW EXECUTE FUNCTION paragraphs_search();
CREATE TRIGGER advances_search BEFORE INSERT OR UPDATE OF document_id, title, summary, search
    ON advances FOR EACH ROW EXECUTE FUNCTION advances_search();
CREATE TRIGGER recommendations_search BEFORE INSERT OR UPDATE OF document_id, title, text, search
    ON recommendations FOR EACH ROW EXECUTE FUNCTION recommendations_search();
CREATE TRIGGER documents_lang_search AFTER UPDATE OF lang ON documents
    FOR EACH ROW WHEN (OLD.lang IS DISTINCT FROM NEW.lang) EXECUTE FUNCTION documents_lang_search();

-- Rows already there.
UPDATE documents SET title = title;
ALTER TABLE documents ALTER COLUMN search SET NOT NULL;
UPDATE paragraphs SET text = text;
UPDATE advances SET title = title;
UPDATE recommendations SET title = title;

CREATE INDEX documents_search_idx ON documents USING gin (search);
CREATE INDEX document_translations_search_idx ON document_translations USING gin (search);
CREATE INDEX paragraphs_search_idx ON paragraphs USING gin (search);
CREATE INDEX advances_search_idx ON advances USING gin (search);
CREATE INDEX advance_translations_search_idx ON advance_translations USING gin (search);
CREATE INDEX recommendations_search_idx ON recommendations USING gin (search);
CREATE INDEX recommendation_translations_search_idx ON recommendation_translations USING gin (search);
CREATE INDEX quotes_search_idx ON quotes USING gin (search);

-- +goose Down
DROP TRIGGER documents_lang_search ON documents;
DROP TRIGGER recommendations_search ON recommendations;
DROP TRIGGER advances_search ON advances;
DROP TRIGGER paragraphs_search ON paragraphs;
DROP TRIGGER documents_search ON documents;
DROP FUNCTION documents_lang_search();
DROP FUNCTION recommendations_search();
DROP FUNCTION advances_search();
DROP FUNCTION paragraphs_search();
DROP FUNCTION documents_search();
ALTER TABLE recommendations DROP COLUMN search;
ALTER TABLE advances DROP COLUMN search;
ALTER TABLE paragraphs DROP COLUMN search;
ALTER TABLE quotes DROP COLUMN search;
ALTER TABLE recommendation_translations DROP COLUMN search;
ALTER TABLE advance_translations DROP COLUMN search;
ALTER TABLE document_translations DROP COLUMN search;
ALTER TABLE documents DROP COLUMN search;
DROP FUNCTION search_vector(text, text, text);
DROP FUNCTION search_config(text);
DROP TEXT SEARCH CONFIGURATION hrd_simple;
DROP TEXT SEARCH CONFIGURATION hrd_es;
DROP TEXT SEARCH CONFIGURATION hrd_fr;
DROP TEXT SEARCH CONFIGURATION hrd_en;
DROP EXTENSION IF EXISTS unaccent;
