package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// How the assessment form ends.
const (
	finishDraft    = "draft"
	finishComplete = "complete"
	finishAmend    = "amend"
	finishLeave    = "leave"
)

// assessValues are the template's fields as the form edits them (text for
// text; instrument items as the digits typed).
type assessValues struct {
	reason, situation, duration, earlier, somatic, medication, substance, daily, network string
	children, childrenFollowUp, goals                                                    string
	items, notDone                                                                       map[intake.Instrument]*string
	suicide, protective, plan, violence, violenceNote                                    string
	right, latestStart, priority, benefit, cost, severity, decidedAt                     string
	recommendation                                                                       []string
	finish, amendReason                                                                  string
}

func newAssessValues() *assessValues {
	v := &assessValues{items: map[intake.Instrument]*string{}, notDone: map[intake.Instrument]*string{}, finish: finishDraft}
	for _, in := range intake.Instruments {
		v.items[in], v.notDone[in] = new(string), new(string)
	}
	return v
}

// fill copies a saved assessment into the form.
func (v *assessValues) fill(t *Catalog, a intake.Assessment) {
	v.reason, v.situation, v.duration, v.earlier = a.ReasonOwnWords, a.CurrentSituation, a.Duration, a.EarlierHelp
	v.somatic, v.medication, v.substance, v.daily = a.SomaticHealth, a.Medication, a.SubstanceUse, a.DailyFunctioning
	v.network, v.children, v.childrenFollowUp, v.goals = a.Network, string(a.MinorChildren), a.ChildrenFollowUp, a.Goals
	for _, in := range intake.Instruments {
		ans := a.Instruments[in]
		*v.items[in] = intake.FormatItems(ans.Items)
		*v.notDone[in] = ans.NotDoneReason
	}
	v.suicide, v.protective, v.plan = string(a.Risk.Suicide), a.Risk.ProtectiveFactors, a.Risk.Plan
	v.violence, v.violenceNote = string(a.Risk.Violence), a.Risk.ViolenceNote
	r := a.Rights
	v.right, v.latestStart, v.priority = string(r.Right), t.Date(r.LatestStart), string(r.Priority)
	v.benefit, v.cost, v.severity, v.decidedAt = r.ExpectedBenefit, r.CostEffectiveness, r.Severity, t.Date(r.DecidedAt)
	v.recommendation = append([]string(nil), a.Recommendation...)
}

// assessment turns the form into the template; decidedBy is the user when
// a rights decision is recorded.
func (v *assessValues) assessment(decidedBy string) intake.Assessment {
	a := intake.Assessment{
		ReasonOwnWords: trim(v.reason), CurrentSituation: trim(v.situation), Duration: trim(v.duration),
		EarlierHelp: trim(v.earlier), SomaticHealth: trim(v.somatic), Medication: trim(v.medication),
		SubstanceUse: trim(v.substance), DailyFunctioning: trim(v.daily), Network: trim(v.network),
		MinorChildren: intake.YesNo(v.children), ChildrenFollowUp: trim(v.childrenFollowUp), Goals: trim(v.goals),
		Instruments: map[intake.Instrument]intake.Answers{},
		Risk: intake.Risk{Suicide: intake.RiskLevel(v.suicide), ProtectiveFactors: trim(v.protective), Plan: trim(v.plan),
			Violence: intake.RiskLevel(v.violence), ViolenceNote: trim(v.violenceNote)},
		Recommendation: append([]string(nil), v.recommendation...),
	}
	for _, in := range intake.Instruments {
		items, _ := intake.ParseItems(in, *v.items[in])
		reason := trim(*v.notDone[in])
		a.Instruments[in] = intake.Answers{Items: items, NotDone: reason != "", NotDoneReason: reason}
	}
	r := intake.RightsAssessment{Right: intake.YesNo(v.right), Priority: intake.Priority(v.priority),
		ExpectedBenefit: trim(v.benefit), CostEffectiveness: trim(v.cost), Severity: trim(v.severity)}
	r.LatestStart = typedDate(v.latestStart)
	r.DecidedAt = typedDate(v.decidedAt)
	if r.Right != intake.NotAnswered {
		r.DecidedBy = decidedBy
	}
	a.Rights = r
	return a
}

func trim(s string) string { return strings.TrimSpace(s) }

