package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
)

// formKeyMap is huh's key map with its help in the console's language
// (huh's own is English: "↑ up · ↓ down · / filter · enter select" stood in
// the bokmål console) and quitting left to the root (ctrl+c asks first when
// there is unsaved input). The keys are huh's; only the words change.
func formKeyMap(t *Catalog) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithDisabled())
	// No external editor: it would write the patient's text to a temporary
	// file (on the server's disk, in a served console).
	km.Text.Editor = key.NewBinding(key.WithDisabled())

	say := func(desc string, bs ...*key.Binding) {
		for _, b := range bs {
			b.SetHelp(b.Help().Key, desc)
		}
	}
	in, tx, sel, ms, cf, note := &km.Input, &km.Text, &km.Select, &km.MultiSelect, &km.Confirm, &km.Note
	say(t.FKNext, &in.Next, &tx.Next, &note.Next, &cf.Next)
	say(t.FKBack, &in.Prev, &tx.Prev, &sel.Prev, &ms.Prev, &note.Prev, &cf.Prev)
	say(t.FKSubmit, &in.Submit, &tx.Submit, &sel.Submit, &ms.Submit, &note.Submit, &cf.Submit)
	say(t.FKComplete, &in.AcceptSuggestion)
	say(t.FKNewLine, &tx.NewLine)
	say(t.FKEditor, &tx.Editor)
	say(t.FKSelect, &sel.Next)
	say(t.FKConfirm, &ms.Next)
	say(t.KeyUp, &sel.Up, &ms.Up)
	say(t.KeyDown, &sel.Down, &ms.Down)
	say(t.FKLeft, &sel.Left)
	say(t.FKRight, &sel.Right)
	say(t.FKHalfPageUp, &sel.HalfPageUp, &ms.HalfPageUp)
	say(t.FKHalfPageDown, &sel.HalfPageDown, &ms.HalfPageDown)
	say(t.FKGoToStart, &sel.GotoTop, &ms.GotoTop)
	say(t.FKGoToEnd, &sel.GotoBottom, &ms.GotoBottom)
	say(t.FKFilter, &sel.Filter, &ms.Filter)
	say(t.FKSetFilter, &sel.SetFilter, &ms.SetFilter)
	say(t.FKClearFilter, &sel.ClearFilter, &ms.ClearFilter)
	say(t.FKToggle, &ms.Toggle, &cf.Toggle)
	say(t.FKSelectAll, &ms.SelectAll)
	say(t.FKSelectNone, &ms.SelectNone)
	return km
}
