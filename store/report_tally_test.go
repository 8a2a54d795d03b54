package store

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// loadDemo fills a fresh test database with n generated referrals.
func loadDemo(t testing.TB, n int) *Store {
	t.Helper()
	s := newStoreTB(t)
	fillDemo(t, s, n)
	return s
}

// fillDemo puts the demo roster on s and loads n generated referrals.
func fillDemo(t testing.TB, s *Store, n int) {
	t.Helper()
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		if err := s.AddClinician(ctx, admin, c); err != nil {
			t.Fatal(err)
		}
	}
	roster, err := s.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: n, Seed: 7, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}, nil)
	if err != nil || got != n {
		t.Fatalf("loaded %d of %d: %v", got, n, err)
	}
}

// tallyState reads the tally keys of every referral, as stored.
func tallyState(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT id || '#' || tally_key || '#' || month_counts_key || '#' || month_first_key
		FROM referrals ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		out = append(out, line)
	}
	return out
}

// The tally keys a bulk load writes are the ones computed afresh from
// the columns they are derived from (retally_test.go).
func TestBulkTalliesAreFresh(t *testing.T) {
	s := loadDemo(t, 1500)
	written := tallyState(t, s)
	if len(written) != 1500 {
		t.Fatalf("%d rows", len(written))
	}
	if diff := tallyDiff(written, freshTallies(t, s)); diff != "" {
		t.Errorf("bulk-written tallies differ from a fresh computation:\n%s", diff)
	}
}

// Grouped in SQL or added row by row, the reports are the same, over any
// period, on any day, after the roster changes an organisation.
func TestReportTalliesEqualRows(t *testing.T) {
	s := loadDemo(t, 1500)
	ctx := context.Background()
	catalogue, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, from, to, today intake.Date) {
		t.Helper()
		for _, byMonth := range []bool{false, true} {
			by := report.ByAll
			if byMonth {
				by = report.ByMonth
			}
			rowF, _ := report.NewFunnel(report.FunnelOptions{From: from, To: to, By: by, MinCell: 3, Catalogue: catalogue})
			talF, _ := report.NewFunnel(report.FunnelOptions{From: from, To: to, By: by, MinCell: 3, Catalogue: catalogue})
			if err := s.ReportRows(ctx, admin, from, to, rowF.Add); err != nil {
				t.Fatal(err)
			}
			if err := s.ReportTallies(ctx, admin, from, to, byMonth, talF.Span, talF.AddTally); err != nil {
				t.Fatal(err)
			}
			if a, b := rowF.Result(), talF.Result(); !reflect.DeepEqual(a, b) {
				t.Errorf("%s: funnel by %s differs:\nrows    %+v\ntallies %+v", name, by, a, b)
			}
		}
		for _, minCell := range []int{0, 5} {
			opts := report.StatsOptions{From: from, To: to, Today: today, MinCell: minCell, Catalogue: catalogue}
			rowS, _ := report.NewStats(opts)
			talS, _ := report.NewStats(opts)
			if err := s.ReportRows(ctx, admin, from, to, rowS.Add); err != nil {
				t.Fatal(err)
			}
			if err := s.ReportTallies(ctx, admin, from, to, false, talS.Span, talS.AddTally); err != nil {
				t.Fatal(err)
			}
			a, b := rowS.Result(), talS.Result()
			if a.Referrals == 0 && name != "empty" {
				t.Fatalf("%s: no referrals", name)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: stats (min cell %d) differ:\nrows    %+v\ntallies %+v", name, minCell, a, b)
			}
		}
	}
	today := intake.MustParseDate("2026-11-22")
	check("all", intake.Date{}, intake.Date{}, today)
	check("from", intake.MustParseDate("2026-06-01"), intake.Date{}, today)
	check("to", intake.Date{}, intake.MustParseDate("2026-05-31"), today)
	check("range", intake.MustParseDate("2026-03-01"), intake.MustParseDate("2026-09-30"), today)
	check("later day", intake.Date{}, intake.Date{}, intake.MustParseDate("2026-12-24"))
	check("empty", intake.MustParseDate("2030-01-01"), intake.Date{}, today)
	// The roster changes through the store, whose write keeps the
	// tallies of the clinicians' referrals (before migration 0010 a
	// trigger did, so this test changed the table directly).
	roster, err := s.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range roster {
		if c.Org != intake.OrgNone {
			c.Org = otherOrg(c.Org)
			if err := s.UpdateClinician(ctx, admin, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("roster changed", intake.Date{}, intake.Date{}, today)
}

// The tally queries read their covering index only, grouping as they walk
// it: no table rows, no sort, whatever the size.
func TestReportTallyPlans(t *testing.T) {
	sqliteOnly(t, "SQLite's query plans (EXPLAIN QUERY PLAN)")
	s := newStore(t, true)
	for _, byMonth := range []bool{false, true} {
		for _, from := range []intake.Date{{}, intake.MustParseDate("2025-01-01")} {
			for _, q := range tallyQueries(byMonth, from, intake.Date{}, s.eng.indexedBy) {
				plan := queryPlan(t, s, q.query, q.args...)
				if !strings.Contains(plan, "USING COVERING INDEX referrals_report_") || strings.Contains(plan, "TEMP B-TREE") {
					t.Errorf("by month %v, from %v: plan %q", byMonth, from, plan)
				}
			}
		}
	}
}

// queryPlan returns SQLite's plan for query, one step a line.
func queryPlan(t testing.TB, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	return plan.String()
}

// newStoreTB is newStore for tests and benchmarks: a fresh test database
// in a temp dir.
func newStoreTB(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), testDatabase(t),
		Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
