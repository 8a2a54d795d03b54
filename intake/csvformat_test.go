package intake

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// Skatteetaten's published example numbers; never a real person's.
const (
	testNID1982 = "30108299920" // born 1982-10-30
	testNID2032 = "02013299997" // individual number 999 with year 32: born 2032-01-02
)

var testToday = MustParseDate("2024-06-14")

func testRules() ImportRules {
	services := map[string]bool{"retired_service": true}
	for _, s := range DefaultCatalogue() {
		services[s.Code] = true
	}
	return ImportRules{
		Today:      testToday,
		Services:   services,
		Clinicians: map[string]bool{"kari": true, "ola": true},
	}
}

// testSyntheticID builds a Test-Norge synthetic number with MakeNationalID.
func testSyntheticID(t testing.TB) string {
	t.Helper()
	for ind := 100; ind < 500; ind++ {
		s, err := MakeNationalID(MustParseDate("1990-05-17"), ind, true)
		if err == nil {
			return s
		}
	}
	t.Fatal("no synthetic number could be built")
	return ""
}

// routedReferral is a complete, valid GP referral.
func routedReferral() Referral {
	return Referral{
		Ref:               "R-1",
		Received:          MustParseDate("2024-03-01"),
		Channel:           ChannelGP,
		AddressedTo:       AddressedDPS,
		NationalID:        testNID1982,
		Name:              "Kari Nordmann",
		BirthDate:         MustParseDate("1982-10-30"),
		GP:                "Dr. Hansen, Storgata legekontor",
		Clinician:         "kari",
		FirstConversation: MustParseDate("2024-03-10"),
		Attended:          AttendanceYes,
		Routed:            MustParseDate("2024-03-12"),
		Outcomes:          []string{"eating_disorder_clinic", "municipal"},
	}
}

func TestValidateReferralAcceptsValid(t *testing.T) {
	rules := testRules()
	self := Referral{Ref: "S/7_x", Received: testToday, Channel: ChannelSelf, AddressedTo: AddressedNone}
	dna := routedReferral()
	dna.Attended, dna.Outcomes = AttendanceNo, []string{ServiceDidNotAttend}
	noNeed := routedReferral()
	noNeed.Outcomes = []string{ServiceNoNeed}
	retired := routedReferral()
	retired.Outcomes = []string{"retired_service"}
	withdrawn := Referral{Ref: "W1", Received: MustParseDate("2024-01-01"), Channel: ChannelGP,
		AddressedTo: AddressedMunicipal, Withdrawn: testToday}
	scheduled := Referral{Ref: "F1", Received: testToday, Channel: ChannelGP, AddressedTo: AddressedSpecialist,
		FirstConversation: testToday.AddDays(30), Clinician: "ola", Name: "Åse Ødegård-Ås"}
	synthetic := self
	synthetic.NationalID = testSyntheticID(t)
	rulesSynth := rules
	rulesSynth.AllowSynthetic = true
	for name, r := range map[string]Referral{
		"routed": routedReferral(), "self": self, "did not attend": dna, "no need": noNeed,
		"retired service": retired, "withdrawn": withdrawn, "scheduled ahead": scheduled,
	} {
		if errs := ValidateReferral(r, rules); errs != nil {
			t.Errorf("%s: unexpected errors %v", name, errs)
		}
	}
	if errs := ValidateReferral(synthetic, rulesSynth); errs != nil {
		t.Errorf("synthetic id in a test database: unexpected errors %v", errs)
	}
	if errs := ValidateReferral(synthetic, rules); len(errs) != 1 || errs[0].Column != ColNationalID {
		t.Errorf("synthetic id in production: got %v, want one national_id error", errs)
	}
}

// TestValidateReferralRules covers the rules that the CSV decoder cannot
// reach because it normalises the value first (a self-booking's zero
// Addressee, spaces in a national id, surrounding spaces), since the
// console calls ValidateReferral directly.
func TestValidateReferralRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Referral)
		column string
	}{
		{"self with zero addressee", func(r *Referral) {
			r.Channel, r.AddressedTo = ChannelSelf, ""
		}, ColAddressedTo},
		{"national id with spaces", func(r *Referral) { r.NationalID = "301082 99920" }, ColNationalID},
		{"name with surrounding space", func(r *Referral) { r.Name = "Kari " }, ColName},
		{"gp not UTF-8", func(r *Referral) { r.GP = "Dr \xff" }, ColGP},
		{"bidi override in name", func(r *Referral) { r.Name = "Kari \u202Enamdron" }, ColName},
		{"unknown attendance", func(r *Referral) { r.Attended = "maybe" }, ColAttended},
		{"bad outcome code form", func(r *Referral) { r.Outcomes = []string{"dps+municipal"} }, ColOutcomes},
		{"empty ref", func(r *Referral) { r.Ref = "" }, ColRef},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := routedReferral()
			tt.mutate(&r)
			errs := ValidateReferral(r, testRules())
			if len(errs) != 1 || errs[0].Column != tt.column {
				t.Fatalf("got %v, want one error in column %s", errs, tt.column)
			}
		})
	}
}