// assessData is what the form needs before it can be drawn.
type assessData struct {
	rec      intake.ReferralRecord
	history  []intake.AssessmentVersion
	services []intake.Service
}

type assessLoadedMsg struct {
	data assessData
	err  error
}

// draftSavedMsg answers an automatic draft save.
type draftSavedMsg struct{ err error }

// newAssess is the first-conversation template (e): sections, PHQ-9,
// GAD-7 and AUDIT scored as they are typed, risk, the rights assessment
// and the recommendation. Drafts save as the clinician moves between
// fields; completing checks everything and names what is missing; a
// completed assessment is amended as a new version, with a reason.
func newAssess(c *common, ref string) formScreen {
	t := c.text
	v := newAssessValues()
	var data *assessData
	completed := func() bool {
		return data != nil && len(data.history) > 0 && data.history[len(data.history)-1].Status == intake.AssessmentCompleted
	}
	build := func() *huh.Form {
		if data == nil {
			return huh.NewForm(huh.NewGroup(huh.NewNote().Title(t.Loading)))
		}
		text := func(title string, value *string) *huh.Text {
			return huh.NewText().Title(title).Value(value).CharLimit(intake.MaxNoteLen).Lines(2).Validate(notesValidator(t))
		}
		groups := []*huh.Group{
			huh.NewGroup(
				text(t.ASReason, &v.reason), text(t.ASSituation, &v.situation),
				huh.NewInput().Title(t.ASDuration).Value(&v.duration).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
				text(t.ASEarlier, &v.earlier),
			).Title(t.ASPart1),
			huh.NewGroup(
				text(t.ASSomatic, &v.somatic), text(t.ASMedication, &v.medication),
				text(t.ASSubstance, &v.substance), text(t.ASDaily, &v.daily),
			).Title(t.ASPart2),
			huh.NewGroup(
				text(t.ASNetwork, &v.network),
				huh.NewSelect[string]().Title(t.ASChildren).Value(&v.children).Inline(true).Options(yesNoOptions(t)...),
				text(t.ASChildrenFollowUp, &v.childrenFollowUp),
				text(t.ASGoals, &v.goals),
			).Title(t.ASPart3),
		}
		for _, in := range intake.Instruments {
			in := in
			// The live score is drawn by huh off the main goroutine.
			items, notDone := newSharedText(v.items[in]), newSharedText(v.notDone[in])
			groups = append(groups, huh.NewGroup(
				huh.NewNote().Description(itemList(t, in, itemListWidth)),
				huh.NewInput().Title(sprintf(t.ASItems, t.InstrumentName(in), in.ItemCount())).Accessor(items).CharLimit(40).
					DescriptionFunc(func() string { return scoreLine(t, in, items.load(), notDone.load()) }, v.items[in]).
					Validate(itemsValidator(t, in)),
				huh.NewInput().Title(t.ASNotDone).Accessor(notDone).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
			).Title(t.InstrumentName(in)))
		}
		levels := riskOptions(t)
		groups = append(groups,
			huh.NewGroup(
				huh.NewSelect[string]().Title(t.ASSuicide).Description(func() string {
					if item9(*v.items[intake.InstrumentPHQ9]) {
						return t.ASItem9Warning
					}
					return ""
				}()).Value(&v.suicide).Options(levels...),
				text(t.ASProtective, &v.protective), text(t.ASPlan, &v.plan),
				huh.NewSelect[string]().Title(t.ASViolence).Value(&v.violence).Options(levels...),
				huh.NewInput().Title(t.ASViolenceNote).Value(&v.violenceNote).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
			).Title(t.ASRisk),
			huh.NewGroup(
				huh.NewSelect[string]().Title(t.ASRight).Description(rightsHint(t, data, v)).Value(&v.right).Inline(true).Options(
					huh.NewOption(t.ASNotDecided, ""), huh.NewOption(t.Yes, string(intake.Yes)), huh.NewOption(t.No, string(intake.No))),
				huh.NewInput().Title(t.ASLatestStart).Placeholder(t.DatePlaceholder).Value(&v.latestStart).CharLimit(10).Validate(dateValidator(t, false)),
				huh.NewSelect[string]().Title(t.ASPriority).Value(&v.priority).Inline(true).Options(
					huh.NewOption("–", ""), huh.NewOption(t.ASOrdinary, string(intake.PriorityOrdinary)), huh.NewOption(t.ASUrgent, string(intake.PriorityUrgent))),
				huh.NewInput().Title(t.ASBenefit).Value(&v.benefit).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
				huh.NewInput().Title(t.ASCost).Value(&v.cost).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
				huh.NewInput().Title(t.ASSeverity).Value(&v.severity).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)),
				huh.NewInput().Title(t.ASDecidedAt).Placeholder(t.DatePlaceholder).Value(&v.decidedAt).CharLimit(10).Validate(dateValidator(t, false)),
			).Title(t.ASRights),
		)
		var svc []huh.Option[string]
		for _, s := range data.services {
			if !s.Retired && s.Code != intake.ServiceDidNotAttend {
				svc = append(svc, huh.NewOption(s.Label(string(c.lang)), s.Code))
			}
		}
		finish := []huh.Option[string]{huh.NewOption(t.ASSaveDraft, finishDraft), huh.NewOption(t.ASComplete, finishComplete)}
		if completed() {
			finish = []huh.Option[string]{huh.NewOption(t.ASLeaveUnchanged, finishLeave), huh.NewOption(t.ASAmend, finishAmend)}
		}
		last := []huh.Field{
			huh.NewMultiSelect[string]().Title(t.ASRecommendation).Options(svc...).Value(&v.recommendation),
			huh.NewSelect[string]().Title(t.ASFinish).Value(&v.finish).Options(finish...),
		}
		if completed() {
			last = append(last, huh.NewInput().Title(t.ASAmendReason).Value(&v.amendReason).CharLimit(intake.MaxTextLen).Validate(notesValidator(t)))
		}
		groups = append(groups, huh.NewGroup(last...).Title(t.ASRecommendation))
		return huh.NewForm(groups...)
	}
	save := func(complete bool, reason string) tea.Cmd {
		a, acc := v.assessment(c.user.Username), c.access(ref)
		return call(c, func(ctx context.Context, b Backend) (intake.AssessmentVersion, error) {
			return b.SaveAssessment(ctx, acc, ref, a, complete, reason)
		}, func(ver intake.AssessmentVersion, err error) tea.Msg {
			if err != nil {
				return formDoneMsg{err: assessErrorText(t, err, complete)}
			}
			text := sprintf(t.ASDraftSaved, ref)
			if complete {
				text = sprintf(t.ASCompleted, ref, ver.Version)
			}
			return formDoneMsg{text: text, ref: ref}
		})
	}
	submit := func() tea.Cmd {
		if data == nil {
			return nil
		}
		switch v.finish {
		case finishLeave:
			return func() tea.Msg { return formDoneMsg{ref: ref} }
		case finishAmend:
			return save(true, trim(v.amendReason))
		case finishComplete:
			return save(true, "")
		}
		return save(false, "")
	}
	f := newFormScreen(c, sprintf(t.AssessTitle, ref), build, submit)
	acc := c.access(ref)
	f.load = call(c, func(ctx context.Context, b Backend) (assessData, error) {
		rec, err := b.ReferralDetail(ctx, acc, ref)
		if err != nil {
			return assessData{}, err
		}
		history, err := b.Assessments(ctx, acc, ref)
		if err != nil {
			return assessData{}, err
		}
		svcs, err := b.Services(ctx)
		return assessData{rec, history, svcs}, err
	}, func(d assessData, err error) tea.Msg { return assessLoadedMsg{d, err} })
	f.intro = func() string {
		if data == nil {
			return ""
		}
		s := c.styles
		line := s.Label.Render(t.ASVersionLabel+" ") + s.Value.Render(versionText(t, data.history))
		if f := assessAutosave(data); f != "" {
			line += s.Subtle.Render("  " + t.ASAutosave)
		}
		return line
	}
	f = onReason(c, ref, f)
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		switch m := msg.(type) {
		case assessLoadedMsg:
			if m.err != nil {
				return f, closeWith(closeMsg{err: m.err}), true
			}
			if m.data.rec.Row.Referral.Attended != intake.AttendanceYes {
				return f, closeWith(closeMsg{err: stepError(t.ASNotAttended)}), true
			}
			data = &m.data
			v.decidedAt = t.Date(c.today())
			if n := len(data.history); n > 0 {
				v.fill(t, data.history[n-1].Assessment)
				if v.decidedAt == "" {
					v.decidedAt = t.Date(c.today())
				}
			}
			if completed() {
				v.finish = finishLeave
			}
			f = f.start()
			return f, f.form.Init(), true
		case draftSavedMsg:
			if m.err != nil {
				f.err = errorText(t, m.err)
			}
			return f, nil, true
		}
		return f, nil, false
	}
	// Drafts save as the clinician moves on from a field, so nothing typed
	// in the first conversation is lost; a completed assessment is only
	// changed by an explicit amendment.
	f.onField = func(f formScreen) tea.Cmd {
		if data == nil || completed() || !f.touched {
			return nil
		}
		a, acc := v.assessment(c.user.Username), c.access(ref)
		return call(c, func(ctx context.Context, b Backend) (intake.AssessmentVersion, error) {
			return b.SaveAssessment(ctx, acc, ref, a, false, "")
		}, func(_ intake.AssessmentVersion, err error) tea.Msg {
			return draftSavedMsg{assessErrorText(t, err, false)}
		})
	}
	return f
}

