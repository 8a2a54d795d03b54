package store

import (
	"context"
	"database/sql"
	"fmt"

	"envei/intake"
	"envei/intake/report"
)

// The funnel by month reads two groupings (tallyQueries): the referrals
// received, attended and at each closing stage with the days to routing
// and withdrawal, then the assigned and scheduled with the days to the
// first conversation. Each selects only the columns its part carries:
// reading a column out costs about as much as comparing one.

// scanMonthCounts hands fn the tallies of the first grouping.
func scanMonthCounts(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
	rows, err := tx.QueryContext(ctx, q.query, q.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var (
		month, state, codes, attended sql.RawBytes
		routed, withdrawn             sql.NullInt64
		n                             int
		buf                           []string
		period                        monthCache
	)
	days := func(v sql.NullInt64) int {
		if !v.Valid {
			return report.NoDays
		}
		return int(v.Int64)
	}
	for rows.Next() {
		if err := rows.Scan(&month, &state, &codes, &routed, &withdrawn, &attended, &n); err != nil {
			return mapErr(err)
		}
		if string(state) == string(intake.StateVoided) {
			continue // counted nowhere (see reported in report.go)
		}
		buf = report.SplitCodes(sc.intern(codes), buf)
		t := report.Tally{
			N: n, State: intake.State(sc.intern(state)), Attended: intake.Attendance(sc.intern(attended)), Outcomes: buf,
			DaysToFirst: report.NoDays, DaysToRouted: days(routed), DaysToWithdrawn: days(withdrawn),
			Deadline: report.DeadlineNone, Part: report.TallyCounts,
		}
		if t.Period, err = period.of(sc, month); err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// scanMonthFirst hands fn the tallies of the second grouping: a group with
// a first conversation booked is assigned and scheduled; of a group
// without one, only those with a clinician (count(clinician_org)) count,
// as assigned.
func scanMonthFirst(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
	rows, err := tx.QueryContext(ctx, q.query, q.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var (
		month, attended, state sql.RawBytes
		first                  sql.NullInt64
		n, assigned            int
		period                 monthCache
	)
	for rows.Next() {
		if err := rows.Scan(&month, &attended, &first, &state, &n, &assigned); err != nil {
			return mapErr(err)
		}
		if string(state) == string(intake.StateVoided) {
			continue
		}
		t := report.Tally{N: n, Assigned: true, Attended: intake.Attendance(sc.intern(attended)), DaysToFirst: report.NoDays,
			DaysToRouted: report.NoDays, DaysToWithdrawn: report.NoDays, Deadline: report.DeadlineNone, Part: report.TallyFirst}
		switch {
		case first.Valid:
			t.DaysToFirst = int(first.Int64)
		case assigned > 0:
			t.N = assigned
		default:
			continue
		}
		if t.Period, err = period.of(sc, month); err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// monthCache turns a stored month (YYYY-MM) into its first day, once for
// the run of groups of the same month.
type monthCache struct {
	last []byte
	day  intake.Date
}

func (c *monthCache) of(sc *reportScanner, month []byte) (intake.Date, error) {
	if len(month) == 0 {
		return intake.Date{}, nil
	}
	if c.last != nil && string(c.last) == string(month) {
		return c.day, nil
	}
	d, err := sc.date(append(append([]byte(nil), month...), "-01"...))
	if err != nil {
		return d, fmt.Errorf("referral tally: damaged month")
	}
	c.last, c.day = append(c.last[:0], month...), d
	return d, nil
}
