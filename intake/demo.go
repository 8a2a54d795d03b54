package intake

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
)

// DemoOptions configure GenerateDemo.
type DemoOptions struct {
	Patients   int         // number of referrals, at most MaxDemoPatients
	Seed       uint64      // the same seed gives the same referrals
	Today      Date        // the last day of the data: nothing is dated after it
	Clinicians []Clinician // the roster; those with the role clinician are drawn
}

// MaxDemoPatients is the most referrals GenerateDemo makes: refs have seven
// digits so that they sort in the order they were received.
const MaxDemoPatients = 9_999_999

// Errors of GenerateDemo.
var (
	ErrDemoToday    = errors.New("intake: GenerateDemo needs DemoOptions.Today")
	ErrDemoPatients = errors.New("intake: the number of demo patients must be between 0 and 9999999")
)

// Shares of the demo data. The GP split and the share of self-bookings are
// what a joint reception can expect; the outcome shares are the pilot's
// (DOMAIN.md), so that the demo statistics look like the real ones.
const (
	demoSelfPercent       = 25 // self-bookings, of all referrals
	demoGPDPSPercent      = 45 // of GP referrals, addressed to DPS
	demoGPMunicipal       = 45 // of GP referrals, to the municipality; the rest to specialists
	demoIDPercent         = 97 // have a national id; the rest only a birth date
	demoWithdrawnPerMille = 20
	// Span of the data in years: one reception has about 500 referrals a
	// year, all of Norway about 100 000, so a million referrals cover about
	// ten years. Between the two the span grows with log N.
	demoSpanSmallN = 500
	demoSpanLargeN = 1_000_000
	demoMaxYears   = 10
)

// demoProfile is how referrals with one addressee turn out.
type demoProfile struct {
	dnaPerMille int             // did not attend, per thousand
	outcomes    []outcomeChoice // routings of those who attended
}

// outcomeChoice is one possible routing with its weight.
type outcomeChoice struct {
	weight int
	codes  []string // in catalogue order, as the store returns them
}

// demoProfileOf returns the profile for an addressee. The outcome weights
// are the pilot's counts with the did-not-attend row left out (DOMAIN.md).
// Self-bookings are treated like municipal referrals, because both are
// patients without a specialist referral.
//
// The pilot saw 5 % did-not-attend for DPS referrals and 25 % for municipal
// ones; the municipal figure is lowered a little so that about 15 % of all
// patients do not attend. The pilot had no referrals to contracted
// specialists; their profile is an assumption: half stay with the
// specialist, the rest are spread much like the DPS column.
//
// A switch rather than a map: it runs once or twice per referral.
func demoProfileOf(a Addressee) *demoProfile {
	switch a {
	case AddressedDPS:
		return &dpsProfile
	case AddressedSpecialist:
		return &specialistProfile
	}
	return &municipalProfile
}

var (
	dpsProfile = demoProfile{50, []outcomeChoice{
		{25, []string{"dps"}},
		{16, []string{"municipal"}},
		{2, []string{ServiceReception}},
		{9, []string{ServiceNoNeed}},
	}}
	municipalProfile = demoProfile{220, []outcomeChoice{
		{9, []string{"dps"}},
		{22, []string{"municipal"}},
		{1, []string{"municipal", "eating_disorder_clinic"}},
		{1, []string{"municipal", "addiction_clinic"}},
		{9, []string{ServiceReception}},
		{1, []string{ServiceNoNeed}},
	}}
	specialistProfile = demoProfile{80, []outcomeChoice{
		{50, []string{"specialist"}},
		{20, []string{"dps"}},
		{15, []string{"municipal"}},
		{5, []string{ServiceReception}},
		{10, []string{ServiceNoNeed}},
	}}
)

