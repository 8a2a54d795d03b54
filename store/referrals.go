package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"envei/intake"
)

// referralColumns is the SELECT list scanned by scanReferral.
const referralColumns = `
	r.id, r.version, r.ref, r.received, r.channel, r.addressed_to,
	coalesce(r.national_id, ''), r.name, coalesce(r.birth_date, ''), r.gp,
	coalesce(c.username, ''), coalesce(c.org, ''),
	coalesce(r.first_conversation, ''), coalesce(r.attended, ''), coalesce(r.assessed, ''),
	coalesce(r.routed, ''), coalesce(r.withdrawn, ''), coalesce(r.deadline, ''),
	coalesce((SELECT string_agg(o.service_code, '+' ORDER BY s.position)
	          FROM referral_outcomes o JOIN services s ON s.code = o.service_code
	          WHERE o.referral_id = r.id), ''),
	coalesce(r.voided, ''), coalesce((SELECT m.ref FROM referrals m WHERE m.id = r.merged_into), ''), r.gp_her_id`

const referralFrom = ` FROM referrals r LEFT JOIN clinicians c ON c.id = r.clinician_id `

// storedReferral is a referral with what the store keeps besides it.
type storedReferral struct {
	id      int64
	version int64
	row     intake.ExportRow
}

type scanner interface{ Scan(dest ...any) error }

func scanReferral(sc scanner) (storedReferral, error) {
	var s storedReferral
	var received, channel, addressed, birth, org, first, attended, assessed, routed, withdrawn, deadline, outcomes, voided string
	r := &s.row.Referral
	err := sc.Scan(&s.id, &s.version, &r.Ref, &received, &channel, &addressed,
		&r.NationalID, &r.Name, &birth, &r.GP, &r.Clinician, &org,
		&first, &attended, &assessed, &routed, &withdrawn, &deadline, &outcomes, &voided, &r.MergedInto, &r.GPHerID)
	if err != nil {
		return s, err
	}
	r.Channel, r.AddressedTo, r.Attended = intake.Channel(channel), intake.Addressee(addressed), intake.Attendance(attended)
	s.row.ClinicianOrg = intake.Org(org)
	// Stored dates were written by this package from intake.Date values;
	// a parse failure means a damaged row and is reported, not skipped.
	for _, d := range []struct {
		text string
		into *intake.Date
	}{{received, &r.Received}, {birth, &r.BirthDate}, {first, &r.FirstConversation}, {assessed, &r.Assessed},
		{routed, &r.Routed}, {withdrawn, &r.Withdrawn}, {deadline, &s.row.Deadline}, {voided, &r.Voided}} {
		if d.text == "" {
			continue
		}
		if *d.into, err = intake.ParseDate(d.text); err != nil {
			return s, fmt.Errorf("referral row %d: damaged date", s.id)
		}
	}
	if outcomes != "" {
		r.Outcomes = splitOutcomes(outcomes)
	}
	return s, nil
}

func splitOutcomes(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '+' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

// loadReferral reads one referral by ref inside a transaction or from the pool.
func loadReferral(ctx context.Context, q queryer, ref string) (storedReferral, error) {
	s, err := scanReferral(q.QueryRowContext(ctx, `SELECT `+referralColumns+referralFrom+`WHERE r.ref = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("referral %s: %w", intake.EchoRef(ref), ErrNotFound)
	}
	return s, err
}

// ReferralVersion returns a referral's version, which grows with every
// change: the console polls it to notice another clinician's change
// without reading (or logging a read of) the patient's data.
func (s *Store) ReferralVersion(ctx context.Context, ref string) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT version FROM referrals WHERE ref = ?`, ref).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("referral %s: %w", intake.EchoRef(ref), ErrNotFound)
	}
	return v, mapErr(err)
}

// nullDate stores the zero Date as NULL.
func nullDate(d intake.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CountReferrals returns how many referrals the database holds.
func (s *Store) CountReferrals(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM referrals`).Scan(&n)
	return n, err
}

// CountByState returns the number of referrals in each state.
func (s *Store) CountByState(ctx context.Context) (map[intake.State]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT state, count(*) FROM referrals GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[intake.State]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[intake.State(st)] = n
	}
	return out, rows.Err()
}
