// Package testenv decides what a test does when something it needs from outside the
// repository is missing: a browser, Java, the npm packages, PostgreSQL's server programs, the
// project's shared folder. A bare `go test ./...` on a fresh clone skips such a test, saying
// what is missing and how to get it, so that everything else still runs anywhere. Where the
// variable CI is set, the test fails instead: there everything is meant to run, and a test
// that skipped there would pass without testing anything.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Require lets t go on when err is nil. Otherwise what (the thing t needs) is missing: t
// skips, or fails under CI, with a message naming it, err, and howto (how to get it).
func Require(t testing.TB, what string, err error, howto string) {
	t.Helper()
	if err == nil {
		return
	}
	msg := fmt.Sprintf("%s is missing: %v\n%s", what, err, howto)
	if InCI() {
		t.Fatalf("%s\n(CI is set: a test that needs it fails rather than skips)", msg)
	}
	t.Skipf("%s\n(skipped; with CI set this fails)", msg)
}

// InCI reports whether the tests run where everything they need must be present.
func InCI() bool { return os.Getenv("CI") != "" }

// SharedDir is the project's shared folder: $SHARED_DIR, or by default ../shared beside the
// repository. A relative SHARED_DIR is taken from the repository's root too, never from the
// package a test runs in, and no other folder is searched: a test reads what was named.
func SharedDir() (string, error) {
	dir := os.Getenv("SHARED_DIR")
	if dir == "" {
		dir = filepath.Join("..", "shared")
	}
	if filepath.IsAbs(dir) {
		return dir, nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, dir), nil
}

// Shared is the path of elem in the shared folder (SharedDir), which t requires: without it t
// skips, or fails under CI.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := SharedDir()
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	_, err = os.Stat(p)
	Require(t, "the project's shared folder "+p, err,
		"It lies beside the repository as ../shared; set SHARED_DIR to use one elsewhere.")
	return p
}

// Corpus is the folder of the UN treaty bodies' General Comments in the shared folder, for
// the benchmarks and scale tests; t requires it as Shared does.
func Corpus(t testing.TB) string {
	t.Helper()
	return Shared(t, "data", "un-general-comments")
}

// ModuleRoot is the repository's root: the nearest folder holding go.mod, from the working
// directory up (go test runs each package's tests in the package's folder).
func ModuleRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("no go.mod in %s or above it", wd)
		}
	}
}
