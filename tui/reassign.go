package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// newReassign draws a new clinician for an assigned referral (supervisors),
// with the reason kept in the draw's history.
func newReassign(c *common, ref string) formScreen {
	t := c.text
	reason := new(string)
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldReassignReason).Description(t.FieldReassignHelp).Value(reason).
				CharLimit(intake.MaxTextLen).Validate(required(t)),
		))
	}
	submit := func() tea.Cmd {
		who, src, why := c.user, c.random, strings.TrimSpace(*reason)
		return call(c, func(ctx context.Context, b Backend) (intake.Assignment, error) {
			return b.Reassign(ctx, who, ref, why, src)
		}, func(a intake.Assignment, err error) tea.Msg {
			return formDoneMsg{ref: ref, err: err,
				text: sprintf(t.Drawn, ref, a.Draw.Drawn, len(a.Draw.Eligible), strings.Join(a.Draw.Eligible, ", "))}
		})
	}
	return newFormScreen(c, sprintf(t.ReassignTitle, ref), build, submit)
}

// newWithdraw ends an open referral, saying why (w).
func newWithdraw(c *common, ref string, version int64) formScreen {
	t := c.text
	reason := new(string)
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldWithdrawReason).Value(reason).CharLimit(intake.MaxTextLen).Validate(required(t)),
		))
	}
	submit := func() tea.Cmd {
		acc, why := c.access(ref), strings.TrimSpace(*reason)
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.Withdraw(ctx, acc, ref, version, why)
		}, func(_ intake.ExportRow, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.Withdrawn, ref), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.WithdrawTitle, ref), build, submit))
}
