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

// accessFixture is one referral walked to a completed assessment and
// routed to treatment in the reception, registered by a supervisor and
// drawn to one of two clinicians.
type accessFixture struct {
	s                  *Store
	ref                string
	id                 int64
	assigned, other    intake.Clinician
	registrar, outside intake.Clinician
}

func newAccessFixture(t *testing.T) accessFixture {
	t.Helper()
	s := newStore(t, true)
	ctx := context.Background()
	kari, ola := clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal)
	sup := intake.Clinician{Username: "sigrid", Name: "Sigrid Supervisor", Org: intake.OrgDPS, Role: intake.RoleSupervisor}
	mustAdd(t, s, kari, ola, sup)
	// The admin and the supervisor go on leave so the draw is between the
	// two clinicians only.
	for _, u := range []string{"root", "sigrid"} {
		if err := s.SetLeave(ctx, admin, u, true); err != nil {
			t.Fatal(err)
		}
	}
	row, err := s.Register(ctx, sup, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: "14838510036"},
		intake.Details{Reason: "low mood"})
	if err != nil {
		t.Fatal(err)
	}
	f := accessFixture{s: s, ref: row.Referral.Ref, registrar: sup, outside: admin}
	if err := s.db.QueryRow(`SELECT id FROM referrals WHERE ref = ?`, f.ref).Scan(&f.id); err != nil {
		t.Fatal(err)
	}
	// Before the draw the registrar reads the record without a reason.
	if _, err := s.ReferralDetail(ctx, intake.Access{Who: sup}, f.ref); err != nil {
		t.Fatalf("the registrar before the draw: %v", err)
	}
	as, err := s.Assign(ctx, admin, f.ref, newSeeded(3))
	if err != nil {
		t.Fatal(err)
	}
	f.assigned, f.other = kari, ola
	if as.Draw.Drawn == "ola" {
		f.assigned, f.other = ola, kari
	}
	day := intake.MustParseDate("2026-11-22")
	steps := []func() error{
		func() error {
			_, err := s.Schedule(ctx, intake.Access{Who: f.assigned}, f.ref, 0, day, "10:00", intake.ModeInPerson)
			return err
		},
		func() error {
			_, err := s.RecordAttendance(ctx, intake.Access{Who: f.assigned}, f.ref, 0, true)
			return err
		},
		func() error {
			_, err := s.SaveAssessment(ctx, intake.Access{Who: f.assigned}, f.ref, filled(), true, "")
			return err
		},
		func() error {
			_, err := s.Route(ctx, intake.Access{Who: f.assigned}, f.ref, 0, []string{intake.ServiceReception}, "short treatment here")
			return err
		},
		func() error {
			_, err := s.LogSession(ctx, intake.Access{Who: f.assigned}, f.ref, intake.Session{Date: day, Minutes: 45, Mode: intake.SessionVideo})
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// logRows counts the access-log rows about the fixture's referral.
func (f accessFixture) logRows(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.s.db.QueryRow(`SELECT count(*) FROM access_log WHERE referral_id = ?`, f.id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f accessFixture) lastLog(t *testing.T) (actor, what, basis, reason string) {
	t.Helper()
	err := f.s.db.QueryRow(`SELECT actor, what, basis, reason FROM access_log ORDER BY id DESC LIMIT 1`).
		Scan(&actor, &what, &basis, &reason)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// patientReads are the store methods that read one patient's
// identifiable data, each called for the fixture's referral.
var patientReads = map[string]func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error){
	"ReferralDetail": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.ReferralDetail(ctx, acc, ref)
	},
	"Assessments": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.Assessments(ctx, acc, ref)
	},
	"Treatment": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.Treatment(ctx, acc, ref)
	},
	"NoteInput": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.NoteInput(ctx, acc, ref, NoteTransfer)
	},
	// Finding a patient and correcting a mistake (find.go, corrections.go).
	"Routings": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.Routings(ctx, acc, ref)
	},
	"PatientHistory": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		return s.PatientHistory(ctx, acc, ref)
	},
	// The transfer e-message discloses the note (messages.go). The
	// fixture's routing (the reception) is no transfer, so the DPS is
	// added to it here, with the addresses a message needs.
	"WriteMessage": func(ctx context.Context, s *Store, acc intake.Access, ref string) (any, error) {
		if err := messageReady(ctx, s, ref); err != nil {
			return nil, err
		}
		return s.WriteMessage(ctx, acc, ref, "dps", false, func(intake.NoteInput, message.Input) error { return nil })
	},
}

// bulkAndLookupReads read identifiable data of many patients, or find a
// patient by national id; each must log (checked in TestBulkReadsAreLogged).
var bulkAndLookupReads = []string{"Export", "Import", "OpenReferralsFor", "PatientAccess", "PriorReferrals", "FindByNationalID"}

// notPatientData hand out access records, which name refs and users but
// nothing of a patient; they are for supervisors only.
var notPatientData = []string{"AccessReview"}

