package testenv

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRequireMissing is the test that TestRequire runs in a child process, where its skip or
// failure can be watched from outside.
func TestRequireMissing(t *testing.T) {
	if os.Getenv("TESTENV_CHILD") == "" {
		t.Skip("run by TestRequire")
	}
	Require(t, "the frobnicator", errors.New("not on PATH"), "Run `make frob`.")
	t.Log("went on past Require")
}

func TestRequire(t *testing.T) {
	tests := []struct {
		ci   string
		want []string // in the child's verbose output
	}{
		{"", []string{"--- SKIP: TestRequireMissing", "the frobnicator is missing: not on PATH", "Run `make frob`."}},
		{"true", []string{"--- FAIL: TestRequireMissing", "the frobnicator is missing: not on PATH", "CI is set"}},
	}
	for _, tc := range tests {
		t.Run("CI="+tc.ci, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestRequireMissing$", "-test.v")
			cmd.Env = append(os.Environ(), "TESTENV_CHILD=1", "CI="+tc.ci)
			out, _ := cmd.CombinedOutput()
			for _, w := range tc.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("Require with CI=%q printed:\n%s\nwant it to contain %q", tc.ci, out, w)
				}
			}
			if strings.Contains(string(out), "went on past Require") {
				t.Errorf("Require with CI=%q let the test go on:\n%s", tc.ci, out)
			}
		})
	}
}

func TestSharedDir(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("ModuleRoot() = %s, which holds no go.mod: %v", root, err)
	}
	tests := []struct {
		env, want string
	}{
		{"", filepath.Join(filepath.Dir(root), "shared")},
		{"/srv/shared", "/srv/shared"},
		{"testdata/shared", filepath.Join(root, "testdata", "shared")},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv("SHARED_DIR", tc.env)
			if got, err := SharedDir(); err != nil || got != tc.want {
				t.Errorf("SharedDir() with SHARED_DIR=%q = %q, %v; want %q", tc.env, got, err, tc.want)
			}
		})
	}
}
