package intake

import (
	"errors"
	"time"
)

// Date is a calendar day with no time of day and no zone: the day a referral
// was received, a deadline, a birth date. The zero Date means "no date".
type Date struct {
	t time.Time // always midnight UTC
}

// DateLayout is the only textual form of a Date: ISO 8601, YYYY-MM-DD.
const DateLayout = "2006-01-02"

// ErrBadDate is returned by ParseDate for anything that is not a real
// YYYY-MM-DD date. It deliberately carries no copy of the input, which may be
// a birth date.
var ErrBadDate = errors.New("not a date in the form YYYY-MM-DD")

// NewDate returns the given day. Out-of-range values normalise as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t as seen in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// ParseDate parses a strict YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	if len(s) != len(DateLayout) {
		return Date{}, ErrBadDate
	}
	t, err := time.Parse(DateLayout, s)
	// 0001-01-01 is the zero time, which Date uses for "no date": accepting
	// it would turn a typed date into a missing one without a word.
	if err != nil || t.IsZero() {
		return Date{}, ErrBadDate
	}
	return Date{t}, nil
}

// MustParseDate is ParseDate for constants in code and tests.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic("intake: bad date constant " + s)
	}
	return d
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.t.IsZero() }

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	// Written digit by digit: a bulk load writes several dates per
	// referral, and time.Format was a tenth of an import's CPU.
	y, m, day := d.t.Date()
	if y < 0 || y > 9999 {
		return d.t.Format(DateLayout)
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-',
		byte('0' + day/10), byte('0' + day%10),
	}
	return string(b[:])
}

// Year, Month and Day return the parts of the date.
func (d Date) Year() int         { return d.t.Year() }
func (d Date) Month() time.Month { return d.t.Month() }
func (d Date) Day() int          { return d.t.Day() }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// AddDays returns the date n calendar days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Before, After and Equal compare two dates.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }
func (d Date) After(e Date) bool  { return d.t.After(e.t) }
func (d Date) Equal(e Date) bool  { return d.t.Equal(e.t) }

// DaysUntil returns the number of calendar days from d to e (negative when e
// is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.t.Sub(d.t).Hours() / 24)
}

// Time returns midnight UTC of the day, for callers that need a time.Time.
func (d Date) Time() time.Time { return d.t }

// MarshalText writes the date as YYYY-MM-DD ("" for no date), so stored
// records (JSON) hold dates as people write them.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; "" is no date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
