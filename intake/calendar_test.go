package intake

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	known := map[int]string{
		1818: "1818-03-22", // earliest possible
		1943: "1943-04-25", // latest possible
		2000: "2000-04-23",
		2008: "2008-03-23",
		2011: "2011-04-24",
		2012: "2012-04-08",
		2019: "2019-04-21",
		2024: "2024-03-31",
		2025: "2025-04-20",
		2026: "2026-04-05",
		2027: "2027-03-28",
		2038: "2038-04-25",
		2100: "2100-03-28",
		2285: "2285-03-22",
	}
	for year, want := range known {
		if got := Easter(year); got.String() != want {
			t.Errorf("Easter(%d) = %s, want %s", year, got, want)
		}
	}
	// Over the whole Gregorian era Easter is a Sunday between 22 March and
	// 25 April.
	for year := 1583; year <= 4099; year++ {
		e := Easter(year)
		lo, hi := NewDate(year, time.March, 22), NewDate(year, time.April, 25)
		if e.Weekday() != time.Sunday || e.Before(lo) || e.After(hi) || e.Year() != year {
			t.Fatalf("Easter(%d) = %s (%s)", year, e, e.Weekday())
		}
	}
}

func TestPublicHolidays(t *testing.T) {
	type h struct{ date, en string }
	tests := map[int][]h{
		2025: {
			{"2025-01-01", "New Year's Day"},
			{"2025-04-17", "Maundy Thursday"},
			{"2025-04-18", "Good Friday"},
			{"2025-04-20", "Easter Sunday"},
			{"2025-04-21", "Easter Monday"},
			{"2025-05-01", "Labour Day"},
			{"2025-05-17", "Constitution Day"},
			{"2025-05-29", "Ascension Day"},
			{"2025-06-08", "Whit Sunday"},
			{"2025-06-09", "Whit Monday"},
			{"2025-12-25", "Christmas Day"},
			{"2025-12-26", "Boxing Day"},
		},
		2026: {
			{"2026-01-01", "New Year's Day"},
			{"2026-04-02", "Maundy Thursday"},
			{"2026-04-03", "Good Friday"},
			{"2026-04-05", "Easter Sunday"},
			{"2026-04-06", "Easter Monday"},
			{"2026-05-01", "Labour Day"},
			{"2026-05-14", "Ascension Day"},
			{"2026-05-17", "Constitution Day"},
			{"2026-05-24", "Whit Sunday"},
			{"2026-05-25", "Whit Monday"},
			{"2026-12-25", "Christmas Day"},
			{"2026-12-26", "Boxing Day"},
		},
		// 2027: Whit Monday falls on 17 May; both are listed.
		2027: {
			{"2027-01-01", "New Year's Day"},
			{"2027-03-25", "Maundy Thursday"},
			{"2027-03-26", "Good Friday"},
			{"2027-03-28", "Easter Sunday"},
			{"2027-03-29", "Easter Monday"},
			{"2027-05-01", "Labour Day"},
			{"2027-05-06", "Ascension Day"},
			{"2027-05-16", "Whit Sunday"},
			{"2027-05-17", "Constitution Day"},
			{"2027-05-17", "Whit Monday"},
			{"2027-12-25", "Christmas Day"},
			{"2027-12-26", "Boxing Day"},
		},
		// 2285: the earliest Easter, Ascension Day on 30 April, before 1 May.
		2285: {
			{"2285-01-01", "New Year's Day"},
			{"2285-03-19", "Maundy Thursday"},
			{"2285-03-20", "Good Friday"},
			{"2285-03-22", "Easter Sunday"},
			{"2285-03-23", "Easter Monday"},
			{"2285-04-30", "Ascension Day"},
			{"2285-05-01", "Labour Day"},
			{"2285-05-10", "Whit Sunday"},
			{"2285-05-11", "Whit Monday"},
			{"2285-05-17", "Constitution Day"},
			{"2285-12-25", "Christmas Day"},
			{"2285-12-26", "Boxing Day"},
		},
	}
	for year, want := range tests {
		got := PublicHolidays(year)
		if len(got) != len(want) {
			t.Fatalf("%d: %d holidays, want %d: %v", year, len(got), len(want), got)
		}
		for i := range want {
			if got[i].Date.String() != want[i].date || got[i].NameEN != want[i].en || got[i].NameNB == "" {
				t.Errorf("%d: holiday %d = %s %q/%q, want %s %q", year, i, got[i].Date, got[i].NameNB, got[i].NameEN, want[i].date, want[i].en)
			}
		}
	}
}

