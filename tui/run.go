package tui

import (
	"context"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"envei/intake"
)

// Options configure the console.
//
// A local console (cmd/envei/console.go) sets the fields up to
// RefreshEvery and a Renderer for its terminal. A console served over SSH (envei serve, one
// per session with a terminal) also sets, from its session:
//   - Renderer: the session's own (wish's bubbletea.MakeRenderer), never
//     lipgloss's process-wide one, with Dark and NoColor from the client
//     (NO_COLOR in the session's environment);
//   - Lang: from the client's LC_ALL/LC_MESSAGES/LANG (LangFromEnv over
//     the session's environment), else the person's setting; the console
//     itself never reads the process environment;
//   - IdleTimeout: --idle-timeout (warn a minute before, then quit);
//   - Changes and Changed: a ChangeHub subscription and hub.Publish, so
//     a change in one session reaches the others at once;
//   - NoFileSave: true (w writes nothing on the server's disk).
//
// and runs it with NewProgram (tea.WithoutSignalHandler: the server owns
// the signals). No console state is shared through package variables.
type Options struct {
	Backend Backend
	User    intake.Clinician // the OS user, already on the roster
	Lang    Lang
	Test    bool   // a test database: the console says so on every screen
	DBPath  string // shown in the status line
	Random  intake.RandomSource
	// LoadDemo loads the pilot reconstruction into an empty database (the
	// welcome screen offers it); nil hides the offer.
	LoadDemo func(ctx context.Context) (int, error)
	// Today returns the date in Oslo; it is called inside commands only.
	Today func() intake.Date
	// SendMessages writes the transfer e-messages of ref to receivers
	// (service codes, or "gp") into the outbox and records them; nil hides
	// the console's key for it. cmd/envei provides it: the files are its.
	// A served console writes as its session's person into the outbox next
	// to the server's database, as the local console there does.
	SendMessages func(ctx context.Context, acc intake.Access, ref string, receivers []string) []MessageResult
	// Dark says whether the terminal background is dark (adaptive colours).
	Dark bool
	// NoColor draws without colour (NO_COLOR, or not a colour terminal).
	NoColor bool
	// RefreshEvery is how often screens look for other consoles' changes
	// (0: every 5 s).
	RefreshEvery time.Duration
	// Renderer draws every style of this console (its colour profile).
	// A served console passes its session's own (wish's
	// bubbletea.MakeRenderer), so sessions with different terminals draw
	// differently at once; the console sets the renderer's background to
	// Dark, and its profile to Ascii when NoColor. nil: lipgloss's
	// process-wide renderer, left as it is (one local console per process).
	Renderer *lipgloss.Renderer
	// IdleTimeout ends a console nobody types in: one minute before (half
	// the timeout if that is shorter) it shows a warning in the user's
	// language, any key starts the wait again, and at the timeout it
	// clears the screen and quits (Run returns nil; drafts are kept as on
	// any quit). 0: never (the local default). A served console sets it
	// from envei serve --idle-timeout.
	IdleTimeout time.Duration
	// Changes wakes the console when another session changed something
	// (a ChangeHub subscription): it reloads at once, as on the refresh
	// tick, which stays as it is. nil: the poll alone (local use). The
	// console stops listening when its context ends; the server ends the
	// subscription when the session ends.
	Changes <-chan struct{}
	// Changed is called, in a command (off the event loop), after each
	// change this console reports (a write that succeeded: ChangeHub
	// Publish). It may be called for a change that others need not see;
	// it must not block. nil: nobody is told.
	Changed func()
	// NoFileSave is for a console served over SSH, whose disk is the
	// server's: w (save the note as a file) writes nothing and says
	// instead how to get the note on one's own machine (ssh … note REF).
	NoFileSave bool
}

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
		random: opts.Random, today: opts.Today, loadDemo: opts.LoadDemo, sendMessages: opts.SendMessages, reasons: map[string]string{},
		refreshEvery: every, changes: opts.Changes, changed: opts.Changed,
		noFileSave: opts.NoFileSave,
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
