package tui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// Opening a patient's record, and changing the patient's referral, follow
// the work need (intake.Access): the console asks the store whether a
// reason is needed before it opens a screen that reads or changes the
// patient's data, and asks the user for one when it is ("break the
// glass"). The store enforces the same rule on every read and write; the
// console asks first so the user is not refused after filling in a form.
//
// A reason given holds for that patient for the rest of the session, for
// reads and for changes alike: it states the work need for the patient
// ("covering for Kari, who is ill"), which does not change between opening
// the record and booking the time. Asking again for each step would teach
// people to type filler. Nothing is hidden by it: every read and every
// change logs its own row with the reason, and each form that changes the
// referral on that reason says so above the form (onReason).

// access is what the console reads ref's patient data as.
func (c *common) access(ref string) intake.Access {
	return intake.Access{Who: c.user, Reason: c.reasons[ref]}
}

// gateMsg answers whether opening ref needs a reason.
type gateMsg struct {
	ref  string
	need bool
	err  error
	open func() screen
}

// openRecord opens the screen open builds for ref's patient, after the
// break-the-glass question when the user has no plain work need.
func openRecord(c *common, ref string, open func() screen) tea.Cmd {
	if _, given := c.reasons[ref]; given {
		return push(open())
	}
	who := c.user
	return call(c, func(ctx context.Context, b Backend) (bool, error) {
		return b.NeedsReason(ctx, who, ref)
	}, func(need bool, err error) tea.Msg { return gateMsg{ref: ref, need: need, err: err, open: open} })
}

// gate acts on the store's answer (the root model calls it with the
// screen on top). An answer whose screen is already on top is dropped: a
// key pressed twice before the first answer came (a fast hand, a slow
// store, a served console's latency) asks two questions, and the second
// would otherwise stack a copy that reappears once the first is done.
func gate(c *common, top screen, msg gateMsg) tea.Cmd {
	if msg.err != nil {
		return toastErr(errorText(c.text, msg.err))
	}
	var next screen
	if msg.need {
		next = newBreakGlass(c, msg.ref, msg.open)
	} else {
		next = msg.open()
	}
	if top != nil && top.title() == next.title() {
		return nil
	}
	return push(next)
}

// newBreakGlass asks why the user needs a record that is not theirs, keeps
// the reason for the session, and opens the record in the form's place.
func newBreakGlass(c *common, ref string, open func() screen) formScreen {
	t := c.text
	reason := new(string)
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldBreakGlassReason).Value(reason).CharLimit(intake.MaxTextLen).
				Validate(reasonValidator(t)),
		))
	}
	submit := func() tea.Cmd {
		// submit runs in Update, where the reasons map is kept.
		c.reasons[ref] = strings.TrimSpace(*reason)
		next := open()
		return func() tea.Msg { return formDoneMsg{ref: ref, next: next} }
	}
	f := newFormScreen(c, sprintf(t.BreakGlassTitle, ref), build, submit)
	f.intro = func() string {
		// 78 columns fit the smallest terminal the console runs in.
		return c.styles.Warning.Render(c.styles.Plain.Width(78).Render(t.BreakGlassText)) + "\n"
	}
	return f
}

// onReason puts, above a form that changes ref's referral, the notice that
// the change is made on the break-the-glass reason given earlier in this
// session and is logged with it for the review; with no reason given
// (the patient is the user's) the form is unchanged. The notice is drawn
// from View, which runs on the event loop like Update, so reading the
// session's reasons there is safe; a form may be built in a command.
func onReason(c *common, ref string, f formScreen) formScreen {
	intro := f.intro
	f.intro = func() string {
		var parts []string
		if reason := c.reasons[ref]; reason != "" {
			// 78 columns fit the smallest terminal the console runs in.
			parts = append(parts, c.styles.Warning.Render(c.styles.Plain.Width(78).Render(sprintf(c.text.ChangeOnReason, reason))))
		}
		if intro != nil {
			if s := intro(); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n")
	}
	return f
}

// reasonValidator asks for a reason the monthly review can judge.
func reasonValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if utf8.RuneCountInString(strings.TrimSpace(s)) < intake.MinReasonLength {
			return errors.New(sprintf(t.BreakGlassTooShort, intake.MinReasonLength))
		}
		if intake.HasControl(s) {
			return errors.New(t.BadControl)
		}
		return nil
	}
}

// openReferral opens the referral view for ref behind the gate.
func openReferral(c *common, ref string) tea.Cmd {
	return openRecord(c, ref, func() screen { return newReferralView(c, ref) })
}
