package tui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// registerValues are the register form's fields. The form is rebuilt over
// the same struct after a refused submission, so nothing typed is lost.
type registerValues struct {
	channel, addressed                  string
	name, nationalID, birthDate         string
	hasID                               bool
	phone, municipality, gp, gpPractice string
	reason                              string
	urgent                              bool
	// duplicates are open referrals for the same national id, found when
	// the form was submitted; registering anyway needs a second yes.
	duplicates   []string
	registerAnew bool
}

// errDuplicates refuses a first submission when the patient already has
// an open referral.
type errDuplicates struct{ refs []string }

func (e errDuplicates) Error() string { return "open referrals exist: " + strings.Join(e.refs, ", ") }

// newRegister is the form for a new self-booking or GP referral (n).
func newRegister(c *common) formScreen {
	t := c.text
	v := &registerValues{channel: string(intake.ChannelGP), addressed: string(intake.AddressedDPS), hasID: true}
	build := func() *huh.Form {
		id := newSharedText(&v.nationalID)
		groups := []*huh.Group{
			huh.NewGroup(
				huh.NewSelect[string]().Title(t.FieldChannel).Value(&v.channel).Options(
					huh.NewOption(t.ChannelName(intake.ChannelGP), string(intake.ChannelGP)),
					huh.NewOption(t.ChannelName(intake.ChannelSelf), string(intake.ChannelSelf))),
			),
			huh.NewGroup(
				huh.NewSelect[string]().Title(t.FieldAddressedTo).Value(&v.addressed).Options(
					huh.NewOption(t.AddresseeName(intake.AddressedDPS), string(intake.AddressedDPS)),
					huh.NewOption(t.AddresseeName(intake.AddressedMunicipal), string(intake.AddressedMunicipal)),
					huh.NewOption(t.AddresseeName(intake.AddressedSpecialist), string(intake.AddressedSpecialist))),
			).WithHideFunc(func() bool { return v.channel == string(intake.ChannelSelf) }),
			huh.NewGroup(
				huh.NewInput().Title(t.FieldName).Value(&v.name).CharLimit(intake.MaxTextLen).
					Validate(required(t)),
				huh.NewConfirm().Title(t.FieldHasID).Value(&v.hasID).Affirmative(t.Yes).Negative(t.NoNorwegianID),
			),
			huh.NewGroup(
				// The status line is drawn by huh off the main goroutine.
				huh.NewInput().Title(t.FieldNationalID).Accessor(id).CharLimit(13).
					DescriptionFunc(func() string { return nationalIDStatus(t, id.load(), c.test) }, &v.nationalID).
					Validate(func(s string) error { return nationalIDError(t, s, c.test) }),
			).WithHideFunc(func() bool { return !v.hasID }),
			huh.NewGroup(
				huh.NewInput().Title(t.FieldBirthDate).Placeholder("YYYY-MM-DD").Value(&v.birthDate).CharLimit(10).
					Validate(dateValidator(t, true)),
			).WithHideFunc(func() bool { return v.hasID }),
			huh.NewGroup(
				huh.NewInput().Title(t.FieldPhone).Value(&v.phone).CharLimit(intake.MaxPhoneLen),
				huh.NewInput().Title(t.FieldMunicipality).Value(&v.municipality).CharLimit(intake.MaxTextLen),
				huh.NewInput().Title(t.FieldGP).Value(&v.gp).CharLimit(intake.MaxTextLen),
				huh.NewInput().Title(t.FieldGPPractice).Value(&v.gpPractice).CharLimit(intake.MaxTextLen),
			),
			huh.NewGroup(
				huh.NewInput().Title(t.FieldReason).Value(&v.reason).CharLimit(intake.MaxTextLen).Validate(required(t)),
				huh.NewConfirm().Title(t.FieldUrgent).Description(t.FieldUrgentHelp).Value(&v.urgent).Affirmative(t.Yes).Negative(t.No),
			),
		}
		if len(v.duplicates) > 0 {
			groups = append(groups, huh.NewGroup(
				newSafeConfirm(t, sprintf(t.DuplicateQuestion, strings.Join(v.duplicates, ", ")), t.RegisterAnyway, t.No, &v.registerAnew).
					Validate(func(yes bool) error {
						if !yes {
							return errors.New(t.DuplicateRefused)
						}
						return nil
					}),
			))
		}
		return huh.NewForm(groups...)
	}
	submit := func() tea.Cmd {
		r, d := v.referral()
		who, known, anew := c.user, append([]string(nil), v.duplicates...), v.registerAnew
		return call(c, func(ctx context.Context, b Backend) (intake.ExportRow, error) {
			if r.NationalID != "" && !(anew && len(known) > 0) {
				open, err := b.OpenReferralsFor(ctx, who, r.NationalID)
				if err != nil {
					return intake.ExportRow{}, err
				}
				if len(open) > 0 {
					return intake.ExportRow{}, errDuplicates{open}
				}
			}
			return b.Register(ctx, who, r, d)
		}, func(row intake.ExportRow, err error) tea.Msg {
			var dup errDuplicates
			if errors.As(err, &dup) {
				return duplicatesMsg{refs: dup.refs}
			}
			if err != nil {
				return formDoneMsg{err: err}
			}
			ref := row.Referral.Ref
			return formDoneMsg{text: sprintf(t.Registered, ref), ref: ref, next: newReferralView(c, ref)}
		})
	}
	f := newFormScreen(c, t.RegisterTitle, build, submit)
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		dup, ok := msg.(duplicatesMsg)
		if !ok {
			return f, nil, false
		}
		v.duplicates, v.registerAnew = dup.refs, false
		f.busy = false
		f.err = sprintf(t.DuplicateFound, strings.Join(dup.refs, ", "))
		f = f.start()
		return f, f.form.Init(), true
	}
	return f
}

