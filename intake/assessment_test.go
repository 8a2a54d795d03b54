package intake

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// gpToDPS is a GP referral to the DPS received on Thursday 10 April 2025.
// Counted by hand over Easter 2025 (Maundy Thursday 17, Good Friday 18 and
// Easter Monday 21 April are holidays), its 10th working day is Tuesday
// 29 April.
func gpToDPS() Referral {
	return Referral{Ref: "R-1", Received: MustParseDate("2025-04-10"), Channel: ChannelGP, AddressedTo: AddressedDPS}
}

const gpToDPSDeadline = "2025-04-29"

func selfBooked() Referral {
	return Referral{Ref: "R-2", Received: MustParseDate("2025-04-10"), Channel: ChannelSelf, AddressedTo: AddressedNone}
}

// filledAssessment is a template that can be completed for gpToDPS.
func filledAssessment() Assessment {
	return Assessment{
		ReasonOwnWords:   "I cannot sleep and I worry all the time.",
		CurrentSituation: "On sick leave, lives alone.",
		Duration:         "About four months.",
		EarlierHelp:      "None.",
		SomaticHealth:    "Healthy.",
		Medication:       "None.",
		SubstanceUse:     "Wine at weekends.",
		DailyFunctioning: "Manages the home, not work.",
		Network:          "A sister nearby.",
		MinorChildren:    No,
		Goals:            "Back to work.",
		Instruments: map[Instrument]Answers{
			InstrumentPHQ9:  {Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 0}},
			InstrumentGAD7:  {Items: []int{2, 2, 2, 2, 1, 1, 1}},
			InstrumentAUDIT: {NotDone: true, NotDoneReason: "Time ran out; drinking discussed."},
		},
		Risk: Risk{Suicide: RiskLow, ProtectiveFactors: "Sister, plans for the summer."},
		Rights: RightsAssessment{
			Right:             Yes,
			LatestStart:       MustParseDate("2025-06-01"),
			Priority:          PriorityOrdinary,
			ExpectedBenefit:   "Good effect of outpatient treatment expected.",
			CostEffectiveness: "Reasonable.",
			Severity:          "Moderate depression with loss of function.",
			DecidedBy:         "kari",
			DecidedAt:         MustParseDate("2025-04-24"),
		},
		Recommendation: []string{"dps"},
	}
}

