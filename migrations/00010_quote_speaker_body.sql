-- +goose Up
-- The body a quote's speaker speaks for, when the data defines it (ISHR for its director), so
-- that a body's page can list the words of its people.
ALTER TABLE quotes ADD COLUMN speaker_body_id bigint REFERENCES bodies (id);
CREATE INDEX quotes_speaker_body_id_idx ON quotes (speaker_body_id);

-- +goose Down
DROP INDEX quotes_speaker_body_id_idx;
ALTER TABLE quotes DROP COLUMN speaker_body_id;
