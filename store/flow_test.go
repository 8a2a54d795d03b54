package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"envei/intake"
)

// The console's path through one referral: register, assign, schedule,
// record attendance, route to two services.
func TestFlowRegisterToRouted(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	row, err := s.Register(ctx, admin, intake.Referral{
		Channel: intake.ChannelSelf, Name: "Test Person", NationalID: "14838510036",
	}, intake.Details{Phone: "+47 900 00 000", Reason: "low mood for months", Urgent: true})
	if err != nil {
		t.Fatal(err)
	}
	ref := row.Referral.Ref
	if ref != "2026-00001" || row.Referral.Received.String() != "2026-11-22" || row.Referral.AddressedTo != intake.AddressedNone {
		t.Fatalf("registered %+v", row.Referral)
	}
	if open, _ := s.OpenReferralsFor(ctx, admin, "14838510036"); len(open) != 1 || open[0] != ref {
		t.Errorf("open referrals for the id: %v", open)
	}
	if _, err := s.Assign(ctx, admin, ref, newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	d, _ := s.ReferralDetail(ctx, reading(admin), ref)
	if _, err := s.RecordAttendance(ctx, acting(admin), ref, d.Version, true); !errors.Is(err, ErrStep) {
		t.Errorf("attendance before booking: %v", err)
	}
	if _, err := s.Schedule(ctx, acting(admin), ref, d.Version, intake.MustParseDate("2026-11-20"), "9:30", intake.ModeVideo); err == nil {
		t.Error("scheduled before the referral was received")
	}
	if _, err := s.Schedule(ctx, acting(admin), ref, d.Version, intake.MustParseDate("2026-11-22"), "9:30", intake.ModeVideo); err != nil {
		t.Fatal(err)
	}
	// The version the user saw is now stale: a lost update is refused.
	if _, err := s.RecordAttendance(ctx, acting(admin), ref, d.Version, true); !errors.Is(err, ErrConflict) {
		t.Errorf("stale version: %v", err)
	}
	d, _ = s.ReferralDetail(ctx, reading(admin), ref)
	if d.Details.ConversationTime != "09:30" || d.Details.ConversationMode != intake.ModeVideo {
		t.Errorf("details %+v", d.Details)
	}
	if _, err := s.RecordAttendance(ctx, acting(admin), ref, d.Version, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acting(admin), ref, 0, []string{"municipal", "dps"}, "needs both"); !errors.Is(err, ErrAssessmentNeeded) {
		t.Errorf("routed before the assessment: %v", err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), ref, filled(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acting(admin), ref, 0, []string{"municipal", "dps"}, "needs both"); err != nil {
		t.Fatal(err)
	}
	d, _ = s.ReferralDetail(ctx, reading(admin), ref)
	r := d.Row.Referral
	if r.State() != intake.StateRouted || strings.Join(r.Outcomes, "+") != "dps+municipal" || d.Details.GPToInform {
		t.Errorf("routed: %+v %+v", r, d.Details)
	}
	var kinds []string
	for _, e := range d.Events {
		kinds = append(kinds, e.Kind)
	}
	if got := strings.Join(kinds, " "); got != "registered assigned scheduled attended assessment_completed routed" {
		t.Errorf("timeline: %s", got)
	}
	if _, err := s.Withdraw(ctx, acting(admin), ref, 0, "moved away"); !errors.Is(err, ErrStep) {
		t.Errorf("withdrawing a routed referral: %v", err)
	}
}

func TestRegisterValidates(t *testing.T) {
	s := newStore(t, false)
	_, err := s.Register(context.Background(), admin, intake.Referral{
		Channel: intake.ChannelGP, Name: "X", NationalID: "14838510036",
	}, intake.Details{Phone: "call me"})
	var fe FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("got %v", err)
	}
	msg := fe.Error()
	for _, want := range []string{"addressed_to", "national_id", "phone"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %s: %s", want, msg)
		}
	}
	if strings.Contains(msg, "14838510036") || strings.Contains(msg, "call me") {
		t.Errorf("errors echo input: %s", msg)
	}
}

