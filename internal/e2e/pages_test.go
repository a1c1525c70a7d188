package e2e

// The pages every check runs over, in every language, are pagetypes.EveryLanguage: a new page
// type is added there and nowhere else.

// viewport is a window size the pages must work at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"phone", 375, 812, true},
	{"desktop", 1280, 900, false},
}
