-- +goose Up
-- When an advance was last changed, for feeds that tell readers what is new.
ALTER TABLE advances ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX advances_updated_at_idx ON advances (updated_at);

-- +goose Down
DROP INDEX advances_updated_at_idx;
ALTER TABLE advances DROP COLUMN updated_at;
