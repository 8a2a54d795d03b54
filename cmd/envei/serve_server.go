package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/charmbracelet/wish/ratelimiter"
	"github.com/charmbracelet/wish/recover"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"envei/store"
	"envei/tui"
)

// server is one envei serve: the database it owns, its log, its sessions.
// Everything a session touches hangs off this value; nothing is in package
// state, so tests run several servers in one process.
type server struct {
	app      *app // the serving process's app: its clock, random source, flags
	store    *store.Store
	db       string // the --db the sessions' commands open; "" is store.Path()
	opts     serveOptions
	signer   gossh.Signer
	log      *log.Logger
	sessions *sessions
	// hub wakes every console when a session changed something.
	hub *tui.ChangeHub
	// ctx ends every session when the server stops.
	ctx    context.Context
	cancel context.CancelFunc
}

func newServer(a *app, s *store.Store, o serveOptions, signer gossh.Signer) *server {
	ctx, cancel := context.WithCancel(context.Background())
	logger := log.NewWithOptions(a.stderr, log.Options{ReportTimestamp: true, Prefix: "envei serve"})
	return &server{app: a, store: s, opts: o, signer: signer, log: logger,
		sessions: newSessions(o.maxSessions), hub: tui.NewChangeHub(), ctx: ctx, cancel: cancel}
}

// Rate limit per remote address: a burst of 20 sessions, then one a
// second (a person opens a few at once, a script runs a few commands; a
// loop guessing does not get far). The cache holds that many addresses.
const (
	defaultRateEvery = time.Second
	defaultRateBurst = 20
	rateEntries      = 1000
)

// networkIdleGrace is how long after --idle-timeout a connection on which
// nothing moves is cut, so the console's own end (warning, cleared screen)
// always comes first.
const networkIdleGrace = time.Minute

// sshServer builds the SSH server. Middleware runs last to first: the
// rate limit, then identity and the session registry, then a command
// (no terminal) or the console (a terminal).
func (sv *server) sshServer() (*ssh.Server, error) {
	every, burst := sv.opts.rateEvery, sv.opts.rateBurst
	if every <= 0 {
		every = defaultRateEvery
	}
	if burst <= 0 {
		burst = defaultRateBurst
	}
	opts := []ssh.Option{
		func(srv *ssh.Server) error { srv.AddHostKey(sv.signer); return nil },
		// Only keys on the roster pass the handshake. No password and no
		// keyboard-interactive handler: a server with a public-key handler
		// and neither of those refuses both.
		wish.WithPublicKeyAuth(sv.keyAllowed),
		wish.WithMiddleware(
			// A panic in a session ends that session, not the server.
			recover.MiddlewareWithLogger(sv.log,
				// The profile is wish's floor for MakeRenderer, which the
				// console does not use (sessionColours): Ascii forces nothing.
				bm.MiddlewareWithProgramHandler(sv.console, termenv.Ascii),
				sv.commandMiddleware,
				sv.identify,
			),
			ratelimiter.Middleware(ratelimiter.NewRateLimiter(rate.Every(every), burst, rateEntries)),
		),
		func(srv *ssh.Server) error {
			srv.ConnectionFailedCallback = func(conn net.Conn, err error) {
				sv.log.Info("handshake failed", "addr", conn.RemoteAddr().String(), "err", err)
			}
			return nil
		},
	}
	if sv.opts.idleTimeout > 0 {
		// A console ends itself after --idle-timeout without a key, with a
		// warning first (tui.Options.IdleTimeout). The connection's own
		// idle limit (no bytes either way) comes a minute later, for what
		// the console does not see: a dead connection, a command left
		// waiting on its input.
		opts = append(opts, wish.WithIdleTimeout(sv.opts.idleTimeout+networkIdleGrace))
	}
	return wish.NewServer(opts...)
}

// keyAllowed is the handshake's public-key check. It runs for every key a
// client offers, signed or not, so it only says yes or no: who acts is
// decided after the handshake from the key that signed (identify).
func (sv *server) keyAllowed(ctx ssh.Context, key ssh.PublicKey) bool {
	c, err := sv.store.ClinicianByKey(ctx, key)
	if err != nil {
		sv.log.Error("looking up a key", "err", err)
		return false
	}
	if c == nil {
		sv.log.Info("refused key not on the roster", "key", gossh.FingerprintSHA256(key), "addr", ctx.RemoteAddr().String())
		return false
	}
	return true
}

// announce prints where the server listens, its host key's fingerprint and
// what a clinician types.
func (sv *server) announce(addr net.Addr, keyPath string, created bool) {
	w := sv.app.stdout
	fp := gossh.FingerprintSHA256(sv.signer.PublicKey())
	if created {
		fmt.Fprintf(w, "Made a new host key: %s\n", keyPath)
	}
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		if h, err := os.Hostname(); err == nil {
			host = h
		}
	}
	line := "ssh " + host
	if port != "22" {
		line = "ssh -p " + port + " " + host
	}
	fmt.Fprintf(w, "envei serves %s on %s\n", sv.store.Path(), addr)
	fmt.Fprintf(w, "Host key fingerprint: %s\n", fp)
	fmt.Fprintf(w, "Clinicians connect with: %s\n", line)
	fmt.Fprintf(w, "  (the first time, ssh shows the fingerprint: it must be %s)\n", fp)
	sv.log.Info("listening", "addr", addr.String(), "hostkey", fp, "max-sessions", strconv.Itoa(sv.opts.maxSessions))
}
