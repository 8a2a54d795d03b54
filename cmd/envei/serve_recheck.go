package main

import "time"

// defaultRecheck is how often open sessions are checked against the roster.
const defaultRecheck = 2 * time.Second

// recheck ends, within a few seconds, every open session whose key was
// taken off the roster, whose person was removed, or whose role changed
// (the session acts with the role it started with). It runs until the
// server stops. The roster may be changed by envei clinician on the
// server's machine, in another process, so it is read again rather than
// told.
func (sv *server) recheck() {
	every := sv.opts.recheckEvery
	if every <= 0 {
		every = defaultRecheck
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-sv.ctx.Done():
			return
		case <-t.C:
		}
		for _, l := range sv.sessions.list() {
			now, err := sv.store.ClinicianByKey(sv.ctx, l.pub)
			if err != nil {
				if sv.ctx.Err() == nil {
					sv.log.Error("rechecking a session's key", "err", err)
				}
				continue
			}
			if now != nil && now.Username == l.who.Username && now.Role == l.who.Role {
				continue
			}
			sv.log.Warn("ending a session: its key or person changed on the roster", "user", l.who.Username, "key", l.key)
			l.stderr("\r\nenvei: your key or your place on the roster changed; this session ends. Log in again.\r\n")
			l.cancel()
		}
	}
}
