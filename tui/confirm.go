package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// Every yes/no the console asks before it acts follows one rule: the safe
// answer is the default, the answer that acts takes one explicit key (the
// catalogue's KeyYes: y, or j in bokmål), and the keys shown are the keys
// that work. Arrows never flip a question to the answer that acts: a
// highlight moved by a stray → and confirmed with enter registered a
// duplicate patient.

// answerKeys are the keys of a question the console asks in its own
// frame (quit with unsaved input, discard a form).
type answerKeys struct{ Yes, No key.Binding }

func newAnswerKeys(t *Catalog, yes, no string) answerKeys {
	return answerKeys{
		Yes: key.NewBinding(key.WithKeys(t.KeyYes, strings.ToUpper(t.KeyYes)), key.WithHelp(t.KeyYes, yes)),
		No:  key.NewBinding(key.WithKeys("n", "N", "enter", "esc"), key.WithHelp("n/enter", no)),
	}
}

// line is what the question shows beside it: "y: quit · n or enter: keep editing".
func (a answerKeys) line(t *Catalog) string {
	return sprintf(t.ConfirmKeys, a.Yes.Help().Key, a.Yes.Help().Desc, a.No.Help().Desc)
}

// safeConfirm is a huh yes/no field whose yes acts (register a duplicate):
// no is the default, the yes key or n answer at once, enter keeps the
// answer shown, and arrows and toggles do nothing.
type safeConfirm struct {
	*huh.Confirm
	value    *bool
	validate func(bool) error
	answers  answerKeys
	back     key.Binding
}

// newSafeConfirm asks question with the answers yes (acts) and no.
func newSafeConfirm(t *Catalog, question, yes, no string, value *bool) *safeConfirm {
	*value = false
	a := newAnswerKeys(t, yes, no)
	c := huh.NewConfirm().Title(question).Description(a.line(t)).Affirmative(yes).Negative(no).Value(value)
	// huh measures a group's height once, when the group is made, at the
	// field's width then (0: nothing wraps). A question that wraps once
	// the form has its width was cut below its first lines, buttons and
	// all. Measured at the narrowest form (80 columns) it is never cut.
	c.WithWidth(minWidth - 2)
	return &safeConfirm{
		Confirm: c, value: value, answers: a,
		back: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", t.FKBack)),
	}
}

func (s *safeConfirm) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, s.answers.Yes):
			*s.value = true
			return s, huh.NextField
		case k.String() == "n" || k.String() == "N" || k.String() == "enter":
			if k.String() != "enter" {
				*s.value = false
			}
			if s.validate != nil && s.validate(*s.value) != nil {
				// A refused answer stays on the question with the reason
				// (huh's Blur computes it); moving on would submit the form.
				s.Confirm.Blur()
				return s, s.Confirm.Focus()
			}
			return s, huh.NextField
		case k.String() != "shift+tab":
			return s, nil
		}
	}
	_, cmd := s.Confirm.Update(msg)
	return s, cmd
}

// KeyBinds are the keys that work here, for the help line.
func (s *safeConfirm) KeyBinds() []key.Binding {
	return []key.Binding{s.answers.Yes, s.answers.No, s.back}
}

// Validate sets the answer's check and keeps the wrapper in the chain.
func (s *safeConfirm) Validate(fn func(bool) error) *safeConfirm {
	s.Confirm.Validate(fn)
	s.validate = fn
	return s
}
