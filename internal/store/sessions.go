package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// SessionStore keeps signed-in sessions in the sessions table, for scs (it is an scs.CtxStore).
// scs's own pgxstore sends its queries without the request's context, so a stalled database
// would hold a request past its deadline; this one stops with the request.
type SessionStore struct{ s *Store }

// Sessions returns the store of signed-in sessions.
func (s *Store) Sessions() *SessionStore { return &SessionStore{s: s} }

// FindCtx returns a session's data; found is false when there is none or it has expired.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) (b []byte, found bool, err error) {
	defer wrap(&err, "store.SessionStore.Find")
	err = ss.s.pool.QueryRow(ctx, `
SELECT data
FROM sessions
WHERE token = @token AND now() < expiry`, pgx.NamedArgs{"token": token}).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	return b, err == nil, err
}

// CommitCtx saves a session's data until expiry, replacing what the token held.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) (err error) {
	defer wrap(&err, "store.SessionStore.Commit")
	_, err = ss.s.pool.Exec(ctx, `
INSERT INTO sessions (token, data, expiry)
VALUES (@token, @data, @expiry)
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry`,
		pgx.NamedArgs{"token": token, "data": b, "expiry": expiry})
	return err
}

// DeleteCtx ends a session; a token that names none is no error.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) (err error) {
	defer wrap(&err, "store.SessionStore.Delete")
	_, err = ss.s.pool.Exec(ctx, `DELETE FROM sessions WHERE token = @token`, pgx.NamedArgs{"token": token})
	return err
}

// Find, Commit and Delete complete scs.Store, which scs.CtxStore embeds; scs calls the
// methods with a context whenever a store has them.

// Find is FindCtx without a deadline.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a deadline.
func (ss *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a deadline.
func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// DeleteExpiredSessions removes the sessions past their expiry, which no request can load
// any more. Sign-ins call it, rather than a background task in every instance.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (err error) {
	defer wrap(&err, "store.DeleteExpiredSessions")
	_, err = s.pool.Exec(ctx, `DELETE FROM sessions WHERE expiry <= now()`)
	return err
}

// SessionCount is the number of sessions that have not expired; tests use it to check that
// signing out ends a session in the database.
func (s *Store) SessionCount(ctx context.Context) (n int, err error) {
	defer wrap(&err, "store.SessionCount")
	err = s.pool.QueryRow(ctx, `SELECT count(*) FROM sessions WHERE now() < expiry`).Scan(&n)
	return n, err
}
