package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// idleTick is the idle clock's step. The root arms it in Init and again
// each time it fires, and only when Options.IdleTimeout is set, so a
// console has at most this one chain beside the refresh tick. Update never
// reads the clock: idleness is counted in steps.
type idleTick struct{}

// idleClock ends a console nobody types in (Options.IdleTimeout). charm's
// SSH idle timeout counts network traffic, which keepalives reset; this
// counts keys.
type idleClock struct {
	timeout time.Duration // 0: off
	lead    time.Duration // the warning shows this long before the end
	step    time.Duration // how often the clock looks
	idle    time.Duration // since the last key, in whole steps
	warned  bool
}

func newIdleClock(timeout time.Duration) idleClock {
	if timeout <= 0 {
		return idleClock{}
	}
	lead := min(time.Minute, timeout/2)
	// Six looks a minute: the warning and the end come at most 10 s late,
	// and an idle session wakes seldom.
	return idleClock{timeout: timeout, lead: lead, step: max(lead/6, time.Millisecond)}
}

func (i idleClock) tick() tea.Cmd {
	if i.timeout <= 0 {
		return nil
	}
	return tea.Tick(i.step, func(time.Time) tea.Msg { return idleTick{} })
}

// onIdleTick advances the clock a step: the warning shows once a lead is left,
// and at the timeout the console ends with its screen cleared.
func (m *Model) onIdleTick() (tea.Model, tea.Cmd) {
	m.idle.idle += m.idle.step
	if m.idle.idle >= m.idle.timeout {
		m.ended = true
		return m, tea.Sequence(tea.ClearScreen, tea.Quit)
	}
	if m.idle.idle >= m.idle.timeout-m.idle.lead {
		m.idle.warned = true
	}
	return m, m.idle.tick()
}

// onKeyWhileIdle starts the wait again; it reports whether the key only
// took the warning away (it does nothing else, like a key that closes the
// help overlay).
func (m *Model) onKeyWhileIdle() (swallowed bool) {
	m.idle.idle = 0
	if m.idle.warned {
		m.idle.warned = false
		return true
	}
	return false
}
