package intake

import (
	"errors"
	"strings"
)

// Dates and times as people type them into the console. Files, the command
// line and the database keep ISO (ParseDate, ParseClock); a person at the
// reception types 14.5.1990 and 8.30, as Norwegians write them, or ISO.

// ErrTwoDigitYear refuses a date typed with a two-digit year: for a birth
// year "90" is 1990 or 2090, and a guess would put a patient's age, and so
// their national id check, a century off. It carries no copy of the input.
var ErrTwoDigitYear = errors.New("the year must have four digits: a two-digit year is ambiguous (1990 or 2090?)")

// ParseTypedDate reads a date as typed: d.m.yyyy or dd.mm.yyyy (day first,
// as Norwegians write it) or ISO yyyy-mm-dd. Surrounding spaces are
// ignored. A two-digit year is ErrTwoDigitYear; anything else that is not
// a real day is ErrBadDate.
func ParseTypedDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "-") {
		return ParseDate(s)
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 || !digits(parts[0], 1, 2) || !digits(parts[1], 1, 2) {
		return Date{}, ErrBadDate
	}
	year := parts[2]
	switch {
	case digits(year, 2, 2):
		return Date{}, ErrTwoDigitYear
	case !digits(year, 4, 4):
		return Date{}, ErrBadDate
	}
	return ParseDate(year + "-" + pad2(parts[1]) + "-" + pad2(parts[0]))
}

// ParseTypedClock reads a time of day as typed: t.mm, tt.mm, t:mm, tt:mm
// or tttt without a separator (0830), and returns it as HH:MM. Anything
// else is ErrBadClock.
func ParseTypedClock(s string) (string, error) {
	s = strings.TrimSpace(s)
	if digits(s, 4, 4) {
		return ParseClock(s[:2] + ":" + s[2:])
	}
	h, m, ok := strings.Cut(s, ".")
	if !ok {
		h, m, ok = strings.Cut(s, ":")
	}
	if !ok || !digits(h, 1, 2) || !digits(m, 2, 2) {
		return "", ErrBadClock
	}
	return ParseClock(h + ":" + m)
}

// FormatNorwegianDate writes d as dd.mm.yyyy, the way the Norwegian console
// shows dates ("" for no date). ParseTypedDate reads it back.
func FormatNorwegianDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02.01.2006")
}

// digits reports whether s is between min and max ASCII digits long.
func digits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
