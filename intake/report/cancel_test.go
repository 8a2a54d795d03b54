package report

import (
	"context"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"envei/intake"
)

// The joint suppression can run long on a grid of many months; a console
// session that is left, or runs out of its time, must be able to stop it.
func TestReportsResultContextStops(t *testing.T) {
	build := func() *ReportsBuilder {
		rb, err := NewReports(StatsOptions{Catalogue: intake.DefaultCatalogue(), MinCell: 5, Today: pilotToday}, ByMonth)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range pilotRows() {
			if err := rb.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		return rb
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := build().ResultContext(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: err = %v, want context.Canceled", err)
	}
	// Not cancelled, it is Result.
	s1, f1, err := build().ResultContext(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s2, f2 := build().Result()
	if !reflect.DeepEqual(s1, s2) || !reflect.DeepEqual(f1, f2) {
		t.Fatal("ResultContext differs from Result")
	}
}

// Asked between rounds and during the linear programs, stop ends the
// search early and says so: those marks must not be printed.
func TestSuppressStopsWhenAsked(t *testing.T) {
	values, lines := wideGrid(rand.New(rand.NewPCG(3, 4)))
	calls := 0
	_, _, stopped := suppressWith(values, lines, 5, nil, false, func() bool { calls++; return calls > 1 })
	if !stopped {
		t.Fatal("stop said yes, and suppression went on")
	}
	if _, _, stopped := suppressWith(values, lines, 5, nil, false, func() bool { return false }); stopped {
		t.Fatal("reported stopped without being asked to")
	}
}
