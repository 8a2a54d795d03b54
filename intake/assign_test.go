package intake

import (
	"errors"
	"math/rand/v2"
	"testing"
)

type seeded struct{ r *rand.Rand }

func (s seeded) IntN(n int) int { return s.r.IntN(n) }

func newSeeded(seed uint64) seeded {
	return seeded{rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func testRoster() []Clinician {
	return []Clinician{
		{Username: "a", Role: RoleClinician, Org: OrgDPS},
		{Username: "b", Role: RoleClinician, Org: OrgMunicipal},
		{Username: "boss", Role: RoleSupervisor, Org: OrgDPS},
		{Username: "c", Role: RoleClinician, Org: OrgDPS, OnLeave: true},
		{Username: "d", Role: RoleClinician, Org: OrgMunicipal},
		{Username: "e", Role: RoleClinician, Org: OrgDPS},
		{Username: "root", Role: RoleAdmin},
		{Username: "f", Role: RoleClinician, Org: OrgMunicipal},
	}
}

func TestDrawEligibility(t *testing.T) {
	d, err := DrawClinician(testRoster(), "", newSeeded(1))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "b", "d", "e", "f"}
	if len(d.Eligible) != len(want) {
		t.Fatalf("eligible %v, want %v", d.Eligible, want)
	}
	for i := range want {
		if d.Eligible[i] != want[i] {
			t.Fatalf("eligible %v, want %v", d.Eligible, want)
		}
	}
	d, _ = DrawClinician(testRoster(), "a", newSeeded(1))
	for _, u := range d.Eligible {
		if u == "a" {
			t.Fatal("excluded clinician is eligible")
		}
	}
	_, err = DrawClinician([]Clinician{{Username: "x", Role: RoleClinician, OnLeave: true}}, "", newSeeded(1))
	if !errors.Is(err, ErrNoEligible) {
		t.Fatalf("want ErrNoEligible, got %v", err)
	}
}

// TestDrawIsUniform draws many times and applies Pearson's chi-square test:
// a draw biased towards any clinician (a modulus, an off-by-one) fails it.
func TestDrawIsUniform(t *testing.T) {
	for name, src := range map[string]RandomSource{"seeded": newSeeded(42), "crypto": CryptoSource{}} {
		counts := map[string]int{}
		const draws = 50000
		for i := 0; i < draws; i++ {
			d, err := DrawClinician(testRoster(), "", src)
			if err != nil {
				t.Fatal(err)
			}
			counts[d.Drawn]++
		}
		observed := []int{counts["a"], counts["b"], counts["d"], counts["e"], counts["f"]}
		stat, df := ChiSquareUniform(observed)
		// The crypto source is not repeatable, so its threshold is far in
		// the tail: a fair draw fails it once in a million runs.
		p := ChiSquarePValue(stat, df)
		if p < 1e-6 {
			t.Errorf("%s: counts %v: χ²=%.2f df=%d p=%.2g: not uniform", name, observed, stat, df, p)
		}
	}
}

// A deliberately biased source must fail the same test, or the test proves
// nothing.
func TestUniformityTestDetectsBias(t *testing.T) {
	src := biased{newSeeded(7)}
	counts := make([]int, 5)
	for i := 0; i < 50000; i++ {
		d, _ := DrawClinician(testRoster(), "", src)
		for j, u := range []string{"a", "b", "d", "e", "f"} {
			if d.Drawn == u {
				counts[j]++
			}
		}
	}
	stat, df := ChiSquareUniform(counts)
	if p := ChiSquarePValue(stat, df); p > 1e-6 {
		t.Fatalf("a 5%% bias towards the first clinician went unnoticed: p=%v", p)
	}
}

// biased returns 0 one time in twenty extra.
type biased struct{ s seeded }

func (b biased) IntN(n int) int {
	if b.s.IntN(20) == 0 {
		return 0
	}
	return b.s.IntN(n)
}
