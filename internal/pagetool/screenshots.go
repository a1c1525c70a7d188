package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

// screens are the sizes they are taken at: the top of each page, as it first appears.
var screens = []struct {
	name          string
	width, height int
}{
	{"desktop", 1280, 900},
	{"phone", 390, 844},
}

// chromium is Debian's; no tool here may download a browser.
const chromium = pagetypes.Chromium

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
	for _, shot := range pagetypes.All {
		if !shot.Screenshot {
			continue
		}
		for _, screen := range screens {
			file := filepath.Join(dir, shot.Name+"-"+screen.name+".png")
			if err := screenshot(ctx, profile, base+shot.Path, file, screen.width, screen.height); err != nil {
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
	args := append(pagetypes.ChromiumArgs(),
		"--user-data-dir="+profile,
		"--hide-scrollbars", "--force-device-scale-factor=1",
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+file, url)
	cmd := exec.CommandContext(ctx, chromium, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %v\n%s", url, err, out)
	}
	return nil
}
