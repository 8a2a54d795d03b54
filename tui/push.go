package tui

import tea "github.com/charmbracelet/bubbletea"

// changesPushed says another session changed something (Options.Changes).
type changesPushed struct{}

// waitChanges waits, in a command, for the next wake-up from the hub. The
// root arms it in Init and again after each one, so there is one waiter
// per console; it returns nothing when the subscription or the console's
// context ends.
func waitChanges(c *common) tea.Cmd {
	ch, ctx := c.changes, c.ctx
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		select {
		case _, open := <-ch:
			if !open {
				return nil
			}
			return changesPushed{}
		case <-ctx.Done():
			return nil
		}
	}
}

// tellOthers tells the other sessions (Options.Changed) after this
// console's change succeeded. A form left with esc reports nothing (no
// text, no referral), so it wakes nobody.
func tellOthers(c *common, done doneMsg) tea.Cmd {
	changed := c.changed
	if changed == nil || done.err != nil || (done.text == "" && done.ref == "") {
		return nil
	}
	return func() tea.Msg {
		changed()
		return nil
	}
}
