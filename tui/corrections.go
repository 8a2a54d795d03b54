package tui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// Correcting a mistake from the referral view: a routing corrected as a
// new version (R), a registration voided (V) or merged as a duplicate into
// the referral that stays (M); and the patient's history (h). The rules
// are intake's (intake/correction.go); the store applies them inside the
// write, so what the console enables is only a convenience.

type findFixKeys struct {
	History, CorrectRoute, Void, Merge key.Binding
}

func newFindFixKeys(t *Catalog) findFixKeys {
	return findFixKeys{
		History:      key.NewBinding(key.WithKeys("h"), key.WithHelp("h", t.KeyHistory)),
		CorrectRoute: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", t.KeyCorrectRoute)),
		Void:         key.NewBinding(key.WithKeys("V"), key.WithHelp("V", t.KeyVoid)),
		Merge:        key.NewBinding(key.WithKeys("M"), key.WithHelp("M", t.KeyMerge)),
	}
}

// enabled sets the keys for the referral on screen, so the help is true.
func (k findFixKeys) enabled(c *common, rec intake.ReferralRecord, ok bool) findFixKeys {
	r := rec.Row.Referral
	k.History.SetEnabled(ok)
	k.CorrectRoute.SetEnabled(ok && r.State() == intake.StateRouted)
	live := ok && r.Voided.IsZero() && c.can(intake.RoleSupervisor)
	k.Void.SetEnabled(live)
	k.Merge.SetEnabled(live)
	return k
}

func (k findFixKeys) list() []key.Binding {
	return []key.Binding{k.History, k.CorrectRoute, k.Void, k.Merge}
}

// findFixKey acts on one of the keys, for the referral view; ok is false
// when the key is none of them.
func (v referralView) findFixKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	// Matched against the bindings as made (a disabled binding matches
	// nothing), so a key the user may not use says why.
	all, k := v.k.findFix, v.k.findFix.enabled(v.c, v.rec, v.loaded && v.err == nil)
	switch {
	case key.Matches(msg, k.History):
		return push(newHistory(v.c, v.ref)), true
	case key.Matches(msg, k.CorrectRoute):
		return push(newCorrectRoute(v.c, v.ref, v.rec)), true
	case v.loaded && v.err == nil && (key.Matches(msg, all.Void) || key.Matches(msg, all.Merge)):
		if !k.Void.Enabled() {
			if !v.c.can(intake.RoleSupervisor) {
				return toastErr(v.c.text.OnlySupervisorsVoid), true
			}
			return nil, true // already voided
		}
		if key.Matches(msg, k.Void) {
			return push(newVoid(v.c, v.ref, v.rec.Version)), true
		}
		return push(newMerge(v.c, v.ref)), true
	}
	return nil, false
}

// correctionText is what the referral view adds about a voided or merged
// referral.
func (v referralView) correctionText() string {
	r, s, t := v.rec.Row.Referral, v.c.styles, v.c.text
	if r.Voided.IsZero() {
		return ""
	}
	out := s.Label.Render(pad(t.ViewVoided, 22)) + s.Value.Render(r.Voided.String()) + "\n"
	if r.MergedInto != "" {
		out += s.Label.Render(pad(t.ViewMergedInto, 22)) + s.Value.Render(r.MergedInto) + "\n"
	}
	return out
}

// correctionReason validates a correction's reason in the user's language.
func correctionReason(t *Catalog) func(string) error {
	return func(s string) error {
		if utf8.RuneCountInString(strings.TrimSpace(s)) < intake.MinCorrectionReason {
			return errors.New(sprintf(t.CorrectionReasonShort, intake.MinCorrectionReason))
		}
		return nil
	}
}

// correctionError words the correction rules' refusals for the user.
func correctionError(t *Catalog, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, intake.ErrTransferSent):
		return stepError(t.TransferSentSupervisor)
	case errors.Is(err, intake.ErrNotRouter):
		return stepError(t.NotRouter)
	case errors.Is(err, intake.ErrCorrectionReason):
		return stepError(sprintf(t.CorrectionReasonShort, intake.MinCorrectionReason))
	}
	return err
}

// correctionAccess is the access a correction opens the record with: the
// break-the-glass reason given in this session, else the correction's own
// reason (the store needs one only when the record is not the user's).
func correctionAccess(c *common, ref, reason string) intake.Access {
	acc := c.access(ref)
	if strings.TrimSpace(acc.Reason) == "" {
		acc.Reason = reason
	}
	return acc
}

type correctServicesMsg struct {
	services []intake.Service
	err      error
}

