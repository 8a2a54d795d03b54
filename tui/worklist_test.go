package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// runCmd runs a command and returns its message (commands here are store
// calls; they return at once).
func runCmd(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command returned")
	}
	return cmd()
}

// pageOf feeds the worklist the reply to the command it returned.
func pageOf(t *testing.T, w worklist, cmd tea.Cmd) worklist {
	t.Helper()
	msg, ok := runCmd(t, cmd).(worklistMsg)
	if !ok {
		t.Fatalf("command gave %T, want worklistMsg", msg)
	}
	w, _ = w.Update(msg)
	return w
}

// The worklist's keys, driven with tea.KeyMsg straight into Update: each
// returns the query it should, and the page it gets lands where it should.
func TestWorklistKeysAskTheRightPages(t *testing.T) {
	s := testStore(t, 300)
	m := New(testOptions(t, s, "root", LangEN))
	w := newWorklist(m.c).resize(80, 13).(worklist) // 10 rows a page
	w = pageOf(t, w, w.init())                      // the load alone: the refresh tick is the root's
	if len(w.rows) != 10 || w.cursor != 0 {
		t.Fatalf("first page: %d rows, cursor %d", len(w.rows), w.cursor)
	}
	first := w.rows

	// j moves within the page without asking the store.
	w, cmd := w.Update(keyMsg("j"))
	if cmd != nil || w.cursor != 1 {
		t.Fatalf("j: cursor %d, cmd %v", w.cursor, cmd != nil)
	}
	// pgdn asks for the rows after the last one.
	w, cmd = w.Update(keyMsg("pgdown"))
	msg := runCmd(t, cmd).(worklistMsg)
	if msg.query.After != first[9].Key || msg.query.Limit != 10 {
		t.Fatalf("pgdn asked %+v", msg.query)
	}
	w, _ = w.Update(msg)
	if w.rows[0].Key == first[0].Key || w.cursor != 0 {
		t.Fatalf("second page starts at %s", w.rows[0].Ref)
	}
	// k at the top of a page asks for the rows before it, cursor at the bottom.
	w, cmd = w.Update(keyMsg("k"))
	w = pageOf(t, w, cmd)
	if w.rows[9].Key != first[9].Key || w.cursor != 9 {
		t.Fatalf("back: last row %s, cursor %d", w.rows[9].Ref, w.cursor)
	}
	// f filters to the next state; m to mine.
	w, cmd = w.Update(keyMsg("f"))
	if q := runCmd(t, cmd).(worklistMsg).query; q.State != intake.StateRegistered || !q.After.IsZero() {
		t.Fatalf("f asked %+v", q)
	}
	w, cmd = w.Update(keyMsg("m"))
	if q := runCmd(t, cmd).(worklistMsg).query; q.Mine != "root" {
		t.Fatalf("m asked %+v", q)
	}
	// An answer to an older question is dropped.
	stale := worklistMsg{seq: w.seq - 1, rows: nil}
	before := len(w.rows)
	w, _ = w.Update(stale)
	if len(w.rows) != before {
		t.Fatal("a stale page replaced the current one")
	}
	// / starts the search: typing asks for matching rows at once.
	w, _ = w.Update(keyMsg("/"))
	if !w.capturing() {
		t.Fatal("search does not capture keys")
	}
	w, cmd = w.Update(keyMsg("D"))
	found := false
	for _, c := range cmd().(tea.BatchMsg) {
		if c == nil {
			continue
		}
		if m, ok := c().(worklistMsg); ok && m.query.Search == "D" {
			found = true
		}
	}
	if !found {
		t.Fatal("typing in the search did not ask for matching rows")
	}
}
