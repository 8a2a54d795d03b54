package intake

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTypedDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		err  error
	}{
		{"14.05.1990", "1990-05-14", nil},
		{"14.5.1990", "1990-05-14", nil},
		{"4.5.1990", "1990-05-04", nil},
		{" 29.02.2036 ", "2036-02-29", nil},
		{"1990-05-14", "1990-05-14", nil},
		{"14.05.90", "", ErrTwoDigitYear},
		{"1.1.26", "", ErrTwoDigitYear},
		{"29.02.2035", "", ErrBadDate},
		{"31.04.2026", "", ErrBadDate},
		{"14.13.1990", "", ErrBadDate},
		{"14.05.199", "", ErrBadDate},
		{"14/05/1990", "", ErrBadDate},
		{"140.5.1990", "", ErrBadDate},
		{"01.01.0001", "", ErrBadDate},
		{"1990-5-14", "", ErrBadDate},
		{"", "", ErrBadDate},
	} {
		d, err := ParseTypedDate(tt.in)
		if !errors.Is(err, tt.err) || d.String() != tt.want {
			t.Errorf("ParseTypedDate(%q) = %v, %v; want %q, %v", tt.in, d, err, tt.want, tt.err)
		}
	}
}

func TestParseTypedClock(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"8.30", "08:30"}, {"08.30", "08:30"}, {"0830", "08:30"}, {"8:30", "08:30"}, {"08:30", "08:30"},
		{" 23.59 ", "23:59"}, {"0000", "00:00"},
		{"24.00", ""}, {"830", ""}, {"8.3", ""}, {"8,30", ""}, {"12:60", ""}, {"08300", ""}, {"8.30.00", ""}, {"", ""},
	} {
		got, err := ParseTypedClock(tt.in)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("ParseTypedClock(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzParseTypedDate: whatever is accepted is a real day that the
// Norwegian form and ISO both give back; ISO input reads exactly as the
// strict file parser reads it; errors never repeat the input.
func FuzzParseTypedDate(f *testing.F) {
	for _, s := range []string{"14.05.1990", "14.5.1990", "1.1.2026", "29.02.2036", "29.02.2035", "14.05.90",
		"1990-05-14", "01.01.0001", "31.12.9999", "00.01.2026", "1.1.", "..", " 7.7.2027\t", "١.١.٢٠٢٦"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseTypedDate(s)
		if err != nil {
			if err != ErrBadDate && err != ErrTwoDigitYear {
				t.Fatalf("error %v is neither ErrBadDate nor ErrTwoDigitYear", err)
			}
			checkNoLeak(t, err.Error(), []byte(s))
			if iso, isoErr := ParseDate(strings.TrimSpace(s)); isoErr == nil {
				t.Fatalf("%q refused, but it is the ISO date %v", s, iso)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("%q parsed to the zero Date", s)
		}
		trimmed := strings.TrimSpace(s)
		if strings.Contains(trimmed, "-") {
			if iso, _ := ParseDate(trimmed); !iso.Equal(d) {
				t.Fatalf("%q: typed %v, ISO %v", s, d, iso)
			}
		} else {
			p := strings.Split(trimmed, ".")
			if len(p) != 3 || len(p[2]) != 4 || atoiOracle(p[0]) != d.Day() || atoiOracle(p[1]) != int(d.Month()) || atoiOracle(p[2]) != d.Year() {
				t.Fatalf("%q parsed to %v", s, d)
			}
		}
		for _, again := range []string{FormatNorwegianDate(d), d.String()} {
			if back, err := ParseTypedDate(again); err != nil || !back.Equal(d) {
				t.Fatalf("%q: %q reads back as %v, %v", s, again, back, err)
			}
		}
	})
}

// FuzzParseTypedClock: whatever is accepted is a valid HH:MM that the
// strict parser agrees with, made of the digits that were typed.
func FuzzParseTypedClock(f *testing.F) {
	for _, s := range []string{"8.30", "08.30", "0830", "8:30", "23:59", "24.00", "830", "8.3", "12:60", " 7.45 ", "٩.05", "0.00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTypedClock(s)
		if err != nil {
			if err != ErrBadClock {
				t.Fatalf("error %v is not ErrBadClock", err)
			}
			if strict, err := ParseClock(s); err == nil {
				t.Fatalf("%q refused, but the strict parser reads %s", s, strict)
			}
			return
		}
		if again, err := ParseClock(got); err != nil || again != got {
			t.Fatalf("%q gave %q, which is not HH:MM", s, got)
		}
		var typed []byte
		for _, c := range []byte(s) {
			if c >= '0' && c <= '9' {
				typed = append(typed, c)
			}
		}
		if want := strings.ReplaceAll(got, ":", ""); strings.TrimLeft(string(typed), "0") != strings.TrimLeft(want, "0") {
			t.Fatalf("%q gave %q", s, got)
		}
	})
}
