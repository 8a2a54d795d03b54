package tui

import (
	"errors"
	"strings"
	"time"

	"envei/intake"
)

// Dates and times on screen: the nb console shows dd.mm.yyyy, the en
// console ISO; both read what Norwegians type (14.5.1990, 8.30, 0830) and
// ISO (intake.ParseTypedDate, ParseTypedClock). Files and the command line
// keep ISO.

// Date shows a day in the user's language; "" for no date.
func (t *Catalog) Date(d intake.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(t.DateLayout)
}

// Stamp shows a stored UTC timestamp (RFC 3339) as the date and time it
// was in Oslo.
func (t *Catalog) Stamp(at string) string {
	ts, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return ts.In(intake.Oslo).Format(t.DateLayout + " 15:04")
}

// dateValidator checks a typed date; need says whether empty is an error.
func dateValidator(t *Catalog, need bool) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			if need {
				return errors.New(t.Required)
			}
			return nil
		}
		_, err := intake.ParseTypedDate(s)
		return dateError(t, err)
	}
}

// dateError is a date parser's error in the user's language.
func dateError(t *Catalog, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, intake.ErrTwoDigitYear):
		return errors.New(t.TwoDigitYear)
	}
	return errors.New(t.BadDate)
}

// typedDate is what dateValidator accepted, as a Date (zero when empty).
func typedDate(s string) intake.Date {
	d, _ := intake.ParseTypedDate(s)
	return d
}

// clockValidator checks a typed time of day.
func clockValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if _, err := intake.ParseTypedClock(s); err != nil {
			return errors.New(t.BadTime)
		}
		return nil
	}
}
