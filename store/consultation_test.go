package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
)

func seniorConsultation() intake.Consultation {
	return intake.Consultation{Kind: intake.ConsultSenior, Date: intake.MustParseDate("2026-11-22"), Clock: "9:15",
		Question: "Start an SSRI, given the\nsleep problems?", Advice: "Sertraline 50 mg; review in four weeks.", MedicationReviewed: true}
}

func gpConsultation() intake.Consultation {
	return intake.Consultation{Kind: intake.ConsultGP, Date: intake.MustParseDate("2026-11-22"), Clock: "08:40",
		Contact: "the office nurse", Outcome: "The GP sees the patient tomorrow about sick leave."}
}

// Both kinds are stored with who recorded them and when, come back with the
// referral (in the order held) and in the note's input, leave an event
// each with no text of the patient's, log the access as a consultation on
// the assigned clinician's work need, and move the referral's version.
func TestRecordConsultation(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	before, err := f.s.ReferralVersion(ctx, f.ref)
	if err != nil {
		t.Fatal(err)
	}
	own := intake.Access{Who: f.assigned}
	got, err := f.s.RecordConsultation(ctx, own, f.ref, seniorConsultation())
	if err != nil {
		t.Fatal(err)
	}
	if got.Clock != "09:15" || got.RecordedBy != f.assigned.Username || got.RecordedAt != "2026-11-22T09:00:00Z" {
		t.Errorf("stored %+v", got)
	}
	if _, what, basis, _ := f.lastLog(t); what != "write:consultation" || basis != string(intake.BasisAssigned) {
		t.Errorf("access logged as %s on basis %s", what, basis)
	}
	if _, err := f.s.RecordConsultation(ctx, own, f.ref, gpConsultation()); err != nil {
		t.Fatal(err)
	}
	after, _ := f.s.ReferralVersion(ctx, f.ref)
	if after != before+2 {
		t.Errorf("version %d -> %d, want two more", before, after)
	}

	rec, err := f.s.ReferralDetail(ctx, own, f.ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Consultations) != 2 {
		t.Fatalf("consultations %+v", rec.Consultations)
	}
	gp, senior := rec.Consultations[0], rec.Consultations[1] // 08:40 before 09:15
	if gp.Kind != intake.ConsultGP || gp.Contact != "the office nurse" || gp.Question != "" {
		t.Errorf("GP consultation %+v", gp)
	}
	if senior.Kind != intake.ConsultSenior || senior.Question != "Start an SSRI, given the\nsleep problems?" ||
		!senior.MedicationReviewed || senior.RecordedBy != f.assigned.Username {
		t.Errorf("senior consultation %+v", senior)
	}
	var kinds []string
	for _, e := range rec.Events {
		if strings.HasPrefix(e.Kind, "consultation_") {
			kinds = append(kinds, e.Kind+" "+e.Detail)
			if strings.Contains(e.Detail, "SSRI") || strings.Contains(e.Detail, "nurse") {
				t.Errorf("the event holds the consultation's text: %q", e.Detail)
			}
		}
	}
	if got := strings.Join(kinds, " | "); got != "consultation_senior 2026-11-22 09:15; medication reviewed | consultation_gp 2026-11-22 08:40" {
		t.Errorf("events: %s", got)
	}
	in, err := f.s.NoteInput(ctx, own, f.ref, NoteTransfer)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Consultations) != 2 || in.Consultations[1].Advice != senior.Advice {
		t.Errorf("the note's input: %+v", in.Consultations)
	}
}

// Someone who is not the patient's own clinician records a consultation
// only with a reason, logged for the review; refused, nothing is stored,
// logged or put in the trail. So is a consultation that does not validate.
func TestRecordConsultationNeedsWork(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	count := func() (consults, events int) {
		t.Helper()
		if err := f.s.db.QueryRow(`SELECT count(*) FROM consultations`).Scan(&consults); err != nil {
			t.Fatal(err)
		}
		if err := f.s.db.QueryRow(`SELECT count(*) FROM events WHERE kind LIKE 'consultation_%'`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		return
	}
	logs := f.logRows(t)
	_, err := f.s.RecordConsultation(ctx, intake.Access{Who: f.other}, f.ref, gpConsultation())
	if !errors.Is(err, intake.ErrNeedReason) {
		t.Errorf("another clinician without a reason: %v", err)
	}
	future := gpConsultation()
	future.Clock = "10:01" // the store's clock is 10:00 in Oslo
	var fe FieldErrors
	if _, err := f.s.RecordConsultation(ctx, intake.Access{Who: f.assigned}, f.ref, future); !errors.As(err, &fe) || fe[0].Column != intake.FieldConsultClock {
		t.Errorf("a consultation later than now: %v", err)
	}
	noAdvice := seniorConsultation()
	noAdvice.Advice = ""
	if _, err := f.s.RecordConsultation(ctx, intake.Access{Who: f.assigned}, f.ref, noAdvice); !errors.As(err, &fe) {
		t.Errorf("a senior consultation without advice: %v", err)
	}
	if c, e := count(); c != 0 || e != 0 || f.logRows(t) != logs {
		t.Errorf("refused writes left %d consultations, %d events, %d log rows", c, e, f.logRows(t)-logs)
	}

	reason := "covering for kari while she is away"
	if _, err := f.s.RecordConsultation(ctx, intake.Access{Who: f.other, Reason: reason}, f.ref, gpConsultation()); err != nil {
		t.Fatal(err)
	}
	if actor, what, basis, got := f.lastLog(t); actor != f.other.Username || what != "write:consultation" ||
		basis != string(intake.BasisBreakGlass) || got != reason {
		t.Errorf("logged %s %s %s %q", actor, what, basis, got)
	}
	if c, e := count(); c != 1 || e != 1 {
		t.Errorf("%d consultations, %d events", c, e)
	}
	// The schema holds each kind to its own columns, whatever writes it.
	_, err = f.s.db.Exec(`INSERT INTO consultations (referral_id, kind, day, clock, question, recorded_by, recorded_at)
		VALUES (?, 'gp', '2026-11-22', '08:00', 'a question', 'x', 'y')`, f.id)
	if err == nil {
		t.Error("the schema took a GP consultation with a question")
	}
}
