package tui

import "github.com/charmbracelet/bubbles/key"

// globalKeys work on every screen unless a text field has the focus.
type globalKeys struct {
	Help, Back, Quit, ForceQuit, NextScreen key.Binding
}

func newGlobalKeys(t *Catalog) globalKeys {
	return globalKeys{
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp)),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyBack)),
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", t.KeyQuit)),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t.KeyQuit)),
		NextScreen: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", t.KeyNextScreen)),
	}
}

// listKeys move a cursor through a list.
type listKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

func newListKeys(t *Catalog) listKeys {
	return listKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t.KeyUp)),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t.KeyDown)),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup", t.KeyPageUp)),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " "), key.WithHelp("pgdn", t.KeyPageDown)),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", t.KeyTop)),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", t.KeyBottom)),
	}
}

// bindings is a screen's key map as help.KeyMap wants it.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

func (b bindings) ShortHelp() []key.Binding { return enabledOnly(b.short) }
func (b bindings) FullHelp() [][]key.Binding {
	out := make([][]key.Binding, 0, len(b.full))
	for _, col := range b.full {
		if e := enabledOnly(col); len(e) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// enabledOnly keeps the bindings that work right now, so help is always true.
func enabledOnly(bs []key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}
