package devdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/store"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// A fresh machine with PostgreSQL's programs but no running server gets a private cluster.
func TestStartCluster(t *testing.T) {
	bin, ok := serverPrograms()
	var missing error
	if !ok {
		missing = errors.New("no initdb in /usr/lib/postgresql/*/bin or on PATH")
	}
	testenv.Require(t, "PostgreSQL's server programs (initdb, pg_ctl)", missing,
		"Install them with `apt-get install postgresql` (as root); the other tests need only a running server.")
	dir := filepath.Join(t.TempDir(), "pgdata")
	// Under root the cluster runs as the postgres user, who must be able to reach the folder.
	for d := filepath.Dir(dir); d != os.TempDir() && strings.HasPrefix(d, os.TempDir()); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)
	ctx := t.Context()
	url, err := privateCluster(ctx, bin, dir, port, io.Discard)
	if err != nil {
		t.Fatalf("privateCluster = %v", err)
	}
	t.Cleanup(func() {
		if out, err := asPostgres(context.Background(), filepath.Join(bin, "pg_ctl"), "-D", dir, "-m", "fast", "-w", "stop").CombinedOutput(); err != nil {
			t.Errorf("pg_ctl stop: %v\n%s", err, out)
		}
	})
	// The next make run finds the cluster that this one left running.
	var out strings.Builder
	if again, err := privateCluster(ctx, bin, dir, port, &out); err != nil || again != url || out.Len() > 0 {
		t.Errorf("privateCluster again = %q, %v, saying %q; want the same database, found without starting", again, err, out.String())
	}
	s, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx, store.MigrateUp, io.Discard); err != nil {
		t.Errorf("Migrate on the private cluster = %v", err)
	}
}

func TestPrepareSaysWhatToDo(t *testing.T) {
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/x?sslmode=disable&connect_timeout=1", freePort(t))
	_, err := Prepare(t.Context(), url, false, io.Discard)
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Errorf("Prepare with nothing at DATABASE_URL = %v, want ErrUnavailable saying what to do", err)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
