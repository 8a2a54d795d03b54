package tui

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
	"envei/intake/report"
)

// Consultations with the senior psychiatrist and the GP's office (o in the
// referral view): a form to record either, the referral view's section
// listing them, and the words of their timeline entries.

// consultValues are what the form holds while the user types; they
// survive a refused submission (formScreen rebuilds from them).
type consultValues struct {
	kind             string
	day, clock       string
	question, advice string
	medication       bool
	contact, outcome string
}

// consultation is what the form says, as the store takes it.
func (v *consultValues) consultation() intake.Consultation {
	// The store keeps ISO dates and HH:MM; what was typed (24.11.2026, 8.30) is read here.
	clock, _ := intake.ParseTypedClock(v.clock)
	return intake.Consultation{
		Kind: intake.ConsultationKind(v.kind), Date: typedDate(v.day), Clock: clock,
		Question: v.question, Advice: v.advice, MedicationReviewed: v.medication,
		Contact: v.contact, Outcome: v.outcome,
	}
}

// consultAction opens the consultation form behind the work-need gate: a
// consultation is written to the patient's record.
func consultAction(c *common, ref string) tea.Cmd {
	return openRecord(c, ref, func() screen { return newConsultation(c, ref) })
}

// newConsultation records a consultation with the senior psychiatrist (the
// question, the advice, whether the medication was reviewed) or a phone
// consultation with the GP's office (with whom, the outcome), and when it
// was held.
func newConsultation(c *common, ref string) formScreen {
	t := c.text
	today := c.today()
	v := &consultValues{kind: string(intake.ConsultSenior), day: t.Date(today)}
	build := func() *huh.Form {
		text := func(title string, value *string) *huh.Text {
			return huh.NewText().Title(title).Value(value).CharLimit(intake.MaxConsultTextLen).Lines(3).
				Validate(consultTextValidator(t, true, intake.MaxConsultTextLen))
		}
		return huh.NewForm(
			huh.NewGroup(
				huh.NewSelect[string]().Title(t.CNKind).Value(&v.kind).Options(
					huh.NewOption(t.CNSenior, string(intake.ConsultSenior)),
					huh.NewOption(t.CNGP, string(intake.ConsultGP))),
				huh.NewInput().Title(t.CNDate).Placeholder(t.DatePlaceholder).Value(&v.day).CharLimit(10).
					Validate(pastDateValidator(t, today)),
				huh.NewInput().Title(t.CNTime).Placeholder("HH:MM").Value(&v.clock).CharLimit(5).
					Validate(clockValidator(t)),
			),
			huh.NewGroup(
				text(t.CNQuestion, &v.question).Description(t.CNQuestionHelp),
				text(t.CNAdvice, &v.advice),
				huh.NewSelect[bool]().Title(t.CNMedication).Value(&v.medication).Inline(true).
					Options(huh.NewOption(t.No, false), huh.NewOption(t.Yes, true)),
			).WithHideFunc(func() bool { return v.kind != string(intake.ConsultSenior) }),
			huh.NewGroup(
				huh.NewInput().Title(t.CNContact).Description(t.CNContactHelp).Value(&v.contact).
					CharLimit(intake.MaxConsultContactLen).
					Validate(consultTextValidator(t, false, intake.MaxConsultContactLen)),
				text(t.CNOutcome, &v.outcome),
			).WithHideFunc(func() bool { return v.kind != string(intake.ConsultGP) }),
		)
	}
	submit := func() tea.Cmd {
		cons, acc := v.consultation(), c.access(ref)
		saved := t.CNSavedSenior
		if cons.Kind == intake.ConsultGP {
			saved = t.CNSavedGP
		}
		return call(c, func(ctx context.Context, b Backend) (intake.Consultation, error) {
			return b.RecordConsultation(ctx, acc, ref, cons)
		}, func(_ intake.Consultation, err error) tea.Msg {
			return formDoneMsg{text: sprintf(saved, ref), ref: ref, err: err}
		})
	}
	return newFormScreen(c, sprintf(t.CNTitle, ref), build, submit)
}

