package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/jackc/pgx/v5"
)

// Listen hears each committed change once per table, tells its caller when it listens again
// after its connection is killed, and hears changes made after that.
func TestListen(t *testing.T) {
	t.Parallel()
	url := dbtest.NewURL(t)
	s, err := store.Open(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events := make(chan string, 1000)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- s.Listen(ctx, store.Listener{
			Listening: func() { events <- "listening" },
			Changed:   func(table string) { events <- table },
			Lost: func(err error, retry time.Duration) {
				if retry <= 0 || err == nil {
					t.Errorf("Lost(%v, %v), want an error and a wait", err, retry)
				}
				events <- "lost"
			},
		})
	}()
	// next returns the next event, or "" when none comes within a while.
	next := func(within time.Duration) string {
		select {
		case e := <-events:
			return e
		case <-time.After(within):
			return ""
		}
	}
	if e := next(10 * time.Second); e != "listening" {
		t.Fatalf("first event %q, want listening", e)
	}

	// An import is one transaction: its notices come at commit, one for each table it wrote.
	name, data := dataset.Seed()
	if _, err := dataset.Import(t.Context(), s, name, data); err != nil {
		t.Fatal(err)
	}
	var tables []string
	for e := next(5 * time.Second); e != ""; e = next(300 * time.Millisecond) {
		tables = append(tables, e)
	}
	slices.Sort(tables)
	for _, want := range []string{"advances", "advance_bodies", "bodies", "documents", "paragraphs", "quotes", "recommendations"} {
		if !slices.Contains(tables, want) {
			t.Errorf("an import notified %q, want %s among them", tables, want)
		}
	}
	if len(slices.Compact(slices.Clone(tables))) != len(tables) {
		t.Errorf("an import notified %q, want each table once", tables)
	}

	// Kill the listener's connection: it must say so, listen again, and hear what follows.
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var killed int
	err = conn.QueryRow(t.Context(), `
		SELECT count(pg_terminate_backend(pid))
		FROM pg_stat_activity
		WHERE application_name = $1 AND datname = current_database()`, store.ListenerName).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("terminating the listener: %d backends, %v; want 1", killed, err)
	}
	if e := next(10 * time.Second); e != "lost" {
		t.Fatalf("after its backend was terminated: %q, want lost", e)
	}
	if e := next(10 * time.Second); e != "listening" {
		t.Fatalf("after lost: %q, want listening again", e)
	}
	if _, err := conn.Exec(t.Context(), `UPDATE bodies SET name = name WHERE false`); err != nil {
		t.Fatal(err)
	}
	if e := next(5 * time.Second); e != "bodies" {
		t.Errorf("a write after reconnecting: %q, want bodies", e)
	}

	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Listen() after its context ended = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Listen() still runs 5s after its context ended")
	}
}
