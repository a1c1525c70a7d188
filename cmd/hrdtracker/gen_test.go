package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hrdtracker/hrdtracker/internal/dbtest"
	"github.com/hrdtracker/hrdtracker/internal/testenv"
)

// gen fills an empty database, prints what it made, and refuses one that holds data unless
// told to add to it.
func TestGen(t *testing.T) {
	t.Parallel()
	shared, err := testenv.SharedDir()
	if err != nil {
		t.Fatal(err)
	}
	testenv.Corpus(t)
	dbURL := dbtest.NewURL(t)
	getenv := env(map[string]string{"DATABASE_URL": dbURL, "SHARED_DIR": shared})
	ctx := t.Context()
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"migrate", "up"}, getenv, nil, &out, &errOut); err != nil {
		t.Fatalf("migrate up = %v", err)
	}
	out.Reset()
	if err := run(ctx, []string{"gen", "-paragraphs", "300"}, getenv, nil, &out, &errOut); err != nil ||
		!strings.HasPrefix(out.String(), "generated ") || !strings.Contains(out.String(), " 300 paragraphs") {
		t.Fatalf("gen -paragraphs 300 = %v, printed %q; want a summary of 300 paragraphs", err, out.String())
	}
	if errOut.Len() != 0 {
		t.Errorf("gen wrote %q to a stderr that is no terminal; want no progress bar", errOut.String())
	}
	dump := rowsOf(dbtest.Dump(t, dbURL))
	err = run(ctx, []string{"gen", "-paragraphs", "300"}, getenv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "already holds data") || !strings.Contains(err.Error(), "-add") {
		t.Errorf("gen into a database with data = %v, want a refusal that names -add", err)
	}
	err = run(ctx, []string{"gen", "-add", "-paragraphs", "300"}, getenv, nil, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "nothing was loaded") {
		t.Errorf("gen -add of the same documents again = %v, want a refusal that loaded nothing", err)
	}
	if after := rowsOf(dbtest.Dump(t, dbURL)); dump != after {
		t.Errorf("the refused gens changed the database's rows")
	}
	for _, args := range [][]string{{"gen", "-paragraphs", "0"}, {"gen", "extra"}, {"gen", "-corpus", t.TempDir()}} {
		if err := run(ctx, args, getenv, nil, &out, &errOut); err == nil {
			t.Errorf("%v succeeded, want an error", args)
		}
	}
}

// rowsOf is a dump without its sequences' values, which a refused load may have moved on, as
// any failed insert does.
func rowsOf(dump string) string {
	var b strings.Builder
	for l := range strings.SplitSeq(dump, "\n") {
		if !strings.HasPrefix(l, "SELECT pg_catalog.setval(") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