func TestAssessmentMissing(t *testing.T) {
	specialised := SpecialisedIn(DefaultCatalogue())
	u := ItemUnanswered
	tests := []struct {
		name   string
		ref    Referral
		change func(a *Assessment)
		want   []string
	}{
		{"complete", gpToDPS(), func(a *Assessment) {}, nil},
		{"empty", gpToDPS(), func(a *Assessment) { *a = Assessment{} }, []string{
			"reason_own_words", "current_situation", "duration", "earlier_help", "somatic_health",
			"medication", "substance_use", "daily_functioning", "network", "minor_children", "goals",
			"phq9", "gad7", "audit",
			"rights.right", "rights.expected_benefit", "rights.cost_effectiveness", "rights.severity",
			"rights.decided_by", "rights.decided_at", "recommendation",
		}},
		{"empty self-booking needs no rights", selfBooked(), func(a *Assessment) { *a = Assessment{} }, []string{
			"reason_own_words", "current_situation", "duration", "earlier_help", "somatic_health",
			"medication", "substance_use", "daily_functioning", "network", "minor_children", "goals",
			"phq9", "gad7", "audit", "recommendation",
		}},
		{"blank is not filled", gpToDPS(), func(a *Assessment) { a.Network = " \n\t" }, []string{"network"}},

		{"children yes without follow-up", gpToDPS(), func(a *Assessment) { a.MinorChildren = Yes }, []string{"children_follow_up"}},
		{"children yes with follow-up", gpToDPS(), func(a *Assessment) {
			a.MinorChildren, a.ChildrenFollowUp = Yes, "Health nurse informed."
		}, nil},
		{"children not answered", gpToDPS(), func(a *Assessment) { a.MinorChildren = NotAnswered }, []string{"minor_children"}},
		{"children maybe", gpToDPS(), func(a *Assessment) { a.MinorChildren = "maybe" }, []string{"minor_children"}},

		{"PHQ-9 partial", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 2, u, 1, 1, 1, 1, 0}}
		}, []string{"phq9"}},
		{"GAD-7 missing from the map", gpToDPS(), func(a *Assessment) { delete(a.Instruments, InstrumentGAD7) }, []string{"gad7"}},
		{"not done without reason", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentAUDIT] = Answers{NotDone: true, NotDoneReason: " "}
		}, []string{"audit.not_done_reason"}},
		{"impossible item score named once", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 5, 1, 1, 1, 1, 1, 0}}
		}, []string{"phq9.item_3"}},
		{"unknown instrument", gpToDPS(), func(a *Assessment) { a.Instruments["bdi"] = Answers{Items: []int{1}} }, []string{"instrument"}},

		// The item-9 rule.
		{"item 9 without suicide risk", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 1}}
			a.Risk = Risk{}
		}, []string{"suicide_risk"}},
		{"item 9 with suicide risk none", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 1}}
			a.Risk = Risk{Suicide: RiskNone}
		}, nil},
		{"item 9 zero needs no suicide risk", gpToDPS(), func(a *Assessment) { a.Risk = Risk{} }, nil},
		{"item 9 answered, rest not done", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{u, u, u, u, u, u, u, u, 2}, NotDone: true, NotDoneReason: "Too tired."}
			a.Risk = Risk{}
		}, []string{"suicide_risk"}},
		{"item 9 and moderate risk without plan", gpToDPS(), func(a *Assessment) {
			a.Instruments[InstrumentPHQ9] = Answers{Items: []int{2, 2, 2, 1, 1, 1, 1, 1, 3}}
			a.Risk = Risk{Suicide: RiskModerate}
		}, []string{"suicide_plan"}},
		{"high risk without plan", gpToDPS(), func(a *Assessment) { a.Risk.Suicide = RiskHigh }, []string{"suicide_plan"}},
		{"high risk with plan", gpToDPS(), func(a *Assessment) {
			a.Risk.Suicide, a.Risk.Plan = RiskHigh, "Acute team tonight."
		}, nil},
		{"unknown suicide risk", gpToDPS(), func(a *Assessment) { a.Risk.Suicide = "some" }, []string{"suicide_risk"}},
		{"unknown violence risk", gpToDPS(), func(a *Assessment) { a.Risk.Violence = "some" }, []string{"violence_risk"}},

		// The rights assessment.
		{"rights when recommended to a specialised clinic", selfBooked(), func(a *Assessment) {
			a.Rights = RightsAssessment{}
			a.Recommendation = []string{"municipal", "addiction_clinic"}
		}, []string{"rights.right", "rights.expected_benefit", "rights.cost_effectiveness", "rights.severity",
			"rights.decided_by", "rights.decided_at"}},
		{"no rights for the municipality", selfBooked(), func(a *Assessment) {
			a.Rights = RightsAssessment{}
			a.Recommendation = []string{"municipal"}
		}, nil},
		{"right yes without date and priority", gpToDPS(), func(a *Assessment) {
			a.Rights.LatestStart, a.Rights.Priority = Date{}, ""
		}, []string{"rights.latest_start", "rights.priority"}},
		{"latest start before the decision", gpToDPS(), func(a *Assessment) {
			a.Rights.LatestStart = a.Rights.DecidedAt.AddDays(-1)
		}, []string{"rights.latest_start"}},
		{"latest start on the decision day", gpToDPS(), func(a *Assessment) {
			a.Rights.LatestStart = a.Rights.DecidedAt
		}, nil},
		{"right no", gpToDPS(), func(a *Assessment) {
			a.Rights.Right, a.Rights.LatestStart, a.Rights.Priority = No, Date{}, ""
		}, nil},
		{"right no with a date and priority", gpToDPS(), func(a *Assessment) { a.Rights.Right = No },
			[]string{"rights.latest_start", "rights.priority"}},
		{"right no still needs reasoning", gpToDPS(), func(a *Assessment) {
			a.Rights = RightsAssessment{Right: No, DecidedBy: "kari", DecidedAt: MustParseDate("2025-04-24")}
		}, []string{"rights.expected_benefit", "rights.cost_effectiveness", "rights.severity"}},
		{"unknown priority", gpToDPS(), func(a *Assessment) { a.Rights.Priority = "soon" }, []string{"rights.priority"}},

		{"no recommendation", gpToDPS(), func(a *Assessment) { a.Recommendation = nil }, []string{"recommendation"}},
		{"bad service code", gpToDPS(), func(a *Assessment) { a.Recommendation = []string{"dps", "DPS+x"} }, []string{"recommendation"}},
		{"service twice", gpToDPS(), func(a *Assessment) { a.Recommendation = []string{"dps", "municipal", "dps"} }, []string{"recommendation"}},

		{"note with a control character", gpToDPS(), func(a *Assessment) { a.Goals = "Back\x1b[2Jto work" }, []string{"goals"}},
		{"note with line breaks", gpToDPS(), func(a *Assessment) { a.Goals = "Back to work.\n\tSleep better." }, nil},
		{"note too long", gpToDPS(), func(a *Assessment) { a.EarlierHelp = strings.Repeat("å", MaxNoteLen+1) }, []string{"earlier_help"}},
		{"note at the limit", gpToDPS(), func(a *Assessment) { a.EarlierHelp = strings.Repeat("å", MaxNoteLen) }, nil},
	}
	for _, tt := range tests {
		a := filledAssessment()
		tt.change(&a)
		errs := a.Missing(tt.ref, specialised)
		if got := columns(errs); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		for _, e := range errs {
			if e.Reason == "" {
				t.Errorf("%s: %s has no reason", tt.name, e.Column)
			}
		}
	}
}

