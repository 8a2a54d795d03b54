package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"envei/intake"
)

// patientAccessQuery is everything that touched one referral (?1): reads
// of it, bulk reads whose scope covered it, and changes from the event
// trail. Three selects rather than one OR, so each uses its own index.
const patientAccessQuery = `
SELECT a.at, a.actor, a.role, a.what, a.basis, a.reason FROM access_log a
WHERE a.referral_id = ?1
UNION ALL
SELECT a.at, a.actor, a.role, a.what, a.basis, a.reason FROM access_log a
WHERE a.referral_id IS NULL AND (
      (a.what = 'export' AND a.scope_max_id >= ?1)
   OR (a.what = 'import' AND ?1 BETWEEN a.scope_min_id AND a.scope_max_id))
UNION ALL
SELECT e.at, e.actor, '', 'changed: ' || e.kind, '', '' FROM events e
WHERE e.referral_id = ?1`

// PatientAccess lists who accessed a patient's data and when — what the
// patient is entitled to see — oldest first. patient is a ref or a
// national id (every referral the person has had). Supervisors and admins
// only; the lookup is itself logged, as an audit access of each referral.
func (s *Store) PatientAccess(ctx context.Context, who intake.Clinician, patient string) ([]intake.AccessRecord, error) {
	if !who.Role.AtLeast(intake.RoleSupervisor) {
		return nil, ErrForbidden
	}
	patient = strings.TrimSpace(patient)
	var out []intake.AccessRecord
	err := s.InTx(ctx, func(tx *Tx) error {
		out = nil // fn may run again (InTx)
		query := `SELECT id, ref FROM referrals WHERE ref = ?`
		if _, err := intake.ParseNationalID(patient, true); err == nil {
			query = `SELECT id, ref FROM referrals WHERE national_id = ? ORDER BY ref`
		}
		refs, err := referralRefs(ctx, tx, query, patient)
		if err != nil {
			return err
		}
		if len(refs) == 0 {
			// The input may be a national id: never repeat it.
			return fmt.Errorf("no referral for that patient: %w", ErrNotFound)
		}
		for _, f := range refs {
			list, err := accessRecords(ctx, tx, `SELECT ?2, at, actor, role, what, basis, reason FROM (`+patientAccessQuery+`) AS touched`, f.id, f.ref)
			if err != nil {
				return err
			}
			out = append(out, list...)
		}
		at := s.stamp()
		for _, f := range refs {
			err := logAccess(ctx, tx, at, accessEntry{actor: who, referralID: f.id, what: readAudit, basis: intake.BasisAudit})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out, nil
}

// accessRecords runs a query selecting ref, at, actor, role, what, basis
// and reason, and returns its rows as access records.
func accessRecords(ctx context.Context, q rowsQueryer, query string, args ...any) ([]intake.AccessRecord, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.AccessRecord
	for rows.Next() {
		var r intake.AccessRecord
		var role, basis string
		if err := rows.Scan(&r.Ref, &r.At, &r.Actor, &role, &r.What, &basis, &r.Reason); err != nil {
			return nil, err
		}
		r.Role, r.Basis = intake.Role(role), intake.AccessBasis(basis)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AccessReview lists the accesses the monthly review looks at — every one
// not made by the patient's own clinician (break-the-glass first among
// them in importance, but listed in time order) — made on the days from
// from to to (Oslo dates; zero leaves that end open). Supervisors and
// admins only. It reads refs and usernames, nothing of any patient.
func (s *Store) AccessReview(ctx context.Context, who intake.Clinician, from, to intake.Date) ([]intake.AccessRecord, error) {
	if !who.Role.AtLeast(intake.RoleSupervisor) {
		return nil, ErrForbidden
	}
	lo, hi := "", "9999"
	if !from.IsZero() {
		lo = osloMidnightUTC(from)
	}
	if !to.IsZero() {
		hi = osloMidnightUTC(to.AddDays(1))
	}
	out, err := accessRecords(ctx, s.db, `
		SELECT coalesce(r.ref, ''), a.at, a.actor, a.role, a.what, a.basis, a.reason
		FROM access_log a LEFT JOIN referrals r ON r.id = a.referral_id
		WHERE a.basis <> 'assigned' AND a.at >= ? AND a.at < ?
		ORDER BY a.at, a.id`, lo, hi)
	return out, mapErr(err)
}

// osloMidnightUTC is the start of day d in Norway as a stored timestamp.
func osloMidnightUTC(d intake.Date) string {
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, intake.Oslo)
	return t.UTC().Format(time.RFC3339)
}
