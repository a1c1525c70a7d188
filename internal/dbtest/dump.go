package dbtest

import (
	"os/exec"
	"strings"
	"testing"
)

// Dump is every row of the database at url, as pg_dump --data-only writes it, sequences
// included: tests compare two dumps to show that an import changed nothing (a refused one must
// not even use up an identity value).
func Dump(t testing.TB, url string) string {
	t.Helper()
	out, err := exec.Command("pg_dump", "--data-only", "--no-owner", "--no-privileges", url).Output()
	if err != nil {
		t.Fatalf("pg_dump (from the PostgreSQL client package) = %v", err)
	}
	// The \restrict lines carry a random key that differs at each run.
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, `\restrict `) && !strings.HasPrefix(l, `\unrestrict `) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
