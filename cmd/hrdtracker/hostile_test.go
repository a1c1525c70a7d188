package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
)

// A load of the requests that once amplified memory (a megabyte of "&" echoed into every
// language link, a megabyte Host header in a feed) keeps the real server, built as shipped,
// under 100 MB of resident memory, and no answer grows past a page plus 64 KB. The binary is
// built without the race detector, whose own memory would swamp what is measured.
func TestHostileLoadKeepsMemoryBounded(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "hrdtracker")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "-dev")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbtest.NewURL(t), "ADDR=127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel() // ends the server
		cmd.Wait()
	}()
	lines := bufio.NewScanner(stdout)
	var base string
	for base == "" && lines.Scan() {
		if _, addr, ok := strings.Cut(lines.Text(), "serving the HRD Advances Tracker on "); ok {
			base = addr
		}
	}
	if base == "" {
		t.Fatal("the server did not say where it serves")
	}
	go io.Copy(io.Discard, stdout)

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 100}}
	size := func(target, host string) (int, int64, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+target, nil)
		if err != nil {
			return 0, 0, err
		}
		if host != "" {
			req.Host = host
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		defer resp.Body.Close()
		n, err := io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, n, err
	}
	_, page, err := size("/advances", "")
	if err != nil {
		t.Fatal(err)
	}
	// Requests over MaxHeaderBytes are refused (431) before they are read whole; the client,
	// still writing, may see that as its connection reset or closed under it.
	hostile := []struct {
		target, host string
		oversize     bool
	}{
		{"/advances?" + strings.Repeat("&", 1<<20-20), "", true},
		{"/fr/advances?" + strings.Repeat("&", 3000), "", false},
		{"/advances.atom", strings.Repeat("h", 1<<20-100), true},
		{"/fr/%2Fevil.example?" + strings.Repeat("&", 3000), "", false},
		{"/" + strings.Repeat("x/", 2000), "", false},
	}
	const concurrent, rounds = 100, 3
	var wg sync.WaitGroup
	errs := make(chan error, concurrent*rounds*len(hostile))
	for i := range concurrent {
		wg.Go(func() {
			for r := range rounds {
				h := hostile[(i+r)%len(hostile)]
				status, n, err := size(h.target, h.host)
				switch {
				case err != nil && h.oversize && (errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)):
				case err != nil:
					errs <- fmt.Errorf("GET %.40s: %v", h.target, err)
				case status >= 500:
					errs <- fmt.Errorf("GET %.40s = %d", h.target, status)
				case n > page+64<<10:
					errs <- fmt.Errorf("GET %.40s answered %d bytes, over a page's %d plus 64 KB", h.target, n, page)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	peak := peakRSS(t, cmd.Process.Pid)
	t.Logf("%d hostile requests, %d at once: peak RSS %d MB", concurrent*rounds, concurrent, peak>>20)
	if peak > 100<<20 {
		t.Errorf("the server's peak RSS under the hostile load is %d MB, want under 100 MB", peak>>20)
	}
}

// peakRSS is the most resident memory the process has held, from Linux's VmHWM.
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("reading the server's memory: %v", err)
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("VmHWM %q: %v", v, err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}