// newCorrectRoute corrects where a routed patient went: the services (the
// current ones chosen to begin with), a new justification or none, and
// the reason, which stays in the trail with the old version.
func newCorrectRoute(c *common, ref string, rec intake.ReferralRecord) formScreen {
	t := c.text
	v := &struct {
		outcomes       []string
		note, reason   string
		services       []intake.Service
		servicesLoaded bool
	}{outcomes: append([]string(nil), rec.Row.Referral.Outcomes...)}
	build := func() *huh.Form {
		if !v.servicesLoaded {
			return huh.NewForm(huh.NewGroup(huh.NewNote().Title(t.Loading)))
		}
		var opts []huh.Option[string]
		for _, svc := range v.services {
			if svc.Retired && !rec.Row.Referral.HasOutcome(svc.Code) {
				continue
			}
			opts = append(opts, huh.NewOption(svc.Label(string(c.lang)), svc.Code))
		}
		return huh.NewForm(huh.NewGroup(
			huh.NewMultiSelect[string]().Title(t.FieldServices).Options(opts...).Value(&v.outcomes).
				Validate(func(s []string) error {
					if len(s) == 0 {
						return errors.New(t.ChooseService)
					}
					return nil
				}),
			huh.NewInput().Title(t.FieldNewJustification).Value(&v.note).CharLimit(intake.MaxTextLen),
			huh.NewInput().Title(t.FieldCorrectionReason).Description(t.FieldCorrectionHelp).Value(&v.reason).
				CharLimit(intake.MaxTextLen).Validate(correctionReason(t)),
		))
	}
	submit := func() tea.Cmd {
		outcomes, note, reason, version := append([]string(nil), v.outcomes...), v.note, strings.TrimSpace(v.reason), rec.Version
		acc := correctionAccess(c, ref, reason)
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			return b.CorrectRouting(ctx, acc, ref, version, outcomes, note, reason)
		}, func(row intake.ExportRow, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.RoutingCorrected, ref, strings.Join(row.Referral.Outcomes, " + ")), ref: ref,
				err: correctionError(t, err)}
		})
	}
	f := newFormScreen(c, sprintf(t.CorrectRouteTitle, ref), build, submit)
	f.load = call(c, func(ctx context.Context, b Backend) ([]intake.Service, error) {
		return b.Services(ctx)
	}, func(svcs []intake.Service, err error) tea.Msg { return correctServicesMsg{svcs, err} })
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		m, ok := msg.(correctServicesMsg)
		if !ok {
			return f, nil, false
		}
		if m.err != nil {
			return f, closeWith(closeMsg{err: m.err}), true
		}
		v.services, v.servicesLoaded = m.services, true
		f = f.start()
		return f, f.form.Init(), true
	}
	return f
}

// newVoid voids a registration that should never have been a referral of
// its own (supervisors, with a reason).
func newVoid(c *common, ref string, version int64) formScreen {
	t := c.text
	reason := new(string)
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldCorrectionReason).Description(t.FieldCorrectionHelp).Value(reason).
				CharLimit(intake.MaxTextLen).Validate(correctionReason(t)),
		))
	}
	submit := func() tea.Cmd {
		why := strings.TrimSpace(*reason)
		acc := correctionAccess(c, ref, why)
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.VoidReferral(ctx, acc, ref, version, why)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.Voided, ref), ref: ref, err: correctionError(t, err)}
		})
	}
	f := newFormScreen(c, sprintf(t.VoidTitle, ref), build, submit)
	f.intro = func() string { return c.styles.Subtle.Render(t.VoidText) }
	return f
}

// newMerge merges the duplicate ref into the referral that stays
// (supervisors, with a reason). The reason also opens the record that
// stays, when it is not the user's: it goes to the access log.
func newMerge(c *common, ref string) formScreen {
	t := c.text
	v := &struct{ into, reason string }{}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldMergeInto).Value(&v.into).CharLimit(32).Validate(func(s string) error {
				if !intake.ValidRef(strings.TrimSpace(s)) {
					return errors.New(t.ErrNotFound)
				}
				return nil
			}),
			huh.NewInput().Title(t.FieldCorrectionReason).Description(t.FieldCorrectionHelp).Value(&v.reason).
				CharLimit(intake.MaxTextLen).Validate(correctionReason(t)),
		))
	}
	submit := func() tea.Cmd {
		into, why := strings.TrimSpace(v.into), strings.TrimSpace(v.reason)
		acc := intake.Access{Who: c.user, Reason: why}
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.MergeReferral(ctx, acc, ref, into, why)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.Merged, ref, into), ref: ref, err: correctionError(t, err)}
		})
	}
	f := newFormScreen(c, sprintf(t.MergeTitle, ref), build, submit)
	f.intro = func() string { return c.styles.Subtle.Render(t.MergeText) }
	return f
}
