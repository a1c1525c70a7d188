package store

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/hrdtracker/hrdtracker/migrations"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// Migration is what Migrate does to the schema.
type Migration string

// Migrations.
const (
	MigrateUp     Migration = "up"     // apply every pending migration
	MigrateDown   Migration = "down"   // revert the newest migration
	MigrateReset  Migration = "reset"  // revert every migration
	MigrateStatus Migration = "status" // list the migrations, applied or pending
)

// Migrations lists what Migrate can do, for a command line to offer.
func Migrations() []Migration {
	return []Migration{MigrateUp, MigrateDown, MigrateReset, MigrateStatus}
}

// Migrate applies, reverts or reports the schema migrations; out receives goose's report.
func (s *Store) Migrate(ctx context.Context, direction Migration, out io.Writer) (err error) {
	defer wrap(&err, "store.Migrate(%q)", direction)
	p, closeDB, err := s.migrations()
	if err != nil {
		return err
	}
	defer closeDB()
	switch direction {
	case MigrateUp:
		results, err := p.Up(ctx)
		report(out, results)
		return err
	case MigrateDown:
		result, err := p.Down(ctx)
		if result != nil {
			report(out, []*goose.MigrationResult{result})
		}
		return err
	case MigrateReset:
		results, err := p.DownTo(ctx, 0)
		report(out, results)
		return err
	case MigrateStatus:
		statuses, err := p.Status(ctx)
		for _, st := range statuses {
			applied := "pending"
			if st.State == goose.StateApplied {
				applied = "applied " + st.AppliedAt.Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(out, "%05d %-30s %s\n", st.Source.Version, st.Source.Path, applied)
		}
		return err
	}
	return fmt.Errorf("unknown direction %q: want up, down, reset or status", direction)
}

// ErrSchema means the database's schema is not the one this binary was built for.
var ErrSchema = errors.New("the database schema does not match this binary")

// CheckSchema returns ErrSchema, saying what to do, unless the database holds exactly the
// migrations this binary carries. A server checks rather than migrates at start, so that two
// starting at once do not race and an old binary never serves a newer schema.
func (s *Store) CheckSchema(ctx context.Context) (err error) {
	defer wrap(&err, "store.CheckSchema")
	p, closeDB, err := s.migrations()
	if err != nil {
		return err
	}
	defer closeDB()
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return err
	}
	if current > target {
		return fmt.Errorf("%w: the database is at migration %d, newer than this binary's %d; run the newer binary", ErrSchema, current, target)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		return fmt.Errorf("%w: migrations up to %d are pending (the database is at %d); run `hrdtracker migrate up` first", ErrSchema, target, current)
	}
	return nil
}

func (s *Store) migrations() (p *goose.Provider, closeDB func() error, err error) {
	db := stdlib.OpenDBFromPool(s.pool)
	p, err = goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return p, db.Close, nil
}

func report(out io.Writer, results []*goose.MigrationResult) {
	for _, r := range results {
		fmt.Fprintln(out, r)
	}
}
