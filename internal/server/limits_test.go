package server

import (
	"testing"
	"time"
)

// An outage under load writes one warning an interval, with how many it stood for.
func TestWarningsAreRateLimited(t *testing.T) {
	w := &warnings{interval: 10 * time.Second}
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	logged := 0
	for i := range 3519 {
		if ok, _ := w.allow(start.Add(time.Duration(i) * 10 * time.Second / 3519)); ok {
			logged++
		}
	}
	if logged != 1 {
		t.Errorf("3,519 failures in 10 s logged %d warnings, want 1", logged)
	}
	ok, dropped := w.allow(start.Add(11 * time.Second))
	if !ok || dropped != 3518 {
		t.Errorf("allow after the interval = %v, %d dropped; want true, 3518", ok, dropped)
	}
}

func TestValidHost(t *testing.T) {
	for host, want := range map[string]bool{
		"":                        true,
		"localhost":               true,
		"localhost:8080":          true,
		"hrd.example.org":         true,
		"127.0.0.1:8080":          true,
		"[::1]:8080":              true,
		"evil.example/x":          false,
		"a b":                     false,
		"host:port":               false,
		"x.." + "example":         false,
		string(make([]byte, 300)): false,
	} {
		if got := validHost(host); got != want {
			t.Errorf("validHost(%.20q) = %v, want %v", host, got, want)
		}
	}
}
