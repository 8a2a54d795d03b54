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
