package tui

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func newCommon(opts Options) *common {
	ctx := context.Background()
	lang := opts.Lang
	if lang == "" {
		lang = LangEN
	}
	every := opts.RefreshEvery
	if every <= 0 {
		every = refreshEvery
	}
	return &common{
		ctx: ctx, backend: safeBackend{opts.Backend}, user: opts.User, lang: lang, text: catalogFor(lang),
		styles: newStyles(consoleRenderer(opts), opts.Dark, opts.NoColor), test: opts.Test, dbPath: opts.DBPath,
		random: opts.Random, today: opts.Today, loadDemo: opts.LoadDemo, reasons: map[string]string{},
		refreshEvery: every, changes: opts.Changes, changed: opts.Changed,
		noFileSave: opts.NoFileSave,
	}
}

// Run shows the console on the terminal until the user quits.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	m := New(opts)
	m.c.ctx = ctx
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out))
	_, err := p.Run()
	return err
}

// consoleRenderer is the renderer the console draws with: the one opts
// gives, told the background and, under NoColor, that it has no colours
// (so huh's and bubbles' own colours go too), or lipgloss's process-wide
// renderer as it is.
func consoleRenderer(opts Options) *lipgloss.Renderer {
	r := opts.Renderer
	if r == nil {
		return lipgloss.DefaultRenderer()
	}
	r.SetHasDarkBackground(opts.Dark)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	return r
}