// assessAutosave says whether drafts are being saved as the user goes.
func assessAutosave(d *assessData) string {
	if d == nil {
		return ""
	}
	if n := len(d.history); n > 0 && d.history[n-1].Status == intake.AssessmentCompleted {
		return ""
	}
	return "autosave"
}

func versionText(t *Catalog, history []intake.AssessmentVersion) string {
	n := len(history)
	if n == 0 {
		return t.ASNew
	}
	last := history[n-1]
	status := t.ASStatusDraft
	if last.Status == intake.AssessmentCompleted {
		status = t.ASStatusCompleted
	}
	return sprintf(t.ASVersionText, last.Version, status, last.Author, t.Stamp(last.SavedAt))
}

// scoreLine is the live score under an instrument's items: running total,
// band, caseness, and the item-9 flag.
func scoreLine(t *Catalog, in intake.Instrument, entry, notDone string) string {
	if trim(notDone) != "" {
		return t.ASMarkedNotDone
	}
	if p := itemsProblem(t, in, entry); p != "" {
		return "✗ " + p
	}
	items, _ := intake.ParseItems(in, entry)
	sc, err := intake.ScoreAnswers(in, intake.Answers{Items: items})
	if err != nil {
		return "✗ " + t.ASBadItems
	}
	line := sprintf(t.ASScore, sc.Total, len(items), in.ItemCount())
	if sc.Complete {
		line += " · " + t.BandName(sc.Band)
		if sc.Caseness {
			line += " · " + t.ASCase
		}
	}
	if sc.Item9Flag {
		line += " · " + t.ASItem9Flag
	}
	// Typing from the paper form, the clinician sees which item the next
	// digit is for.
	if next := len(items) + 1; next <= in.ItemCount() {
		line += " · " + sprintf(t.ASNextItem, next, itemLabel(t, in, next))
	}
	return line
}

