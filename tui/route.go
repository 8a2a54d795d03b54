package tui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// routeData is what the routing form needs before it can be drawn: the
// referral (to say what is possible and what the patient pays) and the
// catalogue.
type routeData struct {
	rec      intake.ReferralRecord
	services []intake.Service
	history  []intake.AssessmentVersion
}

type routeLoadedMsg struct {
	data routeData
	err  error
}

// newRoute chooses one or more services for a patient after the first
// conversation (r), with a short justification.
func newRoute(c *common, ref string) formScreen {
	t := c.text
	v := &struct {
		outcomes []string
		note     string
		data     *routeData
	}{}
	build := func() *huh.Form {
		if v.data == nil {
			return huh.NewForm(huh.NewGroup(huh.NewNote().Title(t.Loading)))
		}
		var opts []huh.Option[string]
		for _, svc := range v.data.services {
			if svc.Retired || svc.Code == intake.ServiceDidNotAttend {
				continue
			}
			opts = append(opts, huh.NewOption(svc.Label(string(c.lang)), svc.Code))
		}
		return huh.NewForm(huh.NewGroup(
			huh.NewMultiSelect[string]().Title(t.FieldServices).Description(t.FieldServicesHelp).
				Options(opts...).Value(&v.outcomes).Validate(func(s []string) error {
				if len(s) == 0 {
					return errors.New(t.ChooseService)
				}
				return nil
			}),
			huh.NewInput().Title(t.FieldJustification).Value(&v.note).CharLimit(intake.MaxTextLen).Validate(required(t)),
		))
	}
	submit := func() tea.Cmd {
		if v.data == nil {
			return nil
		}
		outcomes, note, acc, version := append([]string(nil), v.outcomes...), v.note, c.access(ref), v.data.rec.Version
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.Route(ctx, acc, ref, version, outcomes, note)
		}, func(row intake.ExportRow, err error) tea.Msg {
			text := sprintf(t.Routed, ref, strings.Join(row.Referral.Outcomes, " + "))
			if row.Referral.Channel == intake.ChannelGP {
				text += " " + t.GPToBeInformed
			}
			return formDoneMsg{text: text, ref: ref, err: err}
		})
	}
	f := newFormScreen(c, sprintf(t.RouteTitle, ref), build, submit)
	f.intro = func() string {
		if v.data == nil {
			return ""
		}
		r := v.data.rec.Row.Referral
		return c.styles.Label.Render(t.ChargeLabel+" ") + c.styles.Value.Render(chargeText(t, r))
	}
	f = onReason(c, ref, f)
	acc := c.access(ref)
	f.load = call(c, func(ctx context.Context, b Backend) (routeData, error) {
		rec, err := b.ReferralDetail(ctx, acc, ref)
		if err != nil {
			return routeData{}, err
		}
		svcs, err := b.Services(ctx)
		if err != nil {
			return routeData{}, err
		}
		history, err := b.Assessments(ctx, acc, ref)
		return routeData{rec, svcs, history}, err
	}, func(d routeData, err error) tea.Msg { return routeLoadedMsg{d, err} })
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		m, ok := msg.(routeLoadedMsg)
		if !ok {
			return f, nil, false
		}
		if m.err != nil {
			return f, closeWith(closeMsg{err: m.err}), true
		}
		st := m.data.rec.Row.Referral.State()
		switch st {
		case intake.StateAssessed:
		case intake.StateAttended:
			return f, closeWith(closeMsg{err: stepError(t.AssessFirst)}), true
		case intake.StateDidNotAttend:
			return f, closeWith(closeMsg{next: newMissed(c, ref, m.data.rec.Version)}), true
		default:
			return f, closeWith(closeMsg{err: stepError(sprintf(t.CannotRoute, t.StateName(st)))}), true
		}
		v.data = &m.data
		// Routing starts from the assessment's recommendation.
		if n := len(m.data.history); n > 0 && len(v.outcomes) == 0 {
			v.outcomes = append([]string(nil), m.data.history[n-1].Recommendation...)
		}
		f = f.start()
		return f, f.form.Init(), true
	}
	return f
}

// chargeText says what the patient pays: self-booked patients carry no
// charge at the DPS (outpatient regulation § 2: no charge without a
// referral), and the municipal service charges nothing.
func chargeText(t *Catalog, r intake.Referral) string {
	if r.Channel == intake.ChannelSelf {
		return t.ChargeSelfBooked
	}
	return t.ChargeReferred
}
