package tui

import (
	"testing"
	"time"
)

// Two consoles on one store in one process, as envei serve runs them,
// share a hub: one registers a referral, and the other's worklist shows it
// within a second, though its own poll is an hour away.
func TestChangePushReachesTheOtherConsole(t *testing.T) {
	s := testStore(t, 0)
	hub := NewChangeHub()
	console := func() *console {
		opts := testOptions(t, s, "root", LangEN)
		opts.RefreshEvery = time.Hour
		changes, stop := hub.Subscribe()
		t.Cleanup(stop)
		opts.Changes, opts.Changed = changes, hub.Publish
		return startConsole(t, opts, 100, 30)
	}
	a, b := console(), console()
	a.waitFor("Welcome to envei")
	a.key("esc")
	a.waitFor("Nothing to do here")
	b.waitFor("Welcome to envei")
	b.key("esc")
	b.waitFor("Nothing to do here")

	a.key("n")
	a.waitFor("How did the patient come?")
	a.key("down")
	a.key("enter") // self-booking
	a.waitFor("┃ Date received", "2026-11-22")
	a.key("enter")
	a.waitFor("┃ Name")
	a.typeText("Kari Test")
	a.key("enter")
	a.key("enter") // has a Norwegian id
	a.waitFor("National id")
	a.typeText("14838510036")
	a.waitFor("national id number (synthetic)")
	a.key("enter")
	for _, f := range []struct{ title, value string }{
		{"Phone", "900 00 000"}, {"Home municipality", "Bergen"}, {"GP", "Dr. Lege"}, {"GP practice", "Sentrum legesenter"},
	} {
		a.waitFor("┃ " + f.title)
		a.typeText(f.value)
		a.key("enter")
	}
	a.waitFor("┃ GP office HER-id")
	a.key("enter") // optional
	a.waitFor("┃ Reason for contact")
	a.typeText("Low mood for months")
	a.key("enter")
	a.key("enter") // not urgent
	a.waitFor("Registered 2026-00001")
	registered := time.Now()

	b.waitFor("2026-00001")
	if d := time.Since(registered); d > time.Second {
		t.Errorf("the other console showed the referral after %v", d)
	}
	a.quit()
	b.quit()
}

// A hub never blocks a writer: a console that is busy gets one wake-up
// for any number of changes; a subscription ended hears nothing more.
func TestChangeHubCoalescesAndUnsubscribes(t *testing.T) {
	hub := NewChangeHub()
	ch, stop := hub.Subscribe()
	for range 5 {
		hub.Publish()
	}
	<-ch
	select {
	case <-ch:
		t.Fatal("five changes woke a busy console more than once")
	default:
	}
	stop()
	hub.Publish()
	if _, open := <-ch; open {
		t.Fatal("an ended subscription still hears changes")
	}
	stop() // twice is harmless
}