// item9 reports whether a PHQ-9 entry scores item 9 above 0.
func item9(entry string) bool {
	items, err := intake.ParseItems(intake.InstrumentPHQ9, entry)
	return err == nil && len(items) >= 9 && items[8] > 0
}

// rightsHint says whether the rights assessment is required and the legal
// deadline, when the form opens.
func rightsHint(t *Catalog, d *assessData, v *assessValues) string {
	r := d.rec.Row.Referral
	required := intake.RightsRequired(r, v.recommendation, intake.SpecialisedIn(d.services))
	hint := t.ASRightsOptional
	if required {
		hint = t.ASRightsRequired
	}
	if !d.rec.Row.Deadline.IsZero() {
		hint += " " + sprintf(t.ASDeadline, t.Date(d.rec.Row.Deadline))
	}
	return hint
}

func yesNoOptions(t *Catalog) []huh.Option[string] {
	return []huh.Option[string]{huh.NewOption("–", ""), huh.NewOption(t.Yes, string(intake.Yes)), huh.NewOption(t.No, string(intake.No))}
}

func riskOptions(t *Catalog) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption(t.ASNotAssessed, "")}
	for _, l := range intake.RiskLevels {
		opts = append(opts, huh.NewOption(t.RiskName(l), string(l)))
	}
	return opts
}
