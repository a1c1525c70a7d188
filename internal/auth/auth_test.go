package auth_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		password, email string
		want            error
	}{
		{"correct horse battery", "ada@example.org", nil},
		{"", "ada@example.org", auth.ErrPasswordShort},
		{"elevenchars", "ada@example.org", auth.ErrPasswordShort},
		{"ééééééééééé", "ada@example.org", auth.ErrPasswordShort}, // 11 characters in 22 bytes
		{strings.Repeat("ab", 513), "ada@example.org", auth.ErrPasswordLong},
		{"aaaaaaaaaaaaaaaa", "ada@example.org", auth.ErrPasswordWeak},
		{"abababababababab", "ada@example.org", auth.ErrPasswordWeak},
		{"my name is Lovelace!", "lovelace@example.org", auth.ErrPasswordWeak},
	} {
		if got := auth.CheckPassword(tc.password, tc.email); !errors.Is(got, tc.want) {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", tc.password, tc.email, got, tc.want)
		}
	}
}

func TestValidEmail(t *testing.T) {
	for _, tc := range []struct {
		email string
		want  bool
	}{
		{"ada@example.org", true},
		{"Ada.Lovelace+tracker@example.org", true},
		{"ada", false},
		{"Ada <ada@example.org>", false},
		{"ada@example.org ", false},
		{"a@b@c", false},
		{strings.Repeat("a", 250) + "@example.org", false},
	} {
		if got := auth.ValidEmail(tc.email); got != tc.want {
			t.Errorf("ValidEmail(%q) = %t, want %t", tc.email, got, tc.want)
		}
	}
}

// The limits slide: once the failure that filled an account's limit leaves the window, the
// account may try again; the hash is verified only then.
func TestLimitWindow(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	if _, err := auth.CreateUser(t.Context(), s, auth.NewUser{Email: "ada@example.org", Name: "Ada", Role: store.RoleAdmin, Password: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	a := auth.NewAuthenticator(s, auth.Limits{Account: 2, Address: 10, Window: 10 * time.Minute}, func() time.Time { return now })
	for range 2 {
		if _, err := a.Login(t.Context(), "ada@example.org", "wrong password!", "192.0.2.1"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("Login(wrong) = %v, want ErrBadCredentials", err)
		}
		now = now.Add(time.Minute)
	}
	_, err := a.Login(t.Context(), "ada@example.org", "correct horse battery", "192.0.2.1")
	limited, ok := errors.AsType[*auth.LimitedError](err)
	if !ok || limited.RetryAfter != 8*time.Minute {
		t.Fatalf("Login after 2 failures = %v, want a LimitedError 8 minutes long (the second failure's window)", err)
	}
	now = now.Add(8 * time.Minute)
	if u, err := a.Login(t.Context(), "ADA@example.org", "correct horse battery", "192.0.2.1"); err != nil || u.Email != "ada@example.org" {
		t.Fatalf("Login once the window passed = %+v, %v; want Ada", u, err)
	}
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	u, err := auth.CreateUser(t.Context(), s, auth.NewUser{Email: " ada@example.org ", Name: " Ada ", Role: store.RoleAdmin, Password: "correct horse battery"})
	if err != nil || u.Email != "ada@example.org" || u.Name != "Ada" || !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("CreateUser = %+v, %v; want Ada, trimmed, with an argon2id hash", u, err)
	}
	if strings.Contains(u.PasswordHash, "correct") {
		t.Errorf("the hash %q holds the password", u.PasswordHash)
	}
	if _, err := auth.CreateUser(t.Context(), s, auth.NewUser{Email: "ADA@example.org", Name: "Ada", Role: store.RoleEditor, Password: "another good one"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("CreateUser with the address in capitals = %v, want ErrConflict", err)
	}
	_, err = auth.CreateUser(t.Context(), s, auth.NewUser{Email: "x", Name: "", Role: "owner", Password: "short"})
	p, ok := errors.AsType[*auth.Problems](err)
	if !ok || p.Email != auth.ErrEmail || p.Name != auth.ErrName || p.Role != auth.ErrRole || p.Password != auth.ErrPasswordShort {
		t.Errorf("CreateUser with every field wrong = %v, want a problem with each", err)
	}
}

// BenchmarkHash measures one argon2id hash with the tracker's parameters: the cost of each
// sign-in, right or wrong.
func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := auth.Hash("correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