// Validate asks for nothing to be filled in: a draft saves as it goes.
func TestAssessmentValidateDraft(t *testing.T) {
	if errs := (Assessment{ReasonOwnWords: "Sad."}).Validate(); len(errs) != 0 {
		t.Errorf("an empty draft has problems: %v", errs)
	}
	a := Assessment{Instruments: map[Instrument]Answers{InstrumentGAD7: {Items: []int{4}}}}
	if got := columns(a.Validate()); !slices.Equal(got, []string{"gad7.item_1"}) {
		t.Errorf("impossible score in a draft: %v", got)
	}
}

func TestRightsRequired(t *testing.T) {
	specialised := SpecialisedIn(DefaultCatalogue())
	gp := func(to Addressee) Referral { return Referral{Channel: ChannelGP, AddressedTo: to} }
	tests := []struct {
		name string
		ref  Referral
		rec  []string
		want bool
	}{
		{"GP to DPS", gp(AddressedDPS), []string{"municipal"}, true},
		{"GP to specialist", gp(AddressedSpecialist), nil, true},
		{"GP to municipality, municipal", gp(AddressedMunicipal), []string{"municipal"}, false},
		{"GP to municipality, routed to DPS", gp(AddressedMunicipal), []string{"dps"}, true},
		{"self, routed to eating-disorder clinic", selfBooked(), []string{"eating_disorder_clinic"}, true},
		{"self, routed to contracted specialist", selfBooked(), []string{"specialist"}, true},
		{"self, treated in reception", selfBooked(), []string{"reception"}, false},
		{"self, no need", selfBooked(), []string{"no_need"}, false},
		{"self, nothing yet", selfBooked(), nil, false},
		{"self, unknown code", selfBooked(), []string{"act_team"}, false},
	}
	for _, tt := range tests {
		if got := RightsRequired(tt.ref, tt.rec, specialised); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// Without a catalogue lookup only the referral decides, and nothing panics.
	if !RightsRequired(gp(AddressedDPS), []string{"dps"}, nil) || RightsRequired(selfBooked(), []string{"dps"}, nil) {
		t.Error("nil lookup")
	}
	// A reception's own catalogue decides what is specialised.
	own := SpecialisedIn([]Service{{Code: "fact_team", Category: CategorySpecialised}, {Code: "dps", Category: CategoryMunicipal}})
	if !RightsRequired(selfBooked(), []string{"fact_team"}, own) || RightsRequired(selfBooked(), []string{"dps"}, own) {
		t.Error("own catalogue not followed")
	}
}

// Across the deadline of gpToDPS: deciding on the 10th working day is in
// time, the day after is late.
func TestRightsDecidedLate(t *testing.T) {
	deadline := gpToDPS().AssessmentDeadline(Calendar{})
	if deadline.String() != gpToDPSDeadline {
		t.Fatalf("deadline %s, want %s", deadline, gpToDPSDeadline)
	}
	tests := []struct {
		decided  string
		deadline Date
		late     bool
	}{
		{"2025-04-24", deadline, false},
		{"2025-04-29", deadline, false},
		{"2025-04-30", deadline, true},
		{"2025-05-20", deadline, true},
		{"", deadline, false},         // not decided yet
		{"2025-05-20", Date{}, false}, // no deadline
	}
	for _, tt := range tests {
		ra := RightsAssessment{Right: Yes}
		if tt.decided != "" {
			ra.DecidedAt = MustParseDate(tt.decided)
		}
		if got := DecideRights(ra, tt.deadline); got.Late != tt.late || got.DecidedAt != ra.DecidedAt || got.Right != Yes {
			t.Errorf("decided %q deadline %s: late %v, want %v", tt.decided, tt.deadline, got.Late, tt.late)
		}
	}
	// Late is derived each time: a stale flag is cleared when the decision
	// date is corrected back into time.
	stale := RightsAssessment{Right: Yes, DecidedAt: deadline, Late: true}
	if DecideRights(stale, deadline).Late {
		t.Error("stale Late flag kept")
	}
}

// apply adds a saved version to history as a store would: the same version
// number replaces the latest row, which must be a draft; a new number is
// appended.
func apply(t *testing.T, history []AssessmentVersion, v AssessmentVersion) []AssessmentVersion {
	t.Helper()
	if n := len(history); n > 0 && history[n-1].Version == v.Version {
		if history[n-1].Status != AssessmentDraft {
			t.Fatalf("version %d would overwrite a completed version", v.Version)
		}
		out := slices.Clone(history)
		out[n-1] = v
		return out
	}
	return append(slices.Clone(history), v)
}

func save(a Assessment, author, at string, complete bool, reason string) SaveRequest {
	return SaveRequest{
		Assessment: a, Author: author, At: at, Complete: complete, Reason: reason,
		Referral: gpToDPS(), Specialised: SpecialisedIn(DefaultCatalogue()),
	}
}

// The whole life of an assessment: draft, draft, complete, amend, amend,
// and the refusals on the way.
func TestAssessmentVersionHistory(t *testing.T) {
	var history []AssessmentVersion
	step := func(req SaveRequest, version int, status AssessmentStatus) {
		t.Helper()
		v, err := NextVersion(history, req)
		if err != nil {
			t.Fatalf("save as %s: %v", req.Author, err)
		}
		if v.Version != version || v.Status != status || v.Author != req.Author || v.SavedAt != req.At || v.AmendmentReason != req.Reason {
			t.Fatalf("got version %d %s by %s at %s reason %q, want %d %s", v.Version, v.Status, v.Author, v.SavedAt, v.AmendmentReason, version, status)
		}
		history = apply(t, history, v)
	}

	if err := CanSaveDraft(history); err != nil {
		t.Fatalf("CanSaveDraft on nothing: %v", err)
	}
	work := Assessment{ReasonOwnWords: "Cannot sleep."}
	step(save(work, "kari", "2025-04-24T08:00:00Z", false, ""), 1, AssessmentDraft)

	// Completing an incomplete draft names what is missing and saves nothing.
	_, err := NextVersion(history, save(work, "kari", "2025-04-24T08:05:00Z", true, ""))
	var fe FieldErrors
	if !errors.As(err, &fe) || !slices.Contains(columns(fe), "goals") || slices.Contains(columns(fe), "reason_own_words") {
		t.Fatalf("completing a draft: %v", err)
	}

	work = filledAssessment()
	work.Goals = "Sleep."
	if err := CanSaveDraft(history); err != nil {
		t.Fatalf("CanSaveDraft on a draft: %v", err)
	}
	step(save(work, "ola", "2025-04-24T08:10:00Z", false, ""), 1, AssessmentDraft)
	step(save(work, "ola", "2025-04-24T08:30:00Z", true, ""), 1, AssessmentCompleted)

	// Completed: no more drafts, and an amendment needs a reason.
	if err := CanSaveDraft(history); !errors.Is(err, ErrAssessmentCompleted) {
		t.Fatalf("CanSaveDraft after completion: %v", err)
	}
	if _, err := NextVersion(history, save(work, "ola", "2025-04-25T09:00:00Z", false, "")); !errors.Is(err, ErrAssessmentCompleted) {
		t.Fatalf("draft after completion: %v", err)
	}
	_, err = NextVersion(history, save(work, "ola", "2025-04-25T09:00:00Z", true, "  "))
	if !errors.As(err, &fe) || !slices.Equal(columns(fe), []string{"amendment_reason"}) {
		t.Fatalf("amendment without reason: %v", err)
	}
	// An amendment must still be complete.
	broken := work.Clone()
	broken.Recommendation = nil
	_, err = NextVersion(history, save(broken, "ola", "2025-04-25T09:00:00Z", true, "Wrong service."))
	if !errors.As(err, &fe) || !slices.Equal(columns(fe), []string{"recommendation"}) {
		t.Fatalf("incomplete amendment: %v", err)
	}

	work.Goals = "Sleep, and back to work."
	step(save(work, "ola", "2025-04-25T09:00:00Z", true, "Goals agreed by phone."), 2, AssessmentCompleted)

	// The console goes on editing its working copy: no stored version
	// may change with it.
	work.Instruments[InstrumentPHQ9].Items[0] = 0
	work.Recommendation[0] = "municipal"
	work.Recommendation = append(work.Recommendation, "reception")

	work.Recommendation = []string{"municipal"}
	work.Rights.Right, work.Rights.LatestStart, work.Rights.Priority = No, Date{}, ""
	step(save(work, "per", "2025-04-28T12:00:00Z", true, "Overlege: municipal care is enough."), 3, AssessmentCompleted)

	want := []struct {
		version int
		author  string
		goals   string
		reason  string
		rec     string
		phq1    int
	}{
		{1, "ola", "Sleep.", "", "dps", 2},
		{2, "ola", "Sleep, and back to work.", "Goals agreed by phone.", "dps", 2},
		{3, "per", "Sleep, and back to work.", "Overlege: municipal care is enough.", "municipal", 0},
	}
	if len(history) != len(want) {
		t.Fatalf("%d versions, want %d", len(history), len(want))
	}
	for k, w := range want {
		v := history[k]
		if v.Version != w.version || v.Status != AssessmentCompleted || v.Author != w.author || v.Goals != w.goals ||
			v.AmendmentReason != w.reason || !slices.Equal(v.Recommendation, []string{w.rec}) || v.Instruments[InstrumentPHQ9].Items[0] != w.phq1 {
			t.Errorf("version %d: %+v", w.version, v)
		}
	}
	if err := checkHistory(history); err != nil {
		t.Errorf("the history the rules made breaks them: %v", err)
	}
}

func TestAssessmentVersionRefusals(t *testing.T) {
	done := AssessmentVersion{Version: 1, Status: AssessmentCompleted, Assessment: filledAssessment(), Author: "kari", SavedAt: "2025-04-24T08:00:00Z"}
	draft := AssessmentVersion{Version: 1, Status: AssessmentDraft, Author: "kari", SavedAt: "2025-04-24T08:00:00Z"}
	amended := done
	amended.Version, amended.AmendmentReason = 2, "Typo."
	ok := "2025-04-24T09:00:00Z"
	tests := []struct {
		name    string
		history []AssessmentVersion
		req     SaveRequest
		fields  []string
		err     error
	}{
		{"reason on a first completion", nil, save(filledAssessment(), "kari", ok, true, "Because."), []string{"amendment_reason"}, nil},
		{"reason on a draft", []AssessmentVersion{draft}, save(Assessment{}, "kari", ok, false, "Because."), []string{"amendment_reason"}, nil},
		{"no author", nil, save(Assessment{}, " ", ok, false, ""), []string{"author"}, nil},
		{"local time", nil, save(Assessment{}, "kari", "2025-04-24T11:00:00+02:00", false, ""), []string{"saved_at"}, nil},
		{"no time", nil, save(Assessment{}, "kari", "", false, ""), []string{"saved_at"}, nil},
		{"not a time", nil, save(Assessment{}, "kari", "2025-04-24 09:00Z", false, ""), []string{"saved_at"}, nil},
		{"impossible score in a draft", nil, save(Assessment{Instruments: map[Instrument]Answers{InstrumentPHQ9: {Items: []int{9}}}}, "kari", ok, false, ""), []string{"phq9.item_1"}, nil},
		{"draft on completed", []AssessmentVersion{done}, save(filledAssessment(), "kari", ok, false, ""), nil, ErrAssessmentCompleted},
		{"gap in versions", []AssessmentVersion{done, {Version: 3, Status: AssessmentCompleted, AmendmentReason: "x"}}, save(filledAssessment(), "kari", ok, true, "y"), nil, ErrAssessmentHistory},
		{"draft after completed", []AssessmentVersion{done, {Version: 2, Status: AssessmentDraft}}, save(filledAssessment(), "kari", ok, true, "y"), nil, ErrAssessmentHistory},
		{"amendment without reason stored", []AssessmentVersion{done, {Version: 2, Status: AssessmentCompleted}}, save(filledAssessment(), "kari", ok, true, "y"), nil, ErrAssessmentHistory},
		{"first version with a reason", []AssessmentVersion{amended}, save(filledAssessment(), "kari", ok, true, "y"), nil, ErrAssessmentHistory},
		{"unknown status", []AssessmentVersion{{Version: 1, Status: "final"}}, save(filledAssessment(), "kari", ok, true, ""), nil, ErrAssessmentHistory},
	}
	for _, tt := range tests {
		v, err := NextVersion(tt.history, tt.req)
		if err == nil {
			t.Errorf("%s: saved version %d", tt.name, v.Version)
			continue
		}
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
			}
			continue
		}
		var fe FieldErrors
		if !errors.As(err, &fe) || !slices.Equal(columns(fe), tt.fields) {
			t.Errorf("%s: %v, want fields %v", tt.name, err, tt.fields)
		}
	}
	if err := CanSaveDraft([]AssessmentVersion{done, {Version: 3}}); !errors.Is(err, ErrAssessmentHistory) {
		t.Errorf("CanSaveDraft on a broken history: %v", err)
	}
}

