package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"envei/intake"
	"envei/store"
)

// pilotTestStore holds the pilot reconstruction: 112 referrals, all routed.
func pilotTestStore(t *testing.T) *store.Store {
	t.Helper()
	s := testStore(t, 0)
	opts := testOptions(t, s, "root", LangEN)
	if n, err := opts.LoadDemo(context.Background()); err != nil || n != 112 {
		t.Fatalf("pilot: %d, %v", n, err)
	}
	return s
}

// quickOptions are testOptions with a refresh tick that returns at once,
// so a test can run the commands a screen returns, ticks included.
func quickOptions(t *testing.T, s *store.Store, user string, lang Lang) Options {
	t.Helper()
	opts := testOptions(t, s, user, lang)
	opts.RefreshEvery = time.Millisecond
	return opts
}

// typeInto sends each rune of s as its own key, feeding every page the
// worklist asks for back into it.
func typeInto(t *testing.T, w worklist, s string) worklist {
	t.Helper()
	for _, r := range s {
		var cmd tea.Cmd
		w, cmd = w.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		w = feedPages(t, w, cmd)
	}
	return w
}

// feedPages runs cmd (and any batch in it) and feeds the worklist the
// pages it gives.
func feedPages(t *testing.T, w worklist, cmd tea.Cmd) worklist {
	t.Helper()
	if cmd == nil {
		return w
	}
	switch msg := cmd().(type) {
	case worklistMsg:
		w, _ = w.Update(msg)
	case tea.BatchMsg:
		for _, c := range msg {
			w = feedPages(t, w, c)
		}
	}
	return w
}

// The pilot demo routes all 112: the empty worklist says how many are
// closed and how to see them, and c shows them with their state.
func TestEmptyWorklistOffersTheClosed(t *testing.T) {
	s := pilotTestStore(t)
	m := New(quickOptions(t, s, "root", LangEN))
	w := newWorklist(m.c).resize(100, 30).(worklist)
	w = feedPages(t, w, w.init())
	if v := ansi.Strip(w.view()); !strings.Contains(v, "No open referrals. 112 closed: press c to show them.") {
		t.Fatalf("empty worklist:\n%s", v)
	}
	w, cmd := w.Update(keyMsg("c"))
	w = feedPages(t, w, cmd)
	v := ansi.Strip(w.view())
	if len(w.rows) == 0 || !strings.Contains(v, "routed") || !strings.Contains(v, "closed") {
		t.Fatalf("after c:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "P-") && !strings.HasSuffix(strings.TrimSpace(line), "–") {
			t.Errorf("a closed referral counts down to its due date: %q", line)
		}
	}
	w, cmd = w.Update(keyMsg("c")) // open and closed
	w = feedPages(t, w, cmd)
	if v := ansi.Strip(w.view()); w.err != nil || len(w.rows) == 0 || !strings.Contains(v, "open and closed") {
		t.Fatalf("after c, c: %v\n%s", w.err, v)
	}
	nb := New(quickOptions(t, s, "root", LangNB))
	wn := newWorklist(nb.c).resize(100, 30).(worklist)
	wn = feedPages(t, wn, wn.init())
	if v := ansi.Strip(wn.view()); !strings.Contains(v, "Ingen åpne henvisninger. 112 avsluttede: trykk c for å vise dem.") {
		t.Fatalf("nb:\n%s", v)
	}
}

// The worklist search finds closed referrals by name and by national id;
// the search by national id logs a lookup of each referral found, once.
func TestWorklistSearchFindsClosedByNameAndNationalID(t *testing.T) {
	s := pilotTestStore(t)
	m := New(quickOptions(t, s, "root", LangEN))
	p := intake.PilotReferrals()[4]
	w := newWorklist(m.c).resize(100, 30).(worklist)
	w = feedPages(t, w, w.init())

	w, _ = w.Update(keyMsg("/"))
	w = typeInto(t, w, p.Name)
	if len(w.rows) != 1 || w.rows[0].Ref != p.Ref || w.rows[0].State != intake.StateRouted {
		t.Fatalf("by name %q: %+v", p.Name, w.rows)
	}
	for range []rune(p.Name) {
		w, _ = w.Update(keyMsg("backspace"))
	}
	w = typeInto(t, w, p.NationalID)
	if len(w.rows) != 1 || w.rows[0].Ref != p.Ref {
		t.Fatalf("by national id: %+v", w.rows)
	}
	if v := ansi.Strip(w.view()); !strings.Contains(v, "routed") {
		t.Errorf("no state shown:\n%s", v)
	}
	// The refresh tick does not repeat the lookup (nor log it again).
	w, _ = w.Update(keyMsg("enter"))
	w, cmd := w.Update(refreshTick{})
	w = feedPages(t, w, cmd)
	sup := intake.Clinician{Username: "root", Role: intake.RoleAdmin}
	records, err := s.PatientAccess(context.Background(), sup, p.Ref)
	if err != nil {
		t.Fatal(err)
	}
	lookups := 0
	for _, r := range records {
		if r.What == "lookup" {
			lookups++
		}
	}
	if lookups != 1 {
		t.Errorf("%d lookups logged, want 1: %+v", lookups, records)
	}
}

