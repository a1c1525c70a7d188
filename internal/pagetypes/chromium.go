package pagetypes

// Chromium is where Debian's chromium package puts the browser. Tests and tools use that one
// and no other: none may download a browser of its own.
const Chromium = "/usr/bin/chromium"

// ChromiumFlags are the switches, without their leading --, that every headless Chromium here
// starts with: the browser tests', pagetool's screenshots and Lighthouse's (through
// `pagetool chromium-flags`). Each run adds a fresh profile of its own (--user-data-dir).
var ChromiumFlags = []string{
	"headless",
	"no-sandbox", // the tests run as root, where Chromium's sandbox refuses to start
	"disable-gpu",
	"no-first-run",
	// These machines have no network but the loopback: without these, Chromium tries to
	// reach Google's services at every start.
	"disable-background-networking",
	"disable-component-update",
	"disable-sync",
	"disable-quic",
}

// ChromiumArgs is ChromiumFlags as command-line arguments.
func ChromiumArgs() []string {
	args := make([]string, len(ChromiumFlags))
	for i, f := range ChromiumFlags {
		args[i] = "--" + f
	}
	return args
}
