package tui

import (
	"context"

	"envei/intake"
)

// findFixBackend is what finding a patient and correcting a mistake need
// of the store (store/find.go, store/corrections.go). The reads and writes
// of a patient's referral take an intake.Access: the work-need rule and
// the access log apply to them as to every other read.
type findFixBackend interface {
	// FindByNationalID logs each referral found as a lookup.
	FindByNationalID(ctx context.Context, who intake.Clinician, nationalID string) ([]intake.WorklistRow, error)
	PatientHistory(ctx context.Context, acc intake.Access, ref string) ([]intake.WorklistRow, error)
	CountClosed(ctx context.Context) (int, error)

	CorrectRouting(ctx context.Context, acc intake.Access, ref string, seen int64, outcomes []string, note, reason string) (intake.ExportRow, error)
	VoidReferral(ctx context.Context, acc intake.Access, ref string, seen int64, reason string) error
	MergeReferral(ctx context.Context, acc intake.Access, dup, into, reason string) error
}
