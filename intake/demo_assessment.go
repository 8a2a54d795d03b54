package intake

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
)

// DemoAssessment makes the completed first-conversation assessment of a
// synthetic demo referral: scores that fit where the patient was routed
// (more severe for DPS, an AUDIT in zone III or IV for the addiction
// clinic, mild for treatment in the reception, minimal for no need), a
// suicide-risk assessment with a plan when PHQ-9 item 9 is above 0, a
// rights assessment whenever one is required, and the routing as the
// recommendation. It is deterministic per referral and seed, and always
// passes Missing.
func DemoAssessment(r Referral, seed uint64, decidedBy string, specialised func(string) bool) Assessment {
	h := fnv.New64a()
	h.Write([]byte(r.Ref))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	// A patient not routed yet is recommended where the referral pointed.
	rec := slices.Clone(r.Outcomes)
	if len(rec) == 0 {
		switch r.AddressedTo {
		case AddressedDPS:
			rec = []string{"dps"}
		case AddressedSpecialist:
			rec = []string{"specialist"}
		default:
			rec = []string{"municipal"}
		}
	}
	has := func(code string) bool { return slices.Contains(rec, code) }
	phqLo, phqHi, gadLo, gadHi := 5, 12, 4, 10
	switch {
	case has("dps"):
		phqLo, phqHi, gadLo, gadHi = 15, 24, 10, 18
	case has("eating_disorder_clinic"), has("addiction_clinic"), has("specialist"):
		phqLo, phqHi, gadLo, gadHi = 10, 19, 8, 15
	case has("municipal"):
		phqLo, phqHi, gadLo, gadHi = 8, 16, 6, 14
	case has(ServiceReception):
		phqLo, phqHi, gadLo, gadHi = 5, 11, 5, 11
	case has(ServiceNoNeed):
		phqLo, phqHi, gadLo, gadHi = 0, 5, 0, 5
	}
	phq := spreadItems(rng, InstrumentPHQ9, phqLo+rng.IntN(phqHi-phqLo+1))
	gad := spreadItems(rng, InstrumentGAD7, gadLo+rng.IntN(gadHi-gadLo+1))
	auditTotal := rng.IntN(8)
	if has("addiction_clinic") {
		auditTotal = 16 + rng.IntN(12)
	}
	audit := spreadItems(rng, InstrumentAUDIT, auditTotal)

	a := Assessment{
		ReasonOwnWords:   pick(rng, "I cannot sleep and I worry all the time.", "Everything feels heavy; I stopped seeing friends.", "Panic in shops and on the bus.", "Drinking more than I want to since the divorce."),
		CurrentSituation: pick(rng, "On sick leave from work.", "Studying part time.", "Working, struggling to keep up.", "Unemployed, lives alone."),
		Duration:         pick(rng, "About three months.", "Half a year.", "More than a year.", "Since last autumn."),
		EarlierHelp:      pick(rng, "None.", "Talks with the GP.", "Some sessions with a psychologist years ago."),
		SomaticHealth:    pick(rng, "Healthy.", "Asthma.", "Back pain."),
		Medication:       pick(rng, "None.", "Sleep medication from the GP.", "An antidepressant for two months."),
		SubstanceUse:     pick(rng, "Little alcohol, no drugs.", "Wine most evenings.", "Occasional cannabis."),
		DailyFunctioning: pick(rng, "Manages the home, not work.", "Reduced at work and at home.", "Manages most days."),
		Network:          pick(rng, "A sister nearby.", "Partner and two friends.", "Few people to talk to."),
		MinorChildren:    No,
		Goals:            pick(rng, "Back to work.", "To sleep and have energy again.", "To manage everyday life without panic."),
		Instruments: map[Instrument]Answers{
			InstrumentPHQ9: {Items: phq}, InstrumentGAD7: {Items: gad}, InstrumentAUDIT: {Items: audit},
		},
		Risk:           Risk{Suicide: RiskNone, Violence: RiskNone},
		Recommendation: rec,
	}
	if rng.IntN(4) == 0 {
		a.MinorChildren, a.ChildrenFollowUp = Yes, "The children's needs are followed up by the health visitor."
	}
	if phq[8] > 0 {
		a.Risk = Risk{Suicide: RiskModerate, ProtectiveFactors: "Children and a close friend.",
			Plan: "Safety plan made; follow-up call in two days; GP informed.", Violence: RiskNone}
	} else if rng.IntN(3) == 0 {
		a.Risk.Suicide = RiskLow
		a.Risk.ProtectiveFactors = "Close family."
	}
	if RightsRequired(r, a.Recommendation, specialised) {
		right := No
		for _, code := range a.Recommendation {
			if specialised != nil && specialised(code) {
				right = Yes
			}
		}
		a.Rights = RightsAssessment{
			Right: right, ExpectedBenefit: "Benefit of specialist treatment judged against the findings.",
			CostEffectiveness: "Reasonable relation between cost and expected benefit.",
			Severity:          "Judged from the scores and loss of function.",
			DecidedBy:         decidedBy, DecidedAt: r.FirstConversation,
		}
		if right == Yes {
			a.Rights.LatestStart, a.Rights.Priority = r.FirstConversation.AddDays(56), PriorityOrdinary
		}
	}
	return a
}

// spreadItems returns item scores of instrument i that add up to total
// (clamped to what the items allow), spread at random over the items.
func spreadItems(rng *rand.Rand, i Instrument, total int) []int {
	n := i.ItemCount()
	items := make([]int, n)
	total = min(max(total, 0), i.MaxTotal())
	for guard := 0; total > 0 && guard < 1000; guard++ {
		k := rng.IntN(n)
		choices := i.ItemChoices(k + 1)
		for _, c := range choices {
			if c > items[k] && c-items[k] <= total {
				total -= c - items[k]
				items[k] = c
				break
			}
		}
	}
	return items
}

func pick(rng *rand.Rand, options ...string) string { return options[rng.IntN(len(options))] }

// DemoBodyDays is how far back from today demo data keeps the body of an
// assessment. Ten years of national referrals would not all have been
// assessed in envei: the older years come in as history through import,
// which brings the referral's dates and decisions but no assessment body.
// The demo follows that: every assessed referral gets its rights decision,
// only those assessed in the last year the body (a million demo referrals
// carry about a tenth of the 825 thousand bodies, 1 GB of JSON, they would
// otherwise). A demo of a year or less keeps every body.
const DemoBodyDays = 366

// DemoKeepsBody reports whether demo data stores the assessment body of r,
// an assessed referral, on the day today.
func DemoKeepsBody(r Referral, today Date) bool {
	return !r.Assessed.IsZero() && !r.Assessed.Before(today.AddDays(-DemoBodyDays))
}
