package intake

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// The valid fixtures below were computed outside Go (by hand-written Python)
// so that the tests do not merely check the implementation against itself.
// Every valid number is one no person can hold: Skatteetaten's published
// examples, a synthetic number (month + 80), or a birth date from 2033 on
// (not issued yet).
func TestParseNationalID(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		synthetic bool // allowSynthetic
		wantErr   error
		kind      IDKind
		isSynth   bool
		birth     string
	}{
		// Skatteetaten's published examples.
		{name: "skatteetaten both rules 1", in: "02013299997", birth: "2032-01-02"},
		{name: "skatteetaten both rules 2", in: "30108299920", birth: "1982-10-30"},
		{name: "skatteetaten 2032 rule only", in: "30108299939", birth: "1982-10-30"},

		// The 2032 rule: (weighted sum + k1) mod 11 may be 0, 1, 2 or 3.
		{name: "2032 rule remainder 1", in: "01814090090", synthetic: true, isSynth: true, birth: "1940-01-01"},
		{name: "2032 rule remainder 2", in: "01814090260", synthetic: true, isSynth: true, birth: "1940-01-01"},
		{name: "2032 rule remainder 3", in: "01814090007", synthetic: true, isSynth: true, birth: "1940-01-01"},
		{name: "2032 rule remainder 4", in: "15057512439", wantErr: ErrIDControl},
		{name: "2032 rule remainder 5", in: "01014090068", wantErr: ErrIDControl},
		{name: "k2 wrong", in: "02013299998", wantErr: ErrIDControl},
		{name: "k1 wrong", in: "02013299987", wantErr: ErrIDControl},

		{name: "spaces allowed", in: "020132 99997", birth: "2032-01-02"},
		{name: "spaces everywhere", in: " 02 01 32 999 97 ", birth: "2032-01-02"},

		{name: "D-number", in: "41013550016", kind: IDDNumber, birth: "2035-01-01"},
		{name: "D-number day 31", in: "71013550039", kind: IDDNumber, birth: "2035-01-31"},
		{name: "H-number", in: "01503550063", kind: IDHNumber, birth: "2035-10-01"},
		{name: "synthetic in test db", in: "01857010015", synthetic: true, isSynth: true, birth: "1970-05-01"},
		{name: "synthetic in production", in: "01857010015", wantErr: ErrIDSynthetic},
		{name: "synthetic D-number", in: "45897010015", synthetic: true, kind: IDDNumber, isSynth: true, birth: "1970-09-05"},
		{name: "synthetic D-number in production", in: "45897010015", wantErr: ErrIDSynthetic},

		{name: "1800s", in: "31929950081", synthetic: true, isSynth: true, birth: "1899-12-31"},
		{name: "1854", in: "01815450023", synthetic: true, isSynth: true, birth: "1854-01-01"},
		{name: "1853 not allocated", in: "01015350047", wantErr: ErrIDBirthDate},
		{name: "leap day 2000", in: "29820050043", synthetic: true, isSynth: true, birth: "2000-02-29"},
		{name: "29 Feb 1900 not a date", in: "29020010027", wantErr: ErrIDBirthDate},
		{name: "2039", in: "31123990008", birth: "2039-12-31"},
		{name: "1940 with 900", in: "01814090082", synthetic: true, isSynth: true, birth: "1940-01-01"},
		{name: "individual 750 year 45 not allocated", in: "01014575053", wantErr: ErrIDBirthDate},
		{name: "31 April", in: "31048010000", wantErr: ErrIDBirthDate},
		{name: "D and H at once", in: "41417010066", wantErr: ErrIDBirthDate},
		{name: "day 0", in: "00017010050", wantErr: ErrIDBirthDate},
		{name: "month 13", in: "01137010018", wantErr: ErrIDBirthDate},

		{name: "empty", in: "", wantErr: ErrIDLength},
		{name: "only spaces", in: "     ", wantErr: ErrIDLength},
		{name: "10 digits", in: "0201329999", wantErr: ErrIDLength},
		{name: "12 digits", in: "020132999970", wantErr: ErrIDLength},
		{name: "letter", in: "0201329999a", wantErr: ErrIDNotDigits},
		{name: "dash", in: "020132-9999", wantErr: ErrIDNotDigits},
		{name: "non-ASCII digit", in: "0201329999٧", wantErr: ErrIDNotDigits},
		{name: "tab is not a space", in: "020132\t99997", wantErr: ErrIDLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNationalID(tt.in, tt.synthetic)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("error = %v, want %v", err, tt.wantErr)
				}
				if got != (NationalID{}) {
					t.Errorf("on error got %+v, want the zero NationalID", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			want := NationalID{
				Digits:    strings.ReplaceAll(tt.in, " ", ""),
				Kind:      tt.kind,
				Synthetic: tt.isSynth,
				BirthDate: MustParseDate(tt.birth),
			}
			if got != want {
				t.Errorf("got %+v (birth %s), want %+v (birth %s)", got, got.BirthDate, want, want.BirthDate)
			}
		})
	}
}

