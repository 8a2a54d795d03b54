package intake

import (
	"slices"
	"time"
)

// Calendar counts Norwegian working days: Monday to Friday (and Saturday when
// CountSaturday is set), never a public holiday under helligdagsloven.
//
// Deadline arithmetic runs once per referral on imports of a million rows,
// so the methods work on plain day numbers, keep nothing between calls and
// allocate nothing.
type Calendar struct {
	// CountSaturday makes Saturday a working day (a setting, default off):
	// whether Saturday counts towards the legal time limit is not settled.
	CountSaturday bool
}

// Holiday is one Norwegian public holiday.
type Holiday struct {
	Date   Date
	NameNB string // Norwegian Bokmål name
	NameEN string // English name
}

// Easter returns Easter Sunday of the given year in the Gregorian calendar,
// by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
func Easter(year int) Date {
	m, d := easterMonthDay(year)
	return NewDate(year, time.Month(m), d)
}

func easterMonthDay(year int) (month, day int) {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month = (h + l - 7*m + 114) / 31
	day = (h+l-7*m+114)%31 + 1
	return month, day
}

// The holidays in helligdagsloven order: fixed dates by month and day,
// moveable feasts by their offset in days from Easter Sunday.
var holidayRules = [...]struct {
	month, day   int // fixed date, or 0 for an Easter-relative one
	easterOffset int
	nb, en       string
}{
	{1, 1, 0, "Første nyttårsdag", "New Year's Day"},
	{0, 0, -3, "Skjærtorsdag", "Maundy Thursday"},
	{0, 0, -2, "Langfredag", "Good Friday"},
	{0, 0, 0, "Første påskedag", "Easter Sunday"},
	{0, 0, 1, "Andre påskedag", "Easter Monday"},
	{5, 1, 0, "Arbeidernes dag", "Labour Day"},
	{5, 17, 0, "Grunnlovsdagen", "Constitution Day"},
	{0, 0, 39, "Kristi himmelfartsdag", "Ascension Day"},
	{0, 0, 49, "Første pinsedag", "Whit Sunday"},
	{0, 0, 50, "Andre pinsedag", "Whit Monday"},
	{12, 25, 0, "Første juledag", "Christmas Day"},
	{12, 26, 0, "Andre juledag", "Boxing Day"},
}

// PublicHolidays returns the Norwegian public holidays of the year, sorted by
// date. Two holidays can fall on the same day (17 May was Ascension Day in
// 2012 and is Whit Monday in 2027); both are then listed, in the order of
// the law.
func PublicHolidays(year int) []Holiday {
	days, _ := yearHolidays(year)
	out := make([]Holiday, len(holidayRules))
	for i, r := range holidayRules {
		out[i] = Holiday{Date: dateOfDayNumber(days[i]), NameNB: r.nb, NameEN: r.en}
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Time().Compare(b.Date.Time()) })
	return out
}

// IsPublicHoliday reports whether d is a Norwegian public holiday.
func IsPublicHoliday(d Date) bool {
	y, m, day := d.Time().Date()
	n := dayNumber(d)
	em, ed := easterMonthDay(y)
	offset := n - daysFromCivil(y, em, ed)
	for _, r := range holidayRules {
		if r.month == 0 {
			if offset == r.easterOffset {
				return true
			}
		} else if int(m) == r.month && day == r.day {
			return true
		}
	}
	return false
}

// IsWorkingDay reports whether d is a working day.
func (c Calendar) IsWorkingDay(d Date) bool {
	return c.workingWeekday(weekdayOf(dayNumber(d))) && !IsPublicHoliday(d)
}

// AddWorkingDays returns the n-th working day after d, d itself not counted:
// with n = 10 it is the last day of the legal assessment period for a
// referral received on d. n = 0 returns d, as does a negative n (there is no
// meaningful deadline before receipt) and the zero Date ("no date").
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	if n <= 0 || d.IsZero() {
		return d
	}
	day := dayNumber(d)
	y, _, _ := civilFromDays(day)
	hol, jan1 := yearHolidayBits(y)
	nextYear := daysFromCivil(y+1, 1, 1)
	for n > 0 {
		day++
		if day >= nextYear {
			y++
			hol, jan1 = yearHolidayBits(y)
			nextYear = daysFromCivil(y+1, 1, 1)
		}
		if c.workingWeekday(weekdayOf(day)) && !hol.has(day-jan1) {
			n--
		}
	}
	return dateOfDayNumber(day)
}

