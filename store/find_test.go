package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
)

// findFixture holds three referrals of one person (two closed, one open)
// and one of another, kari assigned to R2 and R3.
func findFixture(t *testing.T) (*Store, intake.Clinician) {
	t.Helper()
	s := newStore(t, true)
	kari := clinician("kari", intake.OrgDPS)
	mustAdd(t, s, kari)
	importCSV(t, s, "ref,received,channel,addressed_to,national_id,name,clinician,first_conversation,attended,routed,outcomes,withdrawn\n"+
		"R1,2025-03-02,gp,dps,14838510036,Test Person,,,,,,2025-03-05\n"+
		"R2,2026-01-10,gp,dps,14838510036,Test Person,kari,2026-01-12,yes,2026-01-12,municipal,\n"+
		"R3,2026-11-02,self,,14838510036,Test Person,kari,,,,,\n"+
		"R4,2026-11-03,self,,,Other Person,,,,,,\n")
	return s, kari
}

func lookupRows(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM access_log WHERE what = 'lookup'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func refsOf(rows []intake.WorklistRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Ref+":"+string(r.State))
	}
	return out
}

// A search by national id finds closed referrals as well as open ones,
// newest first with their state, and logs each one found.
func TestFindByNationalIDFindsClosedAndLogsEach(t *testing.T) {
	s, _ := findFixture(t)
	ctx := context.Background()
	ola := clinician("ola", intake.OrgMunicipal)
	mustAdd(t, s, ola)
	rows, err := s.FindByNationalID(ctx, ola, "14838510036")
	if err != nil {
		t.Fatal(err)
	}
	if got := refsOf(rows); len(got) != 3 || got[0] != "R3:assigned" || got[1] != "R2:routed" || got[2] != "R1:withdrawn" {
		t.Errorf("found %v", got)
	}
	if n := lookupRows(t, s); n != 3 {
		t.Errorf("%d lookups logged for 3 referrals found", n)
	}
	if _, err := s.FindByNationalID(ctx, intake.Clinician{Username: "x"}, "14838510036"); !errors.Is(err, ErrForbidden) {
		t.Errorf("someone without a role searched: %v", err)
	}
}

// A patient's history: every referral of the same person, newest first,
// opened under the work-need rule; the others are logged as lookups.
func TestPatientHistoryListsThePersonsReferrals(t *testing.T) {
	s, kari := findFixture(t)
	ctx := context.Background()
	rows, err := s.PatientHistory(ctx, intake.Access{Who: kari}, "R3")
	if err != nil {
		t.Fatal(err)
	}
	if got := refsOf(rows); len(got) != 3 || got[0] != "R3:assigned" || got[2] != "R1:withdrawn" {
		t.Errorf("history %v", got)
	}
	if n := lookupRows(t, s); n != 2 {
		t.Errorf("%d lookups logged for the 2 other referrals", n)
	}
	if _, err := s.PatientHistory(ctx, intake.Access{Who: clinician("ola", intake.OrgMunicipal)}, "R3"); !errors.Is(err, intake.ErrNeedReason) {
		t.Errorf("another clinician's history without a reason: %v", err)
	}
	rows, err = s.PatientHistory(ctx, reading(admin), "R4")
	if err != nil || len(rows) != 1 || rows[0].Ref != "R4" {
		t.Errorf("history of a referral without a national id: %v %v", refsOf(rows), err)
	}
}

// The worklist's closed and all views, and a name search across them.
func TestWorklistScopes(t *testing.T) {
	s, _ := findFixture(t)
	ctx := context.Background()
	count := func(q WorklistQuery) []string {
		rows, err := s.Worklist(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return refsOf(rows)
	}
	if got := count(WorklistQuery{}); len(got) != 2 {
		t.Errorf("open: %v", got)
	}
	if got := count(WorklistQuery{Scope: intake.ScopeClosed}); len(got) != 2 {
		t.Errorf("closed: %v", got)
	}
	if got := count(WorklistQuery{Scope: intake.ScopeAll, Search: "test pers"}); len(got) != 3 {
		t.Errorf("all, by name: %v", got)
	}
	if n, err := s.CountClosed(ctx); err != nil || n != 2 {
		t.Errorf("closed count %d, %v", n, err)
	}
}

// The closed and all views page through an index in due order, as the
// open one does: no sort of every closed referral per page.
func TestWorklistClosedViewsUseAnIndex(t *testing.T) {
	sqliteOnly(t, "SQLite's query plans (EXPLAIN QUERY PLAN)")
	s := loadDemo(t, 300)
	for _, scope := range []intake.WorklistScope{intake.ScopeClosed, intake.ScopeAll} {
		for _, q := range []WorklistQuery{{Scope: scope, Limit: 20}, {Scope: scope, Limit: 20, After: WorklistKey{Due: "2026-01-01", ID: 5}},
			{Scope: scope, Limit: 20, Last: true}} {
			query, args := worklistSQL(q)
			plan := queryPlan(t, s, query, args...)
			if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "referrals_due") {
				t.Errorf("%s %+v:\n%s", scope, q, plan)
			}
		}
	}
}