func TestValidateReferralTextLength(t *testing.T) {
	r := routedReferral()
	r.Name = strings.Repeat("ø", MaxTextLen) // 400 bytes, 200 characters: allowed
	if errs := ValidateReferral(r, testRules()); errs != nil {
		t.Fatalf("200 characters: %v", errs)
	}
	r.Name += "a"
	if errs := ValidateReferral(r, testRules()); len(errs) != 1 || errs[0].Column != ColName {
		t.Fatalf("201 characters: got %v", errs)
	}
}

func TestValidRef(t *testing.T) {
	for s, want := range map[string]bool{
		"a": true, "A-1_b/2": true, strings.Repeat("x", 32): true,
		"": false, strings.Repeat("x", 33): false, "a b": false, "æ": false, "a+b": false, "a,b": false,
	} {
		if got := ValidRef(s); got != want {
			t.Errorf("ValidRef(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRowErrorText(t *testing.T) {
	es := RowErrors{
		{Line: 14, Column: "national_id", Reason: "must be 11 digits"},
		{Line: 15, Reason: "has 3 fields, the header has 14"},
	}
	want := "line 14, column national_id: must be 11 digits\nline 15: has 3 fields, the header has 14"
	if es.Error() != want {
		t.Errorf("got %q, want %q", es.Error(), want)
	}
	var err error = es
	var got RowErrors
	if !errors.As(err, &got) || len(got) != 2 {
		t.Errorf("errors.As did not recover RowErrors")
	}
	if s := (FieldError{"ref", "required"}).Error(); s != "column ref: required" {
		t.Errorf("FieldError: %q", s)
	}
}

func TestColumnsAreTheReferralFields(t *testing.T) {
	// The decoder's column indexes follow ImportColumns; a reorder of one
	// without the other would put every value in the wrong field.
	idx := map[string]int{
		ColRef: colRef, ColReceived: colReceived, ColChannel: colChannel, ColAddressedTo: colAddressedTo,
		ColNationalID: colNationalID, ColName: colName, ColBirthDate: colBirthDate, ColGP: colGP,
		ColClinician: colClinician, ColFirstConversation: colFirstConversation, ColAttended: colAttended,
		ColAssessed: colAssessed, ColRouted: colRouted, ColOutcomes: colOutcomes, ColWithdrawn: colWithdrawn, ColGPHerID: colGPHerID,
	}
	if len(idx) != len(ImportColumns) {
		t.Fatalf("%d indexes for %d columns", len(idx), len(ImportColumns))
	}
	for i, c := range ImportColumns {
		if idx[c] != i {
			t.Errorf("column %s at %d, index constant %d", c, i, idx[c])
		}
	}
	all := append(slices.Clone(ImportColumns), ComputedColumns...)
	if !slices.Equal(exportColumns(), all) {
		t.Errorf("export columns %v", exportColumns())
	}
}

func TestAssessedColumnRules(t *testing.T) {
	rules := ImportRules{Today: MustParseDate("2026-11-22"), Services: map[string]bool{"dps": true}, Clinicians: map[string]bool{}}
	base := Referral{Ref: "A", Received: MustParseDate("2026-11-02"), Channel: ChannelSelf, AddressedTo: AddressedNone,
		FirstConversation: MustParseDate("2026-11-05"), Attended: AttendanceYes, Assessed: MustParseDate("2026-11-05")}
	if errs := ValidateReferral(base, rules); len(errs) != 0 {
		t.Fatalf("valid assessed referral: %v", errs)
	}
	if base.State() != StateAssessed {
		t.Errorf("state %s, want assessed", base.State())
	}
	cases := map[string]struct {
		change func(r *Referral)
		column string
	}{
		"not attended":        {func(r *Referral) { r.Attended = AttendanceNo }, ColAssessed},
		"before conversation": {func(r *Referral) { r.Assessed = MustParseDate("2026-11-04") }, ColAssessed},
		"in the future":       {func(r *Referral) { r.Assessed = MustParseDate("2026-11-23") }, ColAssessed},
		"routed before assessed": {func(r *Referral) {
			r.Routed, r.Outcomes = MustParseDate("2026-11-05"), []string{"dps"}
			r.Assessed = MustParseDate("2026-11-06")
		}, ColRouted},
	}
	for name, c := range cases {
		r := base
		c.change(&r)
		errs := ValidateReferral(r, rules)
		found := false
		for _, e := range errs {
			if e.Column == c.column {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no error in %s: %v", name, c.column, errs)
		}
	}
}
