package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// changesChannel is where the triggers of migration 00011 (hrd_notify_change) announce every
// write to what the public pages show.
const changesChannel = "hrdtracker_changes"

// ListenerName is the application_name of Listen's connection, by which it shows in
// pg_stat_activity.
const ListenerName = "hrdtracker-listener"

// The wait between attempts to reconnect the listener: doubled after each failure up to the
// longest, and back to the shortest once LISTEN succeeds again.
const (
	listenRetryMin = 100 * time.Millisecond
	listenRetryMax = 5 * time.Second
)

// Listener is told of changes to the data the public pages show.
type Listener struct {
	// Listening is called each time the listener has connected and LISTEN has taken effect,
	// the first time and after every reconnection. Notices sent while no one was listening
	// are lost: whatever was derived from the data before this call must be dropped.
	Listening func()
	// Changed is called for each notice of a committed change, with the table it touched.
	// A transaction that touches several tables gives one notice for each.
	Changed func(table string)
	// Lost is called when the connection fails or drops, with the error and how long
	// Listen waits before it tries again. Until the next Listening, changes go unheard.
	Lost func(err error, retry time.Duration)
}

// Listen hears of every committed change to the public data, on a connection of its own
// (not one of the pool's), and reconnects when that connection fails, waiting longer after
// each failure. It returns when ctx ends, with ctx's error.
func (s *Store) Listen(ctx context.Context, l Listener) error {
	cfg := s.pool.Config().ConnConfig.Copy()
	// The listener's queries are not a page's: CountQueries must not count them.
	cfg.Tracer = nil
	cfg.RuntimeParams["application_name"] = ListenerName
	// Its wait ends only as the server stops, when the connection is closed: nothing is gained
	// by asking the database to cancel it (Open), which would hold the stop for a second.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	wait := listenRetryMin
	for {
		listened, err := s.listenOnce(ctx, cfg, l)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if listened {
			wait = listenRetryMin
		}
		l.Lost(err, wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, listenRetryMax)
	}
}

// listenOnce connects, listens and passes on notices until the connection fails. It reports
// whether LISTEN took effect.
func (s *Store) listenOnce(ctx context.Context, cfg *pgx.ConnConfig, l Listener) (listened bool, err error) {
	defer wrap(&err, "store.Listen")
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, err
	}
	defer func() {
		// A dead server may hold a closing connection for long: give it a second.
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return false, err
	}
	l.Listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true, err
		}
		l.Changed(n.Payload)
	}
}
