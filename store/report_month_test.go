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
// outcomes, days to routing and withdrawal and attendance (the
// month_counts_key), plus groups of month, attendance, days to the first
// conversation, state and whether assigned (the month_first_key): what
// the funnel needs, and far fewer than grouping the days to the first
// conversation with the state and outcomes (about 42k and 7k groups at 1M
// against 52k and 42k). TestReportTalliesEqualRows checks the counts
// themselves.
func TestFunnelMonthTalliesAreFew(t *testing.T) {
	s := loadDemo(t, 3000)
	ctx := context.Background()
	var want int
	if err := s.db.QueryRow(`SELECT
		(SELECT count(DISTINCT month_counts_key) FROM referrals WHERE state <> 'voided') +
		(SELECT count(DISTINCT month_first_key) FROM referrals WHERE state <> 'voided')`).Scan(&want); err != nil {
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
	// would leave them, with the rest of their tally as it was).
	if _, err := s.db.Exec(`UPDATE referrals SET state = 'voided' WHERE id % 5 = 0`); err != nil {
		t.Fatal(err)
	}
	if err := s.InTx(ctx, func(tx *Tx) error { return retallyWhere(ctx, tx, `r.state = 'voided'`) }); err != nil {
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
