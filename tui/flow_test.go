package tui

import (
	"context"
	"strings"
	"testing"

	"envei/intake"
	"envei/store"
)

// seedOne puts two clinicians on the roster and one self-booking on the
// worklist, as the reception would have it after registering.
func seedOne(t *testing.T) (s *store.Store, opts Options) {
	t.Helper()
	st := testStore(t, 0)
	ctx := context.Background()
	root, _ := st.Actor(ctx, "root")
	for _, c := range []intake.Clinician{
		{Username: "kari", Name: "Kari K", Org: intake.OrgDPS, Role: intake.RoleClinician},
		{Username: "ola", Name: "Ola O", Org: intake.OrgMunicipal, Role: intake.RoleClinician},
	} {
		if err := st.AddClinician(ctx, root, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Register(ctx, root, intake.Referral{Channel: intake.ChannelSelf, Name: "Pat Test", NationalID: "14838510036"},
		intake.Details{Reason: "sleeplessness"}); err != nil {
		t.Fatal(err)
	}
	return st, testOptions(t, st, "root", LangEN)
}

// The contract of the console's keys, end to end on a real store:
// assign (a) → schedule (s) → attended (s) → assessment (e) → route to two
// services (r),
// and the referral view (enter) shows the timeline.
func TestFlowAssignScheduleAttendRoute(t *testing.T) {
	s, opts := seedOne(t)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001", "assign")

	c.key("a")
	// One wait per step: a toast and the reloaded row may come in one frame.
	c.waitFor("2026-00001 → ", "drawn at random from 2", "book time")

	// root registered the referral but kari or ola was drawn: the
	// referral is no longer root's by work need, so booking it needs a
	// reason; the reason then holds for this patient in this console.
	c.key("s")
	c.breakGlass("2026-00001")
	c.waitFor("┃ Date")
	c.key("enter") // today
	c.waitFor("┃ Time")
	c.key("enter") // 09:00
	c.waitFor("┃ Mode")
	c.key("down")
	c.key("enter") // video
	c.waitFor("first conversation 2026-11-22", "record visit")

	c.key("s")
	c.waitFor("Did the patient come")
	c.key("enter") // attended
	c.waitFor("2026-00001: attended.")

	c.key("e")
	c.waitFor("Assessment 2026-00001", "┃ Reason for contact")
	fillAssessment(c)
	c.waitFor("assessment completed (version 1)", "assessed")

	c.key("r")
	c.waitFor("Where does the patient go?", "Patient charge:", "none (self-booked", "[•] DPS")
	c.key("down")
	c.key("space") // municipal, beside the recommended DPS
	c.key("enter")
	c.waitFor("┃ Justification")
	c.typeText("needs both")
	c.key("enter")
	c.waitFor("2026-00001 routed to dps + municipal", "No open referrals. 1 closed: press c")
	c.quit()

	rec, err := s.ReferralDetail(context.Background(), rootReading, "2026-00001")
	if err != nil {
		t.Fatal(err)
	}
	r := rec.Row.Referral
	if r.State() != intake.StateRouted || strings.Join(r.Outcomes, "+") != "dps+municipal" ||
		rec.Details.ConversationMode != intake.ModeVideo || rec.Details.RouteNote != "needs both" {
		t.Errorf("stored: %+v %+v", r, rec.Details)
	}
	var kinds []string
	for _, e := range rec.Events {
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, " "); got != "registered assigned scheduled attended assessment_started assessment_completed routed" {
		t.Errorf("timeline: %s", got)
	}
}

func TestReferralViewShowsTimeline(t *testing.T) {
	_, opts := seedOne(t)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001")
	c.key("a")
	c.waitFor("book time")
	c.key("enter")
	c.breakGlass("2026-00001")
	c.waitFor("Referral 2026-00001", "Pat Test", "sleeplessness", "Timeline", "registered", "assigned")
	c.key("esc")
	c.waitFor("Showing all open")
	c.quit()
}

// q with unsaved input in a form asks first; any other key goes back to
// the form with the input kept.
func TestQuitAsksWhenAFormHasInput(t *testing.T) {
	_, opts := seedOne(t)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("2026-00001")
	c.key("n")
	c.waitFor("┃ How did the patient come?")
	c.key("enter")
	c.waitFor("┃ The GP addressed")
	c.key("enter")
	c.waitFor("┃ Date received")
	c.key("enter")
	c.waitFor("┃ Name")
	c.typeText("Half Typed")
	c.key("ctrl+c")
	c.waitFor("unsaved input. Quit anyway?")
	c.key("n")
	c.typeText("!")
	c.waitFor("Half Typed!")
	m := c.quit()
	if m.confirmQuit || len(m.stack) != 2 {
		t.Errorf("after declining to quit: confirm %v, stack %d", m.confirmQuit, len(m.stack))
	}
}

func TestTooSmallTerminal(t *testing.T) {
	_, opts := seedOne(t)
	c := startConsole(t, opts, 60, 20)
	c.waitFor("at least 80×24", "60×20")
	c.quit()
}
