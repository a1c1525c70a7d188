package server

import (
	"slices"
	"testing"
)

func TestCellsDisarmFormulas(t *testing.T) {
	got := cells("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "plain", "")
	want := []string{"'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\t=1", "'\r=1", "plain", ""}
	if !slices.Equal(got, want) {
		t.Errorf("cells() = %q, want %q", got, want)
	}
}
