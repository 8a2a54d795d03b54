package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// The top-level screens tab cycles through are kept while another one is
// shown: the worklist keeps its filter, search, page and cursor. A kept
// screen missed the changes and ticks while it was away, so it hears of a
// change when it comes back and reloads in place.

// tabTitles name the screens of tabs(), in order; a screen is one of them
// when its title is (the welcome screen can open the roster directly).
func (m *Model) tabTitles() []string {
	t := m.c.text
	return []string{t.WorklistTitle, t.RosterTitle, t.ServicesTitle, t.StatsTitle}
}

// tabOf is the index of s in tabs(), or -1.
func (m *Model) tabOf(s screen) int {
	for i, title := range m.tabTitles() {
		if s.title() == title {
			return i
		}
	}
	return -1
}

// nextTab shows the next top-level screen, the one kept from before when
// there is one.
func (m *Model) nextTab() (tea.Model, tea.Cmd) {
	if m.kept == nil {
		m.kept = make([]screen, len(m.tabs()))
	}
	if i := m.tabOf(m.stack[0]); i >= 0 {
		m.kept[i], m.tab = m.stack[0], i
	}
	// A kept screen is left all the same: its work under way stops, and
	// it loads afresh when it comes back (changedMsg below).
	leave(m.stack...)
	m.tab = (m.tab + 1) % len(m.tabs())
	if s := m.kept[m.tab]; s != nil {
		s, cmd := s.resize(m.bodySize()).update(changedMsg{})
		m.stack = []screen{s}
		return m, cmd
	}
	s := m.tabs()[m.tab](m.c).resize(m.bodySize())
	m.stack = []screen{s}
	return m, s.init()
}

// refreshTick asks the screens on the stack to look for other consoles'
// changes. The root owns the one tick of a console: it is armed in Init
// and again each time it fires, never by a screen, so tab round trips and
// screens opened and closed cannot multiply it.
type refreshTick struct{}

func tickRefresh(c *common) tea.Cmd {
	return tea.Tick(c.refreshEvery, func(time.Time) tea.Msg { return refreshTick{} })
}
