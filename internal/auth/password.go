// Package auth signs editors in and out: their passwords, sessions, the rate limits on
// sign-ins, and the user a request is made by.
package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// params are OWASP's recommended minimum for argon2id (19 MiB, two passes, one lane): a hash
// takes some tens of milliseconds and fits in the 40 MiB heap that serve sets. A
// hash names its parameters, so stronger ones later still verify the old hashes.
var params = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// hashing lets two hashes run at once, one a core of a small server: each holds
// params.Memory, and a burst of sign-ins must not grow the heap past its limit.
var hashing = make(chan struct{}, 2)

// Hash returns password's argon2id hash.
func Hash(password string) (string, error) {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2id.CreateHash(password, params)
}

// verify reports whether password matches hash, in constant time.
func verify(password, hash string) (bool, error) {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2id.ComparePasswordAndHash(password, hash)
}

// dummyHash is compared against when there is no account to check, so that an unknown
// address costs the same time as a wrong password and the timing tells nothing.
var dummyHash = sync.OnceValues(func() (string, error) { return Hash(rand.Text()) })

// Limits on what a user is made of.
const (
	MinPassword = 12   // characters
	MaxPassword = 1024 // bytes: longer is no stronger, only slower to hash
	MaxName     = 200  // characters
	maxEmail    = 254  // bytes, as mail allows
)

// Problems with a new user's fields, each its own error so that a form can say which.
var (
	ErrEmail         = errors.New("not an email address, such as name@example.org")
	ErrName          = fmt.Errorf("a name is needed, of at most %d characters", MaxName)
	ErrRole          = errors.New("the role must be admin or editor")
	ErrPasswordShort = fmt.Errorf("the password must have at least %d characters", MinPassword)
	ErrPasswordLong  = fmt.Errorf("the password must have at most %d bytes", MaxPassword)
	ErrPasswordWeak  = errors.New("the password is too easy to guess: it repeats a few characters or holds the email address")
)

// NewUser is a user to create, as typed.
type NewUser struct {
	Email, Name string
	Role        store.Role
	Password    string
}

// Problems says what is wrong with each field of a NewUser; a nil field is right.
type Problems struct {
	Email, Name, Role, Password error
}

func (p *Problems) Error() string {
	var out []string
	for _, f := range []struct {
		name string
		err  error
	}{{"email", p.Email}, {"name", p.Name}, {"role", p.Role}, {"password", p.Password}} {
		if f.err != nil {
			out = append(out, f.name+": "+f.err.Error())
		}
	}
	return strings.Join(out, "; ")
}

// Check trims u's email address and name and returns what is wrong with u, or nil.
func (u *NewUser) Check() *Problems {
	u.Email, u.Name = strings.TrimSpace(u.Email), strings.TrimSpace(u.Name)
	var p Problems
	if !ValidEmail(u.Email) {
		p.Email = ErrEmail
	}
	if u.Name == "" || utf8.RuneCountInString(u.Name) > MaxName || !utf8.ValidString(u.Name) || strings.ContainsRune(u.Name, 0) {
		p.Name = ErrName
	}
	if !u.Role.Valid() {
		p.Role = ErrRole
	}
	p.Password = CheckPassword(u.Password, u.Email)
	if p == (Problems{}) {
		return nil
	}
	return &p
}

// ValidEmail reports whether s is a bare email address that the database will take.
func ValidEmail(s string) bool {
	if s == "" || len(s) > maxEmail || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

// CheckPassword returns why password is not good enough for an account with this email
// address, or nil.
func CheckPassword(password, email string) error {
	switch {
	case len(password) > MaxPassword:
		return ErrPasswordLong
	case utf8.RuneCountInString(password) < MinPassword:
		return ErrPasswordShort
	}
	distinct := map[rune]bool{}
	for _, r := range password {
		distinct[r] = true
	}
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	if len(distinct) < 5 || (len(local) >= 4 && strings.Contains(strings.ToLower(password), local)) {
		return ErrPasswordWeak
	}
	return nil
}

// CreateUser checks u, hashes its password and adds the user. It returns *Problems when a
// field is wrong, and an error wrapping store.ErrConflict when the email address is taken.
func CreateUser(ctx context.Context, st *store.Store, u NewUser) (store.User, error) {
	if p := u.Check(); p != nil {
		return store.User{}, p
	}
	hash, err := Hash(u.Password)
	if err != nil {
		return store.User{}, err
	}
	return st.CreateUser(ctx, store.NewUser{Email: u.Email, Name: u.Name, Role: u.Role, PasswordHash: hash})
}
