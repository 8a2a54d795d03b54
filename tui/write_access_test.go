package tui

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"envei/intake"
)

// The attack of issue 11 §1 in the console: a clinician presses s on the
// worklist on a patient drawn to someone else. The console asks the
// break-the-glass reason before the booking form, and the booking, the
// missed visit and the closing are each logged with it for the review.
func TestScheduleOnAnothersRowAsksAReason(t *testing.T) {
	st, _ := seedOne(t)
	ctx := context.Background()
	root, _ := st.Actor(ctx, "root")
	as, err := st.Assign(ctx, root, "2026-00001", seededSource{rand.New(rand.NewPCG(1, 1))})
	if err != nil {
		t.Fatal(err)
	}
	other := "kari"
	if as.Draw.Drawn == "kari" {
		other = "ola"
	}
	c := startConsole(t, testOptions(t, st, other, LangEN), 100, 30)
	c.waitFor("2026-00001", "book time")

	c.key("s")
	c.breakGlass("2026-00001")
	c.waitFor("┃ Date")
	c.key("enter") // today
	c.waitFor("┃ Time")
	c.key("enter") // 09:00
	c.waitFor("┃ Mode")
	c.key("enter") // in person
	c.waitFor("first conversation 2026-11-22", "record visit")

	// The reason given holds for this patient in this console, and the
	// form says the change is logged with it.
	c.key("s")
	c.waitFor("Did the patient come", "checking the record in a test")
	c.key("down")
	c.key("enter") // did not attend
	c.waitFor("What now?")
	c.key("down")
	c.key("enter") // close
	c.waitFor("closed: did not attend")
	c.quit()

	review, err := st.AccessReview(ctx, root, intake.Date{}, intake.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range review {
		if r.Actor == other && r.Basis == intake.BasisBreakGlass && r.Reason == "checking the record in a test" {
			got = append(got, r.What)
		}
	}
	if strings.Join(got, " ") != "write:schedule write:attendance write:route" {
		t.Errorf("the review lists %s's break-the-glass writes as %v", other, got)
	}
}
