-- +goose Up
-- The people who keep the data: admins manage the editors, editors change the data. An email
-- address is unique whatever its case, as mail systems treat it. Only an argon2id hash of the
-- password is kept, in the PHC string format, which names its own parameters.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
    name          text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    role          text NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Signed-in sessions, in the database so that every server instance shares them. The shape is
-- the one scs's PostgreSQL stores use; token is a hash of the cookie's value (scs's
-- HashTokenInStore), so that a copy of this table opens no session.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Failed sign-ins, counted per account and per client address over a window to slow down
-- password guessing. They live here rather than in each process's memory so that the limits
-- hold across server instances and restarts. email is the address as typed, lower-cased,
-- whether or not an account has it: unknown accounts are limited alike.
CREATE TABLE login_failures (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email   text NOT NULL,
    address text NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX login_failures_email_idx ON login_failures (email, at);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- +goose Down
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
