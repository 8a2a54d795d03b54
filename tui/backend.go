package tui

import (
	"context"

	"envei/intake"
	"envei/intake/report"
)

// Backend is what the console needs from a store. *store.Store satisfies it;
// tests use the same real store on a temp file.
type Backend interface {
	Worklist(ctx context.Context, q intake.WorklistQuery) ([]intake.WorklistRow, error)
	// The reads of a patient's data check the work need and log the
	// access (intake.Access); NeedsReason asks first, reading nothing.
	ReferralDetail(ctx context.Context, acc intake.Access, ref string) (intake.ReferralRecord, error)
	NeedsReason(ctx context.Context, who intake.Clinician, ref string) (bool, error)
	// ReferralVersion is administrative: it tells a changed referral
	// without reading the patient's data.
	ReferralVersion(ctx context.Context, ref string) (int64, error)
	OpenReferralsFor(ctx context.Context, who intake.Clinician, nationalID string) ([]string, error)
	// PriorReferrals finds every referral of a national id (logged as a
	// lookup), for the register form to show as soon as the id is typed.
	PriorReferrals(ctx context.Context, who intake.Clinician, nationalID string) ([]intake.PriorReferral, error)
	CountReferrals(ctx context.Context) (int, error)

	Register(ctx context.Context, who intake.Clinician, r intake.Referral, d intake.Details) (intake.ExportRow, error)
	Assign(ctx context.Context, who intake.Clinician, ref string, src intake.RandomSource) (intake.Assignment, error)
	Reassign(ctx context.Context, who intake.Clinician, ref, reason string, src intake.RandomSource) (intake.Assignment, error)
	// The changes to one patient's referral follow the work need like the
	// reads: acc carries the break-the-glass reason when the patient is
	// not the user's, and the store refuses the change without it.
	Schedule(ctx context.Context, acc intake.Access, ref string, seen int64, day intake.Date, clock string, mode intake.Mode) (intake.ExportRow, error)
	RecordAttendance(ctx context.Context, acc intake.Access, ref string, seen int64, attended bool) (intake.ExportRow, error)
	Route(ctx context.Context, acc intake.Access, ref string, seen int64, outcomes []string, note string) (intake.ExportRow, error)
	Withdraw(ctx context.Context, acc intake.Access, ref string, seen int64, reason string) (intake.ExportRow, error)

	Treatment(ctx context.Context, acc intake.Access, ref string) (intake.TreatmentEpisode, error)
	LogSession(ctx context.Context, acc intake.Access, ref string, s intake.Session) (intake.TreatmentEpisode, error)
	CloseTreatment(ctx context.Context, acc intake.Access, ref string, outcome intake.EpisodeOutcome) error

	// RecordConsultation writes a consultation with the senior
	// psychiatrist or the GP's office under the work-need rule.
	RecordConsultation(ctx context.Context, acc intake.Access, ref string, c intake.Consultation) (intake.Consultation, error)

	NoteInput(ctx context.Context, acc intake.Access, ref string, kind string) (intake.NoteInput, error)
	// RecordRejectionHandled records that the referral's rejected
	// e-messages were dealt with another way, under the work-need rule.
	RecordRejectionHandled(ctx context.Context, acc intake.Access, ref, note string) error

	// ReportTallies hands the reports the referrals received in the
	// period grouped into tallies (no names, ids or refs), and the first
	// and last day received to span.
	ReportTallies(ctx context.Context, who intake.Clinician, from, to intake.Date, byMonth bool, span func(first, last intake.Date), fn func(report.Tally) error) error

	Assessments(ctx context.Context, acc intake.Access, ref string) ([]intake.AssessmentVersion, error)
	SaveAssessment(ctx context.Context, acc intake.Access, ref string, a intake.Assessment, complete bool, reason string) (intake.AssessmentVersion, error)

	Roster(ctx context.Context) ([]intake.Clinician, error)
	AddClinician(ctx context.Context, who intake.Clinician, c intake.Clinician) error
	UpdateClinician(ctx context.Context, who intake.Clinician, c intake.Clinician) error
	SetLeave(ctx context.Context, who intake.Clinician, username string, onLeave bool) error

	Services(ctx context.Context) ([]intake.Service, error)
	AddService(ctx context.Context, who intake.Clinician, svc intake.Service) error
	RetireService(ctx context.Context, who intake.Clinician, code string, retired bool) error
	// ServiceAddresses and SetServiceAddress are the services' receiving
	// units, the receivers of the transfer e-messages.
	ServiceAddresses(ctx context.Context) ([]intake.ServiceAddress, error)
	SetServiceAddress(ctx context.Context, who intake.Clinician, a intake.ServiceAddress) error

	findFixBackend // finding a patient, correcting a mistake
}
