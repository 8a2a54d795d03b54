package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// common is what every screen shares: the backend, who is working, the
// words and styles of the chosen language and theme. It is built once and
// never changed, so screens may hold a pointer to it — except reasons,
// which only Update code touches (never a command's goroutine).
type common struct {
	ctx          context.Context
	backend      Backend
	user         intake.Clinician
	lang         Lang
	text         *Catalog
	styles       *Styles
	test         bool
	dbPath       string
	random       intake.RandomSource
	today        func() intake.Date
	loadDemo     func(ctx context.Context) (int, error)
	sendMessages func(ctx context.Context, acc intake.Access, ref string, receivers []string) []MessageResult
	refreshEvery time.Duration
	changes      <-chan struct{} // Options.Changes
	changed      func()          // Options.Changed
	noFileSave   bool            // served over SSH: w writes no file (Options.NoFileSave)
	// reasons are the break-the-glass reasons given in this session, by
	// ref (see access.go).
	reasons map[string]string
}

// callTimeout bounds one store call made for the console; the store's own
// busy timeout is shorter, so this only catches a wedged disk.
const callTimeout = 30 * time.Second

// call runs fn against the backend in a command and wraps its result in
// the message wrap builds. Values fn needs must be copied before the
// closure is made; fn must not touch any model.
func call[T any](c *common, fn func(ctx context.Context, b Backend) (T, error), wrap func(T, error) tea.Msg) tea.Cmd {
	return callUnder(c, c.ctx, fn, wrap)
}

// callUnder is call under a context of the screen's own, which the screen
// cancels when the work is no longer wanted.
func callUnder[T any](c *common, parent context.Context, fn func(ctx context.Context, b Backend) (T, error), wrap func(T, error) tea.Msg) tea.Cmd {
	backend := c.backend
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(parent, callTimeout)
		defer cancel()
		v, err := fn(ctx, backend)
		return wrap(v, err)
	}
}

// can reports whether the user's role reaches min.
func (c *common) can(min intake.Role) bool { return c.user.Role.AtLeast(min) }
