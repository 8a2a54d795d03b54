package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// serveOptions are envei serve's flags.
type serveOptions struct {
	listen      string
	hostKey     string
	idleTimeout time.Duration
	maxSessions int
	// rateBurst and rateEvery limit new sessions per remote address
	// (wish's ratelimiter): a burst, then one every rateEvery. Zero takes
	// the defaults; tests open many sessions from one address.
	rateBurst int
	rateEvery time.Duration
	// recheckEvery is how often open sessions are checked against the
	// roster (0: every 2 s).
	recheckEvery time.Duration
	// ready, when set, is told the address listened on (tests pass a
	// random port, :0).
	ready func(addr net.Addr)
}

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "serve the console and the commands over SSH to the people on the roster",
		long: `One envei owns the database and serves it over SSH: each person logs in
with their own key (envei clinician key add), and gets the console when
their client gives a terminal (ssh -p 2323 HOST), or runs one command
when a command is given (ssh -p 2323 HOST stats --format csv > stats.csv).
The SSH login name is ignored: the key that signed says who acts.
Passwords are refused. On first start a host key is made in the data
folder and its fingerprint printed: tell it to those who connect.
SIGTERM or SIGINT ends every session and stops within 5 seconds.`,
		setup: func(fs *pflag.FlagSet) runner {
			var o serveOptions
			fs.StringVar(&o.listen, "listen", ":2323", "`ADDR` to listen on, host:port")
			fs.StringVar(&o.hostKey, "host-key", "", "host key `PATH` (default ssh_host_ed25519_key next to the database)")
			fs.DurationVar(&o.idleTimeout, "idle-timeout", 15*time.Minute, "end a console nobody types in for this long, warning a minute before (0: never)")
			fs.IntVar(&o.maxSessions, "max-sessions", 50, "refuse sessions beyond this many at once (0: no limit)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 {
					return usagef("serve takes no arguments")
				}
				if o.maxSessions < 0 || o.idleTimeout < 0 {
					return usagef("--max-sessions and --idle-timeout cannot be negative")
				}
				return a.serve(ctx, o)
			}
		},
	}
}

// shutdownGrace is how long sessions have to end after a signal before
// their connections are cut; the whole stop stays under 5 s.
const shutdownGrace = 3 * time.Second

// serve runs the SSH server until ctx ends (SIGTERM, SIGINT), then ends
// every session, closes the database and returns. A second signal during
// the stop cuts every connection at once.
func (a *app) serve(ctx context.Context, o serveOptions) error {
	s, err := a.open(ctx, openOptions{})
	if err != nil {
		return err
	}
	defer s.Close()
	if o.hostKey == "" {
		beside, err := a.besideDB(s)
		if err != nil {
			return err
		}
		o.hostKey = filepath.Join(beside, "ssh_host_ed25519_key")
	}
	signer, created, err := hostKey(o.hostKey)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return err
	}
	sv := newServer(a, s, o, signer)
	// The sessions' commands open the database as the server did: for a
	// server address that is the DSN as given, password and all, which
	// s.Path() leaves out.
	if loc, err := a.dbPath(); err == nil {
		sv.db = loc.path
	}
	srv, err := sv.sshServer()
	if err != nil {
		ln.Close()
		return err
	}
	sv.announce(ln.Addr(), o.hostKey, created)
	if o.ready != nil {
		o.ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	go sv.recheck()

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	// A second signal while stopping: cut everything now.
	second := make(chan os.Signal, 1)
	signal.Notify(second, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(second)

	sv.log.Info("stopping: ending every session")
	ln.Close()
	sv.sessions.endAll("\r\nenvei serve is stopping; this session ends now. Log in again in a moment.\r\n")
	sv.cancel() // every session's context, and the roster recheck
	ended := make(chan bool, 1)
	go func() { ended <- sv.sessions.wait(time.Now().Add(shutdownGrace)) }()
	select {
	case ok := <-ended:
		if !ok {
			sv.log.Warn("sessions did not end in time; cutting their connections")
		}
	case <-second:
		sv.log.Warn("second signal: cutting every connection now")
	}
	srv.Close()
	<-served // its error is the closed listener's
	sv.log.Info("stopped")
	return nil
}
