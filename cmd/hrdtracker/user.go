package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/hrdtracker/hrdtracker/internal/auth"
	"github.com/hrdtracker/hrdtracker/internal/store"
	"golang.org/x/term"
)

const userUsage = "usage: hrdtracker user add -email ADDRESS -name NAME -role admin|editor, or hrdtracker user list"

// userCommand manages the accounts that sign in to edit. A password is never an argument,
// which the process list and the shell's history would show: it is read from the terminal
// without echo, or from standard input when that is not a terminal (a script, a pipe).
func userCommand(ctx context.Context, databaseURL string, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	switch args[0] {
	case "add":
		fs := flag.NewFlagSet("user add", flag.ContinueOnError)
		fs.SetOutput(stderr)
		var u auth.NewUser
		fs.StringVar(&u.Email, "email", "", "the account's email `address`, with which it signs in")
		fs.StringVar(&u.Name, "name", "", "the `name` shown to other editors")
		role := fs.String("role", "", "admin (manages the accounts) or editor")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 0 {
			return fmt.Errorf("user add takes no arguments besides its flags, got %q; %s", fs.Args(), userUsage)
		}
		u.Role = store.Role(*role)
		password, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		u.Password = password
		return withStore(ctx, databaseURL, func(s *store.Store) error {
			user, err := auth.CreateUser(ctx, s, u)
			if errors.Is(err, store.ErrConflict) {
				return fmt.Errorf("an account with the email address %s already exists", strings.TrimSpace(u.Email))
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "added %s <%s> as %s\n", user.Name, user.Email, user.Role)
			return nil
		})
	case "list":
		if len(args) != 1 {
			return errors.New(userUsage)
		}
		return withStore(ctx, databaseURL, func(s *store.Store) error {
			users, err := s.Users(ctx)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tSTATUS\tADDED")
			for _, u := range users {
				status := "active"
				if u.Disabled {
					status = "disabled"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, status, u.Created.UTC().Format("2006-01-02"))
			}
			return tw.Flush()
		})
	}
	return fmt.Errorf("unknown user command %q; %s", args[0], userUsage)
}

// readPassword reads a new password: twice from a terminal, without echo, so that a typo is
// caught; else the first line of stdin.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		fmt.Fprint(stderr, "Password again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		if string(first) != string(again) {
			return "", errors.New("the two passwords differ; nothing was added")
		}
		return string(first), nil
	}
	if stdin == nil {
		return "", errors.New("no password given: type it at a terminal, or send it on standard input")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, auth.MaxPassword+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("reading the password from standard input: %w", err)
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}
