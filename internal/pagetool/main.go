// Command pagetool weighs and photographs the tracker's pages as a browser gets them. It runs
// the tracker binary on a free port, as `make run` does (with its database and data set):
//
//	pagetool [-bin .build/hrdtracker] weight [PATH...]  each page's transferred size; fails over the limit
//	pagetool [-bin .build/hrdtracker] screenshots DIR   PNGs of the main pages, desktop and phone
//	pagetool chromium-flags                             the headless Chromium flags, for lighthouse.sh
//
// `make weight` and `make screenshots` run it.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/hrdtracker/hrdtracker/internal/pagetypes"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagetool:", err)
		os.Exit(1)
	}
}

const usage = "usage: pagetool [-bin FILE] weight [PATH...] | screenshots DIR | chromium-flags"

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pagetool", flag.ContinueOnError)
	bin := fs.String("bin", ".build/hrdtracker", "the tracker binary to run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	args = fs.Args()
	if len(args) == 1 && args[0] == "chromium-flags" {
		// lighthouse.sh starts Chromium through Lighthouse, with the flags everything else uses.
		_, err := fmt.Fprintln(stdout, strings.Join(pagetypes.ChromiumArgs(), " "))
		return err
	}
	if len(args) == 0 || (args[0] == "screenshots" && len(args) != 2) || (args[0] != "weight" && args[0] != "screenshots") {
		return errors.New(usage)
	}
	base, stop, err := start(ctx, *bin)
	if err != nil {
		return err
	}
	defer stop()
	if args[0] == "weight" {
		paths := args[1:]
		if len(paths) == 0 {
			paths = weighed()
		}
		return weigh(ctx, base, paths, stdout)
	}
	return screenshots(ctx, base, args[1], stdout)
}

// start runs the tracker on a free local port and returns its base URL once it is ready,
// with a function that stops it gracefully.
func start(ctx context.Context, bin string) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close() // the tracker takes the port over; nothing else is likely to in between
	var out bytes.Buffer
	cmd := exec.Command(bin, "serve", "-dev")
	cmd.Env = append(os.Environ(), "ADDR="+addr)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("%w (build it first: make build)", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop = func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}

	base = "http://" + addr
	deadline := time.Now().Add(60 * time.Second) // a first run may create the database
	for {
		if ready(ctx, base) {
			return base, stop, nil
		}
		select {
		case err := <-exited:
			return "", nil, fmt.Errorf("%s serve -dev stopped: %v\n%s", bin, err, out.Bytes())
		case <-ctx.Done():
			stop()
			return "", nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			stop()
			return "", nil, fmt.Errorf("%s serve -dev was not ready within a minute\n%s", bin, out.Bytes())
		}
	}
}

func ready(ctx context.Context, base string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
