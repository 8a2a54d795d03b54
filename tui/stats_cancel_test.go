package tui

import (
	"context"
	"testing"
	"time"

	"envei/intake"
	"envei/intake/report"
)

// stallingTallies is the store, but its report reads wait until their
// context ends and say so: a load of the statistics that takes long (a
// suppression over many years' referrals takes seconds to minutes).
type stallingTallies struct {
	Backend
	started, ended chan struct{}
}

func (b stallingTallies) ReportTallies(ctx context.Context, who intake.Clinician, from, to intake.Date, byMonth bool,
	span func(first, last intake.Date), fn func(report.Tally) error) error {
	b.started <- struct{}{}
	<-ctx.Done()
	b.ended <- struct{}{}
	return ctx.Err()
}

// A statistics load no one waits for any more stops at once: when the
// user moves to another screen, and when another period or threshold
// starts a new load. Before, it ran on to the call's time limit (30 s), a
// served console's core busy for nothing.
func TestStatsLoadStopsWhenNoLongerWanted(t *testing.T) {
	s := testStore(t, 30)
	opts := testOptions(t, s, "root", LangEN)
	backend := stallingTallies{Backend: opts.Backend, started: make(chan struct{}, 4), ended: make(chan struct{}, 4)}
	opts.Backend = backend
	c := startConsole(t, opts, 100, 30)
	c.waitFor("record visit")
	for range 3 {
		c.key("tab") // roster, services, statistics
	}
	wait := func(ch chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s within 5 s", what)
		}
	}
	wait(backend.started, "the statistics screen started its load")
	c.key("p") // another period: the first load is not wanted
	wait(backend.ended, "the load for the old period stopped")
	wait(backend.started, "the load for the new period started")
	c.key("tab") // away, to the worklist
	wait(backend.ended, "the load stopped when the screen was left")
}
