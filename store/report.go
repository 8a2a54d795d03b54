package store

import (
	"context"
	"database/sql"
	"fmt"

	"envei/intake"
	"envei/intake/report"
)

// reportColumns is what the reports need of a referral, and nothing that
// names a patient: no ref, name, national id, birth date or GP. The
// outcomes are joined once, one result row per referral and outcome (a
// referral without outcomes once), instead of looked up per referral.
const reportColumns = `
SELECT r.id, r.received, r.channel, r.addressed_to, r.clinician_id IS NOT NULL, coalesce(c.org, ''),
       coalesce(r.first_conversation, ''), coalesce(r.attended, ''), coalesce(r.routed, ''),
       coalesce(r.withdrawn, ''), coalesce(r.deadline, ''), coalesce(r.rights_decided, ''), r.state,
       coalesce(o.service_code, '')
FROM referrals r
LEFT JOIN clinicians c ON c.id = r.clinician_id
LEFT JOIN referral_outcomes o ON o.referral_id = r.id
`

// reportQuery returns the query for referrals received from from to to
// (zero dates leave that end open) and its arguments. Each order keeps a
// referral's rows together and needs no sort: without dates, a table scan
// in id order; with dates, the received index (received, then id) reads
// only the range.
func reportQuery(from, to intake.Date) (string, []any) {
	switch {
	case from.IsZero() && to.IsZero():
		return reportColumns + `WHERE ` + reported + ` ORDER BY r.id`, nil
	case to.IsZero():
		return reportColumns + `WHERE r.received >= ? AND ` + reported + ` ORDER BY r.received, r.id`, []any{from.String()}
	case from.IsZero():
		return reportColumns + `WHERE r.received <= ? AND ` + reported + ` ORDER BY r.received, r.id`, []any{to.String()}
	}
	return reportColumns + `WHERE r.received >= ? AND r.received <= ? AND ` + reported + ` ORDER BY r.received, r.id`,
		[]any{from.String(), to.String()}
}

// reported leaves out voided referrals (a duplicate merged or a
// registration voided, migration 0005): they were never a patient's
// referral of their own, so no report counts them, not even as withdrawn.
// state leads or follows in every report index, so the test costs no
// table read.
const reported = `r.state <> 'voided'`

// ReportRows calls fn with one report row for every referral received from
// from to to, inclusive (zero dates leave that end open), streaming inside
// one read-only transaction, so the reports see one consistent state while
// others write and a million referrals never sit in memory. The row's
// Outcomes are reused for the next row: fn must not keep them. Supervisors
// and admins only.
func (s *Store) ReportRows(ctx context.Context, who intake.Clinician, from, to intake.Date, fn func(report.Row) error) error {
	if !who.Role.AtLeast(intake.RoleSupervisor) {
		return ErrForbidden
	}
	// The rows are handed on as read: a read broken off before the first
	// is run again, one broken off after is ErrReadInterrupted.
	return s.inStreamReadTx(ctx, func(tx *Tx, handed *bool) error {
		consulted, err := consultCounts(ctx, tx)
		if err != nil {
			return err
		}
		query, args := reportQuery(from, to)
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return eachReportRow(rows, func(id int64, row report.Row) error {
			*handed = true
			row.Consultations = consulted[id]
			return fn(row)
		})
	})
}

// reportScanner reads report rows with few allocations: text columns are
// read as raw bytes, and the few distinct values they take (states,
// codes, dates) are kept once and shared.
type reportScanner struct {
	text     map[string]string
	dates    map[string]intake.Date
	row      report.Row
	outcomes []string

	id                                                      int64
	assigned                                                bool
	received, channel, addressed, org, first, attended      sql.RawBytes
	routed, withdrawn, deadline, rightsDecided, state, code sql.RawBytes
}

func newReportScanner() *reportScanner {
	return &reportScanner{text: map[string]string{}, dates: map[string]intake.Date{}}
}

// scan reads one result row. The referral's own columns are parsed into
// row only when the id differs from current (its first result row); the
// outcome code is returned either way.
func (sc *reportScanner) scan(rows *sql.Rows, row *report.Row, current int64) (int64, string, error) {
	err := rows.Scan(&sc.id, &sc.received, &sc.channel, &sc.addressed, &sc.assigned, &sc.org,
		&sc.first, &sc.attended, &sc.routed, &sc.withdrawn, &sc.deadline, &sc.rightsDecided, &sc.state, &sc.code)
	if err != nil {
		return 0, "", err
	}
	code := sc.intern(sc.code)
	if sc.id == current {
		return sc.id, code, nil
	}
	*row = report.Row{
		Channel:      intake.Channel(sc.intern(sc.channel)),
		AddressedTo:  intake.Addressee(sc.intern(sc.addressed)),
		Assigned:     sc.assigned,
		ClinicianOrg: intake.Org(sc.intern(sc.org)),
		Attended:     intake.Attendance(sc.intern(sc.attended)),
		State:        intake.State(sc.intern(sc.state)),
	}
	for _, d := range []struct {
		text sql.RawBytes
		into *intake.Date
	}{{sc.received, &row.Received}, {sc.first, &row.FirstConversation}, {sc.routed, &row.Routed},
		{sc.withdrawn, &row.Withdrawn}, {sc.deadline, &row.Deadline}, {sc.rightsDecided, &row.RightsDecided}} {
		if *d.into, err = sc.date(d.text); err != nil {
			// Stored dates were written from intake.Date values: a
			// failure means a damaged row, reported without its content.
			return 0, "", fmt.Errorf("referral row %d: damaged date", sc.id)
		}
	}
	return sc.id, code, nil
}

// start begins collecting the outcomes of a new referral.
func (sc *reportScanner) start(row report.Row) {
	sc.row = row
	sc.outcomes = sc.outcomes[:0]
}

// done returns the collected referral.
func (sc *reportScanner) done() report.Row {
	r := sc.row
	if len(sc.outcomes) > 0 {
		r.Outcomes = sc.outcomes
	}
	return r
}

// intern returns b as a string, the same string for the same bytes; the
// lookup does not allocate.
func (sc *reportScanner) intern(b []byte) string {
	if s, ok := sc.text[string(b)]; ok {
		return s
	}
	s := string(b)
	sc.text[s] = s
	return s
}

// date parses a stored YYYY-MM-DD once per distinct day; "" is the zero
// Date.
func (sc *reportScanner) date(b []byte) (intake.Date, error) {
	if len(b) == 0 {
		return intake.Date{}, nil
	}
	if d, ok := sc.dates[string(b)]; ok {
		return d, nil
	}
	d, err := intake.ParseDate(string(b))
	if err != nil {
		return d, err
	}
	sc.dates[string(b)] = d
	return d, nil
}