// GenerateDemo calls emit once per referral, in ref order, deterministically
// per seed; it streams (a million referrals must not be held in memory).
//
// The referrals are made up: synthetic national ids (Test-Norge, month +
// 80) and invented names, received on working days over recent years up to
// opts.Today, refs D-0000001 upwards in the order received. Older referrals
// have been routed (or withdrawn); those of the last weeks are still open in
// every state, as they would be on the day the demo is shown. No date is
// after opts.Today, and every referral passes ValidateReferral with test
// data allowed, the default catalogue and opts.Clinicians. An error from
// emit stops the generation and is returned.
func GenerateDemo(opts DemoOptions, emit func(Referral) error) error {
	switch {
	case opts.Today.IsZero():
		return ErrDemoToday
	case opts.Patients < 0 || opts.Patients > MaxDemoPatients:
		return ErrDemoPatients
	case opts.Patients == 0:
		return nil
	}
	var eligible []string
	for _, c := range opts.Clinicians {
		if c.Role == RoleClinician {
			eligible = append(eligible, c.Username)
		}
	}
	if len(eligible) == 0 {
		return ErrNoEligible
	}
	// Sorted, so the same seed gives the same draws whatever the order of
	// the roster given.
	slices.Sort(eligible)

	g := newDemoCalendar(opts.Today, demoSpanDays(opts.Patients))
	rng := rand.New(rand.NewPCG(opts.Seed, 0x656e766569)) // "envei"
	names := demoNameTables()
	n := opts.Patients
	tIdx := len(g.dates) - 1 // index of the last working day up to Today

	// Received dates in ascending order without holding them: x walks
	// through the order statistics of n uniform draws, each drawn from the
	// distribution of the next smallest given the one before.
	x := 0.0
	p := 0
	ref := [9]byte{'D', '-', '0', '0', '0', '0', '0', '0', '0'}
	for i := range n {
		x = 1 - (1-x)*math.Pow(1-rng.Float64(), 1/float64(n-i))
		target := x * g.cum[tIdx]
		for p < tIdx && g.cum[p] <= target {
			p++
		}
		j := p

		incrementRef(ref[2:])
		r := Referral{Ref: string(ref[:]), Received: g.dates[j], Channel: ChannelGP}
		switch v := rng.IntN(100); {
		case v < demoSelfPercent:
			r.Channel, r.AddressedTo = ChannelSelf, AddressedNone
		default:
			switch v := rng.IntN(100); {
			case v < demoGPDPSPercent:
				r.AddressedTo = AddressedDPS
			case v < demoGPDPSPercent+demoGPMunicipal:
				r.AddressedTo = AddressedMunicipal
			default:
				r.AddressedTo = AddressedSpecialist
			}
		}
		pp := makeDemoPerson(rng, names, g.dayNums[j], rng.IntN(100) < demoIDPercent)
		r.NationalID, r.BirthDate, r.Name, r.GP = pp.id, pp.birth, pp.name, pp.gp

		// Every step is a number of working days after receipt. A step
		// that would fall after Today has not happened yet: the referral
		// stops in the state before it.
		clinician := eligible[rng.IntN(len(eligible))]
		assign := rng.IntN(4)     // the draw, 0–3 working days after receipt
		first := 2 + rng.IntN(19) // first conversation, 2–20 working days
		recorded := rng.IntN(5)   // attendance entered 0–4 working days later
		if rng.IntN(1000) < demoWithdrawnPerMille {
			if w := rng.IntN(first + 1); j+w <= tIdx {
				if w >= assign {
					r.Clinician = clinician
				}
				r.Withdrawn = g.dates[j+w]
				if err := emit(r); err != nil {
					return err
				}
				continue
			}
		}
		if j+assign > tIdx {
			if err := emit(r); err != nil { // registered
				return err
			}
			continue
		}
		r.Clinician = clinician
		// Only a conversation already held is dated: nothing may be after
		// Today, so a booked time still ahead is not shown.
		if j+first > tIdx {
			if err := emit(r); err != nil { // assigned
				return err
			}
			continue
		}
		r.FirstConversation = g.dates[j+first]
		if j+first+recorded > tIdx {
			if err := emit(r); err != nil { // scheduled
				return err
			}
			continue
		}
		var decided int
		profile := demoProfileOf(r.AddressedTo)
		if rng.IntN(1000) < profile.dnaPerMille {
			r.Attended = AttendanceNo
			// The reception tries to reach the patient before closing, so
			// a did-not-attend stays open for up to four weeks.
			decided = max(recorded, rng.IntN(21))
		} else {
			r.Attended = AttendanceYes
			// Routing may wait for information asked of the GP.
			decided = max(recorded, rng.IntN(11))
		}
		// The assessment is completed the day the visit is recorded; a
		// patient who came and is routed always has one, and about half of
		// those still waiting for routing are assessed already. No extra
		// random draw, so the rest of the data stays as it was.
		if r.Attended == AttendanceYes && j+first+recorded <= tIdx &&
			(j+first+decided <= tIdx || (decided+recorded)%2 == 0) {
			r.Assessed = g.dates[j+first+recorded]
		}
		if j+first+decided > tIdx {
			if err := emit(r); err != nil { // attended, assessed or did not attend
				return err
			}
			continue
		}
		r.Routed = g.dates[j+first+decided]
		if r.Attended == AttendanceNo {
			r.Outcomes = []string{ServiceDidNotAttend}
		} else {
			r.Outcomes = slices.Clone(pickOutcome(rng, profile.outcomes))
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}

// incrementRef adds one to a string of ASCII digits in place.
func incrementRef(digits []byte) {
	for k := len(digits) - 1; k >= 0; k-- {
		if digits[k] < '9' {
			digits[k]++
			return
		}
		digits[k] = '0'
	}
}

// pickOutcome draws one routing by weight.
func pickOutcome(rng *rand.Rand, choices []outcomeChoice) []string {
	total := 0
	for _, c := range choices {
		total += c.weight
	}
	v := rng.IntN(total)
	for _, c := range choices {
		if v < c.weight {
			return c.codes
		}
		v -= c.weight
	}
	panic("unreachable")
}

// demoSpanDays returns the number of calendar days the demo data covers.
func demoSpanDays(n int) int {
	years := 1.0
	if n > demoSpanSmallN {
		years += (demoMaxYears - 1) * math.Log(float64(n)/demoSpanSmallN) / math.Log(demoSpanLargeN/demoSpanSmallN)
	}
	years = min(years, demoMaxYears)
	return int(years * 365.25)
}

// demoCalendar holds the working days of the demo span, so the generator
// turns "k working days later" into an index step instead of a calendar
// search per referral.
type demoCalendar struct {
	dates   []Date    // working days from the start of the span to Today
	dayNums []int     // the same as day numbers
	cum     []float64 // cumulative weight of receiving a referral, per day
}

func newDemoCalendar(today Date, spanDays int) demoCalendar {
	var g demoCalendar
	cal := Calendar{}
	end := dayNumber(today)
	for d := end - spanDays + 1; d <= end; d++ {
		date := demoDate(d)
		if !cal.IsWorkingDay(date) {
			continue
		}
		g.dates = append(g.dates, date)
		g.dayNums = append(g.dayNums, d)
		// Fewer referrals come in the summer holiday and around Christmas,
		// as in any GP-driven flow.
		w := 1.0
		switch m, day := date.Month(), date.Day(); {
		case m == time.July:
			w = 0.4
		case m == time.December && day >= 22, m == time.January && day <= 2:
			w = 0.5
		}
		prev := 0.0
		if len(g.cum) > 0 {
			prev = g.cum[len(g.cum)-1]
		}
		g.cum = append(g.cum, prev+w)
	}
	return g
}

// demoDate returns the date of a day number (days since 1970-01-01). It
// builds the same value as NewDate through time.Unix, which is several
// times cheaper than time.Date in the generator's inner loop.
func demoDate(n int) Date {
	return Date{time.Unix(int64(n)*86400, 0).UTC()}
}

// demoPerson is a made-up patient.
type demoPerson struct {
	id    string // synthetic national id, or ""
	birth Date
	name  string
	gp    string
}

// makeDemoPerson makes up an adult patient (18 to 80 years old on the day
// received, a day number) with a synthetic national id when withID is set.
// Name and GP follow from the id, so a number drawn twice is the same
// person coming back, not two people sharing a number.
func makeDemoPerson(rng *rand.Rand, t *nameTables, received int, withID bool) demoPerson {
	const minAge, maxAge = 18 * 366, 80 * 365 // days: safely 18 to 80 years
	birthDay := received - minAge - rng.IntN(maxAge-minAge)
	p := demoPerson{birth: demoDate(birthDay)}
	male := rng.IntN(2)
	h := rng.Uint64()
	if lo, hi := individualRange(p.birth.Year()); withID && hi > lo {
		// The last digit of the individual number is odd for men and even
		// for women; lo and hi are even, so stepping by two keeps both the
		// sex and the century.
		ind := (lo+rng.IntN(hi-lo))&^1 | male
		for range (hi - lo) / 2 {
			id, err := MakeNationalID(p.birth, ind, true)
			if err == nil {
				p.id = id
				h = mix64(uint64(birthDay)<<10 | uint64(ind))
				break
			}
			if ind += 2; ind >= hi {
				ind = lo | male
			}
		}
	}
	names := t.female
	if male == 1 {
		names = t.male
	}
	p.name = names[h%uint64(len(names))]
	p.gp = t.gps[(h>>32)%uint64(len(t.gps))]
	return p
}

// individualRange returns the individual numbers [lo, hi) that encode the
// birth year's century (Skatteetaten's allocation), or lo == hi when none
// does.
func individualRange(year int) (lo, hi int) {
	switch {
	case year >= 1900 && year <= 1999:
		return 0, 500
	case year >= 2000 && year <= 2039:
		return 500, 1000
	case year >= 1854 && year <= 1899:
		return 500, 750
	}
	return 0, 0
}

// mix64 is the SplitMix64 finaliser: it spreads the bits of a key so that
// neighbouring numbers get unrelated names.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// nameTables are every full name and every GP the generator uses, built
// once so that the inner loop only indexes.
type nameTables struct {
	female, male, gps []string
}

var demoNameTables = sync.OnceValue(func() *nameTables {
	t := &nameTables{}
	for _, f := range demoFemaleNames {
		for _, s := range demoSurnames {
			t.female = append(t.female, f+" "+s)
		}
	}
	for _, m := range demoMaleNames {
		for _, s := range demoSurnames {
			t.male = append(t.male, m+" "+s)
		}
	}
	// Four doctors per surgery; the stride through the name lists gives
	// each a different combination.
	first := append(slices.Clone(demoFemaleNames), demoMaleNames...)
	var b strings.Builder
	for i := range 4 * len(demoSurgeries) {
		b.Reset()
		b.WriteString("Dr. ")
		b.WriteString(first[(i*7+3)%len(first)])
		b.WriteByte(' ')
		b.WriteString(demoSurnames[(i*13+5)%len(demoSurnames)])
		b.WriteString(", ")
		b.WriteString(demoSurgeries[i/4])
		b.WriteString(" legesenter")
		t.gps = append(t.gps, b.String())
	}
	return t
})

// Common Norwegian given names and surnames. Combined at random they make
// fictional people; no combination is meant to be anyone.
var (
	demoFemaleNames = []string{
		"Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
		"Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina", "Maria", "Elisabeth", "Kristin",
		"Bente", "Heidi", "Silje", "Hanne", "Gro", "Tone", "Camilla", "Ragnhild", "Nora", "Emma",
		"Sofie", "Ingeborg", "Thea", "Julie", "Sara", "Maja", "Tuva", "Emilie", "Marte", "Sigrid",
	}
	demoMaleNames = []string{
		"Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas",
		"Hans", "Geir", "Tor", "Morten", "Terje", "Odd", "Erik", "Martin", "Andreas", "John",
		"Anders", "Rune", "Trond", "Tore", "Jon", "Harald", "Olav", "Magnus", "Kristian", "Eirik",
		"Jonas", "Sindre", "Henrik", "Espen", "Håkon", "Sander", "Markus", "Mathias", "Emil", "Even",
	}
	demoSurnames = []string{
		"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
		"Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
		"Jørgensen", "Henriksen", "Lund", "Halvorsen", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand",
		"Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie",
		"Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke",
		"Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen", "Nielsen", "Knudsen", "Evensen",
	}
	demoSurgeries = []string{
		"Sentrum", "Fjellvegen", "Nordbyen", "Elvebakken", "Torget", "Bryggen",
		"Solsiden", "Skogly", "Stasjonen", "Havna", "Lia", "Kirkebakken",
	}
)
