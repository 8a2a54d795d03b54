package tui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// screen is one page of the console. Each screen's own Update returns its
// concrete type (so tests can inspect it); update adapts it to this
// interface for the root model.
type screen interface {
	init() tea.Cmd
	update(msg tea.Msg) (screen, tea.Cmd)
	view() string
	// title names the screen in the header.
	title() string
	// keys is the screen's key map; help is drawn from it.
	keys() help.KeyMap
	// resize gives the screen the space below the header and above the footer.
	resize(width, height int) screen
	// capturing reports whether a text field has the keyboard, so the
	// root leaves q, ? and tab to it.
	capturing() bool
	// dirty reports unsaved input the user would lose by leaving.
	dirty() bool
}

// leaver is a screen that holds work under way (a long load) to stop
// when the screen leaves the stack; the root calls leave then.
type leaver interface{ leave() }

// Navigation messages a screen returns to the root.
type (
	pushMsg   struct{ s screen } // open s on top
	popMsg    struct{}           // close the top screen
	switchMsg struct{ s screen } // replace the whole stack (tab between screens)
	// toastMsg shows a line in the footer until the next key.
	toastMsg struct {
		text string
		err  bool
	}
	// changedMsg tells every screen on the stack that a referral changed,
	// so lists reload.
	changedMsg struct{ ref string }
	// closeMsg closes the top screen, then reports like doneMsg and opens
	// next when set (a form done, or a form that cannot be used).
	closeMsg struct {
		text string
		ref  string
		err  error
		next screen
	}
	// resizedMsg follows a change of the terminal's size.
	resizedMsg struct{}
)

func push(s screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Msg          { return popMsg{} }
func toast(text string) tea.Cmd {
	return func() tea.Msg { return toastMsg{text: text} }
}
func toastErr(text string) tea.Cmd {
	return func() tea.Msg { return toastMsg{text: text, err: true} }
}
func changed(ref string) tea.Cmd { return func() tea.Msg { return changedMsg{ref} } }

func closeWith(m closeMsg) tea.Cmd { return func() tea.Msg { return m } }

// stepError is a refusal worded for the user already.
type stepError string

func (e stepError) Error() string { return string(e) }