func TestIsPublicHoliday(t *testing.T) {
	for _, s := range []string{"2025-12-25", "2025-12-26", "2026-01-01", "2026-04-02", "2026-05-14", "2026-05-25", "2024-05-17", "2024-05-01"} {
		if !IsPublicHoliday(MustParseDate(s)) {
			t.Errorf("%s should be a public holiday", s)
		}
	}
	// Christmas Eve, New Year's Eve, Easter Saturday and Whit Saturday are not.
	for _, s := range []string{"2025-12-24", "2025-12-31", "2025-04-19", "2025-06-07", "2025-04-16", "2025-04-22", "2025-05-02", "2025-05-16"} {
		if IsPublicHoliday(MustParseDate(s)) {
			t.Errorf("%s should not be a public holiday", s)
		}
	}
	// Every day of a span of years agrees with the list.
	for year := 1990; year <= 2060; year++ {
		list := map[Date]bool{}
		for _, h := range PublicHolidays(year) {
			list[h.Date] = true
		}
		for d := NewDate(year, time.January, 1); d.Year() == year; d = d.AddDays(1) {
			if IsPublicHoliday(d) != list[d] {
				t.Fatalf("IsPublicHoliday(%s) = %v, list says %v", d, !list[d], list[d])
			}
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		date      string
		weekdays  bool // Calendar{}
		saturdays bool // Calendar{CountSaturday: true}
	}{
		{"2025-06-02", true, true},   // Monday
		{"2025-06-06", true, true},   // Friday
		{"2025-06-07", false, true},  // Saturday
		{"2025-06-08", false, false}, // Sunday and Whit Sunday
		{"2025-06-09", false, false}, // Whit Monday
		{"2025-05-17", false, false}, // Saturday, but Constitution Day
		{"2025-12-24", true, true},   // Christmas Eve is a working day
		{"2025-12-31", true, true},   // as is New Year's Eve
		{"2025-04-19", false, true},  // Easter Saturday is not a holiday
		{"2026-12-26", false, false}, // Saturday and Boxing Day
		{"2026-05-17", false, false}, // Sunday
		{"2026-05-18", true, true},   // Monday
		{"2024-05-09", false, false}, // Ascension Day
		{"2027-05-17", false, false}, // 17 May and Whit Monday
		{"2027-05-18", true, true},   // Tuesday
		{"2027-05-15", false, true},  // Saturday
		{"2026-01-01", false, false}, // Thursday, New Year's Day
		{"2026-01-02", true, true},   // Friday
		{"2026-01-03", false, true},  // Saturday
		{"2026-04-04", false, true},  // Easter Saturday
		{"2026-04-03", false, false}, // Good Friday
		{"2026-04-02", false, false}, // Maundy Thursday
		{"2026-04-01", true, true},   // Wednesday before Easter
		{"2026-04-07", true, true},   // Tuesday after Easter
		{"2026-05-01", false, false}, // Friday, Labour Day
		{"2026-05-02", false, true},  // Saturday
		{"1899-12-25", false, false}, // long before 1970
		{"1899-12-27", true, true},   // Wednesday
		{"2100-03-29", false, false}, // Easter Monday 2100
		{"2100-03-30", true, true},   // Tuesday
		{"2100-03-27", false, true},  // Easter Saturday 2100
		{"2100-03-26", false, false}, // Good Friday 2100
		{"2285-04-30", false, false}, // Ascension Day on 30 April
		{"2285-04-29", true, true},   // Wednesday
		{"2285-05-01", false, false}, // Labour Day
		{"2285-05-02", false, true},  // Saturday
		{"2285-05-03", false, false}, // Sunday
		{"2285-05-04", true, true},   // Monday
		{"2012-05-17", false, false}, // Ascension Day and 17 May
		{"2012-05-18", true, true},   // Friday
		{"2012-05-19", false, true},  // Saturday
		{"2012-05-20", false, false}, // Sunday
		{"2012-05-21", true, true},   // Monday
		{"2012-05-28", false, false}, // Whit Monday
		{"2012-05-29", true, true},   // Tuesday
		{"2012-05-27", false, false}, // Whit Sunday
		{"2012-05-26", false, true},  // Saturday
		{"2012-04-05", false, false}, // Maundy Thursday
		{"2012-04-04", true, true},   // Wednesday
		{"2012-04-10", true, true},   // Tuesday after Easter
		{"2012-04-09", false, false}, // Easter Monday
		{"2012-04-07", false, true},  // Easter Saturday
		{"2012-04-06", false, false}, // Good Friday
		{"2012-04-08", false, false}, // Easter Sunday
		{"2012-12-24", true, true},   // Monday, Christmas Eve
		{"2012-12-25", false, false}, // Christmas Day
		{"2012-12-31", true, true},   // New Year's Eve
		{"2013-01-01", false, false}, // New Year's Day
		{"2013-01-02", true, true},   // Wednesday
		{"2012-12-29", false, true},  // Saturday
	}
	for _, tt := range tests {
		d := MustParseDate(tt.date)
		if got := (Calendar{}).IsWorkingDay(d); got != tt.weekdays {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.weekdays)
		}
		if got := (Calendar{CountSaturday: true}).IsWorkingDay(d); got != tt.saturdays {
			t.Errorf("with Saturday, IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.saturdays)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name    string
		from    string
		n       int
		want    string // Monday to Friday
		wantSat string // Saturday counted
	}{
		{"zero days", "2025-04-11", 0, "2025-04-11", "2025-04-11"},
		{"zero days from a holiday", "2025-12-25", 0, "2025-12-25", "2025-12-25"},
		{"negative treated as zero", "2025-04-11", -3, "2025-04-11", "2025-04-11"},
		{"one day from Friday", "2025-06-06", 1, "2025-06-10", "2025-06-07"}, // Whit Monday 9 June
		{"one day from Saturday", "2025-06-14", 1, "2025-06-16", "2025-06-16"},
		{"from a Sunday", "2025-06-15", 5, "2025-06-20", "2025-06-20"},
		{"plain fortnight", "2025-09-01", 10, "2025-09-15", "2025-09-12"},
		// Easter 2025: 17, 18 and 21 April are holidays, Easter Saturday is not.
		{"across Easter", "2025-04-11", 10, "2025-04-30", "2025-04-26"},
		// Christmas Eve and New Year's Eve count; 25, 26 Dec and 1 Jan do not.
		{"across Christmas and New Year", "2025-12-19", 10, "2026-01-07", "2026-01-03"},
		// May 2024: Ascension 9 May, 17 May a Friday, Whit Monday 20 May.
		{"across Ascension and 17 May", "2024-05-07", 10, "2024-05-24", "2024-05-22"},
		// May 2012: Ascension Day was 17 May, Whit Monday 28 May.
		{"Ascension on 17 May", "2012-05-14", 10, "2012-05-30", "2012-05-26"},
		// May 2027: Whit Monday is 17 May, Ascension 6 May.
		{"Whit Monday on 17 May", "2027-05-10", 10, "2027-05-25", "2027-05-22"},
		{"received on a holiday", "2026-04-03", 10, "2026-04-20", "2026-04-16"},
		{"long before 1970", "1899-12-22", 3, "1899-12-29", "1899-12-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := MustParseDate(tt.from)
			if got := (Calendar{}).AddWorkingDays(from, tt.n); got.String() != tt.want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
			if got := (Calendar{CountSaturday: true}).AddWorkingDays(from, tt.n); got.String() != tt.wantSat {
				t.Errorf("with Saturday, AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.wantSat)
			}
		})
	}
	if got := (Calendar{}).AddWorkingDays(Date{}, 10); !got.IsZero() {
		t.Errorf("AddWorkingDays of the zero Date = %s, want the zero Date", got)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
		wantSat  int
	}{
		{"2025-04-11", "2025-04-11", 0, 0},
		{"2025-04-30", "2025-04-11", 0, 0},
		{"2025-06-06", "2025-06-07", 0, 1}, // Friday to Saturday
		{"2025-06-06", "2025-06-09", 0, 1}, // to Whit Monday
		{"2025-06-06", "2025-06-10", 1, 2},
		{"2025-04-11", "2025-04-30", 10, 13},
		{"2025-04-11", "2025-04-26", 7, 10},
		{"2025-12-19", "2026-01-07", 10, 13},
		{"2012-05-14", "2012-05-30", 10, 12},
		{"2027-05-10", "2027-05-25", 10, 12},
		{"2027-05-16", "2027-05-17", 0, 0},
		// A whole year: 2025 has 261 weekdays, of which 9 are holidays
		// (1 Jan, 17, 18, 21 Apr, 1 May, 29 May, 9 Jun, 25, 26 Dec);
		// 17 May is a Saturday.
		{"2024-12-31", "2025-12-31", 252, 303},
	}
	for _, tt := range tests {
		from, to := MustParseDate(tt.from), MustParseDate(tt.to)
		if got := (Calendar{}).WorkingDaysBetween(from, to); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
		if got := (Calendar{CountSaturday: true}).WorkingDaysBetween(from, to); got != tt.wantSat {
			t.Errorf("with Saturday, WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.wantSat)
		}
	}
	if got := (Calendar{}).WorkingDaysBetween(Date{}, MustParseDate("2025-01-10")); got != 0 {
		t.Errorf("WorkingDaysBetween from the zero Date = %d, want 0", got)
	}
}

// naiveIsWorkingDay is a reference built only from Date methods and Easter,
// independent of the day-number arithmetic in calendar.go.
func naiveIsWorkingDay(c Calendar, d Date) bool {
	switch d.Weekday() {
	case time.Sunday:
		return false
	case time.Saturday:
		if !c.CountSaturday {
			return false
		}
	}
	m, day := d.Month(), d.Day()
	if (m == time.January && day == 1) || (m == time.May && (day == 1 || day == 17)) ||
		(m == time.December && (day == 25 || day == 26)) {
		return false
	}
	e := Easter(d.Year())
	for _, off := range []int{-3, -2, 0, 1, 39, 49, 50} {
		if e.AddDays(off).Equal(d) {
			return false
		}
	}
	return true
}

func TestWorkingDaysAgainstNaiveReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2025, 17))
	first := MustParseDate("1900-01-01")
	span := first.DaysUntil(MustParseDate("2100-12-31"))
	for range 5000 {
		c := Calendar{CountSaturday: rng.IntN(2) == 0}
		d := first.AddDays(rng.IntN(span))
		n := rng.IntN(60)

		want := d
		for k := n; k > 0; {
			want = want.AddDays(1)
			if naiveIsWorkingDay(c, want) {
				k--
			}
		}
		got := c.AddWorkingDays(d, n)
		if !got.Equal(want) {
			t.Fatalf("%+v AddWorkingDays(%s, %d) = %s, reference %s", c, d, n, got, want)
		}
		if c.IsWorkingDay(d) != naiveIsWorkingDay(c, d) {
			t.Fatalf("%+v IsWorkingDay(%s) disagrees with the reference", c, d)
		}

		// WorkingDaysBetween against a day-by-day count over a random span,
		// sometimes reversed, sometimes several years long.
		to := d.AddDays(rng.IntN(1200) - 100)
		count := 0
		for x := d.AddDays(1); !x.After(to); x = x.AddDays(1) {
			if naiveIsWorkingDay(c, x) {
				count++
			}
		}
		if got := c.WorkingDaysBetween(d, to); got != count {
			t.Fatalf("%+v WorkingDaysBetween(%s, %s) = %d, reference %d", c, d, to, got, count)
		}
		if got := c.WorkingDaysBetween(d, c.AddWorkingDays(d, n)); got != n {
			t.Fatalf("%+v WorkingDaysBetween(%s, AddWorkingDays(%s, %d)) = %d", c, d, d, n, got)
		}
	}
}

func TestAddWorkingDaysAllocations(t *testing.T) {
	c := Calendar{}
	d := MustParseDate("2025-12-19")
	allocs := testing.AllocsPerRun(100, func() {
		d2 := c.AddWorkingDays(d, AssessmentWorkingDays)
		_ = c.WorkingDaysBetween(d, d2)
		_ = c.IsWorkingDay(d2)
	})
	if allocs != 0 {
		t.Errorf("calendar arithmetic allocates %.1f times per call", allocs)
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Calendar{}
	// Spread the start dates over several years so year boundaries, Easter
	// and Christmas are all exercised.
	dates := make([]Date, 4096)
	for i := range dates {
		dates[i] = MustParseDate("2020-01-01").AddDays(i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = c.AddWorkingDays(dates[i%len(dates)], AssessmentWorkingDays)
		i++
	}
}
