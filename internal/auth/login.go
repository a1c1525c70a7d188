package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Limits bound failed sign-ins within a sliding window, per account and per client address:
// the first slows down guessing one account's password, the second one address trying many
// accounts. An address gets more, as several people may share one (an office, a NAT).
type Limits struct {
	Account, Address int
	Window           time.Duration
}

// DefaultLimits are five failures per account and twenty per address in fifteen minutes.
var DefaultLimits = Limits{Account: 5, Address: 20, Window: 15 * time.Minute}

// ErrBadCredentials means that the email address and password do not name an active account.
// It is the one answer for an unknown address, a wrong password and a disabled account, so
// that no answer tells whether an account exists.
var ErrBadCredentials = errors.New("wrong email address or password")

// LimitedError means that too many sign-ins failed lately, for the account or for the
// address; trying again after RetryAfter may work.
type LimitedError struct{ RetryAfter time.Duration }

func (e *LimitedError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again in %s", e.RetryAfter.Round(time.Second))
}

// Authenticator checks sign-ins against the users in the store, within its limits.
type Authenticator struct {
	store  *store.Store
	limits Limits
	now    func() time.Time
}

// NewAuthenticator returns an Authenticator over st with the given limits; now is the clock
// (time.Now when nil), which tests move.
func NewAuthenticator(st *store.Store, limits Limits, now func() time.Time) *Authenticator {
	if now == nil {
		now = time.Now
	}
	return &Authenticator{store: st, limits: limits, now: now}
}

// Login returns the active user whose email address (in any case) and password these are,
// signing in from address. It returns ErrBadCredentials, or *LimitedError before checking
// anything when the account or the address has failed too often: both alike whether or not
// the account exists. A success forgets the account's failures. Sign-ins sent at the same
// instant may each pass the check before the others' failures are counted: a few extra
// guesses, not a stream, as each costs a hash.
func (a *Authenticator) Login(ctx context.Context, email, password, address string) (store.User, error) {
	now := a.now()
	since := now.Add(-a.limits.Window)
	block, err := a.store.LoginBlocks(ctx, email, address, since, a.limits.Account, a.limits.Address)
	if err != nil {
		return store.User{}, err
	}
	// A key is free again once the failure that filled its limit leaves the window.
	var until time.Time
	for _, at := range []*time.Time{block.Account, block.Address} {
		if at != nil && at.Add(a.limits.Window).After(until) {
			until = at.Add(a.limits.Window)
		}
	}
	if until.After(now) {
		return store.User{}, &LimitedError{RetryAfter: until.Sub(now)}
	}

	user, err := a.store.UserByEmail(ctx, email)
	hash := user.PasswordHash
	switch {
	case errors.Is(err, store.ErrNotFound):
		if hash, err = dummyHash(); err != nil {
			return store.User{}, err
		}
	case err != nil:
		return store.User{}, err
	}
	ok, err := verify(password, hash)
	if err != nil {
		return store.User{}, fmt.Errorf("auth.Login: %w", err)
	}
	if !ok || user.ID == 0 || user.Disabled {
		if err := a.store.RecordLoginFailure(ctx, email, address, now, since); err != nil {
			return store.User{}, err
		}
		return store.User{}, ErrBadCredentials
	}
	if err := a.store.ClearLoginFailures(ctx, email); err != nil {
		return store.User{}, err
	}
	return user, a.store.DeleteExpiredSessions(ctx)
}
