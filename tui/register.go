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
	received                            string // as typed; the deadline counts from it
	name, nationalID, birthDate         string
	hasID                               bool
	phone, municipality, gp, gpPractice string
	gpHerID                             string
	reason                              string
	urgent                              bool
	// duplicates are open referrals for the same national id, found when
	// the form was submitted; registering anyway needs a second yes.
	duplicates   []string
	registerAnew bool
	// prior are the referrals found for priorFor, the national id as
	// typed once it was valid; lookedUp is the last id asked about, so
	// each id is looked up (and logged) once.
	prior              []intake.PriorReferral
	priorFor, lookedUp string
}

// errDuplicates refuses a first submission when the patient already has
// an open referral.
type errDuplicates struct{ refs []string }

func (e errDuplicates) Error() string { return "open referrals exist: " + strings.Join(e.refs, ", ") }

// newRegister is the form for a new self-booking or GP referral (n).
func newRegister(c *common) formScreen {
	t := c.text
	today := c.today()
	v := &registerValues{channel: string(intake.ChannelGP), addressed: string(intake.AddressedDPS), hasID: true,
		received: t.Date(today)}
	build := func() *huh.Form {
		id := newSharedText(&v.nationalID)
		received := newSharedText(&v.received)
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
				// The warning line is drawn by huh off the main goroutine.
				huh.NewInput().Title(t.FieldReceived).Placeholder(t.DatePlaceholder).Accessor(received).CharLimit(10).
					DescriptionFunc(func() string { return receivedStatus(t, received.load(), today) }, &v.received).
					Validate(receivedValidator(t, today)),
			),
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
				huh.NewInput().Title(t.FieldBirthDate).Placeholder(t.DatePlaceholder).Value(&v.birthDate).CharLimit(10).
					Validate(dateValidator(t, true)),
			).WithHideFunc(func() bool { return v.hasID }),
			huh.NewGroup(
				huh.NewInput().Title(t.FieldPhone).Value(&v.phone).CharLimit(intake.MaxPhoneLen),
				huh.NewInput().Title(t.FieldMunicipality).Value(&v.municipality).CharLimit(intake.MaxTextLen).Validate(textValidator(t, false)),
				huh.NewInput().Title(t.FieldGP).Value(&v.gp).CharLimit(intake.MaxTextLen).Validate(textValidator(t, false)),
				huh.NewInput().Title(t.FieldGPPractice).Value(&v.gpPractice).CharLimit(intake.MaxTextLen).Validate(textValidator(t, false)),
				huh.NewInput().Title(t.FieldGPHerID).Description(t.FieldGPHerIDHelp).Value(&v.gpHerID).CharLimit(9).
					Validate(func(s string) error {
						if _, err := intake.NormaliseHerID(s); strings.TrimSpace(s) != "" && err != nil {
							return errors.New(t.BadHerID)
						}
						return nil
					}),
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
	f.intro = func() string { return priorText(c, v) }
	// The duplicate check comes first: as soon as the national id is a
	// valid one, the patient's other referrals are looked up and shown
	// above the form, not only after the whole form is filled in.
	f.afterUpdate = func(f formScreen) tea.Cmd {
		id := normalID(v.nationalID)
		if !v.hasID || id == v.lookedUp || nationalIDError(t, id, c.test) != nil {
			return nil
		}
		v.lookedUp = id
		who := c.user
		return call(c, func(ctx context.Context, b Backend) ([]intake.PriorReferral, error) {
			return b.PriorReferrals(ctx, who, id)
		}, func(prior []intake.PriorReferral, err error) tea.Msg { return priorMsg{id: id, prior: prior, err: err} })
	}
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		if p, ok := msg.(priorMsg); ok {
			if p.err != nil {
				f.err = errorText(t, p.err)
				v.lookedUp = "" // try again on the next key
			} else {
				v.prior, v.priorFor = p.prior, p.id
			}
			return f, nil, true
		}
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

// priorMsg answers the lookup of a national id as it was typed.
type priorMsg struct {
	id    string
	prior []intake.PriorReferral
	err   error
}

// normalID is a national id as typed, without spaces.
func normalID(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), " ", "") }

// priorText is what the register form says above itself about the other
// referrals of the national id typed: the open ones (a likely duplicate)
// and the closed ones, by ref, state and day only.
func priorText(c *common, v *registerValues) string {
	if !v.hasID || v.priorFor == "" || v.priorFor != normalID(v.nationalID) || len(v.prior) == 0 {
		return ""
	}
	t, s := c.text, c.styles
	var open, closed []string
	for _, p := range v.prior {
		if p.State.Open() {
			open = append(open, p.Ref+" ("+t.StateName(p.State)+", "+t.Date(p.Received)+")")
		} else {
			closed = append(closed, p.Ref+" ("+t.StateName(p.State)+" "+t.Date(p.Closed)+")")
		}
	}
	var lines []string
	if len(open) > 0 {
		lines = append(lines, s.Warning.Render(sprintf(t.PriorOpen, strings.Join(open, ", "))))
	}
	if len(closed) > 0 {
		lines = append(lines, s.Subtle.Render(sprintf(t.PriorClosed, strings.Join(closed, ", "))))
	}
	return strings.Join(lines, "\n")
}

// lateRegistrationDays: a referral registered more than this many working
// days after it was received is most likely a typing mistake in the date,
// or a referral that lay unseen; either way the registrar should look
// again. A warning, not a refusal: late registration happens.
const lateRegistrationDays = 3

// receivedValidator checks the date received: a real day, not in the future.
func receivedValidator(t *Catalog, today intake.Date) func(string) error {
	return func(s string) error {
		if err := dateValidator(t, true)(s); err != nil {
			return err
		}
		if typedDate(s).After(today) {
			return errors.New(t.ReceivedFuture)
		}
		return nil
	}
}

// receivedStatus is the line under the date received: what it is for, or
// a warning when it is more than a few working days back. The default
// calendar counts (Monday to Friday, holidays off); whether Saturdays
// count does not matter for a warning.
func receivedStatus(t *Catalog, s string, today intake.Date) string {
	if d := typedDate(s); !d.IsZero() && !d.After(today) {
		if n := (intake.Calendar{}).WorkingDaysBetween(d, today); n > lateRegistrationDays {
			return sprintf(t.ReceivedOld, n)
		}
	}
	return t.FieldReceivedHelp
}

// referral turns the form's values into a referral and its details.
func (v *registerValues) referral() (intake.Referral, intake.Details) {
	r := intake.Referral{
		Received: typedDate(v.received),
		Channel:  intake.Channel(v.channel),
		Name:     strings.TrimSpace(v.name),
		GP:       strings.TrimSpace(v.gp),
	}
	if her, err := intake.NormaliseHerID(v.gpHerID); err == nil {
		r.GPHerID = her
	}
	if r.Channel == intake.ChannelGP {
		r.AddressedTo = intake.Addressee(v.addressed)
	}
	if v.hasID {
		r.NationalID = normalID(v.nationalID)
	} else {
		r.BirthDate = typedDate(v.birthDate)
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

// required asks for a value. Every field that uses it is single-line free
// text, so it also applies the store's rule for such text (textValidator).
func required(t *Catalog) func(string) error { return textValidator(t, true) }

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
	return "✓ " + t.IDKindName(id.Kind, id.Synthetic) + ", " + t.Date(id.BirthDate)
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
