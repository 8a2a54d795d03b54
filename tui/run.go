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
	return tea.NewProgram(sizeGuard{m}, append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithContext(ctx)}, more...)...)
}

// A terminal that reports no size (0×0, as some SSH clients do) gets the
// classic one until it reports a real size.
const (
	fallbackWidth  = 80
	fallbackHeight = 24
)

// sizeGuard passes every message to the console, a window size of zero
// replaced by the fallback, so no screen is laid out in zero columns.
type sizeGuard struct{ m tea.Model }

func (g sizeGuard) Init() tea.Cmd { return g.m.Init() }

func (g sizeGuard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		if ws.Width <= 0 {
			ws.Width = fallbackWidth
		}
		if ws.Height <= 0 {
			ws.Height = fallbackHeight
		}
		msg = ws
	}
	var cmd tea.Cmd
	g.m, cmd = g.m.Update(msg)
	return g, cmd
}

func (g sizeGuard) View() string { return g.m.View() }
