package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/intake/report"
)

// pilotReportsBuilder holds the pilot's referrals, to be protected with
// --min-cell 5.
func pilotReportsBuilder(t *testing.T) *report.ReportsBuilder {
	t.Helper()
	b, err := report.NewReports(report.StatsOptions{Catalogue: intake.DefaultCatalogue(), MinCell: 5,
		Today: intake.MustParseDate("2026-11-22")}, report.ByMonth)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range intake.PilotReferrals() {
		if err := b.Add(report.RowOf(r, intake.OrgDPS, r.AssessmentDeadline(intake.Calendar{}))); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// Hiding small counts over many years of months takes seconds: past a
// moment the command says on stderr what it is doing, so that it is not
// taken for a hang; a quick one says nothing.
func TestProtectedResultSaysWhenSlow(t *testing.T) {
	var errOut bytes.Buffer
	a := &app{stderr: &errOut}
	st, _ := protectedResult(a, "stats", pilotReportsBuilder(t), 0)
	if st.Referrals == 0 {
		t.Fatal("no referrals counted")
	}
	if !strings.Contains(errOut.String(), "envei stats: hiding small counts") {
		t.Fatalf("stderr = %q", errOut.String())
	}
	errOut.Reset()
	protectedResult(a, "stats", pilotReportsBuilder(t), time.Hour)
	if errOut.Len() != 0 {
		t.Fatalf("quick run wrote %q", errOut.String())
	}
}
