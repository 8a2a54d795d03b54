package main

import (
	tea "github.com/charmbracelet/bubbletea"
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
// Known limitation: the console's styles still come from lipgloss's
// process-wide renderer, so colour profile and background are the
// server's, not each client's; only NO_COLOR and the language are the
// client's.
func (sv *server) console(s ssh.Session) *tea.Program {
	l := sv.sessions.get(s)
	if l == nil {
		return nil
	}
	env := clientEnv(s.Environ())
	lang := tui.Lang(sv.app.global.lang)
	if lang == "" {
		lang = tui.LangFromEnv(env)
	}
	now := sv.app.now
	p := tui.NewProgram(l.ctx, tui.Options{
		Backend:    sv.store,
		User:       l.who,
		Lang:       lang,
		Test:       sv.store.IsTest(),
		DBPath:     sv.store.Path(),
		Random:     sv.app.random,
		Today:      func() intake.Date { return intake.DateOf(now(), intake.Oslo) },
		Dark:       true,
		NoColor:    env("NO_COLOR") != "",
		NoFileSave: true,
	}, append(bm.MakeOptions(s), tea.WithoutSignalHandler())...)
	// The pty request's size reaches the program as the first message of
	// the session's window changes (charmbracelet/ssh queues it, wish
	// forwards it); a 0×0 one is handled in tui.NewProgram.
	return p
}
