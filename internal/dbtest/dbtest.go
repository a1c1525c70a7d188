// Package dbtest gives tests a real, migrated PostgreSQL database of their own.
package dbtest

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// DefaultURL is the server tests use when TEST_DATABASE_URL is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
	serial       atomic.Int64
)

// ServerURL is the PostgreSQL server the tests use.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// NewURL creates a fresh, migrated database for t, dropped when t ends, and returns its URL.
// Each database is a copy of one migrated once per test binary, so a new one costs little.
func NewURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	templateOnce.Do(func() { templateName, templateErr = migratedTemplate(ctx) })
	if templateErr != nil {
		t.Fatalf("dbtest: no usable PostgreSQL at %s: %v\n"+
			"Start the local server (pg_ctlcluster --skip-systemctl-redirect 15 main start) "+
			"or point TEST_DATABASE_URL at one.", ServerURL(), templateErr)
	}
	name := fmt.Sprintf("%s_%d", templateName, serial.Add(1))
	url, err := store.CreateDatabase(ctx, ServerURL(), name, templateName)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(func() {
		if err := store.DropDatabase(context.Background(), ServerURL(), name); err != nil {
			t.Errorf("dbtest: %v", err)
		}
	})
	return url
}

// New opens a store on a fresh, migrated database for t, closed and dropped when t ends.
func New(t testing.TB, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), NewURL(t), opts...)
	if err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// migratedTemplate creates and migrates the database that each test's database copies. Its
// name carries the process id so that test binaries running at once keep apart.
func migratedTemplate(ctx context.Context) (string, error) {
	name := fmt.Sprintf("hrdtest_%d", os.Getpid())
	if err := store.DropDatabase(ctx, ServerURL(), name); err != nil {
		return "", err
	}
	url, err := store.CreateDatabase(ctx, ServerURL(), name, "")
	if err != nil {
		return "", err
	}
	s, err := store.Open(ctx, url)
	if err != nil {
		return "", err
	}
	defer s.Close()
	if err := s.Migrate(ctx, store.MigrateUp, io.Discard); err != nil {
		return "", err
	}
	return name, nil
}

// Main runs a package's tests and then drops the template database they copied. Call it from
// TestMain in every package that uses this one.
func Main(m *testing.M) {
	code := m.Run()
	if templateName != "" {
		if err := store.DropDatabase(context.Background(), ServerURL(), templateName); err != nil {
			fmt.Fprintln(os.Stderr, "dbtest:", err)
		}
	}
	os.Exit(code)
}
