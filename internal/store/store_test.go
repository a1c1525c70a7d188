package store_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	var out bytes.Buffer
	if err := s.Migrate(ctx, store.MigrateReset, &out); err != nil {
		t.Fatalf("Migrate(reset) = %v\n%s", err, out.String())
	}
	if _, err := s.Counts(ctx); err == nil {
		t.Fatal("Counts() after reset succeeded; want an error since the tables are gone")
	}
	if err := s.Migrate(ctx, store.MigrateUp, &out); err != nil {
		t.Fatalf("Migrate(up) after reset = %v\n%s", err, out.String())
	}
	if _, err := s.Counts(ctx); err != nil {
		t.Fatalf("Counts() after up again = %v", err)
	}
	out.Reset()
	if err := s.Migrate(ctx, store.MigrateStatus, &out); err != nil || !bytes.Contains(out.Bytes(), []byte("applied")) {
		t.Errorf("Migrate(status) = %v, printed %q; want the migration listed as applied", err, out.String())
	}
}

func TestUnavailable(t *testing.T) {
	s, err := store.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(t.Context()); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping() on a closed port = %v, want ErrUnavailable", err)
	}
	if _, err := s.Counts(t.Context()); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Counts() on a closed port = %v, want ErrUnavailable", err)
	}
}

// A query canceled halfway, as when a reader leaves, ends on the server at once and leaves its
// connection in the pool: the next query does not wait for a new one, nor plan its statement
// again.
func TestCanceledQueryKeepsItsConnection(t *testing.T) {
	t.Parallel()
	u, err := url.Parse(dbtest.NewURL(t))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("pool_max_conns", "1")
	u.RawQuery = q.Encode()
	s, err := store.Open(t.Context(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, err := s.BackendPID(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	// The server's cancel ends the query; the reader of a page past its time gets a 503.
	if err := s.Sleep(ctx, 5*time.Second); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("a query of 5s under a deadline of 100ms = %v, want ErrUnavailable", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the canceled query returned after %v; want it stopped within a second", took)
	}
	if after, err := s.BackendPID(t.Context()); err != nil || after != before {
		t.Errorf("after a canceled query the pool's connection is backend %d, %v; want the same backend %d", after, err, before)
	}
}

// A server refuses a schema that is behind or ahead of its binary, saying what to do.
func TestCheckSchema(t *testing.T) {
	url := dbtest.NewURL(t)
	ctx := t.Context()
	s, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatalf("CheckSchema() on a migrated database = %v", err)
	}
	if err := s.Migrate(ctx, store.MigrateDown, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSchema(ctx); !errors.Is(err, store.ErrSchema) || !strings.Contains(err.Error(), "migrate up") {
		t.Errorf("CheckSchema() with a migration pending = %v, want ErrSchema telling to migrate up", err)
	}
	if err := s.Migrate(ctx, store.MigrateUp, io.Discard); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSchema(ctx); !errors.Is(err, store.ErrSchema) || !strings.Contains(err.Error(), "newer") {
		t.Errorf("CheckSchema() with a newer schema = %v, want ErrSchema saying it is newer", err)
	}
}

// The kinds and precisions the Go code knows are exactly those the schema accepts.
func TestKindsMatchSchema(t *testing.T) {
	url := dbtest.NewURL(t)
	ctx := t.Context()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	accepts := func(table, kind string) bool {
		tx, err := conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		var q string
		switch table {
		case "bodies":
			q = `INSERT INTO bodies (slug, kind, name, lang) VALUES ('k', $1, 'K', 'en')`
		case "documents":
			q = `INSERT INTO documents (slug, title, kind, url, lang) VALUES ('k', 'K', $1, 'https://example.org', 'en')`
		}
		_, err = tx.Exec(ctx, q, kind)
		return err == nil
	}
	for _, k := range store.BodyKinds() {
		if !accepts("bodies", string(k)) {
			t.Errorf("the schema refuses body kind %q", k)
		}
	}
	for _, k := range store.DocumentKinds() {
		if !accepts("documents", string(k)) {
			t.Errorf("the schema refuses document kind %q", k)
		}
	}
	if accepts("bodies", "poem") || accepts("documents", "poem") {
		t.Error("the schema accepts the kind \"poem\"")
	}
	rows, err := conn.Query(ctx, `SELECT unnest(enum_range(NULL::date_precision))::text`)
	if err != nil {
		t.Fatal(err)
	}
	precisions, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range store.Precisions() {
		want = append(want, string(p))
	}
	if !slices.Equal(precisions, want) {
		t.Errorf("date_precision = %q, want %q", precisions, want)
	}
}
