package intake

import (
	"math/rand/v2"
	"slices"
)

// pilotCell is one cell of the pilot's outcome table: how many patients
// referred to addressee were routed to outcomes.
type pilotCell struct {
	addressee Addressee
	outcomes  []string // in catalogue order, as the store returns them
	patients  int
}

// pilotTable is the pilot's outcome table (DOMAIN.md, "Pilot figures") as
// patients per routing. The two municipal patients routed to two services
// each are their own rows; they make the municipal column's 59 outcomes
// for 57 patients, with 22 + 2 = 24 routed to the municipal service.
var pilotTable = []pilotCell{
	{AddressedDPS, []string{"dps"}, 25},
	{AddressedDPS, []string{"municipal"}, 16},
	{AddressedDPS, []string{ServiceReception}, 2},
	{AddressedDPS, []string{ServiceNoNeed}, 9},
	{AddressedDPS, []string{ServiceDidNotAttend}, 3},

	{AddressedMunicipal, []string{"dps"}, 9},
	{AddressedMunicipal, []string{"municipal"}, 22},
	{AddressedMunicipal, []string{"municipal", "eating_disorder_clinic"}, 1},
	{AddressedMunicipal, []string{"municipal", "addiction_clinic"}, 1},
	{AddressedMunicipal, []string{ServiceReception}, 9},
	{AddressedMunicipal, []string{ServiceNoNeed}, 1},
	{AddressedMunicipal, []string{ServiceDidNotAttend}, 14},
}

// Pilot periods: 50 patients before the summer of 2023, the rest at about
// 10 a week from the autumn.
const (
	pilotSpringPatients = 50
	pilotAutumnPerWeek  = 10
)

var (
	pilotSpringFirst = MustParseDate("2023-03-01")
	pilotSpringLast  = MustParseDate("2023-06-20")
	pilotAutumnFirst = MustParseDate("2023-09-01")
)

// pilotSeed fixes the reconstruction: the pilot's log is not public, so its
// dates, people and assignments are drawn, but always the same way.
const pilotSeed = 2023

// PilotReferrals reconstructs the pilot in DOMAIN.md: 112 GP referrals, 55
// addressed to DPS and 57 to the municipality, routed so that counting
// patients per addressee and outcome gives the pilot's table exactly. What
// the table does not tell (dates, people, GPs, clinicians, the order the
// outcomes came in) is made up, deterministically: the same slice on every
// call. National ids are synthetic (Test-Norge) and names fictional. Refs
// are P-001 to P-112 in the order received.
func PilotReferrals() []Referral {
	rng := rand.New(rand.NewPCG(pilotSeed, 112))
	cal := Calendar{}

	type routing struct {
		addressee Addressee
		outcomes  []string
	}
	var routings []routing
	for _, c := range pilotTable {
		for range c.patients {
			routings = append(routings, routing{c.addressee, c.outcomes})
		}
	}
	rng.Shuffle(len(routings), func(i, j int) { routings[i], routings[j] = routings[j], routings[i] })

	autumnPatients := len(routings) - pilotSpringPatients
	// Working days in the autumn for about ten patients a week.
	autumnDays := (autumnPatients*5 + pilotAutumnPerWeek - 1) / pilotAutumnPerWeek
	received := append(
		pickWorkingDays(rng, cal, pilotSpringFirst, pilotSpringLast, pilotSpringPatients),
		pickWorkingDays(rng, cal, pilotAutumnFirst, cal.AddWorkingDays(pilotAutumnFirst, autumnDays-1), autumnPatients)...)

	var clinicians []string
	for _, c := range DemoRoster() {
		if c.Role == RoleClinician {
			clinicians = append(clinicians, c.Username)
		}
	}
	names := demoNameTables()
	seen := make(map[string]bool)
	out := make([]Referral, len(routings))
	for i, rt := range routings {
		var p demoPerson
		// 112 distinct patients: draw again on the rare repeat of a number.
		for p.id == "" || seen[p.id] {
			p = makeDemoPerson(rng, names, dayNumber(received[i]), true)
		}
		seen[p.id] = true
		first := cal.AddWorkingDays(received[i], 3+rng.IntN(13))
		r := Referral{
			Ref:               "P-" + threeDigitRef(i+1),
			Received:          received[i],
			Channel:           ChannelGP,
			AddressedTo:       rt.addressee,
			NationalID:        p.id,
			Name:              p.name,
			BirthDate:         p.birth,
			GP:                p.gp,
			Clinician:         clinicians[rng.IntN(len(clinicians))],
			FirstConversation: first,
			Attended:          AttendanceYes,
			Routed:            cal.AddWorkingDays(first, rng.IntN(6)),
			Outcomes:          slices.Clone(rt.outcomes),
		}
		if slices.Equal(rt.outcomes, []string{ServiceDidNotAttend}) {
			r.Attended = AttendanceNo
		}
		out[i] = r
	}
	return out
}

// pickWorkingDays draws n working days from first to last (with repeats:
// several referrals can come in on one day) and returns them sorted.
func pickWorkingDays(rng *rand.Rand, cal Calendar, first, last Date, n int) []Date {
	var days []Date
	for d := first; !d.After(last); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			days = append(days, d)
		}
	}
	out := make([]Date, n)
	for i := range out {
		out[i] = days[rng.IntN(len(days))]
	}
	slices.SortFunc(out, func(a, b Date) int { return a.Time().Compare(b.Time()) })
	return out
}

// threeDigitRef formats 1–999 with leading zeros.
func threeDigitRef(n int) string {
	return string([]byte{byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}
