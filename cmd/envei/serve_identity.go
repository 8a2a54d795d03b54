package main

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"envei/store"
)

// identify decides who acts in a session: the roster person of the key
// that signed the handshake (s.PublicKey()), looked up again now, never a
// key that was only offered (soft-serve's advisory GHSA-pchf-49fh-w34r)
// and never the login name the client sent. It registers the session,
// logs its start and end to the access log, and ends it when the server
// stops.
func (sv *server) identify(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		addr := s.RemoteAddr().String()
		pub := s.PublicKey()
		if pub == nil {
			sv.log.Warn("refused a session without a key", "addr", addr)
			wish.Fatalln(s, "envei: log in with your SSH key")
			return
		}
		fp := gossh.FingerprintSHA256(pub)
		who, err := sv.store.ClinicianByKey(s.Context(), pub)
		if err != nil || who == nil {
			// The key was on the roster at the handshake and is not now.
			sv.log.Warn("refused: key not on the roster", "key", fp, "addr", addr, "err", err)
			wish.Fatalln(s, "envei: your key is not on the roster; ask an admin")
			return
		}
		_, _, isPty := s.Pty()
		kind := "command"
		if isPty {
			kind = "console"
		}
		detail := fmt.Sprintf("%s key %s from %s", kind, fp, addr)
		ctx, cancel := context.WithCancel(sv.ctx)
		defer cancel()
		stopWatch := context.AfterFunc(s.Context(), cancel)
		defer stopWatch()
		l := &liveSession{who: *who, key: fp, pub: pub, ctx: ctx, cancel: cancel,
			stderr: func(msg string) { fmt.Fprint(s.Stderr(), msg) }}
		if !sv.sessions.add(s, l) {
			sv.log.Warn("refused: too many sessions", "user", who.Username, "key", fp, "addr", addr, "max", sv.opts.maxSessions)
			if err := sv.store.LogLogin(ctx, *who, store.LoginRefused, detail+": too many sessions"); err != nil {
				sv.log.Error("access log", "err", err)
			}
			wish.Fatalln(s, fmt.Sprintf("envei: the server has %d sessions open, its most; try again in a moment", sv.opts.maxSessions))
			return
		}
		defer sv.sessions.remove(s)
		if err := sv.store.LogLogin(ctx, *who, store.LoginStart, detail); err != nil {
			// No session runs without its access-log row.
			sv.log.Error("access log", "err", err)
			wish.Fatalln(s, "envei: the server could not log your login; try again")
			return
		}
		start := time.Now()
		sv.log.Info("login", "user", who.Username, "key", fp, "addr", addr, "kind", kind)
		next(s)
		// The logout is logged even when the server is stopping.
		if err := sv.store.LogLogin(context.WithoutCancel(ctx), *who, store.LoginEnd, detail); err != nil {
			sv.log.Error("access log", "err", err)
		}
		sv.log.Info("logout", "user", who.Username, "key", fp, "addr", addr, "kind", kind,
			"duration", time.Since(start).Round(time.Second).String())
	}
}
