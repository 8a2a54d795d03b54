package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
)

// noteReferrals imports, into a test database, a GP referral to DPS seen by
// kari (R1), a self-booking who did not attend and has no GP (R2), and a
// referral seen but not yet assessed (R3). The patients are invented and
// the national id is a synthetic Test-Norge number.
func noteReferrals(t *testing.T) *Store {
	t.Helper()
	s := newStore(t, true)
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	importCSV(t, s, "ref,received,channel,addressed_to,national_id,name,gp,clinician,first_conversation,attended\n"+
		"R1,2026-11-02,gp,dps,14838510036,Kari Testesen,Ola Testlege,kari,2026-11-05,yes\n"+
		"R2,2026-11-02,self,,,,,kari,2026-11-05,no\n"+
		"R3,2026-11-02,gp,municipal,,,Ola Testlege,kari,2026-11-05,yes\n")
	return s
}

func eventKinds(t *testing.T, s *Store, ref string) []string {
	t.Helper()
	events, err := s.Events(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range events {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func TestNoteInputReadsAndLogs(t *testing.T) {
	s := noteReferrals(t)
	ctx := context.Background()

	// A draft is no one's finding yet: no note from it, and no trail entry.
	draft := filled()
	draft.Goals = ""
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", draft, false, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.NoteInput(ctx, reading(admin), "R1", NoteTransfer); !errors.Is(err, ErrStep) || !strings.Contains(err.Error(), "complete the assessment first") {
		t.Errorf("transfer note from a draft: %v", err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", filled(), true, ""); err != nil {
		t.Fatal(err)
	}

	in, err := s.NoteInput(ctx, reading(admin), "R1", NoteTransfer)
	if err != nil {
		t.Fatal(err)
	}
	if in.Assessment == nil || in.Assessment.Version != 1 || in.Assessment.Status != intake.AssessmentCompleted ||
		in.Assessment.Goals != "Work." {
		t.Errorf("assessment: %+v", in.Assessment)
	}
	if in.Row.Referral.Name != "Kari Testesen" || in.Row.Deadline.String() != "2026-11-16" {
		t.Errorf("referral: %+v", in.Row)
	}
	// admin completed the assessment, so admin signs (kari is assigned).
	if in.Clinician.Name != "Ada Admin" || in.Clinician.Role != intake.RoleAdmin {
		t.Errorf("signer: %+v", in.Clinician)
	}
	if in.Printed.String() != "2026-11-22" || len(in.Services) != len(intake.DefaultCatalogue()) {
		t.Errorf("printed %s, %d services", in.Printed, len(in.Services))
	}
	events, _ := s.Events(ctx, "R1")
	last := events[len(events)-1]
	if last.Kind != "note_printed" || last.Actor != "root" || last.Detail != "" || last.At != "2026-11-22T09:00:00Z" {
		t.Errorf("trail entry: %+v", last)
	}

	// The letter tells the outcome: not before routing, and a refusal
	// leaves no trail entry.
	if _, err := s.NoteInput(ctx, reading(admin), "R1", NoteGPLetter); !errors.Is(err, ErrStep) || !strings.Contains(err.Error(), "route referral R1 first") {
		t.Errorf("GP letter before routing: %v", err)
	}
	if _, err := s.Route(ctx, acting(admin), "R1", 0, []string{"dps"}, "Treatment at DPS."); err != nil {
		t.Fatal(err)
	}
	in, err = s.NoteInput(ctx, reading(admin), "R1", NoteGPLetter)
	if err != nil {
		t.Fatal(err)
	}
	if in.Details.RouteNote != "Treatment at DPS." || !in.Row.Referral.HasOutcome("dps") {
		t.Errorf("routing not read: %+v %+v", in.Details, in.Row.Referral)
	}

	// An amendment is what the next note shows.
	amended := filled()
	amended.Goals = "Work, and sleep."
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", amended, true, "the patient called back"); err != nil {
		t.Fatal(err)
	}
	if in, err = s.NoteInput(ctx, reading(admin), "R1", NoteTransfer); err != nil || in.Assessment.Version != 2 || in.Assessment.Goals != "Work, and sleep." {
		t.Errorf("after an amendment: version %v, %v", in.Assessment, err)
	}

	got := strings.Join(eventKinds(t, s, "R1"), " ")
	want := "imported assessment_started assessment_completed note_printed routed gp_letter_printed assessment_amended note_printed"
	if got != want {
		t.Errorf("trail:\n got %s\nwant %s", got, want)
	}
}

func TestNoteInputRefusals(t *testing.T) {
	s := noteReferrals(t)
	ctx := context.Background()
	for _, c := range []struct {
		ref, kind, want string
	}{
		{"R3", NoteTransfer, "complete the assessment first"},
		{"R2", NoteGPLetter, "self-booking with no GP"},
		{"R9", NoteTransfer, "not found"},
	} {
		_, err := s.NoteInput(ctx, reading(admin), c.ref, c.kind)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: %v, want %q", c.ref, c.kind, err, c.want)
		}
	}
	if _, err := s.NoteInput(ctx, reading(admin), "R1", "letter"); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if _, err := s.NoteInput(ctx, reading(intake.Clinician{Username: "nobody"}), "R2", NoteTransfer); !errors.Is(err, ErrForbidden) {
		t.Errorf("no role: %v", err)
	}
	for _, ref := range []string{"R2", "R3"} {
		if kinds := eventKinds(t, s, ref); len(kinds) != 1 {
			t.Errorf("%s: a refused note left a trail entry: %v", ref, kinds)
		}
	}
}

// A patient who did not attend gets a transfer note without an assessment
// (it says so), and a GP letter once there is a GP to write to. The note is
// signed by the assigned clinician even after they left the roster.
func TestNoteInputDidNotAttend(t *testing.T) {
	s := noteReferrals(t)
	ctx := context.Background()
	// RemoveClinician wants kari's open referrals reassigned first; mark
	// her removed directly, as she would be once they were closed.
	if _, err := s.db.Exec(`UPDATE clinicians SET removed_at = '2026-11-21T09:00:00Z' WHERE username = 'kari'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Actor(ctx, "kari"); !errors.Is(err, ErrNotOnRoster) {
		t.Fatalf("kari is still on the roster: %v", err)
	}
	in, err := s.NoteInput(ctx, reading(admin), "R2", NoteTransfer)
	if err != nil {
		t.Fatal(err)
	}
	if in.Assessment != nil || in.Clinician.Name != "Name of kari" {
		t.Errorf("did not attend: assessment %v, signer %+v", in.Assessment, in.Clinician)
	}
	in.Lang = "en"
	note, err := intake.TransferNote(in, intake.NoteText)
	if err != nil || !strings.Contains(note, "There is no completed first-conversation assessment.") {
		t.Errorf("note: %v\n%s", err, note)
	}

	importCSV(t, s, "ref,received,channel,gp,first_conversation,attended\nR4,2026-11-02,self,Ola Testlege,2026-11-05,no\n")
	in, err = s.NoteInput(ctx, reading(admin), "R4", NoteGPLetter)
	if err != nil {
		t.Fatal(err)
	}
	// Nobody assigned: the person printing signs.
	if in.Clinician.Username != "root" {
		t.Errorf("signer without an assigned clinician: %+v", in.Clinician)
	}
}

// The note is signed by whoever completed the assessment, not by the
// assigned clinician, and names the rights decider from the roster; it
// says when and by whom the GP letter was printed. Before, kari (assigned)
// signed an assessment root completed, and no printing was mentioned.
func TestNoteSignedByWhoCompletedTheAssessment(t *testing.T) {
	s := noteReferrals(t) // R1 is assigned to kari
	ctx := context.Background()
	a := filled()
	a.Rights.DecidedBy = admin.Username
	if _, err := s.SaveAssessment(ctx, acting(admin), "R1", a, true, ""); err != nil {
		t.Fatal(err)
	}
	in, err := s.NoteInput(ctx, reading(admin), "R1", NoteTransfer)
	if err != nil {
		t.Fatal(err)
	}
	if in.Clinician.Username != "root" || in.Clinician.Name != "Ada Admin" {
		t.Errorf("signed by %+v, want root (Ada Admin), who completed the assessment", in.Clinician)
	}
	if in.Decider.Name != "Ada Admin" {
		t.Errorf("decider %+v", in.Decider)
	}
	if !in.GPLetter.Day.IsZero() {
		t.Errorf("a GP letter printing before any: %+v", in.GPLetter)
	}
	if _, err := s.Route(ctx, acting(admin), "R1", 0, []string{"dps"}, "Treatment at DPS."); err != nil {
		t.Fatal(err)
	}
	kari, _ := s.Actor(ctx, "kari")
	if _, err := s.NoteInput(ctx, intake.Access{Who: kari}, "R1", NoteGPLetter); err != nil {
		t.Fatal(err)
	}
	in, err = s.NoteInput(ctx, reading(admin), "R1", NoteTransfer)
	if err != nil {
		t.Fatal(err)
	}
	if in.GPLetter.Day.String() != "2026-11-22" || in.GPLetter.By.Name != "Name of kari" {
		t.Errorf("GP letter printing: %+v", in.GPLetter)
	}
	in.Lang = "en"
	note, _ := intake.TransferNote(in, intake.NoteText)
	if !strings.Contains(note, "letter printed 2026-11-22 by Name of kari") || !strings.Contains(note, "by Ada Admin") {
		t.Errorf("the note:\n%s", note)
	}
}
