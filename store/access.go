package store

import (
	"context"
	"strings"

	"envei/intake"
)

// What was read, as the access log names it.
const (
	readReferral   = "referral"
	readAssessment = "assessment"
	readTreatment  = "treatment"
	readLookup     = "lookup" // an open referral found by national id while registering
	readExport     = "export"
	readImport     = "import"
	readAudit      = "audit"
)

// What was changed, as the access log names a write. A change to a
// patient's referral follows the same work-need rule as reading it and
// goes through the same door (openPatient): the patient's own clinician
// (or the registrar until a clinician is drawn) acts freely, anyone else
// gives a reason that is logged here and reviewed. The event trail says
// what changed; this row says on what basis, and why.
const (
	writeSchedule       = "write:schedule" // booking or rebooking the first conversation
	writeAttendance     = "write:attendance"
	writeRoute          = "write:route" // routing, or closing after a missed visit
	writeWithdraw       = "write:withdraw"
	writeAssessment     = "write:assessment" // a draft, the completion or an amendment
	writeSession        = "write:treatment_session"
	writeCloseTreatment = "write:treatment_close"
	writeCorrectRoute   = "write:route_correction" // a routing corrected as a new version
	writeVoid           = "write:void"
	writeMerge          = "write:merge" // both the duplicate and the referral that stays
)

// maxReasonLength bounds what a break-the-glass reason may hold; a longer
// one is cut, never refused, since the user is in a hurry.
const maxReasonLength = 500

// accessEntry is one row of the access log.
type accessEntry struct {
	actor      intake.Clinician
	referralID int64 // 0 for a bulk access
	what       string
	basis      intake.AccessBasis
	reason     string
	// A bulk access's scope: referrals received from..to (empty: open end)
	// with ids minID..maxID (0: open end).
	from, to     string
	minID, maxID int64
}

// logAccess writes one row of the access log inside the caller's
// transaction, the same one that reads the data, so no read commits
// without its row and no row claims a read that rolled back.
func logAccess(ctx context.Context, tx *Tx, at string, e accessEntry) error {
	reason := strings.TrimSpace(e.reason)
	if r := []rune(reason); len(r) > maxReasonLength {
		reason = string(r[:maxReasonLength])
	}
	// The row is the next link of the access log's hash chain (chain.go).
	_, err := appendLink(ctx, tx, accessChain,
		at, e.actor.Username, string(e.actor.Role), nullID(e.referralID), e.what, string(e.basis), reason,
		nullString(e.from), nullString(e.to), nullID(e.minID), nullID(e.maxID))
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// openPatient is the one door to a patient's identifiable data, for reading
// and for changing it: it loads the referral, decides acc's basis
// (intake.Access), and logs the access as what (a read, or one of the
// write:… names) — all inside tx. A caller reads or changes nothing of the
// patient before it returns without error.
func (s *Store) openPatient(ctx context.Context, tx *Tx, acc intake.Access, ref, what string) (storedReferral, error) {
	if !acc.Who.Role.AtLeast(intake.RoleClinician) {
		return storedReferral{}, ErrForbidden
	}
	// A reason is printed in the review on a supervisor's terminal: refuse
	// control characters before anything is read or logged.
	if err := intake.CheckLine("reason", acc.Reason); err != nil {
		return storedReferral{}, err
	}
	sr, err := loadReferral(ctx, tx, ref)
	if err != nil {
		return sr, err
	}
	basis, err := s.basisFor(ctx, tx, acc, sr)
	if err != nil {
		return storedReferral{}, err
	}
	err = logAccess(ctx, tx, s.stamp(), accessEntry{
		actor: acc.Who, referralID: sr.id, what: what, basis: basis, reason: acc.Reason,
	})
	if err != nil {
		return storedReferral{}, err
	}
	return sr, nil
}

// basisFor applies the work-need rule to a stored referral.
func (s *Store) basisFor(ctx context.Context, q queryer, acc intake.Access, sr storedReferral) (intake.AccessBasis, error) {
	var registeredBy string
	if err := q.QueryRowContext(ctx, `SELECT registered_by FROM referrals WHERE id = ?`, sr.id).Scan(&registeredBy); err != nil {
		return "", err
	}
	return acc.AccessBasisFor(intake.PatientContext{Clinician: sr.row.Referral.Clinician, RegisteredBy: registeredBy})
}

// NeedsReason says whether opening ref's record would need a
// break-the-glass reason from who, without reading or logging anything of
// the patient: the console asks for the reason before it opens the record.
func (s *Store) NeedsReason(ctx context.Context, who intake.Clinician, ref string) (bool, error) {
	sr, err := loadReferral(ctx, s.db, ref)
	if err != nil {
		return false, err
	}
	_, err = s.basisFor(ctx, s.db, intake.Access{Who: who}, sr)
	switch {
	case err == nil:
		return false, nil
	case err == intake.ErrNeedReason:
		return true, nil
	}
	return false, err
}

// referralRef is a referral's row id and ref.
type referralRef struct {
	id  int64
	ref string
}

// referralRefs runs a query selecting id, ref and returns the rows, read
// in full before the caller writes log rows in the same transaction.
func referralRefs(ctx context.Context, q rowsQueryer, query string, args ...any) ([]referralRef, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []referralRef
	for rows.Next() {
		var r referralRef
		if err := rows.Scan(&r.id, &r.ref); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