func TestParseNationalIDErrorsNeverContainDigits(t *testing.T) {
	inputs := []string{
		"02013299998", "0201329999", "020132999970", "0201329999a",
		"31048010000", "01857010015", "01014575053", "12345678901",
		"98765", "9876543210987654321",
	}
	for _, in := range inputs {
		_, err := ParseNationalID(in, false)
		if err == nil {
			t.Fatalf("expected an error for a test input")
		}
		msg := err.Error()
		digits := strings.Map(func(r rune) rune {
			if r == ' ' {
				return -1
			}
			return r
		}, in)
		// No run of two or more input characters may appear in the message;
		// a single digit could occur by chance ("11 digits").
		for i := 0; i+2 <= len(digits); i++ {
			if strings.Contains(msg, digits[i:i+2]) {
				t.Errorf("error %q contains part of the input", msg)
				break
			}
		}
	}
}

// TestMakeNationalIDRoundTrip builds numbers for many random dates in every
// century range and checks that ParseNationalID accepts them and gives back
// the same birth date.
func TestMakeNationalIDRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	first := MustParseDate("1854-01-01")
	last := MustParseDate("2039-12-31")
	span := first.DaysUntil(last)
	made := 0
	for range 5000 {
		birth := first.AddDays(rng.IntN(span + 1))
		synthetic := rng.IntN(4) == 0
		for individual := rng.IntN(1000); ; individual = (individual + 1) % 1000 {
			s, err := MakeNationalID(birth, individual, synthetic)
			if errors.Is(err, ErrIDIndividual) || errors.Is(err, ErrNoControlDigit) {
				continue
			}
			if err != nil {
				t.Fatalf("MakeNationalID: %v", err)
			}
			id, err := ParseNationalID(s, true)
			if err != nil {
				t.Fatalf("ParseNationalID(MakeNationalID(%s, %d)) = %v", birth, individual, err)
			}
			if !id.BirthDate.Equal(birth) || id.Synthetic != synthetic || id.Kind != IDBirthNumber || id.Digits != s {
				t.Fatalf("round trip of %s/%d gave %+v", birth, individual, id)
			}
			if s[6:9] != threeDigits(individual) {
				t.Fatalf("individual number %d not in digits 7–9", individual)
			}
			_, err = ParseNationalID(s, false)
			if synthetic != errors.Is(err, ErrIDSynthetic) || (!synthetic && err != nil) {
				t.Fatalf("allowSynthetic=false on synthetic=%v gave %v", synthetic, err)
			}
			made++
			break
		}
	}
	if made != 5000 {
		t.Fatalf("made %d numbers", made)
	}
}

