package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"envei/intake"
	"envei/intake/report"
)

// tallySQL is one grouping query and the part of a tally its rows carry.
// Every query reads the leading columns of one covering index
// (referrals_report_*) in their order, so SQLite groups while it walks the
// index, with no sort and no table row. The statistics' query selects
// month, channel, addressed_to, clinician_org, state, attended,
// outcome_codes, the three day counts, deadline_class, open_deadline and
// the count; the funnel by month's select only what their part carries
// (report_month.go), since reading a column costs as much as comparing
// one.
type tallySQL struct {
	query string
	args  []any
	part  report.TallyPart
}

// tallyQueries returns the grouping queries for the referrals received
// from from to to (zero dates leave that end open). Stats group by where
// the referral was addressed and the deadline, in one query; the funnel by
// month groups by month in two (see report.TallyPart).
//
// indexedBy names the covering index each query is to read, in the
// engine's words (engine.indexedBy).
func tallyQueries(byMonth bool, from, to intake.Date, indexedBy func(index string) string) []tallySQL {
	// The period, and for the statistics: voided referrals are left out
	// (see reported in report.go).
	var period []string
	var args []any
	if !from.IsZero() {
		period, args = append(period, `received >= ?`), append(args, from.String())
	}
	if !to.IsZero() {
		period, args = append(period, `received <= ?`), append(args, to.String())
	}
	where := `WHERE ` + strings.Join(append([]string{`state <> 'voided'`}, period...), ` AND `)
	if !byMonth {
		const group = `channel, addressed_to, clinician_org, state, attended, outcome_codes,
			days_to_first, days_to_routed, days_to_withdrawn, deadline_class, open_deadline`
		return []tallySQL{{`SELECT '', ` + group + `, count(*)
			FROM referrals ` + indexedBy("referrals_report_stats") + where + ` GROUP BY ` + group, args, report.TallyWhole}}
	}
	// The funnel by month: the referrals received, attended and at each
	// closing stage with the days to routing and withdrawal, then the
	// assigned and scheduled with the days to the first conversation
	// (store/migrations/0012_funnel_month.sql).
	// Both group by the state and leave the voided groups out as they
	// are read (report_month.go): testing every entry's state costs as
	// much as a fifth of the walk, grouping by it almost nothing more.
	where = ``
	if len(period) > 0 {
		where = `WHERE ` + strings.Join(period, ` AND `)
	}
	const counts = `received_month, state, outcome_codes, days_to_routed, days_to_withdrawn, attended`
	const first = `received_month, attended, days_to_first, state`
	return []tallySQL{
		{`SELECT ` + counts + `, count(*)
			FROM referrals ` + indexedBy("referrals_report_month_counts") + where + ` GROUP BY ` + counts, args, report.TallyCounts},
		{`SELECT ` + first + `, count(*), count(clinician_org)
			FROM referrals ` + indexedBy("referrals_report_month_first") + where + ` GROUP BY ` + first, args, report.TallyFirst},
	}
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
	// The tallies are gathered (a few thousand at most) and handed to fn
	// once the read is over, so a read the server breaks off is run again
	// whole without fn counting any tally twice. span is called inside
	// the read, again on each run, with the same days: it only widens a
	// range.
	var gathered []report.Tally
	gather := func(t report.Tally) error {
		t.Outcomes = slices.Clone(t.Outcomes) // the scanners reuse theirs
		gathered = append(gathered, t)
		return nil
	}
	err := s.inReadTx(ctx, func(tx *Tx) error {
		gathered = gathered[:0]
		if err := reportSpan(ctx, tx, from, to, span); err != nil {
			return err
		}
		sc := newReportScanner()
		for _, q := range tallyQueries(byMonth, from, to, s.eng.indexedBy) {
			scan := scanTallies
			switch q.part {
			case report.TallyCounts:
				scan = scanMonthCounts
			case report.TallyFirst:
				scan = scanMonthFirst
			}
			if err := scan(ctx, tx, q, sc, gather); err != nil {
				return err
			}
		}
		if byMonth {
			return nil // the funnel by month counts no consultations
		}
		return scanConsultTallies(ctx, tx, from, to, sc, gather)
	})
	if err != nil {
		return err
	}
	for _, t := range gathered {
		if err := fn(t); err != nil {
			return err
		}
	}
	return nil
}

// scanTallies runs one grouping query and hands fn its tallies.
func scanTallies(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
	rows, err := tx.QueryContext(ctx, q.query, q.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
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
			Deadline: report.DeadlineNone, Part: q.part,
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
func reportSpan(ctx context.Context, tx *Tx, from, to intake.Date, span func(first, last intake.Date)) error {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	// Two queries, not one: SQLite answers a lone min() or max() with one
	// seek in the received index, but min() and max() together with a
	// walk over every entry in the range (0.23 s of a funnel at 1M).
	var first, last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(received) FROM referrals WHERE received >= ? AND received <= ? AND state <> 'voided'`,
		lo, hi).Scan(&first); err != nil {
		return mapErr(err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT max(received) FROM referrals WHERE received >= ? AND received <= ? AND state <> 'voided'`,
		lo, hi).Scan(&last); err != nil {
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
