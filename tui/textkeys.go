package tui

import (
	tea "github.com/charmbracelet/bubbletea"
)

// Text typed fast is text, never keys.
//
// bubbletea v1.3.10 reads the terminal in chunks and delivers each run of
// non-space characters in one chunk as ONE KeyRunes message. A fast
// typist, a paste without bracketed paste, or a console over a network
// link (several characters per packet) turns the word "down" into a
// message whose String() is "down", and key.Matches takes it for the
// down arrow: the word is lost and the cursor moves. "enter" moved huh to
// the next field, "esc" asked to discard the form, "ctrl+c" quit.
//
// The rule, applied once for every screen and form before any key map
// sees a message: a KeyRunes message with more than one rune, or with
// Paste set, is text. Where a text field has the keyboard it is marked as
// a paste, which bubbletea's Key.String() brackets ("[down]") precisely so
// that no binding (ours, huh's, bubbles') can match it, while text inputs
// and text areas insert its runes as they insert any KeyRunes.

// isText reports whether msg can only be text: a run of several
// characters, or a paste.
func isText(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && (msg.Paste || len(msg.Runes) > 1)
}

// asText marks a run of characters as a paste, so that it reaches text
// fields as text and matches no key binding. Other messages pass as they are.
func asText(msg tea.KeyMsg) tea.KeyMsg {
	if isText(msg) {
		msg.Paste = true
	}
	return msg
}

// screenKeys is what the top screen gets of msg. typing says whether a
// text field has the keyboard (screen.capturing).
//
// A screen without a text field gets no text. A burst of characters there
// is ambiguous: a typist who pressed j twice quickly, or a word typed or
// pasted after its field closed ("and" would assign a clinician with a,
// then open a new registration with n). Acting on a word's letters can
// change a patient's record; ignoring them costs a second keypress. So a
// burst of one repeated character (a held or doubled key: "jj", "kkk") is
// split into single keys, which is exactly what the same keys arriving
// in separate reads would do, and anything else is dropped.
func screenKeys(msg tea.KeyMsg, typing bool) []tea.KeyMsg {
	switch {
	case !isText(msg):
		return []tea.KeyMsg{msg}
	case typing:
		return []tea.KeyMsg{asText(msg)}
	case msg.Paste || !repeated(msg.Runes):
		return nil
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		out[i] = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
	}
	return out
}

// repeated reports whether runes are one character several times.
func repeated(runes []rune) bool {
	for _, r := range runes[1:] {
		if r != runes[0] {
			return false
		}
	}
	return true
}

// keyIn hands a key from the terminal to the root's key handling, as
// text, as single keys or not at all (see screenKeys).
func (m *Model) keyIn(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	keys := screenKeys(msg, m.top().capturing())
	if len(keys) == 1 {
		return m.handleKey(keys[0])
	}
	cmds := make([]tea.Cmd, 0, len(keys))
	for _, k := range keys {
		_, cmd := m.handleKey(k)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}
