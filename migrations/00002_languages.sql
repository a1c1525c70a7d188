-- +goose Up
-- The language the data is written in. Titles and summaries may also have a version per
-- language; quotes never do, since they are exact words.
ALTER TABLE documents ADD COLUMN lang text NOT NULL DEFAULT 'en' CHECK (lang ~ '^[a-z]{2,3}$');
ALTER TABLE bodies ADD COLUMN lang text NOT NULL DEFAULT 'en' CHECK (lang ~ '^[a-z]{2,3}$');
ALTER TABLE quotes ADD COLUMN lang text NOT NULL DEFAULT 'en' CHECK (lang ~ '^[a-z]{2,3}$');

CREATE TABLE document_translations (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang        text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
    title       text NOT NULL CHECK (title <> ''),
    PRIMARY KEY (document_id, lang)
);

CREATE TABLE advance_translations (
    advance_id bigint NOT NULL REFERENCES advances (id) ON DELETE CASCADE,
    lang       text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
    title      text NOT NULL CHECK (title <> ''),
    summary    text NOT NULL DEFAULT '',
    PRIMARY KEY (advance_id, lang)
);

CREATE TABLE recommendation_translations (
    recommendation_id bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    lang              text NOT NULL CHECK (lang ~ '^[a-z]{2,3}$'),
    title             text NOT NULL CHECK (title <> ''),
    text              text NOT NULL CHECK (text <> ''),
    PRIMARY KEY (recommendation_id, lang)
);

-- +goose Down
DROP TABLE recommendation_translations;
DROP TABLE advance_translations;
DROP TABLE document_translations;
ALTER TABLE quotes DROP COLUMN lang;
ALTER TABLE bodies DROP COLUMN lang;
ALTER TABLE documents DROP COLUMN lang;
