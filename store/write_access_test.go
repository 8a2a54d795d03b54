package store

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/message"
)

// writeFixture is one GP referral to DPS registered by a supervisor and
// drawn to kari (the only clinician on the roster at the draw); ola, a
// clinician put on the roster after the draw, is the colleague it is not
// assigned to.
type writeFixture struct {
	s                 *Store
	ref               string
	id                int64
	kari, ola, sigrid intake.Clinician
	kariAcc           intake.Access
}

func newWriteFixture(t *testing.T) writeFixture {
	t.Helper()
	s := newStore(t, true)
	ctx := context.Background()
	f := writeFixture{s: s, kari: clinician("kari", intake.OrgDPS), ola: clinician("ola", intake.OrgMunicipal),
		sigrid: intake.Clinician{Username: "sigrid", Name: "Sigrid Supervisor", Org: intake.OrgDPS, Role: intake.RoleSupervisor}}
	f.kariAcc = intake.Access{Who: f.kari}
	mustAdd(t, s, f.kari, f.sigrid)
	if err := s.SetLeave(ctx, admin, "sigrid", true); err != nil {
		t.Fatal(err)
	}
	row, err := s.Register(ctx, f.sigrid, intake.Referral{Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS,
		Name: "Test Person", NationalID: "14838510036"}, intake.Details{Reason: "low mood"})
	if err != nil {
		t.Fatal(err)
	}
	f.ref = row.Referral.Ref
	if err := s.db.QueryRow(`SELECT id FROM referrals WHERE ref = ?`, f.ref).Scan(&f.id); err != nil {
		t.Fatal(err)
	}
	if a, err := s.Assign(ctx, f.sigrid, f.ref, newSeeded(1)); err != nil || a.Draw.Drawn != "kari" {
		t.Fatalf("draw: %+v, %v", a, err)
	}
	mustAdd(t, s, f.ola)
	return f
}