// correctionStore holds R1, routed to DPS by kari, and R2, the same
// patient registered again (open, unassigned).
func correctionStore(t *testing.T) *store.Store {
	t.Helper()
	s := testStore(t, 0)
	ctx := context.Background()
	root := intake.Clinician{Username: "root", Role: intake.RoleAdmin}
	if err := s.AddClinician(ctx, root, intake.Clinician{Username: "kari", Name: "Kari K", Org: intake.OrgDPS, Role: intake.RoleClinician}); err != nil {
		t.Fatal(err)
	}
	csv := "ref,received,channel,addressed_to,national_id,name,clinician,first_conversation,attended,routed,outcomes\n" +
		"R1,2026-11-02,gp,dps,14838510036,Test Person,kari,2026-11-05,yes,2026-11-06,dps\n" +
		"R2,2026-11-10,gp,dps,14838510036,Test Person,,,,,\n"
	if _, err := s.Import(ctx, root, strings.NewReader(csv), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// From the referral view: the patient's history (h, shown in the help)
// lists both referrals newest first; a routing is corrected as a new
// version (R); the duplicate, opened from the history under the
// work-need rule, is merged into the original (M).
func TestReferralViewHistoryAndCorrections(t *testing.T) {
	s := correctionStore(t)
	c := startConsole(t, testOptions(t, s, "root", LangEN), 100, 30)
	c.waitFor("R2", "register")
	c.key("/")
	c.typeText("R1")
	c.waitFor("R1", "routed")
	c.key("enter") // ends the search
	c.key("enter") // opens the row
	c.breakGlass("R1")
	c.waitFor("Referral R1", "Test Person")
	c.key("?")
	c.waitFor("patient's history", "correct routing", "merge duplicate")
	c.key("?")

	c.key("h")
	c.waitFor("Every referral of the patient of R1", "R2", "registered", "R1", "routed")
	c.key("esc")
	c.waitFor("Referral R1")

	c.key("R")
	c.waitFor("Correct the routing of R1", "[•] DPS")
	c.key("down")
	c.key("space")
	c.key("enter")
	c.waitFor("┃ Justification (leave empty to keep it)")
	c.key("enter")
	c.waitFor("┃ Why is it corrected?")
	c.typeText("municipal too, missed it")
	c.key("enter")
	c.waitFor("R1 is now routed to dps + municipal.")

	c.key("h")
	c.waitFor("Every referral of the patient of R1")
	c.key("k") // R2, received later, is first
	c.key("enter")
	c.breakGlass("R2")
	c.waitFor("Referral R2", "2026-11-24")
	c.key("M")
	c.waitFor("Merge the duplicate R2", "┃ Ref of the referral that stays")
	c.typeText("R1")
	c.key("enter")
	c.waitFor("┃ Why is it corrected?")
	c.typeText("registered twice by mistake")
	c.key("enter")
	c.waitFor("R2 merged into R1.")
	c.quit()

	ctx := context.Background()
	dup, err := s.ReferralDetail(ctx, rootReading, "R2")
	if err != nil {
		t.Fatal(err)
	}
	if dup.Row.Referral.State() != intake.StateVoided || dup.Row.Referral.MergedInto != "R1" {
		t.Errorf("the duplicate: %+v", dup.Row.Referral)
	}
	versions, err := s.Routings(ctx, rootReading, "R1")
	if err != nil || len(versions) != 2 || strings.Join(versions[1].Outcomes, "+") != "dps+municipal" ||
		versions[1].Reason != "municipal too, missed it" {
		t.Errorf("routing versions %+v, %v", versions, err)
	}
}

// A clinician who did not route gets the rule's refusal in their language
// when trying to void; the key is not offered in the help.
func TestVoidIsASupervisorsInBothLanguages(t *testing.T) {
	s := correctionStore(t)
	for _, lang := range []Lang{LangEN, LangNB} {
		m := New(quickOptions(t, s, "kari", lang))
		v := newReferralView(m.c, "R1").resize(100, 30).(referralView)
		// init loads the record and the service labels together.
		for _, c := range runCmd(t, v.init()).(tea.BatchMsg) {
			v, _ = v.Update(runCmd(t, c))
		}
		if v.err != nil {
			t.Fatal(v.err)
		}
		_, cmd := v.Update(keyMsg("V"))
		toast, ok := runCmd(t, cmd).(toastMsg)
		if !ok || toast.text != m.c.text.OnlySupervisorsVoid || !toast.err {
			t.Errorf("%s: V gave %+v", lang, toast)
		}
		for _, b := range v.keys().(bindings).full {
			for _, k := range enabledOnly(b) {
				if k.Help().Key == "V" || k.Help().Key == "M" {
					t.Errorf("%s: %s offered to a clinician", lang, k.Help().Key)
				}
			}
		}
	}
}

// The history key is in the referral view's help at 80×24 in both
// languages, and the help still fits the width.
func TestHistoryKeyInTheHelpAt80x24(t *testing.T) {
	s := correctionStore(t)
	for _, lang := range []Lang{LangEN, LangNB} {
		text := catalogFor(lang)
		// root (a supervisor's keys too) breaks the glass to open it.
		c := startConsole(t, testOptions(t, s, "root", lang), 80, 24)
		c.waitFor("R2")
		c.key("/")
		c.typeText("R1")
		c.waitFor("R1", text.StateName(intake.StateRouted))
		c.key("enter")
		c.key("enter")
		c.waitFor(sprintf(text.BreakGlassTitle, "R1"), "┃")
		c.typeText("checking the record in a test")
		c.key("enter")
		c.waitFor(sprintf(text.ReferralTitle, "R1"), "Test Person")
		c.key("?")
		c.waitFor(text.KeyHistory, text.KeyCorrectRoute)
		view := ansi.Strip(c.quit().View())
		// A help box too wide for the screen is wrapped: its corners
		// land on lines of their own.
		for _, line := range strings.Split(view, "\n") {
			if w := ansi.StringWidth(line); w > 80 || (strings.Contains(line, "┌") && !strings.Contains(line, "┐")) {
				t.Errorf("%s: the help does not fit 80 columns: %q\n%s", lang, line, view)
			}
		}
	}
}
