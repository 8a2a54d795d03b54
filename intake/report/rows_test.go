package report

import (
	"math/rand/v2"
	"testing"

	"envei/intake"
)

// randomReferral returns a referral received on day that stopped at a
// random point of the flow, valid by intake's rules: every state, self-
// bookings and all addressees, one or two outcomes, clinicians of either
// organisation or none (a historical import).
func randomReferral(rng *rand.Rand, day intake.Date, today intake.Date) (intake.Referral, intake.Org) {
	r := intake.Referral{Ref: "X", Received: day, Channel: intake.ChannelGP}
	switch rng.IntN(8) {
	case 0:
		r.Channel, r.AddressedTo = intake.ChannelSelf, intake.AddressedNone
	case 1:
		r.AddressedTo = intake.AddressedSpecialist
	case 2, 3, 4:
		r.AddressedTo = intake.AddressedDPS
	default:
		r.AddressedTo = intake.AddressedMunicipal
	}
	org := []intake.Org{intake.OrgDPS, intake.OrgMunicipal, intake.OrgNone}[rng.IntN(3)]
	if org != intake.OrgNone || rng.IntN(2) == 0 {
		r.Clinician = "someone"
	}
	stop := rng.IntN(10) // how far it got
	if stop == 0 {
		r.Withdrawn = day.AddDays(rng.IntN(20))
		return r, org
	}
	if stop >= 2 {
		r.FirstConversation = day.AddDays(1 + rng.IntN(30))
	}
	if stop >= 3 && !r.FirstConversation.After(today) {
		r.Attended = intake.AttendanceYes
		if rng.IntN(5) == 0 {
			r.Attended = intake.AttendanceNo
		}
	}
	if stop >= 4 && r.Attended != intake.AttendanceUnknown {
		r.Routed = r.FirstConversation.AddDays(rng.IntN(10))
		switch {
		case r.Attended == intake.AttendanceNo:
			r.Outcomes = []string{intake.ServiceDidNotAttend}
		case rng.IntN(10) == 0:
			r.Outcomes = []string{intake.ServiceNoNeed}
		default:
			codes := []string{"dps", "municipal", "eating_disorder_clinic", "addiction_clinic", "specialist", intake.ServiceReception}
			r.Outcomes = []string{codes[rng.IntN(len(codes))]}
			if o := codes[rng.IntN(len(codes))]; rng.IntN(8) == 0 && o != r.Outcomes[0] {
				r.Outcomes = append(r.Outcomes, o)
			}
		}
	} else if stop == 9 && r.FirstConversation.IsZero() {
		r.Withdrawn = day.AddDays(rng.IntN(40))
	}
	return r, org
}

// randomRows returns n rows received over days days from first.
func randomRows(rng *rand.Rand, n int, first intake.Date, days int) []Row {
	today := first.AddDays(days + 30)
	rows := make([]Row, n)
	for i := range rows {
		r, org := randomReferral(rng, first.AddDays(rng.IntN(days)), today)
		if r.Clinician == "" {
			org = intake.OrgNone
		}
		rows[i] = RowOf(r, org, r.AssessmentDeadline(intake.Calendar{}))
	}
	return rows
}

// The generator makes referrals intake accepts, in every state.
func TestRandomReferralsAreValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	first := intake.MustParseDate("2025-01-06")
	today := first.AddDays(400)
	rules := intake.ImportRules{Today: today, Services: map[string]bool{}, Clinicians: map[string]bool{"someone": true}}
	for _, s := range intake.DefaultCatalogue() {
		rules.Services[s.Code] = true
	}
	states := map[intake.State]int{}
	for range 2000 {
		r, _ := randomReferral(rng, first.AddDays(rng.IntN(300)), today)
		if problems := intake.ValidateReferral(r, rules); len(problems) > 0 {
			t.Fatalf("%+v: %v", r, problems)
		}
		states[r.State()]++
	}
	for _, s := range intake.States {
		// Voided is a supervisor's correction, never a generated row.
		if s != intake.StateAssessed && s != intake.StateVoided && states[s] == 0 {
			t.Errorf("no referral in state %s", s)
		}
	}
}
