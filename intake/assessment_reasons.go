package intake

// Reasons Missing gives for what keeps an assessment from being completed.
// They are English, as every FieldError reason is; the console shows them
// in the user's language by looking these constants up, so each one is a
// name as well as a text.
const (
	ReasonRequired          = reasonRequired
	ReasonYesOrNo           = `required: "yes" or "no"`
	ReasonChildrenFollowUp  = "required when there are minor children in the home"
	ReasonNotDoneWhy        = "required when the instrument is not done"
	ReasonInstrumentPartial = "must be completed or marked not done with a reason"
	ReasonItem9Risk         = "required: PHQ-9 item 9 is above 0"
	ReasonRiskPlan          = "required when the suicide risk is moderate or high"
	ReasonRightGranted      = "required when the patient has a right to necessary health care"
	ReasonStartBeforeDecide = "must not be before the decision date"
	ReasonEmptyWithoutRight = "must be empty when the patient has no right"
	ReasonOneService        = "required: at least one service"
	ReasonAmendWhy          = "required: why the completed assessment is amended"
)

// MissingReasons lists every reason above, so a translation can be checked
// to be complete.
var MissingReasons = []string{
	ReasonRequired, ReasonYesOrNo, ReasonChildrenFollowUp, ReasonNotDoneWhy, ReasonInstrumentPartial,
	ReasonItem9Risk, ReasonRiskPlan, ReasonRightGranted, ReasonStartBeforeDecide, ReasonEmptyWithoutRight,
	ReasonOneService, ReasonAmendWhy,
}
