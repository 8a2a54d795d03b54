package tui

import (
	"strings"
	"sync"
	"testing"

	"envei/intake"
	"envei/internal/fuzzcheck"
)

// FuzzFormValidators types one string into every validated text field of
// the console, in both languages. Each validator must accept exactly what
// the form's submit then parses (a value it lets through must not become
// "no value" on the way to the store), and neither its error nor the live
// status under the national id field may repeat what was typed. The corpus
// is testdata/fuzz/tui/FuzzFormValidators at the top of the repository.
func FuzzFormValidators(f *testing.F) {
	for _, s := range []string{
		"", " ", "2024-02-29", "2023-02-29", " 2024-03-01 ", "0001-01-01", "0000-01-01", "9999-12-31",
		"09:00", "9:05", "24:00", "14.5.1990", "14.05.90", "8.30", "0830", "45", "240", "241", "0", "+45", " 045", "-1",
		"2 2 1 0", "333333333", "3333333333", "dps", "eating_disorder_clinic", "Bad Code", "kari", "Kari!",
		"01857010015", "018570 10015", "02013299997", "30108299939", "30108299938", "0185701001",
		"41857010076", "01497010015", "\x00", "\xff\xfe", "٠١٢٣٤٥٦٧٨٩٠",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	vocab := sync.OnceValue(func() string { return fuzzcheck.Vocabulary(".", "../intake") })
	catalogs := []*Catalog{english(), norwegian()}
	f.Fuzz(func(t *testing.T, s string, test bool) {
		noLeak := func(field, text string) {
			t.Helper()
			if leak := fuzzcheck.Leak(text, []byte(s), vocab()); leak != "" {
				t.Fatalf("%s: %q repeats %q from the input", field, text, leak)
			}
		}
		trimmed := strings.TrimSpace(s)
		for _, cat := range catalogs {
			// Dates, required or not; the register form's birth date is
			// what a required date turns into.
			for _, need := range []bool{false, true} {
				err := dateValidator(cat, need)(s)
				d, perr := intake.ParseTypedDate(s)
				want := perr == nil || (trimmed == "" && !need)
				if (err == nil) != want {
					t.Fatalf("date (need %v) %q: validator says %v, ParseTypedDate %v", need, s, err, perr)
				}
				if err != nil {
					noLeak("date", err.Error())
				} else if need {
					r, _ := (&registerValues{birthDate: s}).referral()
					if r.BirthDate.IsZero() || !r.BirthDate.Equal(d) {
						t.Fatalf("birth date %q accepted, registered as %q", s, r.BirthDate)
					}
				}
			}

			err := clockValidator(cat)(s)
			clock, perr := intake.ParseTypedClock(s)
			if (err == nil) != (perr == nil) {
				t.Fatalf("time %q: validator says %v, ParseTypedClock %v", s, err, perr)
			}
			if err == nil {
				if _, err := intake.ParseClock(clock); err != nil {
					t.Fatalf("time %q accepted as %q, which does not parse", s, clock)
				}
			}

			for _, in := range intake.Instruments {
				err := itemsValidator(cat, in)(s)
				if _, perr := intake.ParseItems(in, s); (err == nil) != (perr == nil) {
					t.Fatalf("%s items %q: validator says %v, ParseItems %v", in, s, err, perr)
				}
				if err != nil {
					noLeak("items", err.Error())
				}
			}

			if err := minutesValidator(cat)(s); err == nil {
				n, ok := parseMinutes(s)
				if !ok || n < 1 || n > intake.MaxSessionMinutes {
					t.Fatalf("minutes %q accepted as %d", s, n)
				}
				sess := intake.Session{Date: intake.MustParseDate("2026-11-02"), Minutes: n, Mode: intake.SessionInPerson}
				if errs := intake.ValidateSession(sess, sess.Date); len(errs) > 0 {
					t.Fatalf("minutes %q accepted, the session is refused: %v", s, errs)
				}
			} else {
				noLeak("minutes", err.Error())
			}

			if err := serviceCodeValidator(cat)(s); (err == nil) != intake.ValidServiceCode(trimmed) {
				t.Fatalf("service code %q: %v", s, err)
			} else if err != nil {
				noLeak("service code", err.Error())
			}
			if err := usernameValidator(cat)(s); (err == nil) != intake.ValidUsername(trimmed) {
				t.Fatalf("username %q: %v", s, err)
			} else if err != nil {
				noLeak("username", err.Error())
			}

			// The national id, and the live status line under it.
			err = nationalIDError(cat, s, test)
			id, perr := intake.ParseNationalID(trimmed, test)
			if (err == nil) != (perr == nil) {
				t.Fatalf("national id %q: validator says %v, ParseNationalID %v", s, err, perr)
			}
			if err != nil {
				noLeak("national id", err.Error())
			} else {
				r, _ := (&registerValues{nationalID: s, hasID: true}).referral()
				if r.NationalID != id.Digits {
					t.Fatalf("national id %q accepted, registered as %q, want %q", s, r.NationalID, id.Digits)
				}
			}
			noLeak("national id status", nationalIDStatus(cat, s, test))
		}
	})
}
