package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
)

// An idle console warns one minute before its timeout, in the user's
// language, and then ends with an empty screen; a key in between starts
// the wait again (and only takes the warning away).
func TestIdleConsoleWarnsThenEnds(t *testing.T) {
	opts := testOptions(t, testStore(t, 5), "root", LangNB)
	m, _ := syncConsole(t, opts)
	// Set after the start: drive would wait out Init's idle ticks. The
	// steps are sent by hand below; the real chain is the next test's.
	m.idle = newIdleClock(2 * time.Minute)
	tick := func(n int) {
		for range n {
			if _, cmd := m.Update(idleTick{}); cmd == nil {
				t.Fatal("the idle tick was not armed again")
			}
		}
	}
	warning := "Økten avsluttes om ett minutt"
	tick(5) // 50 s of 2 min
	if strings.Contains(m.View(), warning) {
		t.Fatal("warned after 50 s of a 2 min timeout")
	}
	tick(1) // 60 s: one minute left
	if !strings.Contains(ansi.Strip(m.View()), warning) {
		t.Fatalf("no warning one minute before the end:\n%s", ansi.Strip(m.View()))
	}
	m.press(t, "j") // any key: the wait starts again
	if strings.Contains(m.View(), warning) || len(m.stack) != 1 {
		t.Fatal("a key did not take the warning away, or acted as well")
	}
	tick(11) // 110 s since the key
	if m.ended {
		t.Fatal("ended 110 s after a key with a 2 min timeout")
	}
	_, cmd := m.Update(idleTick{}) // 120 s
	if !m.ended || m.View() != "" {
		t.Fatalf("not ended with an empty screen after 2 min idle: ended %v", m.ended)
	}
	if !quits(cmd) {
		t.Error("the console did not quit at the idle timeout")
	}
}

// quits says whether cmd (or a sequence or batch in it) quits.
func quits(cmd tea.Cmd) bool {
	return yields(cmd, func(msg tea.Msg) bool { _, ok := msg.(tea.QuitMsg); return ok })
}

// yields says whether cmd, or a batch or sequence in it, gives a message
// is says yes to. Commands are run (a tick waits for its time).
func yields(cmd tea.Cmd, is func(tea.Msg) bool) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if is(msg) {
		return true
	}
	cmds, ok := msg.(tea.BatchMsg)
	if !ok {
		// tea.Sequence's message type is unexported; it is a slice of
		// commands.
		cmds, ok = asCmds(msg)
	}
	for _, c := range cmds {
		if yields(c, is) {
			return true
		}
	}
	return false
}

func asCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// A real program with a short timeout ends on its own; off (0) it stays.
func TestIdleTimeoutEndsTheProgram(t *testing.T) {
	opts := testOptions(t, testStore(t, 5), "root", LangEN)
	opts.IdleTimeout = 600 * time.Millisecond
	c := startConsole(t, opts, 100, 30)
	c.waitFor("The session ends in 1 minute unless you press a key")
	final := c.tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if !final.ended || final.View() != "" {
		t.Errorf("ended %v, last view %q", final.ended, final.View())
	}
}
