package tui

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// startScreen decides where the console opens: the welcome screen on an
// empty database (no referrals and nobody on the roster but you), else
// the worklist.
type startScreen struct {
	c   *common
	err error
}

type startMsg struct {
	empty bool
	err   error
}

func newStartScreen(c *common) startScreen { return startScreen{c: c} }

func (s startScreen) init() tea.Cmd {
	type probe struct{ referrals, roster int }
	return call(s.c, func(ctx context.Context, b Backend) (probe, error) {
		n, err := b.CountReferrals(ctx)
		if err != nil {
			return probe{}, err
		}
		roster, err := b.Roster(ctx)
		return probe{n, len(roster)}, err
	}, func(p probe, err error) tea.Msg { return startMsg{empty: p.referrals == 0 && p.roster <= 1, err: err} })
}

func (s startScreen) Update(msg tea.Msg) (startScreen, tea.Cmd) {
	if m, ok := msg.(startMsg); ok {
		if m.err != nil {
			s.err = m.err
			return s, nil
		}
		if m.empty {
			return s, func() tea.Msg { return switchMsg{newWelcome(s.c)} }
		}
		return s, func() tea.Msg { return switchMsg{newWorklist(s.c)} }
	}
	return s, nil
}

func (s startScreen) update(msg tea.Msg) (screen, tea.Cmd) { return s.Update(msg) }
func (s startScreen) view() string {
	if s.err != nil {
		return s.c.styles.Error.Render(s.err.Error())
	}
	return s.c.styles.Subtle.Render(s.c.text.Loading)
}
func (s startScreen) title() string          { return "" }
func (s startScreen) keys() help.KeyMap      { return bindings{} }
func (s startScreen) resize(w, h int) screen { return s }
func (s startScreen) capturing() bool        { return false }
func (s startScreen) dirty() bool            { return false }
