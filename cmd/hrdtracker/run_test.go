package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestCheckAndImport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	_, seed := dataset.Seed()
	if err := os.WriteFile(good, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("document:\n  title: 12\n  kind: poem\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := env(map[string]string{"DATABASE_URL": dbtest.NewURL(t)})
	var out, errOut bytes.Buffer
	ctx := t.Context()
	if err := run(ctx, []string{"migrate", "up"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("migrate up = %v", err)
	}
	for _, direction := range []string{"status", "down", "reset", "up"} {
		if err := run(ctx, []string{"migrate", direction}, getenv, nil, &out, &errOut); err != nil {
			t.Fatalf("migrate %s = %v", direction, err)
		}
	}
	if err := run(ctx, []string{"check", good}, getenv, nil, &out, &errOut); err != nil {
		t.Errorf("check of the seed = %v", err)
	}
	if err := run(ctx, []string{"check", bad}, getenv, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "bad.yaml:") {
		t.Errorf("check of a bad file = %v, want problems with their place in bad.yaml", err)
	}
	if err := run(ctx, []string{"import", bad}, getenv, nil, &out, &errOut); err == nil {
		t.Error("import of a bad file succeeded")
	}
	out.Reset()
	if err := run(ctx, []string{"import", good}, getenv, nil, &out, &errOut); err != nil || !strings.Contains(out.String(), "11 advances") {
		t.Errorf("import of the seed = %v, printed %q; want 11 advances imported", err, out.String())
	}
	// The limits and the permission to change shared records are the command's to set.
	if err := run(ctx, []string{"check", "-max-size", "100", good}, getenv, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "-max-size") {
		t.Errorf("check -max-size 100 of the seed = %v, want it refused naming -max-size", err)
	}
	evil := filepath.Join(dir, "evil.yaml")
	if err := os.WriteFile(evil, []byte("document: {slug: EVIL-1, title: Evil, kind: report}\n"+
		"bodies: [{slug: cescr, kind: state, name: Hacked}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"check", "import"} {
		if err := run(ctx, []string{cmd, evil}, getenv, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), `evil.yaml:2:`) {
			t.Errorf("%s of a file renaming cescr = %v, want it refused at its place in evil.yaml", cmd, err)
		}
	}
	if err := run(ctx, []string{"import", "-update-shared", evil}, getenv, nil, &out, &errOut); err != nil {
		t.Errorf("import -update-shared of a file renaming cescr = %v, want it imported", err)
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"migrate", "sideways"}, {"import"}} {
		if err := run(ctx, args, getenv, nil, &out, &errOut); err == nil {
			t.Errorf("run(%q) succeeded, want a usage error", args)
		}
	}
}

// serve -dev on an empty database loads the data set, serves it, and stops cleanly when its
// context ends, as it does on SIGINT or SIGTERM.
func TestServeDevLoadsDataAndShutsDown(t *testing.T) {
	t.Parallel()
	getenv := env(map[string]string{"DATABASE_URL": dbtest.NewURL(t), "ADDR": "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "-dev"}, getenv, nil, out, &bytes.Buffer{}) }()

	base := waitForServe(t, out)
	if !strings.Contains(out.String(), "loaded the data set") {
		t.Errorf("serve -dev on an empty database printed %q, want the data set loaded", out.String())
	}
	resp, err := http.Get(base + "/documents/A-73-230/paragraphs/14")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET paragraph 14 = %d, want 200", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after shutdown = %v, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

// Outside development, serve neither migrates nor guesses its address: it refuses to start
// without PUBLIC_URL, and on a schema with migrations pending, saying what to do; once the
// schema is migrated it serves.
func TestServeRefusesWhatDevelopmentForgives(t *testing.T) {
	url := dbtest.NewURL(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out bytes.Buffer
	noPublicURL := env(map[string]string{"DATABASE_URL": url, "ADDR": "127.0.0.1:0"})
	if err := run(ctx, []string{"serve"}, noPublicURL, nil, &out, &out); err == nil || !strings.Contains(err.Error(), "PUBLIC_URL") {
		t.Errorf("serve without PUBLIC_URL = %v, want a refusal naming PUBLIC_URL", err)
	}
	getenv := env(map[string]string{"DATABASE_URL": url, "ADDR": "127.0.0.1:0", "PUBLIC_URL": "https://hrd.example.org"})
	if err := run(ctx, []string{"migrate", "down"}, getenv, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"serve"}, getenv, nil, &out, &out); err == nil || !strings.Contains(err.Error(), "hrdtracker migrate up") {
		t.Errorf("serve with a migration pending = %v, want a refusal telling to migrate up", err)
	}
	if err := run(ctx, []string{"migrate", "up"}, getenv, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	served := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, getenv, nil, served, &bytes.Buffer{}) }()
	base := waitForServe(t, served)
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /readyz = %d, want 200", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after shutdown = %v, want nil", err)
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// With a request stuck on a frozen database, shutdown still ends within SHUTDOWN_TIMEOUT.
func TestShutdownKeepsItsTimeout(t *testing.T) {
	proxy, dbURL := dbtest.NewProxy(t, dbtest.NewURL(t))
	getenv := env(map[string]string{"DATABASE_URL": dbURL, "ADDR": "127.0.0.1:0", "SHUTDOWN_TIMEOUT": "500ms"})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "-dev"}, getenv, nil, out, &bytes.Buffer{}) }()
	base := waitForServe(t, out)

	proxy.Freeze()
	go http.Get(base + "/advances") // stuck on the frozen database
	time.Sleep(200 * time.Millisecond)
	cancel()
	start := time.Now()
	select {
	case <-done:
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("serve took %v to stop with SHUTDOWN_TIMEOUT=500ms", took)
		}
	case <-time.After(8 * time.Second):
		t.Fatal("serve did not stop within 8s with SHUTDOWN_TIMEOUT=500ms")
	}
}

// waitForServe waits for serve to say where it listens and returns that address.
func waitForServe(t *testing.T, out *syncBuffer) string {
	t.Helper()
	addr := regexp.MustCompile(`serving the HRD Advances Tracker on (http://\S+)`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("serve did not start; it printed %q", out.String())
	return ""
}
