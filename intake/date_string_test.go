package intake

import (
	"testing"
	"time"
)

// A date's text is time's own YYYY-MM-DD, for every day of the years
// envei meets and at the edges of what four digits hold.
func TestDateStringIsTheLayout(t *testing.T) {
	check := func(d Date) {
		t.Helper()
		if got, want := d.String(), d.t.Format(DateLayout); got != want {
			t.Fatalf("%v reads %q, want %q", d.t, got, want)
		}
	}
	for d := NewDate(1899, 12, 25); d.Year() < 2101; d = d.AddDays(1) {
		check(d)
	}
	for _, y := range []int{2, 9, 10, 99, 100, 999, 1000, 9999} {
		check(NewDate(y, time.January, 1))
		check(NewDate(y, time.December, 31))
	}
	if s := (Date{}).String(); s != "" {
		t.Errorf("the zero date reads %q", s)
	}
}
