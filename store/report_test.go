package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// pilotStore is a test database holding the pilot reconstruction, loaded as
// `envei demo` loads it.
func pilotStore(t *testing.T) *Store {
	t.Helper()
	s := newStore(t, true)
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	_, err := s.LoadGenerated(context.Background(), admin, func(emit func(intake.Referral) error) error {
		for _, r := range intake.PilotReferrals() {
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func reportRows(t *testing.T, s *Store, from, to intake.Date) []report.Row {
	t.Helper()
	var rows []report.Row
	err := s.ReportRows(context.Background(), admin, from, to, func(r report.Row) error {
		r.Outcomes = slices.Clone(r.Outcomes) // the store reuses them
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The store hands over, in id order, what report.RowOf makes of each
// referral, with the rights decision of its completed assessment.
func TestReportRowsMatchTheReferrals(t *testing.T) {
	s := pilotStore(t)
	rows := reportRows(t, s, intake.Date{}, intake.Date{})
	pilot := intake.PilotReferrals()
	if len(rows) != len(pilot) {
		t.Fatalf("%d rows for %d referrals", len(rows), len(pilot))
	}
	orgs := map[string]intake.Org{}
	for _, c := range intake.DemoRoster() {
		orgs[c.Username] = c.Org
	}
	for i, r := range pilot {
		want := report.RowOf(r, orgs[r.Clinician], r.AssessmentDeadline(intake.Calendar{}))
		got := rows[i]
		slices.Sort(got.Outcomes)
		slices.Sort(want.Outcomes)
		// The pilot's referrals are routed and assessed in the store.
		want.State = got.State
		if !equalRows(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", r.Ref, got, want)
		}
		if got.State != intake.StateRouted {
			t.Errorf("%s: state %s", r.Ref, got.State)
		}
	}
}

// A referral with a completed assessment brings its rights decision along
// (the demo decides in the first conversation); one without brings none.
func TestReportRowsCarryTheRightsDecision(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	roster, _ := s.Roster(ctx)
	if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: 400, Seed: 5, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}, nil); err != nil {
		t.Fatal(err)
	}
	var stored int
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE rights_decided IS NOT NULL`).Scan(&stored)
	decided := 0
	for _, r := range reportRows(t, s, intake.Date{}, intake.Date{}) {
		if r.RightsDecided.IsZero() {
			continue
		}
		decided++
		if !r.RightsDecided.Equal(r.FirstConversation) {
			t.Errorf("rights decided %s, first conversation %s", r.RightsDecided, r.FirstConversation)
		}
	}
	if decided == 0 || decided != stored {
		t.Errorf("%d rows carry a rights decision, the table holds %d", decided, stored)
	}
}

func equalRows(a, b report.Row) bool {
	return a.Received.Equal(b.Received) && a.Channel == b.Channel && a.AddressedTo == b.AddressedTo &&
		a.Assigned == b.Assigned && a.ClinicianOrg == b.ClinicianOrg && a.FirstConversation.Equal(b.FirstConversation) &&
		a.Attended == b.Attended && a.Routed.Equal(b.Routed) && a.Withdrawn.Equal(b.Withdrawn) &&
		a.Deadline.Equal(b.Deadline) && a.State == b.State && slices.Equal(a.Outcomes, b.Outcomes)
}

// Dates filter on received, both ends included, either end open.
func TestReportRowsFilterOnReceived(t *testing.T) {
	s := pilotStore(t)
	day := intake.MustParseDate
	count := func(from, to intake.Date) int {
		n := 0
		for _, r := range intake.PilotReferrals() {
			if (from.IsZero() || !r.Received.Before(from)) && (to.IsZero() || !r.Received.After(to)) {
				n++
			}
		}
		return n
	}
	for _, c := range []struct{ from, to intake.Date }{
		{day("2023-03-02"), day("2023-03-02")}, // the first day, which has referrals
		{day("2023-04-01"), day("2023-06-30")},
		{day("2023-09-01"), intake.Date{}},
		{intake.Date{}, day("2023-05-31")},
		{day("2030-01-01"), day("2030-12-31")},
	} {
		rows := reportRows(t, s, c.from, c.to)
		if want := count(c.from, c.to); len(rows) != want {
			t.Errorf("%s–%s: %d rows, want %d", c.from, c.to, len(rows), want)
		}
		for _, r := range rows {
			if (!c.from.IsZero() && r.Received.Before(c.from)) || (!c.to.IsZero() && r.Received.After(c.to)) {
				t.Errorf("%s–%s: a row received %s", c.from, c.to, r.Received)
			}
		}
	}
	if n := count(day("2023-03-02"), day("2023-03-02")); n == 0 {
		t.Fatal("the first pilot day has no referral; pick another")
	}
}

func TestReportRowsNeedSupervisor(t *testing.T) {
	s := pilotStore(t)
	clin := intake.Clinician{Username: "dps.astrid", Role: intake.RoleClinician}
	err := s.ReportRows(context.Background(), clin, intake.Date{}, intake.Date{}, func(report.Row) error { return nil })
	if !errors.Is(err, ErrForbidden) {
		t.Errorf("clinician: %v", err)
	}
	sup := intake.Clinician{Username: "leder.kari", Role: intake.RoleSupervisor}
	if err := s.ReportRows(context.Background(), sup, intake.Date{}, intake.Date{}, func(report.Row) error { return nil }); err != nil {
		t.Errorf("supervisor: %v", err)
	}
}

// An error from fn stops the scan and comes back.
func TestReportRowsStopOnError(t *testing.T) {
	s := pilotStore(t)
	stop := errors.New("stop")
	n := 0
	err := s.ReportRows(context.Background(), admin, intake.Date{}, intake.Date{}, func(report.Row) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d rows", err, n)
	}
}

// Each query is one pass with indexed lookups and no sort, so a million
// referrals stream in one scan.
func TestReportQueryPlans(t *testing.T) {
	sqliteOnly(t, "SQLite's query plans (EXPLAIN QUERY PLAN)")
	s := newStore(t, false)
	day := intake.MustParseDate("2024-01-01")
	for _, c := range []struct {
		from, to intake.Date
		scan     string
	}{
		{intake.Date{}, intake.Date{}, "SCAN r"},
		{day, intake.Date{}, "USING INDEX referrals_received"},
		{intake.Date{}, day, "USING INDEX referrals_received"},
		{day, day.AddDays(30), "USING INDEX referrals_received"},
	} {
		q, args := reportQuery(c.from, c.to)
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		all := strings.Join(plan, "; ")
		if strings.Contains(all, "TEMP B-TREE") || !strings.Contains(all, c.scan) ||
			!strings.Contains(all, "SEARCH o USING PRIMARY KEY") {
			t.Errorf("%s–%s: plan %s", c.from, c.to, all)
		}
	}
}

// BenchmarkReportRows measures the scan per referral (ns/op is one
// referral) over 20 000 generated referrals, without a report behind it.
func BenchmarkReportRows(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "envei.db"), Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, c := range intake.DemoRoster() {
		if err := s.AddClinician(ctx, admin, c); err != nil {
			b.Fatal(err)
		}
	}
	roster, _ := s.Roster(ctx)
	const n = 20000
	if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: n, Seed: 1, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	seen := 0
	for seen < b.N {
		err := s.ReportRows(ctx, admin, intake.Date{}, intake.Date{}, func(report.Row) error {
			seen++
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
