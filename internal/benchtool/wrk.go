package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// wrkScript asks for gzip, as browsers do, and prints the run's figures on one line that
// parseWrk reads; wrk's own summary rounds the percentiles and omits the 95th.
const wrkScript = `wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d errors=%d non2xx=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`

// result is one wrk run's figures.
type result struct {
	Requests      int
	Duration      time.Duration
	Errors        int // connections that failed or timed out
	Non2xx        int // answers whose status was not 2xx or 3xx
	P50, P95, P99 time.Duration
}

// RPS is requests per second.
func (r result) RPS() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Duration.Seconds()
}

// parseWrk reads the line wrkScript prints from wrk's output.
func parseWrk(out string) (result, error) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "BENCH ")
		if !ok {
			continue
		}
		fields := map[string]int64{}
		for _, f := range strings.Fields(line) {
			k, v, ok := strings.Cut(f, "=")
			if !ok {
				return result{}, fmt.Errorf("wrk: %q is not key=value", f)
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return result{}, fmt.Errorf("wrk: %s: %w", k, err)
			}
			fields[k] = n
		}
		for _, k := range []string{"requests", "duration_us", "errors", "non2xx", "p50_us", "p95_us", "p99_us"} {
			if _, ok := fields[k]; !ok {
				return result{}, fmt.Errorf("wrk: no %s in %q", k, line)
			}
		}
		us := func(k string) time.Duration { return time.Duration(fields[k]) * time.Microsecond }
		return result{
			Requests: int(fields["requests"]), Duration: us("duration_us"),
			Errors: int(fields["errors"]), Non2xx: int(fields["non2xx"]),
			P50: us("p50_us"), P95: us("p95_us"), P99: us("p99_us"),
		}, nil
	}
	return result{}, fmt.Errorf("wrk printed no figures:\n%s", out)
}

// loader runs wrk with the script in its directory.
type loader struct {
	script               string
	threads, connections int
	duration             time.Duration
	watch                func(stop <-chan struct{}) // runs while wrk does, if not nil
}

func newLoader(dir string, threads, connections int, duration time.Duration) (*loader, error) {
	script := filepath.Join(dir, "figures.lua")
	if err := os.WriteFile(script, []byte(wrkScript), 0o644); err != nil {
		return nil, err
	}
	return &loader{script: script, threads: threads, connections: connections, duration: duration}, nil
}

// run loads url for the loader's duration; wrk itself stops then, and a hung wrk is killed
// soon after.
func (l *loader) run(ctx context.Context, url string) (result, error) {
	ctx, cancel := context.WithTimeout(ctx, l.duration+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "wrk", "-t", strconv.Itoa(l.threads), "-c", strconv.Itoa(l.connections),
		"-d", fmt.Sprintf("%.0fs", l.duration.Seconds()), "--timeout", "10s", "-s", l.script, url)
	stop := make(chan struct{})
	if l.watch != nil {
		go l.watch(stop)
	}
	out, err := cmd.CombinedOutput()
	close(stop)
	if err != nil {
		return result{}, fmt.Errorf("wrk %s: %w\n%s", url, err, out)
	}
	return parseWrk(string(out))
}
