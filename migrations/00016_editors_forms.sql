-- +goose Up
-- A change made by an editor names its editor by user id (00014 left the key out until the
-- users table was merged). Accounts are disabled, never deleted, so the key refuses a delete
-- rather than cascading: the public record keeps who made each change. No index on actor_id:
-- no page looks changes up by editor, and users are never deleted.
ALTER TABLE changes
    ADD CONSTRAINT changes_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users (id);

-- A recommendation's follow-up: what has become of it, as of a date, and where that is said.
-- The status is one of a few plain steps; none at all means nothing is known yet. A status
-- always comes with its date (to its precision, as every date here) and its source's address.
ALTER TABLE recommendations
    ADD COLUMN follow_up_status text
        CHECK (follow_up_status IN ('not-implemented', 'in-progress', 'partially-implemented', 'implemented')),
    ADD COLUMN follow_up_on date,
    ADD COLUMN follow_up_precision date_precision,
    ADD COLUMN follow_up_source_url text NOT NULL DEFAULT ''
        CHECK (follow_up_source_url = '' OR follow_up_source_url ~ '^https?://'),
    ADD CHECK ((follow_up_status IS NULL) = (follow_up_on IS NULL)),
    ADD CHECK ((follow_up_on IS NULL) = (follow_up_precision IS NULL)),
    ADD CHECK ((follow_up_status IS NULL) = (follow_up_source_url = ''));

-- +goose Down
ALTER TABLE recommendations
    DROP COLUMN follow_up_source_url,
    DROP COLUMN follow_up_precision,
    DROP COLUMN follow_up_on,
    DROP COLUMN follow_up_status;
ALTER TABLE changes DROP CONSTRAINT changes_actor_id_fkey;
