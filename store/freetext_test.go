package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"envei/intake"
)

// Issue 11 §2: free text with control characters is refused at the store's
// edge, whatever the way in, naming the field and never the value.

// eraseLine is the attack on envei audit --review: a reason that, printed
// on a terminal, returns the cursor, erases the row and moves up.
const eraseLine = "xxxxxxxxxx\r\x1b[2K\x1b[1A"

// forgedLine puts an extra line into any listing that prints the reason.
const forgedLine = "xxxxxxxxxx\n2026-11-22 10:00:00  R-FAKE  kari  clinician  referral  assigned  -"

// refusedQuietly requires err to be a field error on field that does not
// repeat the value.
func refusedQuietly(t *testing.T, what string, err error, field, value string) {
	t.Helper()
	var fe FieldErrors
	switch {
	case err == nil:
		t.Errorf("%s: accepted a value with control characters", what)
	case !errors.As(err, &fe) || fe[0].Column != field:
		t.Errorf("%s: %v, want a field error on %s", what, err, field)
	case strings.Contains(err.Error(), value) || strings.Contains(err.Error(), "\x1b"):
		t.Errorf("%s: the error %q repeats the value", what, err)
	}
}

func TestBreakTheGlassReasonWithControlsIsRefusedBeforeTheLog(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	for name, read := range patientReads {
		for _, reason := range []string{eraseLine, forgedLine, "xxxxxxxxxx\u202eevil"} {
			before := f.logRows(t)
			_, err := read(ctx, f.s, intake.Access{Who: f.other, Reason: reason}, f.ref)
			refusedQuietly(t, name, err, "reason", reason)
			if f.logRows(t) != before {
				t.Errorf("%s: a refused reason left an access-log row", name)
			}
		}
	}
}

func TestReassignAndWithdrawReasonsWithControlsAreRefused(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal))
	row, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf}, intake.Details{})
	if err != nil {
		t.Fatal(err)
	}
	ref := row.Referral.Ref
	if _, err := s.Assign(ctx, admin, ref, newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	_, err = s.Reassign(ctx, admin, ref, forgedLine, newSeeded(2))
	refusedQuietly(t, "Reassign", err, "reason", forgedLine)
	_, err = s.Withdraw(ctx, acting(admin), ref, 0, eraseLine)
	refusedQuietly(t, "Withdraw", err, "reason", eraseLine)
	draws, err := s.Draws(ctx, ref)
	if err != nil || len(draws) != 1 {
		t.Errorf("draws after a refused reassignment: %d, %v; want the first draw only", len(draws), err)
	}
	if got, _ := s.referral(ctx, ref); !got.Referral.Withdrawn.IsZero() {
		t.Error("the referral was withdrawn with a refused reason")
	}
}

func TestNamesAndLabelsWithControlsAreRefused(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	const title = "E\x1b]0;pwned\aEvil"
	evil := intake.Clinician{Username: "eve", Name: title, Org: intake.OrgDPS, Role: intake.RoleClinician}
	refusedQuietly(t, "AddClinician", s.AddClinician(ctx, admin, evil), "name", title)
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	kari := clinician("kari", intake.OrgDPS)
	kari.Name = "Kari\u202eNordmann"
	refusedQuietly(t, "UpdateClinician", s.UpdateClinician(ctx, admin, kari), "name", kari.Name)
	for _, svc := range []intake.Service{
		{Code: "act", LabelNB: "ACT\x1b[2K", LabelEN: "ACT team", Category: intake.CategorySpecialised},
		{Code: "act", LabelNB: "ACT-team", LabelEN: "ACT\nteam", Category: intake.CategorySpecialised},
	} {
		refusedQuietly(t, "AddService", s.AddService(ctx, admin, svc), "label", "ACT")
	}
	roster, err := s.Roster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range roster {
		if intake.HasControl(c.Name) {
			t.Errorf("%s's name was stored with control characters", c.Username)
		}
	}
}

func TestAssessmentTextKeepsLineBreaksOnly(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	a := filled()
	a.Goals = "Work.\r\nSleep."
	v, err := f.s.SaveAssessment(ctx, acting(f.assigned), f.ref, a, true, "Added a goal.\r\nSaid in the session.")
	if err != nil {
		t.Fatalf("an amendment with Windows line ends: %v", err)
	}
	if v.Assessment.Goals != "Work.\nSleep." || v.AmendmentReason != "Added a goal.\nSaid in the session." {
		t.Errorf("stored %q / %q, want the line ends normalised to \\n", v.Assessment.Goals, v.AmendmentReason)
	}
	a.Goals = "Work." + eraseLine
	_, err = f.s.SaveAssessment(ctx, acting(f.assigned), f.ref, a, true, "Another change.")
	refusedQuietly(t, "SaveAssessment", err, intake.FieldGoals, eraseLine)
}

func TestBackupNameWithControlsIsRefused(t *testing.T) {
	sqliteOnly(t, "envei backup copies the SQLite file (on PostgreSQL it refuses: TestPostgresCommands)")
	s := newStore(t, true)
	dest := filepath.Join(t.TempDir(), "b\x1b[2K.db")
	err := s.Backup(context.Background(), admin, dest)
	refusedQuietly(t, "Backup", err, "dest", "\x1b[2K")
}