// duplicatesMsg says the patient has open referrals; the form asks again.
type duplicatesMsg struct{ refs []string }

// referral turns the form's values into a referral and its details.
func (v *registerValues) referral() (intake.Referral, intake.Details) {
	r := intake.Referral{
		Channel: intake.Channel(v.channel),
		Name:    strings.TrimSpace(v.name),
		GP:      strings.TrimSpace(v.gp),
	}
	if r.Channel == intake.ChannelGP {
		r.AddressedTo = intake.Addressee(v.addressed)
	}
	if v.hasID {
		r.NationalID = strings.ReplaceAll(strings.TrimSpace(v.nationalID), " ", "")
	} else {
		r.BirthDate, _ = intake.ParseDate(strings.TrimSpace(v.birthDate))
	}
	d := intake.Details{
		Phone:        strings.TrimSpace(v.phone),
		Municipality: strings.TrimSpace(v.municipality),
		GPPractice:   strings.TrimSpace(v.gpPractice),
		Reason:       strings.TrimSpace(v.reason),
		Urgent:       v.urgent,
	}
	return r, d
}

func required(t *Catalog) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(t.Required)
		}
		return nil
	}
}

// dateValidator checks YYYY-MM-DD; need says whether empty is an error.
func dateValidator(t *Catalog, need bool) func(string) error {
	return func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			if need {
				return errors.New(t.Required)
			}
			return nil
		}
		if _, err := intake.ParseDate(s); err != nil {
			return errors.New(t.BadDate)
		}
		return nil
	}
}

// nationalIDStatus is the live check under the national id field: how many
// digits so far, then whether the number is valid. It never echoes the
// number.
func nationalIDStatus(t *Catalog, s string, test bool) string {
	digits := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if digits == "" {
		return t.IDHint
	}
	if len(digits) < 11 {
		return sprintf(t.IDDigitsSoFar, len(digits))
	}
	if err := nationalIDError(t, digits, test); err != nil {
		return "✗ " + err.Error()
	}
	id, _ := intake.ParseNationalID(digits, test)
	return "✓ " + t.IDKindName(id.Kind, id.Synthetic) + ", " + id.BirthDate.String()
}

// nationalIDError validates a national id in the user's language.
func nationalIDError(t *Catalog, s string, test bool) error {
	_, err := intake.ParseNationalID(strings.TrimSpace(s), test)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, intake.ErrIDLength), errors.Is(err, intake.ErrIDNotDigits):
		return errors.New(t.IDNot11Digits)
	case errors.Is(err, intake.ErrIDControl):
		return errors.New(t.IDControl)
	case errors.Is(err, intake.ErrIDBirthDate):
		return errors.New(t.IDBirthDate)
	case errors.Is(err, intake.ErrIDSynthetic):
		return errors.New(t.IDSynthetic)
	}
	return errors.New(t.IDControl)
}
