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
		random: opts.Random, today: opts.Today, loadDemo: opts.LoadDemo, reasons: map[string]string{},
		refreshEvery: every, noFileSave: opts.NoFileSave,
	}
}

// Run shows the console on the terminal until the user quits.
func Run(ctx context.Context, opts Options, in io.Reader, out io.Writer) error {
	_, err := NewProgram(ctx, opts, tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}

// NewProgram makes the console's program, ended when ctx is; more adds
// options (input and output, and for a console served over SSH no signal
// handler of its own: the server owns the signals).
func NewProgram(ctx context.Context, opts Options, more ...tea.ProgramOption) *tea.Program {
	m := New(opts)
	m.c.ctx = ctx
	return tea.NewProgram(m, append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}, more...)...)
}