// footprint is everything a refused write must leave as it was: the
// referral's version, its events and the access-log rows.
func (f writeFixture) footprint(t *testing.T) [3]int64 {
	t.Helper()
	var fp [3]int64
	err := f.s.db.QueryRow(`SELECT version, (SELECT count(*) FROM events WHERE referral_id = ?1),
		(SELECT count(*) FROM access_log WHERE referral_id = ?1) FROM referrals WHERE id = ?1`, f.id).Scan(&fp[0], &fp[1], &fp[2])
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

// The attack of issue 11 §1: ola books kari's patient, marks "did not
// attend" and closes the referral. Each step is refused without a reason
// and leaves nothing behind; with a reason each is made, logged as
// break-the-glass with the reason, and listed by the monthly review.
func TestWritesOnAnothersPatientNeedAReason(t *testing.T) {
	f := newWriteFixture(t)
	s, ctx := f.s, context.Background()
	day := intake.MustParseDate("2026-11-22")
	attack := []struct {
		what string
		do   func(acc intake.Access) error
	}{
		{writeSchedule, func(acc intake.Access) error {
			_, err := s.Schedule(ctx, acc, f.ref, 0, day, "10:00", intake.ModeInPerson)
			return err
		}},
		{writeAttendance, func(acc intake.Access) error {
			_, err := s.RecordAttendance(ctx, acc, f.ref, 0, false)
			return err
		}},
		{writeRoute, func(acc intake.Access) error {
			_, err := s.Route(ctx, acc, f.ref, 0, []string{intake.ServiceDidNotAttend}, "")
			return err
		}},
	}
	reason := "covering for kari, who is ill today"
	for _, step := range attack {
		before := f.footprint(t)
		if err := step.do(intake.Access{Who: f.ola}); !errors.Is(err, intake.ErrNeedReason) {
			t.Fatalf("%s without a reason: %v", step.what, err)
		}
		if after := f.footprint(t); after != before {
			t.Fatalf("%s was refused but left version/events/log %v, was %v", step.what, after, before)
		}
		if err := step.do(intake.Access{Who: f.ola, Reason: reason}); err != nil {
			t.Fatalf("%s with a reason: %v", step.what, err)
		}
	}
	r, err := s.referral(ctx, f.ref)
	if err != nil {
		t.Fatal(err)
	}
	if r.Referral.State() != intake.StateRouted || strings.Join(r.Referral.Outcomes, "+") != intake.ServiceDidNotAttend {
		t.Errorf("after the steps with a reason: %s %v", r.Referral.State(), r.Referral.Outcomes)
	}
	review, err := s.AccessReview(ctx, f.sigrid, intake.Date{}, intake.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, a := range review {
		if a.Actor == "ola" {
			listed = append(listed, a.What+" "+string(a.Basis)+" "+a.Ref+" "+a.Reason)
		}
	}
	want := []string{
		"write:schedule break_glass " + f.ref + " " + reason,
		"write:attendance break_glass " + f.ref + " " + reason,
		"write:route break_glass " + f.ref + " " + reason,
	}
	if strings.Join(listed, "\n") != strings.Join(want, "\n") {
		t.Errorf("the review lists ola's writes as\n%s\nwant\n%s", strings.Join(listed, "\n"), strings.Join(want, "\n"))
	}
}

// patientWrite is one store method that changes one patient's referral,
// with the steps (made by the assigned clinician) that bring the referral
// to where the write can be made.
type patientWrite struct {
	what    string
	prepare []func(f writeFixture) error
	do      func(f writeFixture, acc intake.Access) error
}

var (
	wfDay    = intake.MustParseDate("2026-11-22")
	stepBook = func(f writeFixture) error {
		_, err := f.s.Schedule(context.Background(), f.kariAcc, f.ref, 0, wfDay, "09:00", intake.ModeVideo)
		return err
	}
	stepCame = func(f writeFixture) error {
		_, err := f.s.RecordAttendance(context.Background(), f.kariAcc, f.ref, 0, true)
		return err
	}
	stepAssess = func(f writeFixture) error {
		_, err := f.s.SaveAssessment(context.Background(), f.kariAcc, f.ref, filled(), true, "")
		return err
	}
	stepHere = func(f writeFixture) error {
		_, err := f.s.Route(context.Background(), f.kariAcc, f.ref, 0, []string{intake.ServiceReception}, "short treatment here")
		return err
	}
	stepToDPS = func(f writeFixture) error {
		_, err := f.s.Route(context.Background(), f.kariAcc, f.ref, 0, []string{"dps"}, "needs the DPS")
		return err
	}
	stepRejected = func(f writeFixture) error {
		ctx := context.Background()
		if err := messageReady(ctx, f.s, f.ref); err != nil {
			return err
		}
		id, err := f.s.WriteMessage(ctx, f.kariAcc, f.ref, "dps", false, func(intake.NoteInput, message.Input) error { return nil })
		if err != nil {
			return err
		}
		return f.s.RecordReceipt(ctx, f.kariAcc.Who, message.Receipt{OriginalMsgID: id, Status: "2"})
	}
	stepSession = func(f writeFixture) error {
		_, err := f.s.LogSession(context.Background(), f.kariAcc, f.ref, intake.Session{Date: wfDay, Minutes: 45, Mode: intake.SessionVideo})
		return err
	}
)

// patientWrites are the store methods that change one patient's referral,
// by name (TestEveryPatientWriteIsKnown keeps the list whole).
var patientWrites = map[string]patientWrite{
	"Schedule": {writeSchedule, nil, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.Schedule(context.Background(), acc, f.ref, 0, wfDay, "11:00", intake.ModePhone)
		return err
	}},
	"RecordAttendance": {writeAttendance, []func(writeFixture) error{stepBook}, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.RecordAttendance(context.Background(), acc, f.ref, 0, true)
		return err
	}},
	"Route": {writeRoute, []func(writeFixture) error{stepBook, stepCame, stepAssess}, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.Route(context.Background(), acc, f.ref, 0, []string{"dps"}, "needs the DPS")
		return err
	}},
	"Withdraw": {writeWithdraw, nil, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.Withdraw(context.Background(), acc, f.ref, 0, "the patient cancelled")
		return err
	}},
	"SaveAssessment": {writeAssessment, []func(writeFixture) error{stepBook, stepCame}, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.SaveAssessment(context.Background(), acc, f.ref, filled(), false, "")
		return err
	}},
	"LogSession": {writeSession, []func(writeFixture) error{stepBook, stepCame, stepAssess, stepHere}, func(f writeFixture, acc intake.Access) error {
		_, err := f.s.LogSession(context.Background(), acc, f.ref, intake.Session{Date: wfDay, Minutes: 30, Mode: intake.SessionInPerson})
		return err
	}},
	"CloseTreatment": {writeCloseTreatment, []func(writeFixture) error{stepBook, stepCame, stepAssess, stepHere, stepSession},
		func(f writeFixture, acc intake.Access) error {
			return f.s.CloseTreatment(context.Background(), acc, f.ref, intake.EpisodeCompleted)
		}},
	"SetGPHerID": {writeGPHerID, nil, func(f writeFixture, acc intake.Access) error {
		return f.s.SetGPHerID(context.Background(), acc, f.ref, "112233")
	}},
	"RecordRejectionHandled": {writeRejectionHandled, []func(writeFixture) error{stepBook, stepCame, stepAssess, stepToDPS, stepRejected},
		func(f writeFixture, acc intake.Access) error {
			return f.s.RecordRejectionHandled(context.Background(), acc, f.ref, "phoned the unit")
		}},
	"RecordConsultation": {accessConsultation, nil, func(f writeFixture, acc intake.Access) error {
		c := seniorConsultation()
		c.Date = wfDay
		_, err := f.s.RecordConsultation(context.Background(), acc, f.ref, c)
		return err
	}},
}