// pastDateValidator asks for a date that is not after today.
func pastDateValidator(t *Catalog, today intake.Date) func(string) error {
	need := dateValidator(t, true)
	return func(s string) error {
		if err := need(s); err != nil {
			return err
		}
		if typedDate(s).After(today) {
			return errors.New(t.CNFuture)
		}
		return nil
	}
}

// consultTextValidator asks for text, without control characters (line
// breaks allowed where multiLine).
func consultTextValidator(t *Catalog, multiLine bool, limit int) func(string) error {
	return func(s string) error {
		switch {
		case strings.TrimSpace(s) == "":
			return errors.New(t.Required)
		case intake.ConsultTextProblem(s, multiLine, limit) != "":
			return errors.New(t.CNBadText)
		}
		return nil
	}
}

// consultationLines lays out the referral view's section: each
// consultation, oldest first, with its text under it.
func (v referralView) consultationLines(b *strings.Builder) {
	cs := v.rec.Consultations
	if len(cs) == 0 {
		return
	}
	s, t := v.c.styles, v.c.text
	b.WriteString("\n" + s.TableHead.Render(t.SectionConsultations) + "\n")
	field := func(label, value string) {
		// Continuation lines of multi-line text stay in the value column.
		value = strings.ReplaceAll(value, "\n", "\n"+strings.Repeat(" ", 22))
		b.WriteString(s.Label.Render(pad("  "+label, 22)) + s.Value.Render(value) + "\n")
	}
	for _, c := range cs {
		who, extra := t.CNSeniorLine, ""
		if c.Kind == intake.ConsultGP {
			who = t.CNGPLine
		}
		if c.MedicationReviewed {
			extra = " · " + t.CNMedicationReviewed
		}
		b.WriteString(s.Subtle.Render(t.Date(c.Date)+" "+c.Clock+"  ") + s.Value.Render(who+extra) +
			s.Subtle.Render("  "+sprintf(t.CNRecordedBy, c.RecordedBy)) + "\n")
		switch c.Kind {
		case intake.ConsultSenior:
			field(t.CNQuestion, c.Question)
			field(t.CNAdvice, c.Advice)
		case intake.ConsultGP:
			field(t.CNContact, c.Contact)
			field(t.CNOutcome, c.Outcome)
		}
	}
}

// consultEventDetail words a consultation event's detail in the user's
// language (intake.ParseConsultationEvent). Other events' details are
// returned as they are.
func consultEventDetail(t *Catalog, e intake.Event) string {
	day, clock, medication, ok := intake.ParseConsultationEvent(e)
	if !ok {
		return e.Detail
	}
	shown := day
	if d, err := intake.ParseDate(day); err == nil {
		shown = t.Date(d)
	}
	text := sprintf(t.CNHeld, shown, clock)
	if medication {
		text += ", " + t.CNMedicationReviewed
	}
	return text
}

// consultStatsLines are the statistics screen's lines on the senior
// psychiatrist and the GP under the routing bars: the total column of the
// report's consultation table (suppressed with the rest), in the user's
// language, within width cells.
func (s statsScreen) consultStatsLines(width int) string {
	st, t := s.c.styles, s.c.text
	tab := s.stats.Consultations
	if tab.Empty() {
		return ""
	}
	total := len(tab.Columns) - 1
	cell := func(code string) report.Cell {
		for _, r := range tab.Rows {
			if r.Code == code {
				return r.Cells[total]
			}
		}
		return report.Cell{}
	}
	lines := screenTable{head: []string{"", ""}}
	for _, line := range []struct{ label, patients, count string }{
		{t.StatsSeniorPatients, report.CodeSeniorPatients, report.CodeSeniorConsultations},
		{t.StatsGPPatients, report.CodeGPPatients, report.CodeGPConsultations},
	} {
		p, n := cell(line.patients), cell(line.count)
		text := t.StatsConsultNone
		if p.Hidden() || p.N > 0 {
			text = p.Text(s.stats.MinCell) + " · " + sprintf(t.StatsConsultCount, n.Count(s.stats.MinCell))
		}
		lines.rows = append(lines.rows, []string{line.label, text})
	}
	// The table without its empty heading line.
	body := lines.lines(width, st.TableHead, st.Bar)[1:]
	return st.TableHead.Render(wrapText(t.StatsConsultHead, width)) + "\n" + strings.Join(body, "\n") + "\n"
}
