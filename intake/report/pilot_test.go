package report

import (
	"testing"

	"envei/intake"
)

// pilotToday is "today" in the tests, as in the command's test harness.
var pilotToday = intake.MustParseDate("2026-11-22")

// pilotRows returns the pilot reconstruction as the store hands it over.
func pilotRows() []Row {
	orgs := map[string]intake.Org{}
	for _, c := range intake.DemoRoster() {
		orgs[c.Username] = c.Org
	}
	var rows []Row
	for _, r := range intake.PilotReferrals() {
		rows = append(rows, RowOf(r, orgs[r.Clinician], r.AssessmentDeadline(intake.Calendar{})))
	}
	return rows
}

func buildStats(t testing.TB, rows []Row, opts StatsOptions) Stats {
	t.Helper()
	if opts.Catalogue == nil {
		opts.Catalogue = intake.DefaultCatalogue()
	}
	if opts.Today.IsZero() {
		opts.Today = pilotToday
	}
	b, err := NewStats(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	return b.Result()
}
