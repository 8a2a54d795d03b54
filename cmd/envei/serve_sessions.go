package main

import (
	"context"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"

	"envei/intake"
)

// liveSession is one open SSH session of the server: who it is (resolved
// from the key that signed), and how to end it.
type liveSession struct {
	who    intake.Clinician
	key    string // the fingerprint of the key that signed
	pub    ssh.PublicKey
	ctx    context.Context
	cancel context.CancelFunc
	stderr func(msg string)
}

// sessions is the server's registry of open sessions. It lives in the
// server value, not in package state: tests run several servers.
type sessions struct {
	mu   sync.Mutex
	max  int
	open map[ssh.Session]*liveSession
	// changed is closed and replaced each time a session ends (wait).
	changed chan struct{}
}

func newSessions(max int) *sessions {
	return &sessions{max: max, open: map[ssh.Session]*liveSession{}, changed: make(chan struct{})}
}

// add registers a session; false when --max-sessions are already open.
func (r *sessions) add(s ssh.Session, l *liveSession) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.max > 0 && len(r.open) >= r.max {
		return false
	}
	r.open[s] = l
	return true
}

func (r *sessions) remove(s ssh.Session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.open, s)
	close(r.changed)
	r.changed = make(chan struct{})
}

func (r *sessions) get(s ssh.Session) *liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.open[s]
}

// list returns the open sessions.
func (r *sessions) list() []*liveSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*liveSession, 0, len(r.open))
	for _, l := range r.open {
		out = append(out, l)
	}
	return out
}

// endAll tells every session msg and ends it.
func (r *sessions) endAll(msg string) {
	for _, l := range r.list() {
		l.stderr(msg)
		l.cancel()
	}
}

// wait returns when no session is open, or at deadline (false).
func (r *sessions) wait(deadline time.Time) bool {
	for {
		r.mu.Lock()
		n, changed := len(r.open), r.changed
		r.mu.Unlock()
		if n == 0 {
			return true
		}
		select {
		case <-changed:
		case <-time.After(time.Until(deadline)):
			return false
		}
	}
}
