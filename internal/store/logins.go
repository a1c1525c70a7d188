package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// LoginBlock says, of an email address and of a client address, since when each has had as
// many failed sign-ins as its limit allows within the window: the limit-th most recent failure
// since then. Nil means that the key is under its limit.
type LoginBlock struct {
	Account *time.Time `db:"account"`
	Address *time.Time `db:"address"`
}

// LoginBlocks reads the failures of email (in any case) and of address since since, against
// their limits, in one query.
func (s *Store) LoginBlocks(ctx context.Context, email, address string, since time.Time, accountLimit, addressLimit int) (b LoginBlock, err error) {
	defer wrap(&err, "store.LoginBlocks(%q, %q)", email, address)
	rows, err := s.pool.Query(ctx, `
SELECT
    (SELECT at FROM login_failures
     WHERE email = lower(@email) AND at > @since
     ORDER BY at DESC OFFSET @account_limit - 1 LIMIT 1) AS account,
    (SELECT at FROM login_failures
     WHERE address = @address AND at > @since
     ORDER BY at DESC OFFSET @address_limit - 1 LIMIT 1) AS address`,
		pgx.NamedArgs{"email": email, "address": address, "since": since,
			"account_limit": accountLimit, "address_limit": addressLimit})
	if err != nil {
		return LoginBlock{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[LoginBlock])
}

// RecordLoginFailure notes a failed sign-in for email (in any case) from address at time at,
// and forgets the failures from before forget, which no window counts any more.
func (s *Store) RecordLoginFailure(ctx context.Context, email, address string, at, forget time.Time) (err error) {
	defer wrap(&err, "store.RecordLoginFailure(%q, %q)", email, address)
	_, err = s.pool.Exec(ctx, `
WITH forgotten AS (
    DELETE FROM login_failures WHERE at < @forget
)
INSERT INTO login_failures (email, address, at)
VALUES (lower(@email), @address, @at)`,
		pgx.NamedArgs{"email": email, "address": address, "at": at, "forget": forget})
	return err
}

// ClearLoginFailures forgets the failed sign-ins of email (in any case), as a successful one
// does.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) (err error) {
	defer wrap(&err, "store.ClearLoginFailures(%q)", email)
	_, err = s.pool.Exec(ctx, `DELETE FROM login_failures WHERE lower(@email) = email`, pgx.NamedArgs{"email": email})
	return err
}
