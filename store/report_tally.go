package store

import (
	"context"
	"database/sql"
	"fmt"

	"envei/intake"
	"envei/intake/report"
)

// tallyColumns are the grouped columns of both tally queries after the
// period; they lead the covering indexes referrals_report_* in this order,
// so SQLite groups while it walks the index, with no sort and no table row.
const tallyColumns = `clinician_org, state, attended, outcome_codes, days_to_first, days_to_routed, days_to_withdrawn`

// tallyQuery returns the grouping query for the referrals received from
// from to to (zero dates leave that end open). Stats group by where the
// referral was addressed and the deadline; the funnel by month groups by
// month. Both read only their index.
func tallyQuery(byMonth bool, from, to intake.Date) (string, []any) {
	var where string
	var args []any
	switch {
	case !from.IsZero() && !to.IsZero():
		where, args = `WHERE received >= ? AND received <= ?`, []any{from.String(), to.String()}
	case !from.IsZero():
		where, args = `WHERE received >= ?`, []any{from.String()}
	case !to.IsZero():
		where, args = `WHERE received <= ?`, []any{to.String()}
	}
	if byMonth {
		return `SELECT received_month, '', '', ` + tallyColumns + `, NULL, NULL, count(*)
			FROM referrals INDEXED BY referrals_report_month ` + where + `
			GROUP BY received_month, ` + tallyColumns, args
	}
	return `SELECT '', channel, addressed_to, ` + tallyColumns + `, deadline_class, open_deadline, count(*)
		FROM referrals INDEXED BY referrals_report_stats ` + where + `
		GROUP BY channel, addressed_to, ` + tallyColumns + `, deadline_class, open_deadline`, args
}

// ReportTallies hands fn the referrals received from from to to grouped
// into tallies (report.Tally), and span the first and last day received
// among them: what ReportRows gives row by row, in a few thousand groups
// for a million referrals. byMonth groups by the month received too (the
// funnel by month); otherwise a tally has no period and the channel,
// where the referral was addressed and its deadline are filled in (stats,
// and the funnel over all). One read-only transaction; supervisors and
// admins only.
func (s *Store) ReportTallies(ctx context.Context, who intake.Clinician, from, to intake.Date, byMonth bool,
	span func(first, last intake.Date), fn func(report.Tally) error) error {
	if !who.Role.AtLeast(intake.RoleSupervisor) {
		return ErrForbidden
	}
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if err := reportSpan(ctx, tx, from, to, span); err != nil {
		return err
	}
	query, args := tallyQuery(byMonth, from, to)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	sc := newReportScanner()
	var (
		month, channel, addressed, state, attended, codes sql.RawBytes
		org, openDeadline                                 sql.NullString
		first, routed, withdrawn, deadline                sql.NullInt64
		n                                                 int
		buf                                               []string
		day                                               []byte
	)
	days := func(v sql.NullInt64) int {
		if !v.Valid {
			return report.NoDays
		}
		return int(v.Int64)
	}
	for rows.Next() {
		if err := rows.Scan(&month, &channel, &addressed, &org, &state, &attended, &codes,
			&first, &routed, &withdrawn, &deadline, &openDeadline, &n); err != nil {
			return mapErr(err)
		}
		buf = report.SplitCodes(sc.intern(codes), buf)
		t := report.Tally{
			N: n, Channel: intake.Channel(sc.intern(channel)), AddressedTo: intake.Addressee(sc.intern(addressed)),
			Assigned: org.Valid, ClinicianOrg: intake.Org(org.String), State: intake.State(sc.intern(state)),
			Attended: intake.Attendance(sc.intern(attended)), Outcomes: buf,
			DaysToFirst: days(first), DaysToRouted: days(routed), DaysToWithdrawn: days(withdrawn),
			Deadline: report.DeadlineNone,
		}
		if deadline.Valid {
			t.Deadline = int(deadline.Int64)
		}
		if openDeadline.Valid {
			if t.OpenDeadline, err = sc.date([]byte(openDeadline.String)); err != nil {
				return fmt.Errorf("referral tally: damaged deadline")
			}
		}
		if len(month) > 0 {
			day = append(append(day[:0], month...), "-01"...)
			if t.Period, err = sc.date(day); err != nil {
				return fmt.Errorf("referral tally: damaged month")
			}
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// reportSpan finds the first and last day received in the range, from the
// received index.
func reportSpan(ctx context.Context, tx *sql.Tx, from, to intake.Date, span func(first, last intake.Date)) error {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	var first, last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(received), max(received) FROM referrals WHERE received >= ? AND received <= ?`,
		lo, hi).Scan(&first, &last); err != nil {
		return mapErr(err)
	}
	if !first.Valid {
		return nil
	}
	f, err1 := intake.ParseDate(first.String)
	l, err2 := intake.ParseDate(last.String)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("referral row: damaged date received")
	}
	span(f, l)
	return nil
}
