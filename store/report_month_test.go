package store

import (
	"context"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// The funnel by month groups the days to the first conversation apart
// from everything else (issue 14: 1.18 s at a million referrals, two index
// walks each grouping a referral's days with its state and outcomes). The
// store hands over no more tallies than there are groups of month, state,
// outcomes, days to routing and withdrawal and attendance, plus groups of
// month, attendance and days to the first conversation: what the funnel
// needs, and far fewer than grouping the days to the first conversation
// with the state and outcomes (52k and 42k groups at 1M against 42k and 7k).
// TestReportTalliesEqualRows checks the counts themselves.
func TestFunnelMonthTalliesAreFew(t *testing.T) {
	s := loadDemo(t, 3000)
	ctx := context.Background()
	var want int
	if err := s.db.QueryRow(`SELECT
		(SELECT count(*) FROM (SELECT 1 FROM referrals WHERE state <> 'voided'
			GROUP BY received_month, state, outcome_codes, days_to_routed, days_to_withdrawn, attended)) +
		(SELECT count(*) FROM (SELECT 1 FROM referrals WHERE state <> 'voided'
			GROUP BY received_month, attended, days_to_first))`).Scan(&want); err != nil {
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
