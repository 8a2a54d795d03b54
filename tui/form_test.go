package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// A saved form submits once. Between the save's answer and the close it
// asks for, the form is still in huh's completed state; a message arriving
// then (the refresh tick, a cursor blink, another screen's change) once
// submitted it again, logging a treatment session twice.
func TestFormSubmitsOnceWhileClosing(t *testing.T) {
	c := newCommon(testOptions(t, testStore(t, 0), "root", LangEN))
	var value string
	submits := 0
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Minutes").Value(&value)))
	}
	submit := func() tea.Cmd {
		submits++
		return func() tea.Msg { return formDoneMsg{text: "saved"} }
	}
	f := newFormScreen(c, "Test", build, submit).resize(80, 24).(formScreen)
	f, _ = f.Update(f.form.Init()())
	f, _ = f.Update(keyMsg("4"))
	var write tea.Cmd
	f, write = f.Update(keyMsg("enter"))
	f = drain(f, write) // huh's own commands complete the form and submit it
	if submits != 1 {
		t.Fatalf("submitted %d times on enter", submits)
	}
	for _, msg := range []tea.Msg{refreshTick{}, changedMsg{ref: "R1"}, resizedMsg{}} {
		f, _ = f.Update(msg)
	}
	if submits != 1 {
		t.Errorf("submitted %d times: messages after the save submitted the form again", submits)
	}
}

// drain runs cmd and feeds what it returns back into f until nothing is
// left but the close (which the root model would act on). Batches are
// opened; ticks are not waited for.
func drain(f formScreen, cmd tea.Cmd) formScreen {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		if next == nil {
			continue
		}
		switch msg := next().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case closeMsg, nil:
		default:
			var more tea.Cmd
			f, more = f.Update(msg)
			queue = append(queue, more)
		}
	}
	return f
}
