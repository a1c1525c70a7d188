package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Role is what a user may do: an editor changes the data, an admin also manages the users.
type Role string

// The roles.
const (
	RoleAdmin  Role = "admin"
	RoleEditor Role = "editor"
)

// Roles lists every role, for forms and the command line to offer.
func Roles() []Role { return []Role{RoleEditor, RoleAdmin} }

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleEditor }

// User is someone who signs in to keep the data.
type User struct {
	ID           int64     `db:"id"`
	Email        string    `db:"email"`
	Name         string    `db:"name"`
	Role         Role      `db:"role"`
	PasswordHash string    `db:"password_hash"` // argon2id, in the PHC string format
	Disabled     bool      `db:"disabled"`      // a disabled user cannot sign in, and their sessions end
	Created      time.Time `db:"created_at"`
}

// NewUser is what CreateUser needs.
type NewUser struct {
	Email        string
	Name         string
	Role         Role
	PasswordHash string
}

// ErrLastAdmin means the change would leave no admin able to sign in and manage the users.
var ErrLastAdmin = errors.New("the last active admin must stay an active admin")

const userColumns = `id, email, name, role, password_hash, disabled, created_at`

// CreateUser adds a user; ErrConflict when a user has the same email address in any case.
func (s *Store) CreateUser(ctx context.Context, u NewUser) (user User, err error) {
	defer wrap(&err, "store.CreateUser(%q)", u.Email)
	rows, err := s.pool.Query(ctx, `
INSERT INTO users (email, name, role, password_hash)
VALUES (@email, @name, @role, @password_hash)
RETURNING `+userColumns,
		pgx.NamedArgs{"email": u.Email, "name": u.Name, "role": u.Role, "password_hash": u.PasswordHash})
	if err != nil {
		return User{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
}

// UserByEmail returns the user with the given email address, in any case.
func (s *Store) UserByEmail(ctx context.Context, email string) (user User, err error) {
	defer wrap(&err, "store.UserByEmail(%q)", email)
	rows, err := s.pool.Query(ctx, `
SELECT `+userColumns+`
FROM users
WHERE lower(email) = lower(@email)`, pgx.NamedArgs{"email": email})
	if err != nil {
		return User{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
}

// User returns the user with the given id.
func (s *Store) User(ctx context.Context, id int64) (user User, err error) {
	defer wrap(&err, "store.User(%d)", id)
	rows, err := s.pool.Query(ctx, `
SELECT `+userColumns+`
FROM users
WHERE id = @id`, pgx.NamedArgs{"id": id})
	if err != nil {
		return User{}, err
	}
	return pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
}

// Users lists every user, by email address.
func (s *Store) Users(ctx context.Context) (users []User, err error) {
	defer wrap(&err, "store.Users")
	rows, err := s.pool.Query(ctx, `
SELECT `+userColumns+`
FROM users
ORDER BY lower(email)`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// UpdateUser sets a user's role and whether they are disabled. It returns ErrLastAdmin
// rather than leave no active admin, and ErrNotFound when there is no such user.
func (s *Store) UpdateUser(ctx context.Context, id int64, role Role, disabled bool) (user User, err error) {
	defer wrap(&err, "store.UpdateUser(%d, %q, %t)", id, role, disabled)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// Locking the active admins makes two admins demoting each other at once wait in
		// turn, so that the second sees the first's change and one admin is always left.
		if _, err := tx.Exec(ctx, `
SELECT id
FROM users
WHERE role = 'admin' AND NOT disabled
FOR UPDATE`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `
UPDATE users
SET role = @role, disabled = @disabled
WHERE id = @id AND (
    (@role = 'admin' AND NOT @disabled)
    OR EXISTS (SELECT 1 FROM users o WHERE o.id <> @id AND o.role = 'admin' AND NOT o.disabled))
RETURNING `+userColumns, pgx.NamedArgs{"id": id, "role": role, "disabled": disabled})
		if err != nil {
			return err
		}
		user, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[User])
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		// No row changed: either there is no such user, or they are the last admin.
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE id = @id)`, pgx.NamedArgs{"id": id}).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return ErrLastAdmin
		}
		return pgx.ErrNoRows
	})
	return user, err
}
