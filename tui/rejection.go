package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// newRejectionHandled records that a referral's rejected e-messages were
// dealt with another way (d in the referral view): a patient whose
// transfer was rejected is not transferred, so the referral stays on the
// worklist until a message sent again is acknowledged or someone says how
// it was put right.
func newRejectionHandled(c *common, ref string) formScreen {
	t := c.text
	note := new(string)
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldRejectionHandled).Description(t.FieldRejectionHandledHelp).Value(note).
				CharLimit(intake.MaxTextLen).Validate(required(t)),
		))
	}
	submit := func() tea.Cmd {
		acc, how := c.access(ref), strings.TrimSpace(*note)
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.RecordRejectionHandled(ctx, acc, ref, how)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.RejectionHandledDone, ref), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.RejectionHandledTitle, ref), build, submit))
}
