package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestUserCommand(t *testing.T) {
	t.Parallel()
	getenv := env(map[string]string{"DATABASE_URL": dbtest.NewURL(t)})
	ctx := t.Context()
	user := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"user"}, args...), getenv, strings.NewReader(stdin), &out, &bytes.Buffer{})
		return out.String(), err
	}
	if out, err := user("correct horse battery\n", "add", "-email", "ada@example.org", "-name", "Ada Lovelace", "-role", "admin"); err != nil || out != "added Ada Lovelace <ada@example.org> as admin\n" {
		t.Fatalf("user add = %q, %v", out, err)
	}
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"duplicate", "another good password\n", []string{"add", "-email", "ADA@example.org", "-name", "Ada", "-role", "editor"}, "already exists"},
		{"short password", "short\n", []string{"add", "-email", "bob@example.org", "-name", "Bob", "-role", "editor"}, "at least 12 characters"},
		{"empty password", "", []string{"add", "-email", "bob@example.org", "-name", "Bob", "-role", "editor"}, "at least 12 characters"},
		{"bad role", "correct horse battery\n", []string{"add", "-email", "bob@example.org", "-name", "Bob", "-role", "owner"}, "admin or editor"},
		{"password as an argument", "", []string{"add", "-email", "bob@example.org", "-name", "Bob", "-role", "editor", "hunter2hunter2"}, "no arguments"},
		{"unknown command", "", []string{"remove"}, "unknown user command"},
	} {
		if _, err := user(tc.stdin, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("user %s (%s) = %v, want an error saying %q", strings.Join(tc.args, " "), tc.name, err, tc.want)
		}
	}
	// A password from a pipe may end in CRLF; it is the line without it.
	if _, err := user("another good password\r\n", "add", "-email", "eve@example.org", "-name", "Eve", "-role", "editor"); err != nil {
		t.Fatalf("user add eve = %v", err)
	}
	s, err := store.Open(ctx, getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := auth.NewAuthenticator(s, auth.DefaultLimits, nil).Login(ctx, "eve@example.org", "another good password", "192.0.2.1"); err != nil {
		t.Errorf("signing in with the password sent as a CRLF line = %v", err)
	}
	out, err := user("", "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "ada@example.org") || !strings.Contains(lines[1], "admin") || !strings.Contains(lines[2], "editor") {
		t.Errorf("user list =\n%s\nwant a heading, Ada as admin and Eve as editor", out)
	}
}
