package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// formScreen embeds a huh form in a screen. The form's values live in a
// struct the builder closes over, so when the store refuses a submission
// the form is rebuilt with everything the user typed and the reason shown:
// nothing typed is lost to an error. The one exception is a conflict
// (someone changed the referral since the form read it): the form closes
// and the screens reload, since what was typed answered an old state.
type formScreen struct {
	c      *common
	name   string
	build  func() *huh.Form
	submit func() tea.Cmd // the write, returning a formDoneMsg
	intro  func() string  // drawn above the form; may be nil
	// onField, when set, runs each time the focus moves to another field
	// (the assessment saves its draft then).
	onField   func(f formScreen) tea.Cmd
	lastField huh.Field
	// afterUpdate, when set, runs after every update of the form (the
	// register form looks a national id up as soon as it is valid).
	afterUpdate func(f formScreen) tea.Cmd
	// load, when set, runs when the form opens (data the form needs).
	load tea.Cmd
	// onMsg lets a form handle its own messages first; handled reports
	// whether it did.
	onMsg func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool)

	form      *huh.Form
	err       string
	busy      bool
	touched   bool
	askLeave  bool
	width     int
	height    int
	formWidth int
	k         formKeys
}

type formKeys struct {
	Back  key.Binding
	leave answerKeys
}

// formDoneMsg is a submission's answer. On success the form closes and the
// root shows text; on error the form stays with the reason.
type formDoneMsg struct {
	text string
	ref  string
	err  error
	// next opens another screen in the form's place (e.g. the referral just
	// registered); nil just closes the form.
	next screen
}

func newFormScreen(c *common, name string, build func() *huh.Form, submit func() tea.Cmd) formScreen {
	t := c.text
	return formScreen{
		c: c, name: name, build: build, submit: submit,
		k: formKeys{
			Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyCancelForm)),
			// Only the yes key discards; enter, like any other key, keeps.
			leave: newAnswerKeys(t, t.KeyDiscard, t.KeyKeepEditing),
		},
	}
}

func (f formScreen) start() formScreen {
	f.form = f.build().
		WithShowHelp(false).
		WithShowErrors(true).
		WithKeyMap(formKeyMap(f.c.text)).
		WithTheme(formTheme(f.c)).
		WithWidth(f.formWidth)
	return f
}

// formTheme is huh's theme drawn with the console's renderer: huh builds
// it with the process-wide one.
func formTheme(c *common) *huh.Theme {
	theme := huh.ThemeCharm()
	if c.styles.noColor {
		theme = huh.ThemeBase()
	}
	rebind(c.styles.r, theme)
	return theme
}

func (f formScreen) init() tea.Cmd {
	var cmd tea.Cmd
	if f.form != nil {
		cmd = f.form.Init()
	}
	return tea.Batch(cmd, f.load)
}

func (f formScreen) Update(msg tea.Msg) (formScreen, tea.Cmd) {
	if f.form == nil {
		f = f.start()
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		msg = asText(k) // a run of characters is text, also to huh's own key maps
	}
	if f.onMsg != nil {
		if g, cmd, handled := f.onMsg(f, msg); handled {
			return g, cmd
		}
	}
	switch msg := msg.(type) {
	case formDoneMsg:
		if errors.Is(msg.err, intake.ErrConflict) {
			// The form holds the version it read; trying again from it
			// would conflict again. It closes, and every screen reloads
			// (as the message says), so the user sees what changed.
			return f, closeWith(closeMsg{ref: msg.ref, err: msg.err})
		}
		if msg.err != nil {
			f.busy = false
			f.err = errorText(f.c.text, msg.err)
			f = f.start() // the values are kept; the user fixes and submits again
			return f, f.form.Init()
		}
		// The form stays busy until the close arrives: it is still in
		// huh's completed state, and any message in between (a blink, the
		// refresh tick) would otherwise submit it a second time.
		return f, closeWith(closeMsg{text: msg.text, ref: msg.ref, next: msg.next})
	case tea.KeyMsg:
		if f.busy {
			return f, nil
		}
		if f.askLeave {
			f.askLeave = false
			if key.Matches(msg, f.k.leave.Yes) {
				return f, pop
			}
			return f, nil
		}
		if key.Matches(msg, f.k.Back) {
			if f.touched {
				f.askLeave = true
				return f, nil
			}
			return f, pop
		}
		if len(msg.Runes) > 0 || msg.Type == tea.KeyBackspace || msg.Type == tea.KeySpace {
			f.touched = true
		}
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if focused := f.form.GetFocusedField(); f.onField != nil && focused != f.lastField {
		moved := f.lastField != nil
		f.lastField = focused
		if moved {
			cmd = tea.Batch(cmd, f.onField(f))
		}
	}
	if f.afterUpdate != nil {
		cmd = tea.Batch(cmd, f.afterUpdate(f))
	}
	if f.form.State == huh.StateCompleted && !f.busy {
		write := f.submit()
		if write == nil { // nothing to submit yet (still loading)
			f = f.start()
			return f, f.form.Init()
		}
		f.busy, f.err = true, ""
		return f, tea.Batch(cmd, write)
	}
	return f, cmd
}

func (f formScreen) update(msg tea.Msg) (screen, tea.Cmd) { return f.Update(msg) }
func (f formScreen) title() string                        { return f.name }
func (f formScreen) capturing() bool                      { return true }
func (f formScreen) dirty() bool                          { return f.touched && !f.busy }

func (f formScreen) resize(width, height int) screen {
	f.width, f.height = width, height
	f.formWidth = min(width-2, 90)
	if f.form == nil {
		return f.start()
	}
	f.form = f.form.WithWidth(f.formWidth)
	return f
}

func (f formScreen) keys() help.KeyMap {
	if f.askLeave {
		l := f.k.leave
		return bindings{short: []key.Binding{l.Yes, l.No}, full: [][]key.Binding{{l.Yes, l.No}}}
	}
	var fields []key.Binding
	if f.form != nil {
		fields = f.form.KeyBinds()
	}
	short := append(append([]key.Binding{}, fields...), f.k.Back)
	return bindings{short: short, full: [][]key.Binding{fields, {f.k.Back}}}
}

func (f formScreen) view() string {
	s, t := f.c.styles, f.c.text
	var parts []string
	if f.intro != nil {
		if intro := f.intro(); intro != "" {
			parts = append(parts, intro)
		}
	}
	if f.err != "" {
		parts = append(parts, s.Error.Render(s.Plain.Width(f.formWidth).Render(f.err)))
	}
	switch {
	case f.askLeave:
		parts = append(parts, s.Warning.Render(t.DiscardQuestion)+"  "+f.k.leave.line(t))
	case f.busy:
		parts = append(parts, s.Subtle.Render(t.Saving))
	}
	if f.form != nil && !f.busy {
		parts = append(parts, f.form.View())
	}
	return strings.Join(parts, "\n")
}
