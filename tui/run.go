package tui

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"
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
		styles: newStyles(opts.Dark, opts.NoColor), test: opts.Test, dbPath: opts.DBPath,
		random: opts.Random, today: opts.Today, loadDemo: opts.LoadDemo, sendMessages: opts.SendMessages, reasons: map[string]string{},
		refreshEvery: every,
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
