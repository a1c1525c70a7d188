package dataset

import (
	_ "embed"
	"slices"
)

//go:embed seed/a-73-230.yaml
var a73230 []byte

// Seed returns the tracker's first data set, for UN report A/73/230: its file name and bytes.
func Seed() (name string, data []byte) {
	return "seed/a-73-230.yaml", slices.Clone(a73230)
}