// Keyset paging walks every open referral once, forwards and backwards,
// in due order, and leaves closed ones out.
func TestWorklistPaging(t *testing.T) {
	s := newStore(t, false)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString("ref,received,channel,addressed_to,first_conversation,attended,routed,outcomes\n")
	for i := 0; i < 95; i++ {
		fmt.Fprintf(&b, "W%03d,2026-%02d-%02d,gp,dps,,,,\n", i, 1+i%10, 1+i%28)
	}
	b.WriteString("CLOSED,2026-01-05,gp,dps,2026-01-06,yes,2026-01-07,dps\n")
	importCSV(t, s, b.String())

	var forward []WorklistRow
	q := WorklistQuery{Limit: 20}
	for {
		page, err := s.Worklist(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		forward = append(forward, page...)
		q.After = page[len(page)-1].Key
	}
	if len(forward) != 95 {
		t.Fatalf("walked %d rows, want 95", len(forward))
	}
	for i := 1; i < len(forward); i++ {
		a, b := forward[i-1].Key, forward[i].Key
		if a.Due > b.Due || (a.Due == b.Due && a.ID >= b.ID) {
			t.Fatalf("out of order at %d: %v then %v", i, a, b)
		}
	}
	last, _ := s.Worklist(ctx, WorklistQuery{Last: true, Limit: 20})
	if last[len(last)-1].Ref != forward[94].Ref || last[0].Ref != forward[75].Ref {
		t.Errorf("last page %s…%s", last[0].Ref, last[len(last)-1].Ref)
	}
	before, _ := s.Worklist(ctx, WorklistQuery{Before: forward[40].Key, Limit: 20})
	if len(before) != 20 || before[0].Ref != forward[20].Ref || before[19].Ref != forward[39].Ref {
		t.Errorf("page before row 40: %s…%s", before[0].Ref, before[len(before)-1].Ref)
	}
	found, _ := s.Worklist(ctx, WorklistQuery{Search: "W01", Limit: 20})
	if len(found) != 10 {
		t.Errorf("search W01 found %d, want 10", len(found))
	}
	none, _ := s.Worklist(ctx, WorklistQuery{Search: "%", Limit: 20})
	if len(none) != 0 {
		t.Errorf("a %% in the search is a wildcard: %d rows", len(none))
	}
}

// The worklist query must stay an index range scan over open referrals:
// a plan that scans the table would be slow at a million rows.
func TestWorklistUsesPartialIndex(t *testing.T) {
	sqliteOnly(t, "SQLite's query plans (EXPLAIN QUERY PLAN)")
	s := newStore(t, false)
	key := WorklistKey{Due: "2026-01-01", ID: 1}
	for _, c := range []struct {
		q     WorklistQuery
		index string
	}{
		{WorklistQuery{}, "referrals_worklist_due"},
		{WorklistQuery{After: key}, "referrals_worklist_due"},
		{WorklistQuery{Before: key}, "referrals_worklist_due"},
		{WorklistQuery{Last: true}, "referrals_worklist_due"},
		{WorklistQuery{State: intake.StateAssigned, After: key}, "referrals_worklist_state_due"},
		{WorklistQuery{Mine: "kari", After: key}, "referrals_worklist_clinician_due"},
		{WorklistQuery{Search: "ola", After: key}, "referrals_worklist_due"},
	} {
		query, args := worklistSQL(c.q)
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan strings.Builder
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), c.index) || strings.Contains(plan.String(), "TEMP B-TREE") {
			t.Errorf("plan for %+v:\n%s", c.q, plan.String())
		}
	}
}

// A write adds exactly one to the version it checked: the console carries
// seen+1 into the form that follows its own write (did not attend → rebook
// or close) so that form, too, is refused if someone changed the referral.
func TestWriteAddsOneToTheVersion(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	row, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person"}, intake.Details{})
	if err != nil {
		t.Fatal(err)
	}
	ref := row.Referral.Ref
	if _, err := s.Assign(ctx, admin, ref, newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	day := intake.MustParseDate("2026-11-22")
	steps := []func(seen int64) error{
		func(seen int64) error {
			_, err := s.Schedule(ctx, acting(admin), ref, seen, day, "09:00", intake.ModeVideo)
			return err
		},
		func(seen int64) error { _, err := s.RecordAttendance(ctx, acting(admin), ref, seen, false); return err },
		func(seen int64) error {
			_, err := s.Schedule(ctx, acting(admin), ref, seen, day, "10:00", intake.ModeVideo)
			return err
		},
		func(seen int64) error { _, err := s.RecordAttendance(ctx, acting(admin), ref, seen, false); return err },
		func(seen int64) error {
			_, err := s.Route(ctx, acting(admin), ref, seen, []string{intake.ServiceDidNotAttend}, "")
			return err
		},
	}
	for i, step := range steps {
		seen, err := s.ReferralVersion(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if err := step(seen); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if now, _ := s.ReferralVersion(ctx, ref); now != seen+1 {
			t.Errorf("step %d: version %d → %d, want +1", i, seen, now)
		}
	}
}
