package store

import (
	"context"
	"reflect"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// envei stats counts the consultations stored, per group and in the
// period asked for, the same whether the store groups in SQL (as the
// command and the console read) or hands over row by row.
func TestReportsCountStoredConsultations(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	importCSV(t, s, "ref,received,channel,addressed_to\n"+
		"D1,2026-10-01,gp,dps\nD2,2026-10-02,gp,dps\nD3,2026-10-03,gp,dps\n"+
		"M1,2026-10-01,gp,municipal\nM2,2026-10-02,gp,municipal\nS1,2026-10-02,self,\n"+
		"LATE,2026-11-10,gp,dps\n")
	acc := reading(admin)
	senior := intake.Consultation{Kind: intake.ConsultSenior, Date: intake.MustParseDate("2026-11-20"), Clock: "10:00",
		Question: "Medication?", Advice: "Keep the dose.", MedicationReviewed: true}
	gp := intake.Consultation{Kind: intake.ConsultGP, Date: intake.MustParseDate("2026-11-20"), Clock: "11:00",
		Contact: "GP", Outcome: "Agreed."}
	for _, r := range []struct {
		ref string
		c   intake.Consultation
	}{{"D1", senior}, {"D1", senior}, {"D1", gp}, {"D2", senior}, {"M1", gp}, {"S1", senior}, {"LATE", senior}} {
		if _, err := s.RecordConsultation(ctx, acc, r.ref, r.c); err != nil {
			t.Fatal(err)
		}
	}
	catalogue, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from, to := intake.MustParseDate("2026-10-01"), intake.MustParseDate("2026-10-31")
	for _, minCell := range []int{0, 3} {
		opts := report.StatsOptions{From: from, To: to, Today: intake.MustParseDate("2026-11-22"), MinCell: minCell, Catalogue: catalogue}
		rowS, _ := report.NewStats(opts)
		talS, _ := report.NewStats(opts)
		if err := s.ReportRows(ctx, admin, from, to, rowS.Add); err != nil {
			t.Fatal(err)
		}
		if err := s.ReportTallies(ctx, admin, from, to, false, talS.Span, talS.AddTally); err != nil {
			t.Fatal(err)
		}
		a, b := rowS.Result(), talS.Result()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("min cell %d: rows and tallies differ:\nrows    %+v\ntallies %+v", minCell, a.Consultations, b.Consultations)
		}
		if minCell > 0 {
			continue
		}
		want := map[[2]string]int{
			{report.CodeSeniorPatients, "dps"}: 2, {report.CodeSeniorConsultations, "dps"}: 3,
			{report.CodeSeniorPatients, "self"}: 1, {report.CodeSeniorPatients, "total"}: 3,
			{report.CodeSeniorConsultations, "total"}: 4, {report.CodeGPPatients, "municipal"}: 1,
			{report.CodeGPConsultations, "total"}: 2,
		}
		tb := b.Consultations
		for k, n := range want {
			found := false
			for _, row := range tb.Rows {
				for j, col := range tb.Columns {
					if row.Code == k[0] && col.Code == k[1] {
						found = true
						if row.Cells[j].N != n {
							t.Errorf("%s/%s = %d, want %d", k[0], k[1], row.Cells[j].N, n)
						}
					}
				}
			}
			if !found {
				t.Errorf("no cell %v", k)
			}
		}
	}
	// The funnel over the whole period counts each referral once.
	f, _ := report.NewFunnel(report.FunnelOptions{By: report.ByAll, Catalogue: catalogue})
	if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, false, f.Span, f.AddTally); err != nil {
		t.Fatal(err)
	}
	if n := f.Result().Periods[0].Stages[0].Count.N; n != 7 {
		t.Errorf("the funnel received %d referrals, want 7", n)
	}
}

// A voided referral is not counted in envei stats, its consultations
// neither: the grouped path leaves them out as the row path does.
func TestReportsLeaveOutAVoidedReferralsConsultations(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	importCSV(t, s, "ref,received,channel,addressed_to\nD1,2026-10-01,gp,dps\nD2,2026-10-02,gp,dps\n")
	senior := intake.Consultation{Kind: intake.ConsultSenior, Date: intake.MustParseDate("2026-11-20"), Clock: "10:00",
		Question: "Medication?", Advice: "Keep the dose.", MedicationReviewed: true}
	for _, ref := range []string{"D1", "D2"} {
		if _, err := s.RecordConsultation(ctx, reading(admin), ref, senior); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.VoidReferral(ctx, reading(admin), "D2", 0, "a test entry, not a patient"); err != nil {
		t.Fatal(err)
	}
	catalogue, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	from, to := intake.MustParseDate("2026-10-01"), intake.MustParseDate("2026-10-31")
	opts := report.StatsOptions{From: from, To: to, Today: intake.MustParseDate("2026-11-22"), Catalogue: catalogue}
	rowS, _ := report.NewStats(opts)
	talS, _ := report.NewStats(opts)
	if err := s.ReportRows(ctx, admin, from, to, rowS.Add); err != nil {
		t.Fatal(err)
	}
	if err := s.ReportTallies(ctx, admin, from, to, false, talS.Span, talS.AddTally); err != nil {
		t.Fatal(err)
	}
	if a, b := rowS.Result(), talS.Result(); !reflect.DeepEqual(a.Consultations, b.Consultations) {
		t.Errorf("rows and tallies differ:\nrows    %+v\ntallies %+v", a.Consultations, b.Consultations)
	}
}
