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
// Every query groups by one packed key (tally_key.go) and reads the
// covering index (key, received) of that key in its order, so both engines
// group while they walk the index, with no sort and no table row, and
// compare keys byte by byte. Each selects the key and the count; the
// scanners read the key back into a tally.
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
	// The period. Voided referrals (see reported in report.go) are not
	// left out here but as their groups are read: the state is part of
	// every key, and the state column is not in the indexes (a WHERE on
	// it would read every table row).
	var period []string
	var args []any
	if !from.IsZero() {
		period, args = append(period, `received >= ?`), append(args, from.String())
	}
	if !to.IsZero() {
		period, args = append(period, `received <= ?`), append(args, to.String())
	}
	where := ``
	if len(period) > 0 {
		where = `WHERE ` + strings.Join(period, ` AND `)
	}
	query := func(key, index string) string {
		return `SELECT ` + key + `, count(*) FROM referrals ` + indexedBy(index) + where + ` GROUP BY ` + key
	}
	if !byMonth {
		return []tallySQL{{query(`tally_key`, `referrals_report_stats`), args, report.TallyWhole}}
	}
	// The funnel by month: the referrals received, attended and at each
	// closing stage with the days to routing and withdrawal, then the
	// assigned and scheduled with the days to the first conversation
	// (store/migrations/0012_funnel_month.sql).
	return []tallySQL{
		{query(`month_counts_key`, `referrals_report_month_counts`), args, report.TallyCounts},
		{query(`month_first_key`, `referrals_report_month_first`), args, report.TallyFirst},
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
			if err := scanTallies(ctx, tx, q, sc, gather); err != nil {
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

// scanTallies runs one grouping query and hands fn its tallies, leaving
// out the groups that count nowhere (keyScanner.tally).
func scanTallies(ctx context.Context, tx *Tx, q tallySQL, sc *reportScanner, fn func(report.Tally) error) error {
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
		t, counted, err := k.tally(q.part, key, n)
		if err != nil {
			return err
		}
		if !counted {
			continue
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
