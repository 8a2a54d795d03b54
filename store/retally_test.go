package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// freshTallies computes the tally keys of every referral anew from the
// columns they are derived from, through intake/report's TallyOf, in the
// format tallyState reads the stored ones.
func freshTallies(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	rows, err := s.db.QueryContext(ctx, reportColumns+` ORDER BY r.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	err = eachReportRow(rows, func(id int64, r report.Row) error {
		k := tallyKeysOf(r)
		out = append(out, strings.Join([]string{strconv.FormatInt(id, 10), k.stats, k.monthCounts, k.monthFirst}, "#"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tallyWalk is the state the steps of TestEveryWriteKeepsTheTally share.
type tallyWalk struct {
	s       *Store
	boss    intake.Clinician // a supervisor, on leave so never drawn
	a, b, c string           // the referral taken through the reception, one voided, one merged into a
}

// tallyStep is one call of a *Store method that writes a column the tally
// is derived from, chosen so that the stored tally must change.
type tallyStep struct {
	method string
	do     func(w *tallyWalk) error
}

// tallyWrites walk one GP referral to DPS received on 2026-10-01 (deadline
// in mid-October) through the reception, past its deadline, and void and
// merge two others withdrawn after theirs, so every step moves a tally
// column: days, deadline class, outcomes or organisation.
var tallyWrites = []tallyStep{
	{"Register", func(w *tallyWalk) error {
		for _, ref := range []*string{&w.a, &w.b, &w.c} {
			row, err := w.s.Register(context.Background(), w.boss, intake.Referral{Received: intake.MustParseDate("2026-10-01"),
				Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS, Name: "Test Person", NationalID: "14838510036"}, intake.Details{})
			if err != nil {
				return err
			}
			*ref = row.Referral.Ref
		}
		return nil
	}},
	{"Assign", func(w *tallyWalk) error {
		_, err := w.s.Assign(context.Background(), w.boss, w.a, newSeeded(1))
		return err
	}},
	{"AssignUnassigned", func(w *tallyWalk) error {
		_, err := w.s.AssignUnassigned(context.Background(), w.boss, newSeeded(2))
		return err
	}},
	// Two clinicians on the roster, one from each organisation: a new
	// draw moves the referral to the other organisation.
	{"Reassign", func(w *tallyWalk) error {
		_, err := w.s.Reassign(context.Background(), w.boss, w.a, "kari is away for a month", newSeeded(3))
		return err
	}},
	{"Schedule", func(w *tallyWalk) error {
		_, err := w.s.Schedule(context.Background(), acting(w.boss), w.a, 0, intake.MustParseDate("2026-10-05"), "09:00", intake.ModeVideo)
		return err
	}},
	// Seen on 2026-10-05: the deadline is met by the conversation.
	{"RecordAttendance", func(w *tallyWalk) error {
		_, err := w.s.RecordAttendance(context.Background(), acting(w.boss), w.a, 0, true)
		return err
	}},
	// The rights decision of 2026-11-20 comes after the deadline: late.
	{"SaveAssessment", func(w *tallyWalk) error {
		_, err := w.s.SaveAssessment(context.Background(), acting(w.boss), w.a, filled(), true, "")
		return err
	}},
	{"Route", func(w *tallyWalk) error {
		_, err := w.s.Route(context.Background(), acting(w.boss), w.a, 0, []string{"dps", "addiction_clinic"}, "to the DPS")
		return err
	}},
	{"CorrectRouting", func(w *tallyWalk) error {
		_, err := w.s.CorrectRouting(context.Background(), acting(w.boss), w.a, 0, []string{"municipal"}, "",
			"the municipality takes the patient after all")
		return err
	}},
	// Withdrawn today, after the deadline: not held.
	{"Withdraw", func(w *tallyWalk) error {
		for _, ref := range []string{w.b, w.c} {
			if _, err := w.s.Withdraw(context.Background(), acting(w.boss), ref, 0, "the patient cancelled"); err != nil {
				return err
			}
		}
		return nil
	}},
	// Voided, the referral counts as open again (reports leave it out).
	{"VoidReferral", func(w *tallyWalk) error {
		return w.s.VoidReferral(context.Background(), acting(w.boss), w.b, 0, "registered by mistake")
	}},
	{"MergeReferral", func(w *tallyWalk) error {
		return w.s.MergeReferral(context.Background(), acting(w.boss), w.c, w.a, "the same referral entered twice")
	}},
	{"UpdateClinician", func(w *tallyWalk) error {
		c, err := w.clinicianOf(w.a)
		if err != nil {
			return err
		}
		c.Org = otherOrg(c.Org)
		return w.s.UpdateClinician(context.Background(), admin, c)
	}},
	// A username taken off the roster comes back with another
	// organisation; its referrals follow.
	{"AddClinician", func(w *tallyWalk) error {
		c, err := w.clinicianOf(w.a)
		if err != nil {
			return err
		}
		if err := w.s.RemoveClinician(context.Background(), admin, c.Username); err != nil {
			return err
		}
		c.Org = otherOrg(c.Org)
		return w.s.AddClinician(context.Background(), admin, c)
	}},
	{"Import", func(w *tallyWalk) error {
		_, err := w.s.Import(context.Background(), admin, strings.NewReader(
			"ref,received,channel,addressed_to,clinician,first_conversation,attended,routed,outcomes\n"+
				"I1,2026-09-01,gp,dps,ola,2026-09-04,yes,2026-09-10,dps+municipal\n"+
				"I2,2026-09-02,self,,,,,,\n"), nil)
		return err
	}},
	{"LoadGenerated", func(w *tallyWalk) error {
		roster, err := w.s.Roster(context.Background())
		if err != nil {
			return err
		}
		_, err = w.s.LoadGenerated(context.Background(), admin, func(emit func(intake.Referral) error) error {
			return intake.GenerateDemo(intake.DemoOptions{Patients: 40, Seed: 3, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
		}, nil)
		return err
	}},
}

// clinicianOf returns the roster entry of the referral's clinician.
func (w *tallyWalk) clinicianOf(ref string) (intake.Clinician, error) {
	r, err := w.s.referral(context.Background(), ref)
	if err != nil {
		return intake.Clinician{}, err
	}
	return w.s.clinician(context.Background(), w.s.db, r.Referral.Clinician)
}

func otherOrg(o intake.Org) intake.Org {
	if o == intake.OrgDPS {
		return intake.OrgMunicipal
	}
	return intake.OrgDPS
}

// tallyNeutral are the exported methods of *Store that write no column a
// tally is derived from (received, state, the first conversation and
// attendance, routing, withdrawal, deadline, rights decision, clinician,
// outcomes, the clinician's organisation), each with the reason.
var tallyNeutral = map[string]string{
	"RecordRejectionHandled": "writes only on_worklist and the trail",
	"CopyTo":                 "writes another database, the tally columns as stored (compared there); here only the access log",
	"DigestTables":           "a read",
	"AccessReview":           "a read", "Actor": "a read", "Assessments": "a read", "Calendar": "a read",
	"Check": "a read", "ClinicianByKey": "a read", "Close": "closes the database", "CountByState": "a read",
	"CountClosed": "a read", "CountReferrals": "a read", "Draws": "a read", "Events": "a read",
	"Export": "a read", "FindByNationalID": "a read (and the access log)", "IsTest": "a read",
	"Messages": "a read", "NeedsReason": "a read", "NoteInput": "a read (and the access log)",
	"OpenReferralsFor": "a read (and the access log)", "Path": "a read", "PatientAccess": "a read (and the access log)",
	"PatientHistory": "a read (and the access log)", "PriorReferrals": "a read (and the access log)",
	"ReceptionAddress": "a read", "ReferralDetail": "a read (and the access log)", "ReferralVersion": "a read",
	"ReportRows": "a read", "ReportTallies": "a read", "Roster": "a read", "Routings": "a read (and the access log)",
	"SSHKeys": "a read", "ServiceAddresses": "a read", "Services": "a read", "SessionReview": "a read",
	"Treatment": "a read (and the access log)", "VerifyChains": "a read", "VerifySchema": "a read",
	"Worklist":  "a read",
	"Backup":    "copies the file",
	"InTx":      "the transaction helper: a caller that writes referral columns through it calls retally itself",
	"AddSSHKey": "the roster's SSH keys", "RemoveSSHKey": "the roster's SSH keys",
	"AddService": "the service catalogue: outcomes are stored by code", "RetireService": "the service catalogue",
	"SetServiceAddress": "a service's receiving unit", "SetReceptionAddress": "the reception's address",
	"SetLeave":        "on leave is not in the tally",
	"RemoveClinician": "the clinician's organisation stays in the reports of their referrals",
	"LogLogin":        "the access log", "MarkTestData": "a setting",
	"LogSession": "treatment sessions", "CloseTreatment": "the treatment episode, not the referral's routing",
	"RecordConsultation": "consultations are counted at report time (consultCounts), not stored in the tally",
	"SetGPHerID":         "the GP's HER id", "WriteMessage": "an e-message and the GP's HER id",
	"RecordReceipt": "an e-message's receipt",
}

// TestEveryWriteKeepsTheTally runs every write that changes a column the
// report tally is derived from and, after each, compares the stored tally
// columns of every referral with a fresh computation; each step must
// change some stored tally, so a step that skipped retally would show.
// Every exported method of *Store is in tallyWrites or tallyNeutral, so a
// new write path cannot go unchecked.
func TestEveryWriteKeepsTheTally(t *testing.T) {
	st := reflect.TypeOf(&Store{})
	walked := map[string]bool{}
	for _, step := range tallyWrites {
		walked[step.method] = true
		if _, ok := st.MethodByName(step.method); !ok {
			t.Errorf("tallyWrites names %s, which *Store does not have", step.method)
		}
		if _, ok := tallyNeutral[step.method]; ok {
			t.Errorf("%s is both a tally write and neutral", step.method)
		}
	}
	var unknown []string
	for i := 0; i < st.NumMethod(); i++ {
		name := st.Method(i).Name
		if _, ok := tallyNeutral[name]; !ok && !walked[name] {
			unknown = append(unknown, name)
		}
	}
	for name := range tallyNeutral {
		if _, ok := st.MethodByName(name); !ok {
			t.Errorf("tallyNeutral names %s, which *Store does not have", name)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		t.Errorf("methods of *Store neither walked by this test nor named in tallyNeutral: %v", unknown)
	}

	s := newStore(t, true)
	w := &tallyWalk{s: s, boss: intake.Clinician{Username: "boss", Name: "Bo Boss", Org: intake.OrgDPS, Role: intake.RoleSupervisor}}
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal), w.boss)
	if err := s.SetLeave(context.Background(), admin, "boss", true); err != nil {
		t.Fatal(err)
	}
	for _, step := range tallyWrites {
		before := tallyState(t, s)
		if err := step.do(w); err != nil {
			t.Fatalf("%s: %v", step.method, err)
		}
		after := tallyState(t, s)
		if slices.Equal(before, after) {
			t.Errorf("%s changed no stored tally: the walk cannot tell whether it keeps them", step.method)
		}
		if diff := tallyDiff(after, freshTallies(t, s)); diff != "" {
			t.Errorf("after %s, stored tallies differ from a fresh computation:\n%s", step.method, diff)
		}
	}
}

// tallyDiff lists the lines that differ, stored against fresh.
func tallyDiff(stored, fresh []string) string {
	var b strings.Builder
	for i := range max(len(stored), len(fresh)) {
		var s, f string
		if i < len(stored) {
			s = stored[i]
		}
		if i < len(fresh) {
			f = fresh[i]
		}
		if s != f {
			fmt.Fprintf(&b, "  stored %s\n  fresh  %s\n", s, f)
		}
	}
	return b.String()
}

// A retally finds its referrals through an index, in id order, whatever
// the size: a write never scans the referrals table.
func TestRetallyPlans(t *testing.T) {
	sqliteOnly(t, "SQLite's query plans (EXPLAIN QUERY PLAN)")
	s := newStore(t, true)
	for _, q := range []struct {
		query string
		args  []any
	}{
		{retallyQuery(fmt.Sprintf(retallyByID, "?, ?")), []any{1, 2}},
		{retallyQuery(retallyByClinician), []any{"kari"}},
	} {
		plan := queryPlan(t, s, q.query, q.args...)
		if !strings.Contains(plan, "SEARCH r USING") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%s: plan %q", q.query, plan)
		}
	}
}