// Completing at once, without a draft first, is version 1; the Late flag
// comes from the referral's deadline, not from what the caller sent.
func TestAssessmentVersionCompleteAtOnceLate(t *testing.T) {
	tests := []struct {
		decided string
		late    bool
	}{
		{gpToDPSDeadline, false},
		{"2025-04-30", true},
	}
	for _, tt := range tests {
		a := filledAssessment()
		a.Rights.DecidedAt = MustParseDate(tt.decided)
		a.Rights.Late = !tt.late
		v, err := NextVersion(nil, save(a, "kari", "2025-04-30T10:00:00Z", true, ""))
		if err != nil {
			t.Fatalf("decided %s: %v", tt.decided, err)
		}
		if v.Version != 1 || v.Status != AssessmentCompleted || v.Rights.Late != tt.late {
			t.Errorf("decided %s: version %d %s late %v, want 1 completed late %v", tt.decided, v.Version, v.Status, v.Rights.Late, tt.late)
		}
	}
	// A self-booking has no legal deadline, so it is never late.
	a := filledAssessment()
	a.Rights.DecidedAt = MustParseDate("2025-12-01")
	a.Rights.LatestStart = MustParseDate("2026-01-15")
	req := save(a, "kari", "2025-12-01T10:00:00Z", true, "")
	req.Referral = selfBooked()
	if v, err := NextVersion(nil, req); err != nil || v.Rights.Late {
		t.Errorf("self-booking: late %v, err %v", v.Rights.Late, err)
	}
}
