package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// newSchedule books (or rebooks) the first conversation (s).
func newSchedule(c *common, ref string, version int64) formScreen {
	t := c.text
	v := &struct{ day, clock, mode string }{day: t.Date(c.today()), clock: "09:00", mode: string(intake.ModeInPerson)}
	build := func() *huh.Form {
		modes := make([]huh.Option[string], len(intake.Modes))
		for i, m := range intake.Modes {
			modes[i] = huh.NewOption(t.ModeName(m), string(m))
		}
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldDay).Placeholder(t.DatePlaceholder).Value(&v.day).CharLimit(10).Validate(dateValidator(t, true)),
			huh.NewInput().Title(t.FieldTime).Placeholder(t.TimePlaceholder).Value(&v.clock).CharLimit(5).Validate(clockValidator(t)),
			huh.NewSelect[string]().Title(t.FieldMode).Description(t.FieldModeHelp).Value(&v.mode).Options(modes...),
		))
	}
	submit := func() tea.Cmd {
		// The store keeps HH:MM; what was typed (8.30, 0830) is read here.
		day, mode, acc := typedDate(v.day), intake.Mode(v.mode), c.access(ref)
		clock, _ := intake.ParseTypedClock(v.clock)
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.Schedule(ctx, acc, ref, version, day, clock, mode)
		}, func(row intake.ExportRow, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.Scheduled, ref, t.Date(row.Referral.FirstConversation)), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.ScheduleTitle, ref), build, submit))
}

// Choices on the attendance form.
const (
	choiceAttended = "attended"
	choiceMissed   = "missed"
	choiceRebook   = "rebook"
)

// newAttendance records whether the patient came to the booked first
// conversation; rebooking is offered from the same place.
func newAttendance(c *common, ref string, version int64) formScreen {
	t := c.text
	choice := new(string)
	*choice = choiceAttended
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewSelect[string]().Title(t.AttendanceQuestion).Value(choice).Options(
				huh.NewOption(t.Attended, choiceAttended),
				huh.NewOption(t.DidNotAttend, choiceMissed),
				huh.NewOption(t.Rebook, choiceRebook)),
		))
	}
	submit := func() tea.Cmd {
		if *choice == choiceRebook {
			// The booking is replaced only if no one changed it since
			// this form read it: the version goes along.
			next := newSchedule(c, ref, version)
			return func() tea.Msg { return formDoneMsg{ref: ref, next: next} }
		}
		attended, acc := *choice == choiceAttended, c.access(ref)
		missed := newMissed(c, ref, nextVersion(version))
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.RecordAttendance(ctx, acc, ref, version, attended)
		}, func(row intake.ExportRow, err error) tea.Msg {
			if err != nil {
				return formDoneMsg{err: err}
			}
			if !attended {
				// Did not attend: rebook or close, straight away, from
				// the version this write made (a write adds exactly one).
				return formDoneMsg{text: sprintf(t.RecordedMissed, ref), ref: ref, next: missed}
			}
			return formDoneMsg{text: sprintf(t.RecordedAttended, ref), ref: ref}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.AttendanceTitle, ref), build, submit))
}

// newMissed offers what follows a missed first conversation: a new time,
// or closing the referral with the outcome did not attend. version is the
// referral's as the user last saw it, so either write is refused (a
// conflict) if someone changed the referral meanwhile.
func newMissed(c *common, ref string, version int64) formScreen {
	t := c.text
	choice := new(string)
	*choice = choiceRebook
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewSelect[string]().Title(t.MissedQuestion).Value(choice).Options(
				huh.NewOption(t.Rebook, choiceRebook),
				huh.NewOption(t.CloseMissed, choiceMissed)),
		))
	}
	submit := func() tea.Cmd {
		if *choice == choiceRebook {
			next := newSchedule(c, ref, version)
			return func() tea.Msg { return formDoneMsg{ref: ref, next: next} }
		}
		acc := c.access(ref)
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.Route(ctx, acc, ref, version, []string{intake.ServiceDidNotAttend}, "")
		}, func(_ intake.ExportRow, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.ClosedMissed, ref), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.MissedTitle, ref), build, submit))
}

// nextVersion is the version a write made from version (the store adds one
// per write, in the write's transaction); 0 stays "unchecked".
func nextVersion(version int64) int64 {
	if version == 0 {
		return 0
	}
	return version + 1
}
