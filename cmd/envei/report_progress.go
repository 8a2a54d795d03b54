package main

import (
	"fmt"
	"sync"
	"time"

	"envei/intake/report"
)

// progressAfter is how long a report may work on hiding small counts
// before the command says so on stderr.
const progressAfter = 2 * time.Second

// protectedResult computes the reports of b. Hiding small counts over
// many years of months can take seconds; past after, the command says on
// stderr what it is doing, so that a long run is not taken for a hang.
// The command line has no time limit (the console has: tui/stats.go).
func protectedResult(a *app, name string, b *report.ReportsBuilder, after time.Duration) (report.Stats, report.Funnel) {
	if !b.Joint() {
		return b.Result()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		timer := time.NewTimer(after)
		defer timer.Stop()
		select {
		case <-timer.C:
			fmt.Fprintf(a.stderr, "envei %s: hiding small counts across the period's reports (stats and funnel together)…\n", name)
		case <-done:
		}
	}()
	st, f := b.Result()
	close(done)
	wg.Wait()
	return st, f
}
