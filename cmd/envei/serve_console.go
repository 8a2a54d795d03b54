package main

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"

	"envei/intake"
	"envei/tui"
)

// console makes the program of a session with a terminal: its own
// tea.Program, bound to the key's roster person (the console never says
// who it is), ended with the session or the server, with no signal
// handler of its own (the server owns the signals) and bubbletea's panic
// catching left on, so a panic ends one session and not the server.
//
// Everything that differs between clients comes from the session, never
// from the server's process: the renderer and its colours (sessionColours),
// the language (sessionLang). The console ends itself after --idle-timeout
// without a key, with a warning a minute before, and hears the other
// sessions' changes through the server's hub.
func (sv *server) console(s ssh.Session) *tea.Program {
	l := sv.sessions.get(s)
	if l == nil {
		return nil
	}
	r, noColor, dark := sessionColours(s)
	changes, unsubscribe := sv.hub.Subscribe()
	// The subscription ends with the session: its context ends when the
	// session's handler returns, the connection closes or the server stops.
	context.AfterFunc(l.ctx, unsubscribe)
	opts := sv.consoleOptions(l, sessionLang(clientEnv(s.Environ()), tui.Lang(sv.app.global.lang)))
	opts.Renderer, opts.Dark, opts.NoColor = r, dark, noColor
	opts.Changes = changes
	p := tui.NewProgram(l.ctx, opts, append(bm.MakeOptions(s), tea.WithoutSignalHandler())...)
	// The pty request's size reaches the program as the first message of
	// the session's window changes (charmbracelet/ssh queues it, wish
	// forwards it); a 0×0 one is handled in tui.NewProgram.
	return p
}

// consoleOptions is what a session's console gets from the server, apart
// from its terminal (renderer, colours) and the hub's subscription: the
// server's store, the session's person and language. The e-messages are
// written as that person into the outbox next to the server's database,
// where the local console on that machine writes them too
// (consoleMessages): the outbox belongs to the reception, not to the
// client's machine.
func (sv *server) consoleOptions(l *liveSession, lang tui.Lang) tui.Options {
	now := sv.app.now
	return tui.Options{
		Backend: sv.store,
		User:    l.who,
		Lang:    lang,
		Test:    sv.store.IsTest(),
		DBPath:  sv.store.Path(),
		Random:  sv.app.random,
		Today:   func() intake.Date { return intake.DateOf(now(), intake.Oslo) },
		SendMessages: func(ctx context.Context, acc intake.Access, ref string, receivers []string) []tui.MessageResult {
			acc.Who = l.who // the session's person, whoever the console says
			return consoleMessages(ctx, sv.app, sv.store, acc, ref, receivers, string(lang))
		},
		IdleTimeout:  sv.opts.idleTimeout,
		RefreshEvery: servedRefreshEvery,
		Changed:      sv.hub.Publish,
		NoFileSave:   true,
	}
}

// servedRefreshEvery is how often a served console polls the store for
// changes. Every change made through the server reaches it at once (the
// hub), so the poll is only the backstop for writes made beside the
// server (an admin's local envei on the server's machine); at the local
// 5 s, 50 idle sessions cost the server about 10 % of a core in polls
// (envei-bench --served, BENCHMARKS.md).
const servedRefreshEvery = time.Minute

// sessionColours makes the session's own renderer from its client's
// terminal: the pty's TERM and the client's NO_COLOR, COLORTERM,
// COLORFGBG and ENVEI_THEME, as the local console does from its own
// environment (terminalColours). wish's MakeRenderer is not used: it asks
// the client's terminal for its background and waits up to a second for
// the answer, reading the session's input meanwhile, so a client that
// does not answer (a script, some Windows terminals) would start a
// second late and could lose its first keys. The background comes from
// COLORFGBG or ENVEI_THEME (SendEnv), else dark, as locally.
func sessionColours(s ssh.Session) (r *lipgloss.Renderer, noColor, dark bool) {
	env := clientEnv(s.Environ())
	term := ""
	if pty, _, ok := s.Pty(); ok {
		term = pty.Term
	}
	return terminalColours(s, func(key string) string {
		if key == "TERM" {
			return term
		}
		return env(key)
	})
}

// sessionLang is the console's language: the client's LC_ALL, LC_MESSAGES
// or LANG when it sent one (OpenSSH's SendEnv LANG LC_*), else the
// server's --lang, else English.
func sessionLang(env func(string) string, serverLang tui.Lang) tui.Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if env(name) != "" {
			return tui.LangFromEnv(env)
		}
	}
	if serverLang != "" {
		return serverLang
	}
	return tui.LangEN
}
