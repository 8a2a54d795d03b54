package intake

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// generateDemo collects what GenerateDemo emits.
func generateDemo(t testing.TB, opts DemoOptions) []Referral {
	t.Helper()
	var out []Referral
	if err := GenerateDemo(opts, func(r Referral) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func demoOpts(n int, seed uint64) DemoOptions {
	return DemoOptions{Patients: n, Seed: seed, Today: demoTestToday, Clinicians: DemoRoster()}
}

func TestGenerateDemoDeterministic(t *testing.T) {
	a := generateDemo(t, demoOpts(2000, 7))
	b := generateDemo(t, demoOpts(2000, 7))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different referrals")
	}
	c := generateDemo(t, demoOpts(2000, 8))
	same := 0
	for i := range a {
		if reflect.DeepEqual(a[i], c[i]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 gave %d identical referrals of %d", same, len(a))
	}
	// The roster's order must not change the draws.
	opts := demoOpts(2000, 7)
	roster := DemoRoster()
	for i, j := 0, len(roster)-1; i < j; i, j = i+1, j-1 {
		roster[i], roster[j] = roster[j], roster[i]
	}
	opts.Clinicians = roster
	if d := generateDemo(t, opts); !reflect.DeepEqual(a, d) {
		t.Error("reordering the roster changed the referrals")
	}
}

func TestGenerateDemoCountAndOrder(t *testing.T) {
	for _, n := range []int{0, 1, 2, 37, 5000} {
		refs := generateDemo(t, demoOpts(n, 1))
		if len(refs) != n {
			t.Errorf("Patients %d: %d referrals", n, len(refs))
			continue
		}
		for i, r := range refs {
			want := strconv.Itoa(i + 1)
			for len(want) < 7 {
				want = "0" + want
			}
			if r.Ref != "D-"+want {
				t.Fatalf("Patients %d: referral %d has ref %s, want D-%s", n, i, r.Ref, want)
			}
			if i > 0 && r.Received.Before(refs[i-1].Received) {
				t.Fatalf("Patients %d: %s received %s, before %s", n, r.Ref, r.Received, refs[i-1].Received)
			}
			if i > 0 && r.Ref <= refs[i-1].Ref {
				t.Fatalf("Patients %d: refs not ascending at %s", n, r.Ref)
			}
		}
	}
}

func TestGenerateDemoValid(t *testing.T) {
	cal := Calendar{}
	for _, today := range []Date{demoTestToday, MustParseDate("2025-07-16"), MustParseDate("2024-01-02")} {
		opts := demoOpts(5000, 3)
		opts.Today = today
		rules := demoImportRules(today, opts.Clinicians)
		byID := map[string]Referral{}
		for _, r := range generateDemo(t, opts) {
			if errs := ValidateReferral(r, rules); errs != nil {
				t.Fatalf("%s: %v\n%+v", r.Ref, errs, r)
			}
			for _, d := range []Date{r.Received, r.BirthDate, r.FirstConversation, r.Routed, r.Withdrawn} {
				if d.After(today) {
					t.Fatalf("%s: date %s after today %s\n%+v", r.Ref, d, today, r)
				}
			}
			if !cal.IsWorkingDay(r.Received) {
				t.Errorf("%s received on %s, not a working day", r.Ref, r.Received)
			}
			if age := demoAgeOn(r.BirthDate, r.Received); age < 18 || age > 80 {
				t.Errorf("%s: %d years old", r.Ref, age)
			}
			if r.Name == "" || r.GP == "" {
				t.Errorf("%s: name %q, GP %q", r.Ref, r.Name, r.GP)
			}
			if !r.FirstConversation.IsZero() {
				if n := cal.WorkingDaysBetween(r.Received, r.FirstConversation); n < 2 || n > 20 {
					t.Errorf("%s: first conversation %d working days after receipt", r.Ref, n)
				}
			}
			if r.NationalID != "" {
				nid, err := ParseNationalID(r.NationalID, true)
				if err != nil || !nid.Synthetic {
					t.Fatalf("%s: national id is not synthetic (%v)", r.Ref, err)
				}
				if !demoNameFitsID(r.Name, r.NationalID) {
					t.Errorf("%s: name %s does not fit the sex in the national id", r.Ref, r.Name)
				}
				// A number drawn twice is the same person coming back.
				if p, ok := byID[r.NationalID]; ok && (p.Name != r.Name || !p.BirthDate.Equal(r.BirthDate) || p.GP != r.GP) {
					t.Errorf("%s and %s share a national id but are different people", p.Ref, r.Ref)
				}
				byID[r.NationalID] = r
			}
		}
	}
}

// TestGenerateDemoShares checks the mix against the shares asked for, with
// tolerances wide enough for the chance variation of 20 000 referrals
// (a few standard deviations) and narrow enough to catch a wrong rule.
func TestGenerateDemoShares(t *testing.T) {
	const n = 20000
	refs := generateDemo(t, demoOpts(n, 11))
	var self, withID, withdrawn, routed, dna, double int
	gp := map[Addressee]int{}
	// Outcomes of routed referrals per addressee, patients per outcome.
	outcomes := map[Addressee]map[string]int{}
	routedBy := map[Addressee]int{}
	for _, r := range refs {
		if r.Channel == ChannelSelf {
			self++
		} else {
			gp[r.AddressedTo]++
		}
		if r.NationalID != "" {
			withID++
		}
		if !r.Withdrawn.IsZero() {
			withdrawn++
		}
		if r.Routed.IsZero() {
			continue
		}
		routed++
		routedBy[r.AddressedTo]++
		if outcomes[r.AddressedTo] == nil {
			outcomes[r.AddressedTo] = map[string]int{}
		}
		for _, o := range r.Outcomes {
			outcomes[r.AddressedTo][o]++
		}
		if r.Attended == AttendanceNo {
			dna++
		}
		if len(r.Outcomes) > 1 {
			double++
		}
	}
	gpAll := n - self
	check := func(what string, got, of int, lo, hi float64) {
		t.Helper()
		share := float64(got) / float64(of)
		if share < lo || share > hi {
			t.Errorf("%s: %d of %d (%.1f %%), want %.0f–%.0f %%", what, got, of, 100*share, 100*lo, 100*hi)
		}
	}
	check("self-bookings", self, n, 0.23, 0.27)
	check("GP referrals to DPS", gp[AddressedDPS], gpAll, 0.43, 0.47)
	check("GP referrals to the municipality", gp[AddressedMunicipal], gpAll, 0.43, 0.47)
	check("GP referrals to specialists", gp[AddressedSpecialist], gpAll, 0.09, 0.11)
	check("with a national id", withID, n, 0.96, 0.98)
	check("withdrawn", withdrawn, n, 0.015, 0.025)
	check("did not attend, of routed", dna, routed, 0.13, 0.17)
	check("routed to two services", double, n, 0.015, 0.03)
	check("routed, of all", routed, n, 0.9, 0.98)

	// The pilot's shares per addressee (DOMAIN.md), of those routed.
	pilot := []struct {
		a      Addressee
		code   string
		lo, hi float64
	}{
		{AddressedDPS, "dps", 0.41, 0.49},
		{AddressedDPS, "municipal", 0.26, 0.33},
		{AddressedDPS, "no_need", 0.14, 0.19},
		{AddressedDPS, "did_not_attend", 0.035, 0.065},
		{AddressedMunicipal, "dps", 0.14, 0.19},
		{AddressedMunicipal, "municipal", 0.38, 0.46},
		{AddressedMunicipal, "reception", 0.14, 0.19},
		{AddressedMunicipal, "did_not_attend", 0.19, 0.25},
		{AddressedNone, "municipal", 0.38, 0.46},
		{AddressedNone, "did_not_attend", 0.19, 0.25},
		{AddressedSpecialist, "specialist", 0.4, 0.5},
	}
	for _, p := range pilot {
		check(string(p.a)+" → "+p.code, outcomes[p.a][p.code], routedBy[p.a], p.lo, p.hi)
	}
}

func TestGenerateDemoOpenStates(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		refs := generateDemo(t, demoOpts(5000, seed))
		states := map[State]int{}
		last := refs[len(refs)-1].Received
		for _, r := range refs {
			s := r.State()
			states[s]++
			// Open referrals are the recent ones: nothing lingers for years.
			if s.Open() && r.Received.DaysUntil(last) > 60 {
				t.Errorf("seed %d: %s received %s is still %s", seed, r.Ref, r.Received, s)
			}
		}
		for _, s := range []State{StateRegistered, StateAssigned, StateScheduled, StateAttended, StateDidNotAttend, StateRouted, StateWithdrawn} {
			if states[s] == 0 {
				t.Errorf("seed %d: no referral in state %s (%v)", seed, s, states)
			}
		}
		if last.DaysUntil(demoTestToday) > 3 {
			t.Errorf("seed %d: the last referral was received %s, long before today", seed, last)
		}
	}
}

func TestGenerateDemoSpan(t *testing.T) {
	for _, c := range []struct {
		n                int
		minDays, maxDays int
	}{
		{300, 300, 370},
		{5000, 3 * 365, 5 * 365},
	} {
		refs := generateDemo(t, demoOpts(c.n, 9))
		days := refs[0].Received.DaysUntil(demoTestToday)
		if days < c.minDays || days > c.maxDays {
			t.Errorf("Patients %d: first referral %d days before today, want %d–%d", c.n, days, c.minDays, c.maxDays)
		}
	}
	if got := demoSpanDays(1_000_000); math.Abs(float64(got)-3652) > 2 {
		t.Errorf("a million referrals span %d days, want about ten years", got)
	}
	if a, b := demoSpanDays(1000), demoSpanDays(100_000); a >= b {
		t.Errorf("span does not grow with N: %d days for 1000, %d for 100000", a, b)
	}
}

func TestGenerateDemoErrors(t *testing.T) {
	emit := func(Referral) error { return nil }
	if err := GenerateDemo(DemoOptions{Patients: 5, Clinicians: DemoRoster()}, emit); !errors.Is(err, ErrDemoToday) {
		t.Errorf("no today: %v", err)
	}
	for _, n := range []int{-1, MaxDemoPatients + 1} {
		if err := GenerateDemo(demoOpts(n, 1), emit); !errors.Is(err, ErrDemoPatients) {
			t.Errorf("Patients %d: %v", n, err)
		}
	}
	supervisorsOnly := demoOpts(5, 1)
	supervisorsOnly.Clinicians = []Clinician{{Username: "leder.kari", Role: RoleSupervisor}}
	if err := GenerateDemo(supervisorsOnly, emit); !errors.Is(err, ErrNoEligible) {
		t.Errorf("no clinicians: %v", err)
	}
	stop := errors.New("stop")
	calls := 0
	err := GenerateDemo(demoOpts(100, 1), func(Referral) error {
		calls++
		if calls == 10 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || calls != 10 {
		t.Errorf("emit error: got %v after %d calls", err, calls)
	}
}

func TestDemoDateMatchesNewDate(t *testing.T) {
	for n := -30000; n < 30000; n += 7 {
		if want := NewDate(1970, 1, 1+n); demoDate(n) != want {
			t.Fatalf("demoDate(%d) = %v, NewDate gives %v", n, demoDate(n), want)
		}
	}
}

func BenchmarkGenerateDemo(b *testing.B) {
	// A million is what `envei demo` is sized for; ten thousand is a
	// reception's demo, where the set-up per call counts for more.
	for _, n := range []int{10_000, 1_000_000} {
		b.Run("patients="+strconv.Itoa(n), func(b *testing.B) {
			opts := demoOpts(n, 1)
			emit := func(Referral) error { return nil }
			for b.Loop() {
				if err := GenerateDemo(opts, emit); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "referrals/s")
		})
	}
}

// demoNameFitsID reports whether the given name is a man's when the
// national id's individual number is odd and a woman's when it is even.
func demoNameFitsID(name, id string) bool {
	given, _, _ := strings.Cut(name, " ")
	male := (id[8]-'0')%2 == 1
	return slices.Contains(demoMaleNames, given) == male && slices.Contains(demoFemaleNames, given) != male
}

// Every demo referral that is assessed gets an assessment that completes,
// with scores that fit where the patient went.
func TestDemoAssessmentsComplete(t *testing.T) {
	spec := SpecialisedIn(DefaultCatalogue())
	n := 0
	err := GenerateDemo(DemoOptions{Patients: 3000, Seed: 9, Today: MustParseDate("2026-11-22"), Clinicians: DemoRoster()}, func(r Referral) error {
		if r.Assessed.IsZero() {
			return nil
		}
		n++
		a := DemoAssessment(r, 9, r.Clinician, spec)
		if missing := a.Missing(r, spec); len(missing) > 0 {
			t.Fatalf("%s: demo assessment misses %v", r.Ref, missing)
		}
		if r.HasOutcome("dps") {
			if sc, _ := ScoreAnswers(InstrumentPHQ9, a.Instruments[InstrumentPHQ9]); sc.Total < 15 {
				t.Errorf("%s routed to DPS with PHQ-9 %d", r.Ref, sc.Total)
			}
		}
		if again := DemoAssessment(r, 9, r.Clinician, spec); again.ReasonOwnWords != a.ReasonOwnWords ||
			again.Instruments[InstrumentGAD7].Items[0] != a.Instruments[InstrumentGAD7].Items[0] {
			t.Fatalf("%s: not deterministic", r.Ref)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Errorf("only %d assessed referrals in 3000", n)
	}
}

func TestDemoKeepsBodyOfTheLastYear(t *testing.T) {
	today := MustParseDate("2026-11-22")
	for _, c := range []struct {
		assessed string
		want     bool
	}{
		{"", false},
		{"2026-11-22", true},
		{today.AddDays(-DemoBodyDays).String(), true},
		{today.AddDays(-DemoBodyDays - 1).String(), false},
		{"2017-03-01", false},
	} {
		var r Referral
		if c.assessed != "" {
			r.Assessed = MustParseDate(c.assessed)
		}
		if got := DemoKeepsBody(r, today); got != c.want {
			t.Errorf("assessed %q: keeps body %v, want %v", c.assessed, got, c.want)
		}
	}
}
