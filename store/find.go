package store

import (
	"context"

	"envei/intake"
)

// Finding a patient: by national id across every referral, open or
// closed, and a patient's history from one of their referrals. Both show
// the worklist's administrative columns only; both say that a person has
// referrals here, which is itself personal data, so every referral found
// is logged as a lookup, in the same transaction as the read.

// readHistory names the access log row of the referral a history was
// opened from.
const readHistory = "history"

// historyOrder lists a person's referrals newest first.
const historyOrder = ` ORDER BY r.received DESC, r.id DESC`

// FindByNationalID returns every referral, open or closed, of the person
// with this national id, newest first. Each one found is logged as a
// lookup by who (as OpenReferralsFor does while registering): the
// patient's own clinician's lookup of their own patient on that basis,
// anyone else's on the registrar basis, which the monthly review lists.
func (s *Store) FindByNationalID(ctx context.Context, who intake.Clinician, nationalID string) ([]intake.WorklistRow, error) {
	if !who.Role.AtLeast(intake.RoleClinician) {
		return nil, ErrForbidden
	}
	var out []intake.WorklistRow
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		out, err = worklistRows(ctx, tx, worklistSelect+` WHERE r.national_id = ?`+historyOrder, nationalID)
		if err != nil {
			return err
		}
		return logLookups(ctx, tx, s.stamp(), who, out, "")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// PatientHistory returns every referral of the person whose referral ref
// is (by national id), newest first, ref included; a referral without a
// national id has only itself. Opening the history opens ref's record
// under the work-need rule (openPatient, logged as history); each other
// referral found is logged as a lookup. Opening one of them is a read of
// its own, under the same rule.
func (s *Store) PatientHistory(ctx context.Context, acc intake.Access, ref string) ([]intake.WorklistRow, error) {
	var out []intake.WorklistRow
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, readHistory)
		if err != nil {
			return err
		}
		if sr.row.Referral.NationalID == "" {
			out, err = worklistRows(ctx, tx, worklistSelect+` WHERE r.id = ?`, sr.id)
			return err
		}
		out, err = worklistRows(ctx, tx, worklistSelect+` WHERE r.national_id = ?`+historyOrder, sr.row.Referral.NationalID)
		if err != nil {
			return err
		}
		return logLookups(ctx, tx, s.stamp(), acc.Who, out, ref)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// logLookups logs each referral in found but skip as a lookup by who.
func logLookups(ctx context.Context, tx *Tx, at string, who intake.Clinician, found []intake.WorklistRow, skip string) error {
	for _, f := range found {
		if f.Ref == skip {
			continue
		}
		basis := intake.BasisRegistrar
		if f.Clinician != "" && f.Clinician == who.Username {
			basis = intake.BasisAssigned
		}
		err := logAccess(ctx, tx, at, accessEntry{actor: who, referralID: f.Key.ID, what: readLookup, basis: basis})
		if err != nil {
			return err
		}
	}
	return nil
}

// CountClosed returns how many referrals are off the worklist (routed,
// withdrawn, voided, treatment closed): the empty worklist says so and
// offers them. Administrative, logged nowhere.
func (s *Store) CountClosed(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM referrals WHERE on_worklist = 0`).Scan(&n)
	return n, mapErr(err)
}
