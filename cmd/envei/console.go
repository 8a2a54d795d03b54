package main

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"envei/intake"
	"envei/store"
	"envei/tui"
)

// console opens the reception console for the OS user. Without a terminal
// on both sides it stops at once and points to the subcommands.
func (a *app) console(ctx context.Context) error {
	if !a.isTerminal(a.stdin) || !a.isTerminal(a.stdout) {
		return errors.New("the console needs a terminal (standard input and output are not one)\n  for scripts, use the subcommands: envei --help")
	}
	s, who, err := a.openAs(ctx, openOptions{createDefault: true})
	if err != nil {
		return err
	}
	defer s.Close()
	lang := tui.Lang(a.global.lang)
	if lang == "" {
		lang = tui.LangFromEnv(a.getenv)
	}
	r, noColor, dark := a.colours(os.Stdout)
	return tui.Run(ctx, tui.Options{
		Backend:  s,
		User:     who,
		Lang:     lang,
		Test:     s.IsTest(),
		DBPath:   s.Path(),
		Random:   a.random,
		Today:    func() intake.Date { return intake.DateOf(a.now(), intake.Oslo) },
		LoadDemo: func(ctx context.Context) (int, error) { return loadPilot(ctx, s, who) },
		SendMessages: func(ctx context.Context, acc intake.Access, ref string, receivers []string) []tui.MessageResult {
			return consoleMessages(ctx, a, s, acc, ref, receivers, string(lang))
		},
		Dark:     dark,
		NoColor:  noColor,
		Renderer: r,
	}, a.stdin, a.stdout)
}

// colours makes the local console's renderer for out from the app's
// environment (terminalColours).
func (a *app) colours(out io.Writer) (r *lipgloss.Renderer, noColor, dark bool) {
	return terminalColours(out, a.getenv)
}

// terminalColours makes a console's renderer for out and decides its
// colour profile and background once, explicitly, so no style has to ask
// the terminal while the console runs. It leaves lipgloss's process-wide
// renderer alone: each console draws with its own. The background comes
// from COLORFGBG when the terminal sets it, else dark is assumed (most
// terminals); ENVEI_THEME=light|dark overrides both.
//
// The output is known to be a terminal (console checked), so termenv is
// told so: left to itself it reports "no colour" whenever $CI is set,
// and the console would look different in a CI shell than at a desk.
//
// getenv is the terminal's environment: the app's for the local console;
// a served session may pass its client's (TERM, NO_COLOR, COLORFGBG,
// ENVEI_THEME), so each session gets its own renderer.
func terminalColours(out io.Writer, getenv func(string) string) (r *lipgloss.Renderer, noColor, dark bool) {
	profile := termenv.NewOutput(out, termenv.WithTTY(true),
		termenv.WithEnvironment(appEnviron{getenv})).EnvColorProfile()
	noColor = getenv("NO_COLOR") != "" || profile == termenv.Ascii
	if noColor {
		profile = termenv.Ascii
	}
	dark = true
	if fgbg := getenv("COLORFGBG"); strings.Contains(fgbg, ";") {
		parts := strings.Split(fgbg, ";")
		if bg, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			dark = bg < 7 || bg == 8
		}
	}
	switch getenv("ENVEI_THEME") {
	case "light":
		dark = false
	case "dark":
		dark = true
	}
	r = lipgloss.NewRenderer(out, termenv.WithTTY(true), termenv.WithEnvironment(appEnviron{getenv}))
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(dark)
	return r, noColor, dark
}

// loadPilot makes an empty database a test database and loads the pilot
// reconstruction with its fictional roster (the welcome screen's offer).
func loadPilot(ctx context.Context, s *store.Store, who intake.Clinician) (int, error) {
	if err := prepareDemo(ctx, s, who); err != nil {
		return 0, err
	}
	return s.LoadGenerated(ctx, who, pilotGenerator(), nil)
}

// appEnviron lets termenv read the environment through app.getenv, so
// tests that set the app's environment also set what termenv sees.
type appEnviron struct{ getenv func(string) string }

func (e appEnviron) Getenv(key string) string { return e.getenv(key) }

// Environ is part of termenv.Environ; termenv only calls Getenv.
func (e appEnviron) Environ() []string { return nil }
