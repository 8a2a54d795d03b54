package tui

import (
	"context"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// hoursText writes minutes as "2 h 30 min".
func hoursText(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return strconv.Itoa(m) + " min"
	case m == 0:
		return strconv.Itoa(h) + " h"
	}
	return strconv.Itoa(h) + " h " + strconv.Itoa(m) + " min"
}

// usedText is "used 2 h 30 min of 6 h" with the warning the level gives.
func usedText(t *Catalog, sessions []intake.Session, next int) string {
	used := intake.MinutesUsed(sessions)
	text := sprintf(t.TRUsed, hoursText(used), hoursText(intake.ReceptionTreatmentLimit))
	switch intake.TreatmentWarning(sessions, next) {
	case intake.TreatmentNear:
		text += " · " + t.TRNear
	case intake.TreatmentOver:
		text += " · " + t.TROver
	}
	return text
}

// newSession logs one treatment session in the reception (t), warning
// before the six hours are passed.
func newSession(c *common, ref string, sessions []intake.Session) formScreen {
	t := c.text
	v := &struct{ day, minutes, mode string }{day: t.Date(c.today()), minutes: "45", mode: string(intake.SessionInPerson)}
	build := func() *huh.Form {
		modes := make([]huh.Option[string], len(intake.SessionModes))
		for i, m := range intake.SessionModes {
			modes[i] = huh.NewOption(t.SessionModeName(m), string(m))
		}
		// The hours line is drawn by huh off the main goroutine.
		minutes := newSharedText(&v.minutes)
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldDay).Value(&v.day).CharLimit(10).Validate(dateValidator(t, true)),
			huh.NewInput().Title(t.TRMinutes).Accessor(minutes).CharLimit(3).
				DescriptionFunc(func() string {
					n, _ := strconv.Atoi(strings.TrimSpace(minutes.load()))
					return usedText(t, sessions, n)
				}, &v.minutes).
				Validate(minutesValidator(t)),
			huh.NewSelect[string]().Title(t.FieldMode).Value(&v.mode).Options(modes...),
		))
	}
	submit := func() tea.Cmd {
		day := typedDate(v.day)
		n, _ := parseMinutes(v.minutes)
		sess, acc := intake.Session{Date: day, Minutes: n, Mode: intake.SessionMode(v.mode)}, c.access(ref)
		return call(c, func(ctx context.Context, b Backend) (intake.TreatmentEpisode, error) {
			return b.LogSession(ctx, acc, ref, sess)
		}, func(ep intake.TreatmentEpisode, err error) tea.Msg {
			return formDoneMsg{text: ref + ": " + usedText(t, ep.Sessions, 0), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.TRSessionTitle, ref), build, submit))
}

// newCloseTreatment ends the reception treatment with an outcome.
func newCloseTreatment(c *common, ref string) formScreen {
	t := c.text
	outcome := new(string)
	*outcome = string(intake.EpisodeCompleted)
	build := func() *huh.Form {
		opts := make([]huh.Option[string], len(intake.EpisodeOutcomes))
		for i, o := range intake.EpisodeOutcomes {
			opts[i] = huh.NewOption(t.EpisodeOutcomeName(o), string(o))
		}
		return huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title(t.TROutcome).Value(outcome).Options(opts...)))
	}
	submit := func() tea.Cmd {
		o, acc := intake.EpisodeOutcome(*outcome), c.access(ref)
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.CloseTreatment(ctx, acc, ref, o)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.TRClosed, ref, t.EpisodeOutcomeName(o)), ref: ref, err: err}
		})
	}
	return onReason(c, ref, newFormScreen(c, sprintf(t.TRCloseTitle, ref), build, submit))
}