// writesWithResults return a patient's data after changing it; the event
// trail records each in the write's transaction (checked below), and all
// but Register (a new referral) open the patient through openPatient, on
// the work need and logged (checked in write_access_test.go).
var writesWithResults = []string{"Register", "Schedule", "RecordAttendance", "Route", "Withdraw", "SaveAssessment", "LogSession",
	"RecordConsultation", "CorrectRouting"}

// identifiableTypes are the types that carry a patient's identifiable or
// health data out of the store.
var identifiableTypes = []reflect.Type{
	reflect.TypeOf(intake.ExportRow{}), reflect.TypeOf(intake.ReferralRecord{}), reflect.TypeOf(intake.NoteInput{}),
	reflect.TypeOf(intake.AssessmentVersion{}), reflect.TypeOf(intake.TreatmentEpisode{}), reflect.TypeOf(intake.AccessRecord{}),
	reflect.TypeOf(intake.Referral{}), reflect.TypeOf(intake.PriorReferral{}), reflect.TypeOf(intake.Consultation{}),
	reflect.TypeOf(intake.RoutingVersion{}),
}

func carriesIdentifiable(t reflect.Type) bool {
	for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, it := range identifiableTypes {
		if t == it {
			return true
		}
	}
	return false
}

// TestEveryIdentifiableReadIsKnown walks every exported method of *Store:
// one that hands out identifiable data (as a result, or to a callback) and
// is not among the reads checked for logging fails this test, so a new
// method cannot slip past the access log.
func TestEveryIdentifiableReadIsKnown(t *testing.T) {
	known := map[string]bool{}
	for name := range patientReads {
		known[name] = true
	}
	for _, name := range append(append(append([]string(nil), bulkAndLookupReads...), writesWithResults...), notPatientData...) {
		known[name] = true
	}
	st := reflect.TypeOf(&Store{})
	var unchecked []string
	for i := 0; i < st.NumMethod(); i++ {
		m := st.Method(i)
		ft := m.Type
		hands := false
		for k := 0; k < ft.NumOut(); k++ {
			hands = hands || carriesIdentifiable(ft.Out(k))
		}
		for k := 1; k < ft.NumIn(); k++ {
			if in := ft.In(k); in.Kind() == reflect.Func {
				for p := 0; p < in.NumIn(); p++ {
					hands = hands || carriesIdentifiable(in.In(p))
				}
			}
		}
		if hands && !known[m.Name] {
			unchecked = append(unchecked, m.Name)
		}
		delete(known, m.Name)
	}
	sort.Strings(unchecked)
	if len(unchecked) > 0 {
		t.Errorf("methods hand out identifiable data but are not checked for access logging: %v", unchecked)
	}
	for name := range known {
		t.Errorf("the access walk names %s, which *Store does not have", name)
	}
}

// TestPatientReadsAreLoggedAndNeedWork runs each patient read as the
// assigned clinician (logged, basis assigned), as another clinician, a
// supervisor and an admin without a reason (refused, nothing returned,
// nothing logged), with too short a reason (refused), and with a reason
// (logged as break-the-glass with the reason).
func TestPatientReadsAreLoggedAndNeedWork(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	for name, read := range patientReads {
		t.Run(name, func(t *testing.T) {
			before := f.logRows(t)
			got, err := read(ctx, f.s, intake.Access{Who: f.assigned}, f.ref)
			if err != nil {
				t.Fatalf("the assigned clinician: %v", err)
			}
			if reflect.ValueOf(got).IsZero() {
				t.Fatalf("the read returned nothing to check")
			}
			if f.logRows(t) != before+1 {
				t.Fatalf("the assigned clinician's read left %d log rows, want 1", f.logRows(t)-before)
			}
			if actor, _, basis, _ := f.lastLog(t); actor != f.assigned.Username || basis != string(intake.BasisAssigned) {
				t.Errorf("logged as %s on %s", actor, basis)
			}
			for _, who := range []intake.Clinician{f.other, f.registrar, f.outside} {
				before := f.logRows(t)
				got, err := read(ctx, f.s, intake.Access{Who: who}, f.ref)
				if !errors.Is(err, intake.ErrNeedReason) {
					t.Errorf("%s (%s) without a reason: %v", who.Username, who.Role, err)
				}
				if !reflect.ValueOf(got).IsZero() {
					t.Errorf("%s was refused but got data: %+v", who.Username, got)
				}
				if _, err := read(ctx, f.s, intake.Access{Who: who, Reason: "curious"}, f.ref); !errors.Is(err, intake.ErrReasonTooShort) {
					t.Errorf("%s with a seven-letter reason: %v", who.Username, err)
				}
				if f.logRows(t) != before {
					t.Errorf("refused reads left log rows")
				}
			}
			reason := "covering for a colleague on sick leave"
			if _, err := read(ctx, f.s, intake.Access{Who: f.other, Reason: reason}, f.ref); err != nil {
				t.Fatalf("break the glass: %v", err)
			}
			actor, _, basis, logged := f.lastLog(t)
			if actor != f.other.Username || basis != string(intake.BasisBreakGlass) || logged != reason {
				t.Errorf("break the glass logged as %s, %s, %q", actor, basis, logged)
			}
		})
	}
}

