package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"time"

	"envei/intake"
	"envei/store"
)

// Exit codes: 0 done, 1 failed, 2 the command line was wrong.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// app is everything a command touches outside the process, so tests can
// run commands in-process against temp files with a fixed clock and a
// seeded random source.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// username returns the OS login and the person's full name (may be "").
	username func() (login, name string, err error)
	now      func() time.Time
	random   intake.RandomSource
	// isTerminal reports whether the file is an interactive terminal.
	isTerminal func(f any) bool
	// remote is set for a command run over SSH by envei serve: the
	// server's disk is not the user's, so no file is read or written by
	// a path the user gives (serve_command.go).
	remote bool

	global globalOptions
}

// globalOptions are the flags every command takes, before or after its name.
type globalOptions struct {
	db   string
	dbs  []string // every --db given, in order: several for a region report (dbflag.go)
	lang string
}

func newApp() *app {
	return &app{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		username:   osUser,
		now:        time.Now,
		random:     intake.CryptoSource{},
		isTerminal: isTerminal,
	}
}

func osUser() (string, string, error) {
	u, err := user.Current()
	if err != nil {
		return "", "", fmt.Errorf("cannot tell which OS user you are: %w", err)
	}
	return u.Username, u.Name, nil
}

// usageError is a mistake on the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errRemoteFile refuses a path over SSH: it would name a file on the
// server, not on the user's machine.
var errRemoteFile = usageError{"over SSH, files go through standard input and output: give - and redirect (ssh … import - < file, ssh … export > file)"}

// openOptions say how a command wants its database.
type openOptions struct {
	// create makes a database when none is there: init, demo and import
	// only. Every other command refuses a missing database, naming the
	// command that makes one.
	create bool
	// createDefault makes one on the default path only (the console on
	// first use); a path from --db or $ENVEI_DB must exist.
	createDefault bool
	test          bool // a new database is a test database
}

// open opens the database the global options and environment point at.
func (a *app) open(ctx context.Context, o openOptions) (*store.Store, error) {
	loc, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	login, name, err := a.username()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, loc.path, store.Options{
		Create:  o.create || (o.createDefault && !loc.explicit),
		Test:    o.test,
		Creator: intake.Clinician{Username: login, Name: name, Role: intake.RoleAdmin},
		Now:     a.now,
	})
	switch {
	case errors.Is(err, store.ErrNotEnvei):
		return nil, fmt.Errorf("%w\n  envei will not touch this file; pass --db with the path of an envei database, or a new path to create one", err)
	case errors.Is(err, store.ErrNoDatabase):
		return nil, fmt.Errorf("%w\n  create one with: %s", err, loc.createHint())
	}
	return s, err
}

// openAs opens the database and finds who acts on it: the preamble of
// every command that acts as someone on the roster. The store is closed
// again when the actor is refused; otherwise the caller closes it.
func (a *app) openAs(ctx context.Context, o openOptions) (*store.Store, intake.Clinician, error) {
	s, err := a.open(ctx, o)
	if err != nil {
		return nil, intake.Clinician{}, err
	}
	who, err := a.actor(ctx, s)
	if err != nil {
		s.Close()
		return nil, intake.Clinician{}, err
	}
	return s, who, nil
}

// actor returns the roster entry of the OS user running envei.
func (a *app) actor(ctx context.Context, s *store.Store) (intake.Clinician, error) {
	login, _, err := a.username()
	if err != nil {
		return intake.Clinician{}, err
	}
	c, err := s.Actor(ctx, login)
	if errors.Is(err, store.ErrNotOnRoster) {
		return c, fmt.Errorf("you (%s) are not on the roster of %s\n  an admin can add you with: envei clinician add %s --name \"Your Name\" --org dps|municipal",
			login, s.Path(), login)
	}
	return c, err
}

// require returns a clear error when the actor's role is below min.
func require(who intake.Clinician, min intake.Role, what string) error {
	if who.Role.AtLeast(min) {
		return nil
	}
	return fmt.Errorf("%s needs the role %s; you (%s) are %s", what, min, who.Username, who.Role)
}
