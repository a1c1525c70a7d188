-- +goose Up
-- Drafts: an editor's document, advance, recommendation or quote may be held back from the
-- public until it is published. Paragraphs follow their document and bodies are always
-- public, so they have no state of their own. What is there already, and what the importer
-- writes, is published. doc_ref (00004, 00009) uses the documents' row type, so it is dropped
-- while the table changes, and made again as it was.
DROP FUNCTION doc_ref(documents, text);
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents ADD COLUMN published boolean NOT NULL DEFAULT true;
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);
CREATE FUNCTION doc_ref(d documents, lang text) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (
    SELECT json_build_object(
        'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', coalesce(t.title, d.title),
        'title_lang', coalesce(t.lang, d.lang), 'url', d.url)
    FROM (SELECT 1) one
    LEFT JOIN document_translations t ON t.document_id = d.id AND t.lang = doc_ref.lang);
ALTER TABLE advances ADD COLUMN published boolean NOT NULL DEFAULT true;
ALTER TABLE recommendations ADD COLUMN published boolean NOT NULL DEFAULT true;
ALTER TABLE quotes ADD COLUMN published boolean NOT NULL DEFAULT true;

-- The change history: every create, update and delete, by the importer or an editor, written
-- in the same transaction as the change itself. before and after hold the item as the data
-- twins show it: the whole item for a create (after) or a delete (before), and only the
-- fields that changed, as they were and as they became, for an update. A publish or
-- unpublish holds the whole item in after.
CREATE TABLE changes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_kind text NOT NULL CHECK (actor_kind IN ('import', 'editor')),
    -- The editor's user id. The users table comes with accounts (00013); the foreign key
    -- (REFERENCES users (id)) is added once both are merged.
    actor_id   bigint,
    item_type  text NOT NULL CHECK (item_type IN ('document', 'paragraph', 'advance',
                                                   'recommendation', 'quote', 'body')),
    -- The item's slug, or for a paragraph its document's slug and number: A-73-230/14. In
    -- the C collation, so that a document's paragraphs are one range of the index.
    item_key   text COLLATE "C" NOT NULL CHECK (item_key <> ''),
    action     text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'publish', 'unpublish')),
    before     jsonb CHECK (jsonb_typeof(before) = 'object'),
    after      jsonb CHECK (jsonb_typeof(after) = 'object'),
    -- Whether the public may see the change: the item is public after it (before it, for a
    -- delete). A draft's changes are for editors only.
    public     boolean NOT NULL,
    -- The language the item's data is written in, for pages to mark its values with.
    lang       text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
    CHECK ((actor_kind = 'editor') = (actor_id IS NOT NULL)),
    CHECK ((before IS NULL) = (action IN ('create', 'publish', 'unpublish'))),
    CHECK ((after IS NULL) = (action = 'delete'))
);
-- An item's History, newest first.
CREATE INDEX changes_item_idx ON changes (item_type, item_key, at DESC, id DESC);
-- Recent changes, newest first, public ones only; editors' activity reads every change.
CREATE INDEX changes_public_at_idx ON changes (at DESC, id DESC) WHERE public;
CREATE INDEX changes_at_idx ON changes (at DESC, id DESC);

-- +goose Down
DROP TABLE changes;
ALTER TABLE quotes DROP COLUMN published;
ALTER TABLE recommendations DROP COLUMN published;
ALTER TABLE advances DROP COLUMN published;
DROP FUNCTION doc_ref(documents, text);
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents DROP COLUMN published;
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);
CREATE FUNCTION doc_ref(d documents, lang text) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (
    SELECT json_build_object(
        'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', coalesce(t.title, d.title),
        'title_lang', coalesce(t.lang, d.lang), 'url', d.url)
    FROM (SELECT 1) one
    LEFT JOIN document_translations t ON t.document_id = d.id AND t.lang = doc_ref.lang);
