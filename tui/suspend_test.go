package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// ctrl+z suspends nothing: a console served over SSH must never stop its
// program (it would hang the session on the server), and the local one
// has no use for it. On the worklist and in a form, the key yields no
// tea.Suspend.
func TestCtrlZNeverSuspends(t *testing.T) {
	m, _ := syncConsole(t, testOptions(t, testStore(t, 5), "root", LangEN))
	suspends := func(msg tea.Msg) bool { _, ok := msg.(tea.SuspendMsg); return ok }
	ctrlZ := tea.KeyMsg{Type: tea.KeyCtrlZ}
	for _, where := range []string{"worklist", "registration form"} {
		if where == "registration form" {
			m.press(t, "n")
		}
		_, cmd := m.Update(ctrlZ)
		if yields(cmd, suspends) {
			t.Errorf("ctrl+z suspends the console on the %s", where)
		}
	}
}