// TestEveryPatientWriteNeedsWork runs each write as a colleague, as the
// registrar once a clinician is drawn and as an admin: refused without a
// reason and with too short a one, leaving nothing behind; made with a
// reason, logged as break-the-glass. The assigned clinician's own steps
// are logged on the basis assigned and asked nothing.
func TestEveryPatientWriteNeedsWork(t *testing.T) {
	for name, w := range patientWrites {
		t.Run(name, func(t *testing.T) {
			f := newWriteFixture(t)
			for _, step := range w.prepare {
				if err := step(f); err != nil {
					t.Fatalf("preparing as the assigned clinician: %v", err)
				}
			}
			for _, who := range []intake.Clinician{f.ola, f.sigrid, admin} {
				before := f.footprint(t)
				if err := w.do(f, intake.Access{Who: who}); !errors.Is(err, intake.ErrNeedReason) {
					t.Errorf("%s (%s) without a reason: %v", who.Username, who.Role, err)
				}
				if err := w.do(f, intake.Access{Who: who, Reason: "curious"}); !errors.Is(err, intake.ErrReasonTooShort) {
					t.Errorf("%s with a seven-letter reason: %v", who.Username, err)
				}
				if after := f.footprint(t); after != before {
					t.Errorf("refused writes left version/events/log %v, was %v", after, before)
				}
			}
			reason := "the patient phoned and kari is away"
			if err := w.do(f, intake.Access{Who: f.ola, Reason: reason}); err != nil {
				t.Fatalf("with a reason: %v", err)
			}
			var actor, what, basis, logged string
			if err := f.s.db.QueryRow(`SELECT actor, what, basis, reason FROM access_log ORDER BY id DESC LIMIT 1`).
				Scan(&actor, &what, &basis, &logged); err != nil {
				t.Fatal(err)
			}
			if actor != "ola" || what != w.what || basis != string(intake.BasisBreakGlass) || logged != reason {
				t.Errorf("logged as %s %s %s %q", actor, what, basis, logged)
			}
			var kariRows, kariAssigned int
			if err := f.s.db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE basis = 'assigned') FROM access_log WHERE actor = 'kari'`).
				Scan(&kariRows, &kariAssigned); err != nil {
				t.Fatal(err)
			}
			if kariRows != len(w.prepare) || kariAssigned != kariRows {
				t.Errorf("kari's %d steps left %d log rows, %d on the basis assigned", len(w.prepare), kariRows, kariAssigned)
			}
		})
	}
}

// Until a clinician is drawn the one who registered the referral acts on
// it freely (basis registrar, listed for the review like their reads).
func TestTheRegistrarChangesTheReferralUntilTheDraw(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	ola := clinician("ola", intake.OrgMunicipal)
	mustAdd(t, s, ola)
	row, err := s.Register(ctx, ola, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person"}, intake.Details{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Withdraw(ctx, intake.Access{Who: admin}, row.Referral.Ref, 0, "registered twice"); !errors.Is(err, intake.ErrNeedReason) {
		t.Errorf("the admin withdrew ola's registration without a reason: %v", err)
	}
	if _, err := s.Withdraw(ctx, intake.Access{Who: ola}, row.Referral.Ref, 0, "registered twice"); err != nil {
		t.Fatalf("the registrar before the draw: %v", err)
	}
	var basis string
	if err := s.db.QueryRow(`SELECT basis FROM access_log WHERE what = ?`, writeWithdraw).Scan(&basis); err != nil || basis != string(intake.BasisRegistrar) {
		t.Errorf("the registrar's withdrawal logged on %q (%v)", basis, err)
	}
}

// correctionWrites change one patient's referral through openPatient (on
// the work need, logged as write:…) but have rules of their own on who may
// act at all (the router or a supervisor; supervisors only), so the walk
// above, which acts as a plain colleague, does not fit them; their tests
// are in corrections_test.go.
var correctionWrites = map[string]string{
	"CorrectRouting": writeCorrectRoute,
	"VoidReferral":   writeVoid,
	"MergeReferral":  writeMerge,
}

// notPatientWrites take the acting user and a string but change no
// patient's referral under the work-need rule, each for the reason given.
var notPatientWrites = map[string]string{
	"Assign":           "the draw: random, chooses nothing, reads nothing of the patient; every draw is recorded",
	"Reassign":         "supervisors only, with a reason kept in the draw history and the trail",
	"NeedsReason":      "reads and writes nothing of the patient",
	"PatientAccess":    "a supervisor's audit, logged on the basis audit",
	"OpenReferralsFor": "a lookup while registering, logged on the basis registrar",
	"FindByNationalID": "a search, each referral found logged as a lookup",
	"PriorReferrals":   "a lookup while registering, each referral found logged as a lookup",
	"Backup":           "the whole file; admins only",
	"SetLeave":         "the roster",
	"RemoveClinician":  "the roster",
	"RetireService":    "the service catalogue",
	"AddSSHKey":        "the roster's SSH keys; admins only",
	"RemoveSSHKey":     "the roster's SSH keys; admins only",
	"SSHKeys":          "the roster's SSH keys; admins only",
}

// TestEveryPatientWriteIsKnown walks every exported method of *Store that
// takes the acting user (an intake.Access, or an intake.Clinician followed
// by a string such as a ref): each must be a read checked in
// access_test.go, a write checked above, or named in notPatientWrites, so a
// new write on one referral cannot skip the work-need check unnoticed.
func TestEveryPatientWriteIsKnown(t *testing.T) {
	accessT, clinicianT, stringT := reflect.TypeOf(intake.Access{}), reflect.TypeOf(intake.Clinician{}), reflect.TypeOf("")
	st := reflect.TypeOf(&Store{})
	var unknown []string
	for i := 0; i < st.NumMethod(); i++ {
		m := st.Method(i)
		takesUser := false
		for k := 1; k < m.Type.NumIn(); k++ {
			in := m.Type.In(k)
			takesUser = takesUser || in == accessT ||
				(in == clinicianT && k+1 < m.Type.NumIn() && m.Type.In(k+1) == stringT)
		}
		_, read := patientReads[m.Name]
		_, write := patientWrites[m.Name]
		_, other := notPatientWrites[m.Name]
		_, supervised := correctionWrites[m.Name]
		if takesUser && !read && !write && !other && !supervised {
			unknown = append(unknown, m.Name)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		t.Errorf("methods act for a user on a string (a ref?) but are not checked for the work need: %v", unknown)
	}
	for name := range patientWrites {
		if _, ok := st.MethodByName(name); !ok {
			t.Errorf("patientWrites names %s, which *Store does not have", name)
		}
	}
}
