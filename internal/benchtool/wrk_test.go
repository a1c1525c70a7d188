package main

import (
	"testing"
	"time"
)

func TestParseWrk(t *testing.T) {
	out := `Running 5s test @ http://127.0.0.1:18200/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.21ms    3.02ms  40.11ms   80.00%
  12000 requests in 5.00s, 20.00MB read
Requests/sec:   2400.00
Transfer/sec:      4.00MB
BENCH requests=12000 duration_us=5000000 errors=3 non2xx=7 p50_us=9800 p95_us=15500 p99_us=21000
`
	got, err := parseWrk(out)
	if err != nil {
		t.Fatalf("parseWrk = %v", err)
	}
	want := result{Requests: 12000, Duration: 5 * time.Second, Errors: 3, Non2xx: 7,
		P50: 9800 * time.Microsecond, P95: 15500 * time.Microsecond, P99: 21 * time.Millisecond}
	if got != want {
		t.Errorf("parseWrk = %+v, want %+v", got, want)
	}
	if rps := got.RPS(); rps != 2400 {
		t.Errorf("RPS = %v, want 2400", rps)
	}
}

func TestParseWrkRefuses(t *testing.T) {
	for _, tc := range []struct{ name, out string }{
		{"no figures", "Running 5s test @ http://127.0.0.1:18200/\nunable to connect\n"},
		{"a figure missing", "BENCH requests=1 duration_us=1 errors=0 non2xx=0 p50_us=1 p95_us=1\n"},
		{"not a number", "BENCH requests=x duration_us=1 errors=0 non2xx=0 p50_us=1 p95_us=1 p99_us=1\n"},
		{"not key=value", "BENCH requests\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := parseWrk(tc.out); err == nil {
				t.Errorf("parseWrk(%q) = %+v, want an error", tc.out, got)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	for _, tc := range []struct {
		a, b float64
		want string
	}{
		{1, 2, "0.50"},
		{3, 1, "3.00"},
		{1, 0, "-"},
	} {
		if got := ratio(tc.a, tc.b); got != tc.want {
			t.Errorf("ratio(%v, %v) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}
