package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
)

// doneMsg reports a finished write: the root shows text (or the error) in
// the footer and tells every screen that ref changed.
type doneMsg struct {
	text string
	ref  string
	err  error
}

// assignAction draws a clinician for an unassigned referral; for an
// assigned one it opens the reassignment form, which only supervisors get.
func assignAction(c *common, ref string, assigned bool) tea.Cmd {
	if assigned {
		if !c.can(intake.RoleSupervisor) {
			return toastErr(c.text.OnlySupervisorsReassign)
		}
		return push(newReassign(c, ref))
	}
	who, src, t := c.user, c.random, c.text
	return call(c, func(ctx context.Context, b Backend) (intake.Assignment, error) {
		return b.Assign(ctx, who, ref, src)
	}, func(a intake.Assignment, err error) tea.Msg {
		if err != nil {
			return doneMsg{ref: ref, err: err}
		}
		return doneMsg{ref: ref, text: sprintf(t.Drawn, ref, a.Draw.Drawn, len(a.Draw.Eligible), strings.Join(a.Draw.Eligible, ", "))}
	})
}

// scheduleAction books the first conversation, or records whether the
// patient came when it is booked. Both change the patient's referral, so
// both open behind the work-need gate, from the worklist as from the
// referral view.
func scheduleAction(c *common, ref string, state intake.State, version int64) tea.Cmd {
	switch state {
	case intake.StateAssigned, intake.StateDidNotAttend:
		return openRecord(c, ref, func() screen { return newSchedule(c, ref, version) })
	case intake.StateScheduled:
		return openRecord(c, ref, func() screen { return newAttendance(c, ref, version) })
	case intake.StateRegistered:
		return toastErr(c.text.AssignFirst)
	}
	return toastErr(sprintf(c.text.CannotSchedule, c.text.StateName(state)))
}

// routeAction opens the routing form; the form itself loads the referral
// and says when routing is not possible yet (before the assessment).
func routeAction(c *common, ref string) tea.Cmd {
	return openRecord(c, ref, func() screen { return newRoute(c, ref) })
}

// assessAction opens the first-conversation template for a patient who
// came; the form loads the saved draft or the completed record.
func assessAction(c *common, ref string, state intake.State) tea.Cmd {
	switch state {
	case intake.StateAttended, intake.StateAssessed, intake.StateRouted:
		return openRecord(c, ref, func() screen { return newAssess(c, ref) })
	}
	return toastErr(c.text.ASNotAttended)
}
