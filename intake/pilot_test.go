package intake

import (
	"bytes"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata from the code")

// pilotCSVPath is the pilot written in the interchange format, at the module
// root so the console's import can be tried on it.
var pilotCSVPath = filepath.Join("..", "testdata", "pilot.csv")

// demoTestToday is the reception's "today" in the tests.
var demoTestToday = MustParseDate("2026-11-22")

// demoImportRules are the rules a demo database imports with.
func demoImportRules(today Date, roster []Clinician) ImportRules {
	rules := ImportRules{Today: today, AllowSynthetic: true, Services: map[string]bool{}, Clinicians: map[string]bool{}}
	for _, s := range DefaultCatalogue() {
		rules.Services[s.Code] = true
	}
	for _, c := range roster {
		rules.Clinicians[c.Username] = true
	}
	return rules
}

// encodePilot writes the pilot as the export would.
func encodePilot(t *testing.T) []byte {
	t.Helper()
	orgs := map[string]Org{}
	for _, c := range DemoRoster() {
		orgs[c.Username] = c.Org
	}
	var buf bytes.Buffer
	enc := NewCSVEncoder(&buf)
	for _, r := range PilotReferrals() {
		row := ExportRow{Referral: r, ClinicianOrg: orgs[r.Clinician], Deadline: r.AssessmentDeadline(Calendar{})}
		if err := enc.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPilotCSVFile(t *testing.T) {
	want := encodePilot(t)
	if *update {
		if err := os.WriteFile(pilotCSVPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(pilotCSVPath)
	if err != nil {
		t.Fatalf("%v (run go test ./intake -run TestPilotCSVFile -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from the encoder's output at line %d:\n got %s\nwant %s\n(run with -update if the change is intended)",
					pilotCSVPath, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s has %d lines, the encoder writes %d (run with -update if the change is intended)", pilotCSVPath, len(gl), len(wl))
	}
}

func TestPilotCSVDecodesToPilot(t *testing.T) {
	f, err := os.Open(pilotCSVPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec, err := NewDecoder(f, demoImportRules(demoTestToday, DemoRoster()))
	if err != nil {
		t.Fatal(err)
	}
	var got []Referral
	for {
		r, line, err := dec.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		got = append(got, r)
	}
	want := PilotReferrals()
	if len(got) != len(want) {
		t.Fatalf("decoded %d referrals, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("referral %d decodes as\n%+v\nwant\n%+v", i, got[i], want[i])
		}
	}
}

// TestPilotTable counts patients per addressee and outcome and compares
// with the table in DOMAIN.md, counts and rounded percentages as printed.
func TestPilotTable(t *testing.T) {
	type cell struct {
		n, percent int
	}
	want := map[Addressee]map[string]cell{
		AddressedDPS: {
			"dps":            {25, 45},
			"municipal":      {16, 29},
			"reception":      {2, 4},
			"no_need":        {9, 16},
			"did_not_attend": {3, 5},
		},
		AddressedMunicipal: {
			"dps":                    {9, 16},
			"municipal":              {24, 42},
			"eating_disorder_clinic": {1, 2},
			"addiction_clinic":       {1, 2},
			"reception":              {9, 16},
			"no_need":                {1, 2},
			"did_not_attend":         {14, 25},
		},
	}
	wantTotal := map[string]cell{
		"dps": {34, 30}, "municipal": {40, 36}, "eating_disorder_clinic": {1, 1}, "addiction_clinic": {1, 1},
		"reception": {11, 10}, "no_need": {10, 9}, "did_not_attend": {17, 15},
	}
	wantPatients := map[Addressee]int{AddressedDPS: 55, AddressedMunicipal: 57}

	refs := PilotReferrals()
	if len(refs) != 112 {
		t.Fatalf("%d referrals, want 112", len(refs))
	}
	patients := map[Addressee]int{}
	count := map[Addressee]map[string]int{}
	total := map[string]int{}
	for _, r := range refs {
		if r.Channel != ChannelGP {
			t.Errorf("%s: channel %q, every pilot patient was referred by a GP", r.Ref, r.Channel)
		}
		patients[r.AddressedTo]++
		if count[r.AddressedTo] == nil {
			count[r.AddressedTo] = map[string]int{}
		}
		for _, o := range r.Outcomes {
			count[r.AddressedTo][o]++
			total[o]++
		}
	}
	if !reflect.DeepEqual(patients, wantPatients) {
		t.Errorf("patients per addressee %v, want %v", patients, wantPatients)
	}
	percent := func(n, of int) int { return int(math.Round(100 * float64(n) / float64(of))) }
	for a, cells := range want {
		for code, w := range cells {
			n := count[a][code]
			if got := (cell{n, percent(n, patients[a])}); got != w {
				t.Errorf("addressed to %s, outcome %s: %+v, want %+v", a, code, got, w)
			}
		}
		for code, n := range count[a] {
			if _, ok := cells[code]; !ok {
				t.Errorf("addressed to %s: %d patients routed to %s, which the table does not have", a, n, code)
			}
		}
	}
	for code, w := range wantTotal {
		if got := (cell{total[code], percent(total[code], len(refs))}); got != w {
			t.Errorf("total, outcome %s: %+v, want %+v", code, got, w)
		}
	}
}

func TestPilotTwoPatientsHaveTwoOutcomes(t *testing.T) {
	var doubles []string
	for _, r := range PilotReferrals() {
		switch len(r.Outcomes) {
		case 1:
		case 2:
			if r.AddressedTo != AddressedMunicipal {
				t.Errorf("%s: two outcomes for a referral addressed to %s", r.Ref, r.AddressedTo)
			}
			doubles = append(doubles, strings.Join(r.Outcomes, OutcomeSeparator))
		default:
			t.Errorf("%s: %d outcomes", r.Ref, len(r.Outcomes))
		}
	}
	if len(doubles) != 2 {
		t.Fatalf("%d patients with two outcomes, want 2: %v", len(doubles), doubles)
	}
	want := map[string]bool{"municipal+eating_disorder_clinic": true, "municipal+addiction_clinic": true}
	for _, d := range doubles {
		if !want[d] {
			t.Errorf("unexpected double routing %s", d)
		}
		delete(want, d)
	}
}

func TestPilotReferralsAreValid(t *testing.T) {
	rules := demoImportRules(demoTestToday, DemoRoster())
	for _, r := range PilotReferrals() {
		if errs := ValidateReferral(r, rules); errs != nil {
			t.Errorf("%s: %v", r.Ref, errs)
		}
	}
}

func TestPilotReferralsDetail(t *testing.T) {
	cal := Calendar{}
	refs := PilotReferrals()
	if !reflect.DeepEqual(refs, PilotReferrals()) {
		t.Fatal("PilotReferrals differs between calls")
	}
	roles := map[string]Role{}
	for _, c := range DemoRoster() {
		roles[c.Username] = c.Role
	}
	springEnd := MustParseDate("2023-06-20")
	autumnStart := MustParseDate("2023-09-01")
	ids := map[string]bool{}
	spring := 0
	for i, r := range refs {
		if want := "P-" + threeDigitRef(i+1); r.Ref != want {
			t.Errorf("referral %d has ref %s, want %s", i, r.Ref, want)
		}
		if i > 0 && r.Received.Before(refs[i-1].Received) {
			t.Errorf("%s received %s, before %s", r.Ref, r.Received, refs[i-1].Received)
		}
		switch {
		case r.Received.Before(MustParseDate("2023-03-01")):
			t.Errorf("%s received %s, before the pilot", r.Ref, r.Received)
		case !r.Received.After(springEnd):
			spring++
		case r.Received.Before(autumnStart):
			t.Errorf("%s received %s, in the summer break", r.Ref, r.Received)
		}
		// About ten a week: 62 patients in at most seven weeks.
		if r.Received.After(autumnStart.AddDays(7 * 7)) {
			t.Errorf("%s received %s, too late for ten a week", r.Ref, r.Received)
		}

		nid, err := ParseNationalID(r.NationalID, true)
		if err != nil || !nid.Synthetic {
			t.Errorf("%s: national id is not a synthetic number (%v)", r.Ref, err)
		} else if !nid.BirthDate.Equal(r.BirthDate) {
			t.Errorf("%s: birth date %s, the id says %s", r.Ref, r.BirthDate, nid.BirthDate)
		}
		if _, err := ParseNationalID(r.NationalID, false); err == nil {
			t.Errorf("%s: national id is accepted outside a test database", r.Ref)
		}
		if !demoNameFitsID(r.Name, r.NationalID) {
			t.Errorf("%s: name %s does not fit the sex in the national id", r.Ref, r.Name)
		}
		if ids[r.NationalID] {
			t.Errorf("%s: national id used twice", r.Ref)
		}
		ids[r.NationalID] = true
		if age := demoAgeOn(r.BirthDate, r.Received); age < 18 || age > 80 {
			t.Errorf("%s: %d years old", r.Ref, age)
		}
		if r.Name == "" || !strings.HasPrefix(r.GP, "Dr. ") || !strings.HasSuffix(r.GP, " legesenter") {
			t.Errorf("%s: name %q, GP %q", r.Ref, r.Name, r.GP)
		}
		if roles[r.Clinician] != RoleClinician {
			t.Errorf("%s: assigned to %q, not a clinician on the demo roster", r.Ref, r.Clinician)
		}
		if n := cal.WorkingDaysBetween(r.Received, r.FirstConversation); n < 3 || n > 15 || !cal.IsWorkingDay(r.FirstConversation) {
			t.Errorf("%s: first conversation %d working days after receipt", r.Ref, n)
		}
		if n := cal.WorkingDaysBetween(r.FirstConversation, r.Routed); n > 5 || r.Routed.Before(r.FirstConversation) {
			t.Errorf("%s: routed %d working days after the first conversation", r.Ref, n)
		}
		if dna := r.HasOutcome(ServiceDidNotAttend); dna != (r.Attended == AttendanceNo) {
			t.Errorf("%s: attended %q with outcomes %v", r.Ref, r.Attended, r.Outcomes)
		}
		if r.State() != StateRouted {
			t.Errorf("%s: state %s, every pilot patient was routed", r.Ref, r.State())
		}
	}
	if spring != 50 {
		t.Errorf("%d patients before the summer, want 50", spring)
	}
}

// TestPilotOutcomesAreMixed checks the outcomes are spread through the
// received order rather than in blocks: with 112 shuffled patients the
// addressee changes from one patient to the next about 56 times, and the
// did-not-attend patients are found in both halves.
func TestPilotOutcomesAreMixed(t *testing.T) {
	refs := PilotReferrals()
	changes := 0
	for i := 1; i < len(refs); i++ {
		if refs[i].AddressedTo != refs[i-1].AddressedTo {
			changes++
		}
	}
	if changes < 35 {
		t.Errorf("the addressee changes only %d times in received order", changes)
	}
	var firstHalf, secondHalf int
	for i, r := range refs {
		if r.HasOutcome(ServiceDidNotAttend) {
			if i < len(refs)/2 {
				firstHalf++
			} else {
				secondHalf++
			}
		}
	}
	if firstHalf < 3 || secondHalf < 3 {
		t.Errorf("did-not-attend patients: %d in the first half, %d in the second", firstHalf, secondHalf)
	}
}

func TestDemoRoster(t *testing.T) {
	roster := DemoRoster()
	count := map[Org]map[Role]int{}
	for i, c := range roster {
		if !ValidUsername(c.Username) || c.Name == "" || !c.Org.Valid() || !c.Role.Valid() || c.OnLeave {
			t.Errorf("bad roster entry %+v", c)
		}
		if i > 0 && roster[i-1].Username >= c.Username {
			t.Errorf("roster not sorted by username at %s", c.Username)
		}
		if count[c.Org] == nil {
			count[c.Org] = map[Role]int{}
		}
		count[c.Org][c.Role]++
	}
	want := map[Org]map[Role]int{
		OrgDPS:       {RoleClinician: 4},
		OrgMunicipal: {RoleClinician: 4},
		OrgNone:      {RoleSupervisor: 1},
	}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("roster has %v, want %v", count, want)
	}
	roster[0].Name = "changed"
	if DemoRoster()[0].Name == "changed" {
		t.Error("DemoRoster returns a shared slice")
	}
}

// demoAgeOn returns the age in whole years on day d of someone born on birth.
func demoAgeOn(birth, d Date) int {
	age := d.Year() - birth.Year()
	if d.Month() < birth.Month() || d.Month() == birth.Month() && d.Day() < birth.Day() {
		age--
	}
	return age
}
