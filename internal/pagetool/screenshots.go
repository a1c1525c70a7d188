package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// shots are the pages the README shows.
var shots = []struct{ name, path string }{
	{"home", "/"},
	{"document", "/documents/A-73-230"},
	{"paragraph", "/documents/A-73-230/paragraphs/43"},
	{"advances", "/advances"},
}

// screens are the sizes they are taken at: the top of each page, as it first appears.
var screens = []struct {
	name          string
	width, height int
}{
	{"desktop", 1280, 900},
	{"phone", 390, 844},
}

// chromium is Debian's; no tool here may download a browser.
const chromium = "/usr/bin/chromium"

// screenshots writes a PNG of each shot at each screen size into dir, made smaller with
// optipng where it is installed.
func screenshots(ctx context.Context, base, dir string, stdout io.Writer) error {
	if _, err := os.Stat(chromium); err != nil {
		return fmt.Errorf("%w: install Debian's chromium (apt-get install chromium)", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "pagetool-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	optipng, _ := exec.LookPath("optipng")
	for _, shot := range shots {
		for _, screen := range screens {
			file := filepath.Join(dir, shot.name+"-"+screen.name+".png")
			if err := screenshot(ctx, profile, base+shot.path, file, screen.width, screen.height); err != nil {
				return err
			}
			if optipng != "" {
				if out, err := exec.CommandContext(ctx, optipng, "-quiet", "-o2", file).CombinedOutput(); err != nil {
					return fmt.Errorf("optipng %s: %v\n%s", file, err, out)
				}
			}
			info, err := os.Stat(file)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s\t%dx%d\t%.1f kB\n", file, screen.width, screen.height, float64(info.Size())/1000)
		}
	}
	return nil
}

func screenshot(ctx context.Context, profile, url, file string, width, height int) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+profile,
		"--hide-scrollbars", "--force-device-scale-factor=1",
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+file, url)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %v\n%s", url, err, out)
	}
	return nil
}
