package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// drive runs cmd as the Bubble Tea runtime would, feeding what it returns
// back into m, except refresh ticks, which it counts and keeps back.
func drive(t *testing.T, m *Model, cmd tea.Cmd) (ticks int) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		if next == nil {
			continue
		}
		switch msg := next().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case refreshTick:
			ticks++
		default:
			_, more := m.Update(msg)
			queue = append(queue, more)
		}
	}
	return ticks
}

func syncConsole(t *testing.T, opts Options) (*Model, int) {
	opts.RefreshEvery = time.Millisecond
	m := New(opts)
	ticks := drive(t, m, m.Init())
	_, cmd := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m, ticks + drive(t, m, cmd)
}

func (m *Model) press(t *testing.T, names ...string) (ticks int) {
	for _, n := range names {
		_, cmd := m.Update(keyMsg(n))
		ticks += drive(t, m, cmd)
	}
	return ticks
}

// One refresh tick per console, whatever the user does: tab round trips
// once armed a tick chain each, and every chain reloaded the worklist.
func TestOneRefreshTickPerConsole(t *testing.T) {
	s := testStore(t, 30)
	m, pending := syncConsole(t, testOptions(t, s, "root", LangEN))
	if pending != 1 {
		t.Fatalf("%d ticks armed at start", pending)
	}
	for round := 0; round < 3; round++ {
		pending += m.press(t, "tab", "tab", "tab", "tab")
		if pending != 1 {
			t.Fatalf("after %d tab round trips: %d ticks armed", round+1, pending)
		}
		for i := 0; i < pending; i++ {
			_, cmd := m.Update(refreshTick{})
			pending += drive(t, m, cmd) - 1
		}
		if pending != 1 {
			t.Fatalf("after the tick fired: %d ticks armed", pending)
		}
	}
}

// Tab and back keeps the worklist as it was: cursor, filter and search.
func TestTabKeepsTheWorklist(t *testing.T) {
	s := testStore(t, 30)
	m, _ := syncConsole(t, testOptions(t, s, "root", LangEN))
	roundTrip := func() worklist {
		t.Helper()
		m.press(t, "tab", "tab", "tab", "tab")
		w, ok := m.top().(worklist)
		if !ok {
			t.Fatalf("four tabs led to %s", m.top().title())
		}
		return w
	}
	m.press(t, "j", "j")
	if w := roundTrip(); w.cursor != 2 {
		t.Errorf("after a tab round trip the cursor is on row %d, was 2", w.cursor)
	}
	m.press(t, "f")
	if w := roundTrip(); w.state == "" || w.query.State != w.state {
		t.Errorf("after a tab round trip the filter is %q (query %q)", w.state, w.query.State)
	}
	m.press(t, "/", "D", "enter")
	if w := roundTrip(); w.search.Value() != "D" || w.query.Search != "D" {
		t.Errorf("after a tab round trip the search is %q (query %q)", w.search.Value(), w.query.Search)
	}
}