// holidayBits is a year's holidays as a bit per day of the year (0-based),
// so the day-by-day loop tests a day with one shift instead of a search.
type holidayBits [6]uint64 // 6×64 ≥ 366 days

func (h *holidayBits) has(yday int) bool { return h[yday>>6]&(1<<(yday&63)) != 0 }

func yearHolidayBits(year int) (bits holidayBits, jan1 int) {
	days, jan1 := yearHolidays(year)
	for _, d := range days {
		yday := d - jan1
		bits[yday>>6] |= 1 << (yday & 63)
	}
	return bits, jan1
}

// WorkingDaysBetween returns the number of working days after from, up to
// and including to: a referral received on from and assessed on to met a
// limit of n working days exactly when the result is at most n. It is 0 when
// to is not after from, or when either is the zero Date ("no date").
//
// The count is computed arithmetically (weekdays in the range minus
// holidays on counted weekdays), so its cost does not grow with the number
// of days between the dates, only with the number of years.
func (c Calendar) WorkingDaysBetween(from, to Date) int {
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return 0
	}
	a, b := dayNumber(from), dayNumber(to)
	count := 0
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if c.workingWeekday(wd) {
			count += daysWithWeekdayUpTo(b, wd) - daysWithWeekdayUpTo(a, wd)
		}
	}
	ya, _, _ := civilFromDays(a + 1)
	yb, _, _ := civilFromDays(b)
	for y := ya; y <= yb; y++ {
		hol, _ := yearHolidays(y)
		for i, h := range hol {
			// A day that is two holidays at once is only one day off.
			if h > a && h <= b && c.workingWeekday(weekdayOf(h)) && !slices.Contains(hol[:i], h) {
				count--
			}
		}
	}
	return count
}

// workingWeekday reports whether the weekday is a working day when it is not
// a holiday.
func (c Calendar) workingWeekday(wd time.Weekday) bool {
	switch wd {
	case time.Sunday:
		return false
	case time.Saturday:
		return c.CountSaturday
	}
	return true
}

// yearHolidays returns the day numbers of the year's holidays, in the order
// of holidayRules, and the day number of 1 January. A fixed-size array keeps
// it off the heap.
func yearHolidays(year int) (days [len(holidayRules)]int, jan1 int) {
	jan1 = daysFromCivil(year, 1, 1)
	em, ed := easterMonthDay(year)
	easter := jan1 + dayOfYear(year, em, ed)
	for i, r := range holidayRules {
		if r.month == 0 {
			days[i] = easter + r.easterOffset
		} else {
			days[i] = jan1 + dayOfYear(year, r.month, r.day)
		}
	}
	return days, jan1
}

// daysBeforeMonth[m-1] is the number of days in a common year before month m.
var daysBeforeMonth = [12]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}

// dayOfYear returns the 0-based day of the year of a valid date.
func dayOfYear(year, month, day int) int {
	n := daysBeforeMonth[month-1] + day - 1
	if month > 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		n++
	}
	return n
}

// Day numbers count days since 1970-01-01 (day 0, a Thursday). Working on
// plain integers instead of time.Time keeps the day-by-day loops cheap.

func dayNumber(d Date) int {
	return floorDiv(int(d.Time().Unix()), 86400)
}

func dateOfDayNumber(n int) Date {
	return NewDate(1970, time.January, 1+n)
}

func weekdayOf(n int) time.Weekday {
	return time.Weekday(floorMod(n+int(time.Thursday), 7))
}

// daysWithWeekdayUpTo returns how many days m ≤ n have weekday wd, counted
// from an arbitrary fixed origin; only differences of it are meaningful.
func daysWithWeekdayUpTo(n int, wd time.Weekday) int {
	// Day m has weekday wd when m ≡ r (mod 7), r the offset below.
	r := floorMod(int(wd)-int(time.Thursday), 7)
	return floorDiv(n-r, 7)
}

// daysFromCivil and civilFromDays convert between proleptic Gregorian dates
// and day numbers (Howard Hinnant's algorithms, valid for any int year).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(n int) (y, m, d int) {
	n += 719468
	era := floorDiv(n, 146097)
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}
