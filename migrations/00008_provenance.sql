-- +goose Up
-- Why each unconfirmed thing is unconfirmed: what the source says and what we inferred. A
-- reason goes with an unconfirmed value and only with one. The checks that want a reason are
-- NOT VALID so that rows loaded before this migration stand until their file is imported
-- again; new and updated rows must meet them. doc_ref uses the documents' row type, so it is
-- dropped while the table changes, and made again as it was.
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents
    ADD COLUMN title_why text NOT NULL DEFAULT '',
    ADD COLUMN issued_why text NOT NULL DEFAULT '',
    ADD CONSTRAINT documents_title_why_check CHECK (NOT title_confirmed OR title_why = ''),
    ADD CONSTRAINT documents_issued_why_check CHECK (NOT issued_confirmed OR issued_why = '');
ALTER TABLE documents
    ADD CONSTRAINT documents_title_why_needed CHECK (title_confirmed OR title_why <> '') NOT VALID,
    ADD CONSTRAINT documents_issued_why_needed CHECK (issued_on IS NULL OR issued_confirmed OR issued_why <> '') NOT VALID;
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);

ALTER TABLE document_translations
    ADD COLUMN title_why text NOT NULL DEFAULT '',
    ADD COLUMN issued_why text NOT NULL DEFAULT '';

-- An advance's event_why says why its date is unconfirmed or, with no date, why it has none.
ALTER TABLE advances
    ADD COLUMN event_why text NOT NULL DEFAULT '',
    ADD CONSTRAINT advances_event_why_check CHECK (NOT event_confirmed OR event_on IS NULL OR event_why = '');
ALTER TABLE advances
    ADD CONSTRAINT advances_event_why_needed CHECK (event_on IS NULL OR event_confirmed OR event_why <> '') NOT VALID;
ALTER TABLE advance_translations ADD COLUMN event_why text NOT NULL DEFAULT '';

ALTER TABLE advance_bodies
    ADD COLUMN why text NOT NULL DEFAULT '',
    ADD CONSTRAINT advance_bodies_why_check CHECK (NOT confirmed OR why = '');
ALTER TABLE advance_bodies
    ADD CONSTRAINT advance_bodies_why_needed CHECK (confirmed OR why <> '') NOT VALID;

ALTER TABLE advance_facts
    ADD COLUMN why text NOT NULL DEFAULT '',
    ADD CONSTRAINT advance_facts_why_check CHECK (NOT confirmed OR why = '');
ALTER TABLE advance_facts
    ADD CONSTRAINT advance_facts_why_needed CHECK (confirmed OR why <> '') NOT VALID;

-- Where a quote's words were said or written: the document itself (the report's own words) or
-- the source that reports them (words said to a news item). Until a file says, its source.
ALTER TABLE quotes ADD COLUMN said_in_id bigint REFERENCES documents (id);
UPDATE quotes SET said_in_id = source_id;
ALTER TABLE quotes ALTER COLUMN said_in_id SET NOT NULL;
CREATE INDEX quotes_said_in_id_idx ON quotes (said_in_id);

-- +goose Down
DROP INDEX quotes_said_in_id_idx;
ALTER TABLE quotes DROP COLUMN said_in_id;
ALTER TABLE advance_facts DROP COLUMN why;
ALTER TABLE advance_bodies DROP COLUMN why;
ALTER TABLE advance_translations DROP COLUMN event_why;
ALTER TABLE advances DROP COLUMN event_why;
ALTER TABLE document_translations DROP COLUMN issued_why, DROP COLUMN title_why;
DROP FUNCTION doc_ref(documents);
ALTER TABLE documents DROP COLUMN issued_why, DROP COLUMN title_why;
CREATE FUNCTION doc_ref(d documents) RETURNS json
LANGUAGE sql STABLE PARALLEL SAFE
RETURN json_build_object(
    'slug', d.slug, 'symbol', coalesce(d.symbol, ''), 'title', d.title, 'title_lang', d.lang,
    'url', d.url);
