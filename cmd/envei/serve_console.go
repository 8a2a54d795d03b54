package main

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"

	"envei/intake"
	"envei/tui"
)

// A terminal that reports no size (0×0) gets the classic one until the
// first resize.
const (
	defaultWidth  = 80
	defaultHeight = 24
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
	// wish v1 does not give the program the terminal's first size.
	pty, _, _ := s.Pty()
	w, h := pty.Window.Width, pty.Window.Height
	if w <= 0 || h <= 0 {
		w, h = defaultWidth, defaultHeight
	}
	go p.Send(tea.WindowSizeMsg{Width: w, Height: h})
	return p
}
