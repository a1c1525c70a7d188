package store

import (
	"context"
	"fmt"
	neturl "net/url"

	"github.com/jackc/pgx/v5"
)

// EnsureDatabase creates the database that url names if the server does not have it yet.
func EnsureDatabase(ctx context.Context, url string) (err error) {
	defer wrap(&err, "store.EnsureDatabase")
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return err
	}
	name := cfg.Database
	conn, err := connectMaintenance(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// CreateDatabase creates database name on the server at url as a copy of template (or empty,
// when template is ""), and returns the URL of the new database.
func CreateDatabase(ctx context.Context, url, name, template string) (newURL string, err error) {
	defer wrap(&err, "store.CreateDatabase(%q)", name)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "", err
	}
	conn, err := connectMaintenance(ctx, cfg)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	q := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		q += " TEMPLATE " + pgx.Identifier{template}.Sanitize()
	}
	if _, err := conn.Exec(ctx, q); err != nil {
		return "", err
	}
	return withDatabase(url, name)
}

// DropDatabase drops database name on the server at url, if it exists.
func DropDatabase(ctx context.Context, url, name string) (err error) {
	defer wrap(&err, "store.DropDatabase(%q)", name)
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return err
	}
	conn, err := connectMaintenance(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
	return err
}

// connectMaintenance connects to the server's postgres database, since a database cannot be
// created or dropped from a connection to itself.
func connectMaintenance(ctx context.Context, cfg *pgx.ConnConfig) (*pgx.Conn, error) {
	cfg = cfg.Copy()
	cfg.Database = "postgres"
	return pgx.ConnectConfig(ctx, cfg)
}

func withDatabase(url, name string) (string, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return "", err
	}
	if cfg.Database == name {
		return url, nil
	}
	u, err := parseURL(url)
	if err != nil {
		return "", fmt.Errorf("the database URL must be a postgres:// URL to derive another from it: %w", err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

func parseURL(s string) (*neturl.URL, error) {
	u, err := neturl.Parse(s)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return nil, fmt.Errorf("scheme %q", u.Scheme)
	}
	return u, nil
}

// DatabaseNote is the comment on the store's database, where a tool records what it loaded
// there ("" when there is none), so that a later run can tell whether to load it again.
func (s *Store) DatabaseNote(ctx context.Context) (note string, err error) {
	defer wrap(&err, "store.DatabaseNote")
	err = s.pool.QueryRow(ctx, `
SELECT coalesce(shobj_description(oid, 'pg_database'), '')
FROM pg_database
WHERE datname = current_database()`).Scan(&note)
	return note, err
}

// SetDatabaseNote sets the comment on the store's database.
func (s *Store) SetDatabaseNote(ctx context.Context, note string) (err error) {
	defer wrap(&err, "store.SetDatabaseNote")
	// COMMENT takes no parameters: the server quotes the name and the note itself.
	var stmt string
	if err := s.pool.QueryRow(ctx, `SELECT format('COMMENT ON DATABASE %I IS %L', current_database(), @note::text)`,
		pgx.NamedArgs{"note": note}).Scan(&stmt); err != nil {
		return err
	}
	_, err = s.pool.Exec(ctx, stmt)
	return err
}

// Vacuum vacuums and analyzes the whole database: after a large load, it sets the visibility
// map that index-only scans read, which autovacuum would set some minutes later.
func (s *Store) Vacuum(ctx context.Context) (err error) {
	defer wrap(&err, "store.Vacuum")
	_, err = s.pool.Exec(ctx, `VACUUM (ANALYZE)`)
	return err
}