func threeDigits(n int) string {
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

func TestMakeNationalIDErrors(t *testing.T) {
	d1970 := MustParseDate("1970-01-01")
	tests := []struct {
		name       string
		birth      Date
		individual int
		want       error
	}{
		{"zero date", Date{}, 100, ErrIDBirthDate},
		{"negative individual", d1970, -1, ErrIDIndividual},
		{"individual 1000", d1970, 1000, ErrIDIndividual},
		{"1970 with 500", d1970, 500, ErrIDIndividual},
		{"1970 with 899", d1970, 899, ErrIDIndividual},
		{"2001 with 499", MustParseDate("2001-01-01"), 499, ErrIDIndividual},
		{"1880 with 750", MustParseDate("1880-01-01"), 750, ErrIDIndividual},
		{"1853 never allocated", MustParseDate("1853-06-01"), 600, ErrIDIndividual},
		{"2040 never allocated", MustParseDate("2040-06-01"), 600, ErrIDIndividual},
		// Computed outside Go: 150575 with individual 124 needs k1 = 10,
		// with 113 it needs k2 = 10.
		{"k1 would be 10", MustParseDate("1975-05-15"), 124, ErrNoControlDigit},
		{"k2 would be 10", MustParseDate("1975-05-15"), 113, ErrNoControlDigit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := MakeNationalID(tt.birth, tt.individual, false)
			if !errors.Is(err, tt.want) || s != "" {
				t.Errorf("got %q, %v; want %v", s, err, tt.want)
			}
		})
	}
}

func TestMakeNationalIDKnown(t *testing.T) {
	tests := []struct {
		birth      string
		individual int
		synthetic  bool
		want       string
	}{
		{"2032-01-02", 999, false, "02013299997"},
		{"1982-10-30", 999, false, "30108299920"},
		{"1899-12-31", 500, true, "31929950081"},
		{"2000-02-29", 500, true, "29820050043"},
		{"1970-05-01", 100, true, "01857010015"},
	}
	for _, tt := range tests {
		got, err := MakeNationalID(MustParseDate(tt.birth), tt.individual, tt.synthetic)
		if err != nil || got != tt.want {
			t.Errorf("MakeNationalID(%s, %d, %v) = %q, %v; want %q", tt.birth, tt.individual, tt.synthetic, got, err, tt.want)
		}
	}
}

func FuzzParseNationalID(f *testing.F) {
	for _, s := range []string{
		"02013299997", "30108299920", "30108299939", "41013550016",
		"01503550063", "01857010015", "45897010015", "29820050043",
		"020132 99997", "", "0201329999a", "31048010000", "41417010066",
		"99999999999", "00000000000", "0201329999٧",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	sentinels := []error{ErrIDLength, ErrIDNotDigits, ErrIDControl, ErrIDBirthDate, ErrIDSynthetic}
	f.Fuzz(func(t *testing.T, s string, allowSynthetic bool) {
		id, err := ParseNationalID(s, allowSynthetic)
		if err != nil {
			checkNoLeak(t, err.Error(), []byte(s))
			known := false
			for _, e := range sentinels {
				known = known || err == e
			}
			if !known {
				t.Fatalf("unexpected error value %v", err)
			}
			return
		}
		if len(id.Digits) != 11 {
			t.Fatalf("Digits has length %d", len(id.Digits))
		}
		for i := 0; i < len(id.Digits); i++ {
			if c := id.Digits[i]; c < '0' || c > '9' {
				t.Fatalf("Digits has a non-digit at %d", i)
			}
		}
		if id.Synthetic && !allowSynthetic {
			t.Fatalf("synthetic number accepted without allowSynthetic")
		}
		if id.BirthDate.IsZero() {
			t.Fatalf("accepted number has no birth date")
		}
		again, err := ParseNationalID(id.Digits, allowSynthetic)
		if err != nil || again != id {
			t.Fatalf("re-parse gave %+v, %v; want %+v", again, err, id)
		}
		// An ordinary number with classic control digits is what
		// MakeNationalID writes: building it from what was parsed gives
		// the same digits back.
		if id.Kind == IDBirthNumber {
			individual := int(id.Digits[6]-'0')*100 + int(id.Digits[7]-'0')*10 + int(id.Digits[8]-'0')
			made, err := MakeNationalID(id.BirthDate, individual, id.Synthetic)
			classic := err == nil && made[9] == id.Digits[9]
			if classic && made != id.Digits {
				t.Fatalf("MakeNationalID(%v, %03d) = %s, parsed from %s", id.BirthDate, individual, made, id.Digits)
			}
			if err != nil && !errors.Is(err, ErrNoControlDigit) {
				t.Fatalf("MakeNationalID(%v, %03d) refused a parsed number: %v", id.BirthDate, individual, err)
			}
		}
	})
}
