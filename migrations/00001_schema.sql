-- +goose Up
-- Dates of events are often known only to the year or month, so every date carries its precision.
CREATE TYPE date_precision AS ENUM ('year', 'month', 'day');

CREATE TABLE bodies (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    kind       text NOT NULL CHECK (kind IN ('treaty-body', 'special-procedure', 'charter-body',
                                             'secretariat', 'state', 'civil-society')),
    name       text NOT NULL CHECK (name <> ''),
    short_name text NOT NULL DEFAULT '',
    parent_id  bigint REFERENCES bodies (id),
    CHECK (parent_id <> id)
);
CREATE INDEX bodies_parent_id_idx ON bodies (parent_id);

-- body_tree pairs every body with itself and each of its descendants, so that a filter on a
-- parent body ("treaty bodies") includes its children at any depth.
CREATE VIEW body_tree (ancestor_id, body_id) AS
WITH RECURSIVE tree (ancestor_id, body_id) AS (
    SELECT id, id FROM bodies
    UNION
    SELECT tree.ancestor_id, bodies.id
    FROM tree
    JOIN bodies ON bodies.parent_id = tree.body_id
)
SELECT ancestor_id, body_id FROM tree;

CREATE TABLE documents (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug              text NOT NULL UNIQUE CHECK (slug ~ '^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$'),
    symbol            text UNIQUE CHECK (symbol <> ''),
    title             text NOT NULL CHECK (title <> ''),
    title_confirmed   boolean NOT NULL DEFAULT true,
    kind              text NOT NULL CHECK (kind IN ('report', 'resolution', 'statement',
                                                    'general-comment', 'news')),
    author_id         bigint REFERENCES bodies (id),
    issued_on         date,
    issued_precision  date_precision,
    issued_confirmed  boolean NOT NULL DEFAULT true,
    url               text NOT NULL DEFAULT '' CHECK (url = '' OR url ~ '^https?://'),
    about_url         text NOT NULL DEFAULT '' CHECK (about_url = '' OR about_url ~ '^https?://'),
    CHECK ((issued_on IS NULL) = (issued_precision IS NULL))
);
CREATE INDEX documents_author_id_idx ON documents (author_id);

CREATE TABLE paragraphs (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    number      integer NOT NULL CHECK (number > 0),
    topic       text NOT NULL DEFAULT '',
    text        text NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, number)
);

-- Items belong to the document that records them (document_id) and name the source we took
-- them from (source_id): for A/73/230 that source is a news item, not the report itself.
CREATE TABLE advances (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    document_id         bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position            integer NOT NULL CHECK (position > 0),
    title               text NOT NULL CHECK (title <> ''),
    summary             text NOT NULL DEFAULT '',
    event_on            date,
    event_precision     date_precision,
    event_confirmed     boolean NOT NULL DEFAULT true,
    source_id           bigint NOT NULL REFERENCES documents (id),
    UNIQUE (id, document_id),
    CHECK ((event_on IS NULL) = (event_precision IS NULL))
);
CREATE INDEX advances_document_id_idx ON advances (document_id);
CREATE INDEX advances_source_id_idx ON advances (source_id);
CREATE INDEX advances_event_on_idx ON advances (event_on);

-- The composite keys make the database refuse a citation of another document's paragraph.
CREATE TABLE advance_paragraphs (
    advance_id  bigint NOT NULL,
    document_id bigint NOT NULL,
    number      integer NOT NULL,
    PRIMARY KEY (advance_id, number),
    FOREIGN KEY (advance_id, document_id) REFERENCES advances (id, document_id) ON DELETE CASCADE,
    FOREIGN KEY (document_id, number) REFERENCES paragraphs (document_id, number) ON DELETE CASCADE
);
CREATE INDEX advance_paragraphs_paragraph_idx ON advance_paragraphs (document_id, number);

CREATE TABLE advance_bodies (
    advance_id bigint NOT NULL REFERENCES advances (id) ON DELETE CASCADE,
    body_id    bigint NOT NULL REFERENCES bodies (id),
    confirmed  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (advance_id, body_id)
);
CREATE INDEX advance_bodies_body_id_idx ON advance_bodies (body_id);

-- Facts beyond what the source says, each with its own status and where it was found.
CREATE TABLE advance_facts (
    advance_id bigint NOT NULL REFERENCES advances (id) ON DELETE CASCADE,
    position   integer NOT NULL CHECK (position > 0),
    text       text NOT NULL CHECK (text <> ''),
    confirmed  boolean NOT NULL,
    source_url text NOT NULL DEFAULT '' CHECK (source_url = '' OR source_url ~ '^https?://'),
    PRIMARY KEY (advance_id, position)
);

CREATE TABLE recommendations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position > 0),
    title       text NOT NULL CHECK (title <> ''),
    text        text NOT NULL CHECK (text <> ''),
    source_id   bigint NOT NULL REFERENCES documents (id),
    UNIQUE (id, document_id)
);
CREATE INDEX recommendations_document_id_idx ON recommendations (document_id);
CREATE INDEX recommendations_source_id_idx ON recommendations (source_id);

CREATE TABLE recommendation_paragraphs (
    recommendation_id bigint NOT NULL,
    document_id       bigint NOT NULL,
    number            integer NOT NULL,
    PRIMARY KEY (recommendation_id, number),
    FOREIGN KEY (recommendation_id, document_id)
        REFERENCES recommendations (id, document_id) ON DELETE CASCADE,
    FOREIGN KEY (document_id, number) REFERENCES paragraphs (document_id, number) ON DELETE CASCADE
);
CREATE INDEX recommendation_paragraphs_paragraph_idx ON recommendation_paragraphs (document_id, number);

CREATE TABLE recommendation_addressees (
    recommendation_id bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    body_id           bigint NOT NULL REFERENCES bodies (id),
    PRIMARY KEY (recommendation_id, body_id)
);
CREATE INDEX recommendation_addressees_body_id_idx ON recommendation_addressees (body_id);

CREATE TABLE quotes (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug                 text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    document_id          bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position             integer NOT NULL CHECK (position > 0),
    paragraph_number     integer,
    text                 text NOT NULL CHECK (text <> ''),
    context              text NOT NULL DEFAULT '',
    speaker_name         text NOT NULL CHECK (speaker_name <> ''),
    speaker_role         text NOT NULL DEFAULT '',
    speaker_organisation text NOT NULL DEFAULT '',
    source_id            bigint NOT NULL REFERENCES documents (id),
    FOREIGN KEY (document_id, paragraph_number) REFERENCES paragraphs (document_id, number)
);
CREATE INDEX quotes_paragraph_idx ON quotes (document_id, paragraph_number);
CREATE INDEX quotes_source_id_idx ON quotes (source_id);

-- +goose Down
DROP TABLE quotes;
DROP TABLE recommendation_addressees;
DROP TABLE recommendation_paragraphs;
DROP TABLE recommendations;
DROP TABLE advance_facts;
DROP TABLE advance_bodies;
DROP TABLE advance_paragraphs;
DROP TABLE advances;
DROP TABLE paragraphs;
DROP TABLE documents;
DROP VIEW body_tree;
DROP TABLE bodies;
DROP TYPE date_precision;
