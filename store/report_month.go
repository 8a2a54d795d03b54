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
// first conversation. Each groups by its own packed key (tally_key.go),
// which carries only what its part needs.

// scanMonthCounts hands fn the tallies of the first grouping.
func scanMonthCounts(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
	rows, err := tx.QueryContext(ctx, q.query, q.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var (
		key sql.RawBytes
		n   int
		k   = keyScanner{sc: sc}
	)
	for rows.Next() {
		if err := rows.Scan(&key, &n); err != nil {
			return mapErr(err)
		}
		t, err := k.monthCounts(key, n)
		if err != nil {
			return err
		}
		if t.State == intake.StateVoided {
			continue // counted nowhere (see reported in report.go)
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// scanMonthFirst hands fn the tallies of the second grouping: a group with
// a first conversation booked is assigned and scheduled; of a group
// without one, only a group with a clinician assigned counts, as
// assigned.
func scanMonthFirst(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
	rows, err := tx.QueryContext(ctx, q.query, q.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var (
		key sql.RawBytes
		n   int
		k   = keyScanner{sc: sc}
	)
	for rows.Next() {
		if err := rows.Scan(&key, &n); err != nil {
			return mapErr(err)
		}
		t, state, assigned, err := k.monthFirst(key, n)
		if err != nil {
			return err
		}
		if state == intake.StateVoided || (t.DaysToFirst == report.NoDays && !assigned) {
			continue
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
