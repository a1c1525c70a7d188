-- +goose Up
-- Bodies' names, paragraphs' topics and facts in other languages, each as one JSON object
-- keyed by language code: {"fr": {"name": ..., "short_name": ...}} for a body, {"fr":
-- {"topic": ...}} for a paragraph, {"fr": {"text": ...}} for a fact. They are read and
-- written whole, with their record, so a column serves better than a table per kind.
ALTER TABLE bodies ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(translations) = 'object');
ALTER TABLE paragraphs ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(translations) = 'object');
ALTER TABLE advance_facts ADD COLUMN translations jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(translations) = 'object');

-- tr_text is field of translations in lang, or original where there is none.
CREATE FUNCTION tr_text(translations jsonb, lang text, field text, original text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(nullif(translations -> lang ->> field, ''), original);

-- tr_lang is lang where translations has it, else original_lang: the language tr_text gave.
CREATE FUNCTION tr_lang(translations jsonb, lang text, original_lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN translations ? lang THEN lang ELSE original_lang END;

-- tr_short is a body's short name in lang: a translation without one means the body has
-- none in that language (its name serves), never the original's.
CREATE FUNCTION tr_short(translations jsonb, lang text, original text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN translations ? lang THEN coalesce(translations -> lang ->> 'short_name', '') ELSE original END;

-- doc_ref with a language gives a document's title in lang where translated, with that title's language.
CREATE FUNCTION doc_ref(d documents, lang text) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (
    SELECT json_build_object(
        'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', coalesce(t.title, d.title),
        'title_lang', coalesce(t.lang, d.lang), 'url', d.url)
    FROM (SELECT 1) one
    LEFT JOIN document_translations t ON t.document_id = d.id AND t.lang = doc_ref.lang);

-- +goose Down
DROP FUNCTION doc_ref(documents, text);
DROP FUNCTION tr_short(jsonb, text, text);
DROP FUNCTION tr_lang(jsonb, text, text);
DROP FUNCTION tr_text(jsonb, text, text, text);
ALTER TABLE advance_facts DROP COLUMN translations;
ALTER TABLE paragraphs DROP COLUMN translations;
ALTER TABLE bodies DROP COLUMN translations;
