package tui

import (
	"errors"
	"strings"

	"envei/intake"
)

// What keeps an assessment from being saved or completed, in the user's
// language with the form's own field titles. The store says it as
// intake.FieldErrors with field codes and English reasons
// ("reason_own_words: required"), which the console showed as they were.

// shownError is an error already put in the user's words.
type shownError string

func (e shownError) Error() string { return string(e) }

// assessErrorText turns a refused save into the user's language; errors
// other than field errors are left for errorText.
func assessErrorText(t *Catalog, err error, complete bool) error {
	var fe intake.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	rightMissing := false
	for _, e := range fe {
		rightMissing = rightMissing || e.Column == intake.FieldRightsRight
	}
	parts := make([]string, 0, len(fe))
	for _, e := range fe {
		// The form records who decided with the decision itself: while
		// the decision is missing, so is its decider, which says nothing
		// more.
		if e.Column == intake.FieldRightsDecidedBy && rightMissing {
			continue
		}
		parts = append(parts, assessProblem(t, e))
	}
	text := strings.Join(parts, "; ")
	if complete {
		text = sprintf(t.ASCannotYet, text)
	}
	return shownError(text)
}

// assessProblem is one field's problem: its title and what to do.
func assessProblem(t *Catalog, e intake.FieldError) string {
	if in, n, ok := intake.ParseItemField(e.Column); ok {
		return t.InstrumentName(in) + ": " + itemRange(t, in, n)
	}
	reason, ok := t.MissingReasons[e.Reason]
	if !ok {
		reason = t.ASCheckField
	}
	return assessFieldLabel(t, e.Column) + ": " + reason
}

// assessFieldLabel names a field of the template by its title in the form,
// without a closing question mark.
func assessFieldLabel(t *Catalog, code string) string {
	for _, in := range intake.Instruments {
		switch code {
		case string(in):
			return t.InstrumentName(in)
		case intake.NotDoneReasonField(in):
			return t.InstrumentName(in)
		}
	}
	labels := map[string]string{
		intake.FieldReasonOwnWords: t.ASReason, intake.FieldCurrentSituation: t.ASSituation,
		intake.FieldDuration: t.ASDuration, intake.FieldEarlierHelp: t.ASEarlier, intake.FieldSomaticHealth: t.ASSomatic,
		intake.FieldMedication: t.ASMedication, intake.FieldSubstanceUse: t.ASSubstance,
		intake.FieldDailyFunctioning: t.ASDaily, intake.FieldNetwork: t.ASNetwork, intake.FieldMinorChildren: t.ASChildren,
		intake.FieldChildrenFollowUp: t.ASChildrenFollowUp, intake.FieldGoals: t.ASGoals,
		intake.FieldSuicideRisk: t.ASSuicide, intake.FieldProtectiveFactors: t.ASProtective, intake.FieldSuicidePlan: t.ASPlan,
		intake.FieldViolenceRisk: t.ASViolence, intake.FieldViolenceNote: t.ASViolenceNote,
		intake.FieldRightsRight: t.ASRight, intake.FieldRightsLatestStart: t.ASLatestStart,
		intake.FieldRightsPriority: t.ASPriority, intake.FieldRightsExpectedBenefit: t.ASBenefit,
		intake.FieldRightsCostEffectiveness: t.ASCost, intake.FieldRightsSeverity: t.ASSeverity,
		intake.FieldRightsDecidedBy: t.ASRights, intake.FieldRightsDecidedAt: t.ASDecidedAt,
		intake.FieldRecommendation: t.ASRecommendation, intake.FieldAmendmentReason: t.ASAmendReason,
	}
	if l, ok := labels[code]; ok {
		return strings.TrimSuffix(l, "?")
	}
	return t.ColumnName(code)
}
