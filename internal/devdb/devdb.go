// Package devdb gets a development database ready for `make run` on a fresh machine.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/hrdtracker/hrdtracker/internal/store"
)

// Dir is where a private cluster lives, relative to the working directory; git ignores it.
const Dir = ".pgdata"

// Port is the private cluster's port, away from the standard one in case something else has it.
const Port = 54329

// Prepare makes sure the database at url exists and returns the URL to use. Where no server
// answers and url is the default one, it starts a private cluster in Dir instead, if
// PostgreSQL's server programs are installed.
func Prepare(ctx context.Context, url string, isDefault bool, out io.Writer) (string, error) {
	err := store.EnsureDatabase(ctx, url)
	if err == nil || !errors.Is(err, store.ErrUnavailable) {
		return url, err
	}
	if !isDefault {
		return "", fmt.Errorf("%w\nNo PostgreSQL answers at DATABASE_URL. Start that server, or unset DATABASE_URL to use the local one", err)
	}
	bin, ok := serverPrograms()
	if !ok {
		return "", fmt.Errorf("%w\nNo PostgreSQL answers at 127.0.0.1:5432 and its server programs are not installed.\n"+
			"Install and start it (apt-get install postgresql), or set DATABASE_URL to a server you have", err)
	}
	dir, err := filepath.Abs(Dir)
	if err != nil {
		return "", err
	}
	return privateCluster(ctx, bin, dir, Port, out)
}

// privateCluster returns the URL of the tracker's database in the cluster at dir, starting
// the cluster unless an earlier run left it running.
func privateCluster(ctx context.Context, bin, dir string, port int, out io.Writer) (string, error) {
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/hrdtracker?sslmode=disable", port)
	if err := store.EnsureDatabase(ctx, url); err == nil {
		return url, nil
	}
	fmt.Fprintf(out, "no PostgreSQL at the default address; starting a private one in %s on port %d\n", dir, port)
	if err := startCluster(ctx, bin, dir, port); err != nil {
		return "", err
	}
	return url, store.EnsureDatabase(ctx, url)
}

// serverPrograms finds the directory holding initdb and pg_ctl, newest version first.
func serverPrograms() (string, bool) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, true
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), true
	}
	return "", false
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// asPostgres runs a PostgreSQL program, which refuses to run as root: under root it runs as
// the postgres user.
func asPostgres(ctx context.Context, name string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.CommandContext(ctx, "runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
	}
	return exec.CommandContext(ctx, name, args...)
}

// startCluster creates the cluster on first use and starts it.
func startCluster(ctx context.Context, bin, dir string, port int) error {
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); err != nil {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		if os.Geteuid() == 0 {
			if err := chownToPostgres(dir); err != nil {
				return err
			}
		}
		if out, err := asPostgres(ctx, filepath.Join(bin, "initdb"), "-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8").CombinedOutput(); err != nil {
			return fmt.Errorf("initdb in %s: %w\n%s\nUnder root the postgres user must be able to reach %s", dir, err, out, dir)
		}
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", port, dir)
	if out, err := asPostgres(ctx, filepath.Join(bin, "pg_ctl"), "-D", dir, "-o", opts, "-l", filepath.Join(dir, "server.log"), "-w", "start").CombinedOutput(); err != nil {
		return fmt.Errorf("starting PostgreSQL in %s: %w\n%s", dir, err, out)
	}
	return nil
}

func chownToPostgres(dir string) error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("PostgreSQL is installed but there is no postgres user to run it: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(dir, uid, gid)
}
