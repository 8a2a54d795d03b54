package store

import (
	"context"
	"reflect"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// The funnel by month groups the days to the first conversation apart
// from everything else (issue 14: 1.18 s at a million referrals, two index
// walks each grouping a referral's days with its state and outcomes). The
// store hands over no more tallies than there are groups of month, state,
// outcomes, days to routing and withdrawal and attendance, plus groups of
// month, attendance, days to the first conversation and state: what the funnel
// needs, and far fewer than grouping the days to the first conversation
// with the state and outcomes (52k and 42k groups at 1M against 42k and 7k).
// TestReportTalliesEqualRows checks the counts themselves.
func TestFunnelMonthTalliesAreFew(t *testing.T) {
	s := loadDemo(t, 3000)
	ctx := context.Background()
	var want int
	if err := s.db.QueryRow(`SELECT
		(SELECT count(*) FROM (SELECT 1 FROM referrals WHERE state <> 'voided'
			GROUP BY received_month, state, outcome_codes, days_to_routed, days_to_withdrawn, attended) AS c) +
		(SELECT count(*) FROM (SELECT 1 FROM referrals WHERE state <> 'voided'
			GROUP BY received_month, attended, days_to_first, state) AS f)`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, true, func(first, last intake.Date) {},
		func(report.Tally) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n == 0 || n > want {
		t.Errorf("the funnel by month read %d tallies; what it needs comes in %d", n, want)
	}
}

// Voided referrals are counted nowhere in the funnel by month either:
// its groupings read them (testing every entry's state would cost more)
// and leave their groups out.
func TestFunnelMonthLeavesVoidedOut(t *testing.T) {
	s := loadDemo(t, 600)
	ctx := context.Background()
	// Voided at every stage they had reached (as envei referral void
	// would leave them, with their tally columns as they were).
	if _, err := s.db.Exec(`UPDATE referrals SET state = 'voided' WHERE id % 5 = 0`); err != nil {
		t.Fatal(err)
	}
	catalogue, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := report.NewFunnel(report.FunnelOptions{By: report.ByMonth, Catalogue: catalogue})
	tallies, _ := report.NewFunnel(report.FunnelOptions{By: report.ByMonth, Catalogue: catalogue})
	if err := s.ReportRows(ctx, admin, intake.Date{}, intake.Date{}, rows.Add); err != nil {
		t.Fatal(err)
	}
	if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, true, tallies.Span, tallies.AddTally); err != nil {
		t.Fatal(err)
	}
	a, b := rows.Result(), tallies.Result()
	if len(a.Periods) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("funnel by month with voided referrals:\nrows    %+v\ntallies %+v", a, b)
	}
}
