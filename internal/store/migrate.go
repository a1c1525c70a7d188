package store

import (
	"context"
	"fmt"
	"io"

	"github.com/hrdtracker/hrdtracker/migrations"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

// Migration directions for Migrate.
const (
	Up     = "up"
	Down   = "down"
	Status = "status"
	Reset  = "reset"
)

// Migrate applies, reverts or reports the schema migrations; out receives goose's report.
func (s *Store) Migrate(ctx context.Context, direction string, out io.Writer) (err error) {
	defer wrap(&err, "store.Migrate(%q)", direction)
	db := stdlib.OpenDBFromPool(s.pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS)
	if err != nil {
		return err
	}
	switch direction {
	case Up:
		results, err := p.Up(ctx)
		report(out, results)
		return err
	case Down:
		result, err := p.Down(ctx)
		if result != nil {
			report(out, []*goose.MigrationResult{result})
		}
		return err
	case Reset:
		results, err := p.DownTo(ctx, 0)
		report(out, results)
		return err
	case Status:
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

func report(out io.Writer, results []*goose.MigrationResult) {
	for _, r := range results {
		fmt.Fprintln(out, r)
	}
}
