// Package store keeps the tracker's data in PostgreSQL. It is the only package that speaks SQL.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"

	json "github.com/go-json-experiment/json/v1"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means the write would break a uniqueness rule.
	ErrConflict = errors.New("conflict")
	// ErrUnavailable means the database cannot be reached just now; trying later may work.
	ErrUnavailable = errors.New("database unavailable")
)

// Store is the tracker's database. It is safe for concurrent use.
type Store struct {
	pool *pgxpool.Pool
	// generic keeps the plan PostgreSQL makes once for each statement of a connection, where
	// pool plans every call anew for its values. It is for statements whose best plan does
	// not depend on their values, those of one document by its slug or search's: planning
	// them at each call cost as much as running them, or more. Nor are they worth compiling
	// (jit): each reads at most a few thousand rows.
	generic *pgxpool.Pool
	search  searchLimits
}

// Option changes how Open sets up the connection pools.
type Option func(*pgxpool.Config)

// CountQueries makes the store add one to n for every query it sends; tests use it to show that
// a page costs a fixed number of queries.
func CountQueries(n *Counter) Option {
	return func(c *pgxpool.Config) { c.ConnConfig.Tracer = n }
}

// Open connects to the database at url. It does not wait for the database to answer, so a
// server can start while the database is down and recover when it comes back.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store.Open: bad database URL: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		// A request must fail fast with 503 rather than hang while the database is away. A
		// connect_timeout in the URL is kept: a long load may ask to wait out a busy server.
		cfg.ConnConfig.ConnectTimeout = 3 * time.Second
	}
	// Every list's query takes optional filters ("@document = '' OR d.slug = @document"). A
	// plan made for the values at hand drops the filters not asked for and walks the index
	// the rest need; a generic plan, which Postgres may switch to for a prepared statement
	// run often, must keep them all and can use none.
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	// A reader who leaves cancels the queries of their page. pgx's default then breaks the
	// connection off, and the next request on a new one plans its statements anew: 60 to 240
	// ms for search's, which runs in 15. Asking the server to cancel the query keeps the
	// connection, unless the server fails to answer within a second.
	cfg.ConnConfig.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: time.Second}
	}
	cfg.AfterConnect = useFasterJSON
	for _, opt := range opts {
		opt(cfg)
	}
	generic := cfg.Copy()
	generic.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	generic.ConnConfig.RuntimeParams["jit"] = "off"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store.Open: %w", err)
	}
	genericPool, err := pgxpool.NewWithConfig(ctx, generic)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("store.Open: %w", err)
	}
	return &Store{pool: pool, generic: genericPool, search: defaultSearchLimits}, nil
}

// collect runs query on pool and reads its rows into Ts by their columns' names.
func collect[T any](ctx context.Context, pool *pgxpool.Pool, query string, args pgx.NamedArgs) ([]T, error) {
	rows, err := pool.Query(ctx, query, args)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[T])
}

// useFasterJSON has conn decode JSON with the v1 package of go-json-experiment/json: the
// coming encoding/json/v2, keeping encoding/json's behaviour. Items read their bodies, facts and
// documents as JSON, which encoding/json took a fifth of a document's page to decode; this
// takes half the time.
func useFasterJSON(_ context.Context, conn *pgx.Conn) error {
	m := conn.TypeMap()
	m.RegisterType(&pgtype.Type{Name: "json", OID: pgtype.JSONOID, Codec: &pgtype.JSONCodec{Marshal: json.Marshal, Unmarshal: json.Unmarshal}})
	m.RegisterType(&pgtype.Type{Name: "jsonb", OID: pgtype.JSONBOID, Codec: &pgtype.JSONBCodec{Marshal: json.Marshal, Unmarshal: json.Unmarshal}})
	return nil
}

// Close closes every connection.
func (s *Store) Close() {
	s.pool.Close()
	s.generic.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) (err error) {
	defer wrap(&err, "store.Ping")
	return s.pool.Ping(ctx)
}

// wrap names the failing method in err and maps driver errors onto the store's own, so that
// callers can use errors.Is without knowing pgx.
func wrap(err *error, format string, args ...any) {
	if *err == nil {
		return
	}
	e := *err
	var pgErr *pgconn.PgError
	var connErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.Is(e, pgx.ErrNoRows):
		e = fmt.Errorf("%w (%w)", ErrNotFound, e)
	case errors.As(e, &pgErr) && pgErr.Code == "23505":
		e = fmt.Errorf("%w (%w)", ErrConflict, e)
	case errors.As(e, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05"):
		// Text the database cannot hold (invalid UTF-8, NUL) names nothing it holds.
		e = fmt.Errorf("%w (%w)", ErrNotFound, e)
	// A query is canceled (57014) only when its context ends (Open): its request's time is
	// up, or its reader left.
	case errors.As(e, &pgErr) && (pgErr.Code == "57P01" || pgErr.Code == "57P03" || pgErr.Code == "08006" || pgErr.Code == "57014"):
		e = fmt.Errorf("%w (%w)", ErrUnavailable, e)
	case errors.As(e, &connErr), errors.As(e, &netErr), pgconn.SafeToRetry(e),
		// A connection that the server dropped mid-query ends in EOF.
		errors.Is(e, io.ErrUnexpectedEOF), errors.Is(e, io.EOF), errors.Is(e, net.ErrClosed),
		// A request's deadline passing means the database did not answer in time.
		errors.Is(e, context.DeadlineExceeded):
		e = fmt.Errorf("%w (%w)", ErrUnavailable, e)
	}
	*err = fmt.Errorf(format+": %w", append(args, e)...)
}

// Counter counts the queries a store sends.
type Counter struct{ n atomic.Int64 }

// TraceQueryStart counts one query.
func (c *Counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

// TraceQueryEnd does nothing; the count is taken at the start.
func (c *Counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// Reset sets the count back to zero and returns what it was.
func (c *Counter) Reset() int64 { return c.n.Swap(0) }
