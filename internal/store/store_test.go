package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrateUpDownUp(t *testing.T) {
	t.Parallel()
	s := dbtest.New(t)
	ctx := t.Context()
	var out bytes.Buffer
	if err := s.Migrate(ctx, store.Reset, &out); err != nil {
		t.Fatalf("Migrate(reset) = %v\n%s", err, out.String())
	}
	if _, err := s.Counts(ctx); err == nil {
		t.Fatal("Counts() after reset succeeded; want an error since the tables are gone")
	}
	if err := s.Migrate(ctx, store.Up, &out); err != nil {
		t.Fatalf("Migrate(up) after reset = %v\n%s", err, out.String())
	}
	if _, err := s.Counts(ctx); err != nil {
		t.Fatalf("Counts() after up again = %v", err)
	}
	out.Reset()
	if err := s.Migrate(ctx, store.Status, &out); err != nil || !bytes.Contains(out.Bytes(), []byte("applied")) {
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