// TestBulkReadsAreLogged: an export, an import, a lookup by national id
// and a patient's audit each leave their row, and the patient's audit
// finds the bulk ones by their scope.
func TestBulkReadsAreLogged(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	s := f.s
	count := func(what string) int {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM access_log WHERE what = ?`, what).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := s.Export(ctx, admin, func(intake.ExportRow) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, admin, strings.NewReader("ref,received,channel\nX1,2026-11-01,self\nX2,2026-11-02,self\n"), nil); err != nil {
		t.Fatal(err)
	}
	refs, err := s.OpenReferralsFor(ctx, f.other, "14838510036")
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 0 {
		t.Errorf("a routed referral counted as open: %v", refs)
	}
	if _, err := s.Register(ctx, f.other, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: "14838510036"}, intake.Details{}); err != nil {
		t.Fatal(err)
	}
	if refs, _ := s.OpenReferralsFor(ctx, f.assigned, "14838510036"); len(refs) != 1 {
		t.Errorf("open referrals: %v", refs)
	}
	for what, want := range map[string]int{readExport: 1, readImport: 1, readLookup: 1} {
		if got := count(what); got != want {
			t.Errorf("%s rows: %d, want %d", what, got, want)
		}
	}
	sup := f.registrar
	history, err := s.PatientAccess(ctx, sup, "14838510036")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range history {
		seen[r.What] = true
		if r.Role == intake.RoleAdmin && r.What == readExport && r.Ref != f.ref {
			t.Errorf("export listed under %s", r.Ref)
		}
	}
	for _, what := range []string{readReferral, readExport, readLookup, "changed: registered", "changed: routed"} {
		if !seen[what] {
			t.Errorf("the patient's history lacks %q: %+v", what, history)
		}
	}
	if seen[readImport] {
		t.Error("the patient's history lists an import that did not include them")
	}
	if count(readAudit) != 2 {
		t.Errorf("the audit lookup of two referrals left %d audit rows", count(readAudit))
	}
	if x1, err := s.PatientAccess(ctx, sup, "X1"); err != nil || len(x1) == 0 || x1[0].What != readImport {
		t.Errorf("X1's history: %+v, %v", x1, err)
	}
	if _, err := s.PatientAccess(ctx, f.assigned, f.ref); !errors.Is(err, ErrForbidden) {
		t.Errorf("a clinician read the audit: %v", err)
	}
	if _, err := s.PatientAccess(ctx, sup, "14838510044"); !errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "1483851") {
		t.Errorf("unknown patient: %v", err)
	}
}

// TestWritesLeaveTheirTrail: the writes that hand back a patient's data
// record who made them in the event trail, in the same transaction.
func TestWritesLeaveTheirTrail(t *testing.T) {
	f := newAccessFixture(t)
	events, err := f.s.Events(context.Background(), f.ref)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range events {
		if e.Actor == f.assigned.Username {
			kinds = append(kinds, e.Kind)
		}
	}
	if got := strings.Join(kinds, " "); got != "scheduled attended assessment_completed routed treatment_session" {
		t.Errorf("the assigned clinician's trail: %s", got)
	}
}

// TestAccessReview lists every access not made by the patient's own
// clinician, and the log refuses to be rewritten.
func TestAccessReview(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	reason := "covering for a colleague on sick leave"
	for _, acc := range []intake.Access{{Who: f.assigned}, {Who: f.other, Reason: reason}} {
		if _, err := f.s.ReferralDetail(ctx, acc, f.ref); err != nil {
			t.Fatal(err)
		}
	}
	review, err := f.s.AccessReview(ctx, f.registrar, intake.MustParseDate("2026-11-22"), intake.MustParseDate("2026-11-22"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range review {
		lines = append(lines, r.Actor+" "+string(r.Basis)+" "+r.Ref)
	}
	want := []string{"sigrid registrar " + f.ref, f.other.Username + " break_glass " + f.ref}
	if strings.Join(lines, "; ") != strings.Join(want, "; ") {
		t.Errorf("review: %v, want %v", lines, want)
	}
	if r, _ := f.s.AccessReview(ctx, f.registrar, intake.MustParseDate("2026-11-23"), intake.Date{}); len(r) != 0 {
		t.Errorf("review of tomorrow: %v", r)
	}
	if _, err := f.s.AccessReview(ctx, f.assigned, intake.Date{}, intake.Date{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a clinician read the review: %v", err)
	}
	if _, err := f.s.db.Exec(`UPDATE access_log SET reason = ''`); err == nil {
		t.Error("the access log was rewritten")
	}
	if _, err := f.s.db.Exec(`DELETE FROM access_log`); err == nil {
		t.Error("the access log was deleted")
	}
}
