package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"envei/intake/report"
)

// The report tally of a referral (migration 0004; packed into three keys
// by migration 0013, tally_key.go) is derived from its other columns by
// intake/report's TallyOf, the rule the reports apply row by row, so the
// deadline class and the day counts are written down once, in Go, for both
// engines. The bulk writer computes the keys as it writes each row
// (writer.go); every other write that changes a column they are derived
// from (received, state, the first conversation and attendance, routed,
// withdrawn, deadline, rights_decided, clinician_id, the outcomes, or a
// clinician's org) calls retally in its own transaction. Until migration
// 0010 SQLite triggers kept a second copy of the rule;
// TestEveryWriteKeepsTheTally walks every write of *Store.

// tallyColumns are the derived columns, in the order tallyValues gives
// their values.
const tallyColumns = `tally_key, month_counts_key, month_first_key`

// tallyColumnCount is how many columns tallyColumns names.
const tallyColumnCount = 3

// Which referrals a retally reads: by id, or all of one clinician's (the
// referrals_clinician index; a clinician may have tens of thousands).
const (
	retallyByID        = `r.id IN (%s)`
	retallyByClinician = `r.clinician_id = (SELECT id FROM clinicians WHERE username = ?)`
)

// retallyQuery reads the referrals for which cond holds as the reports
// read them, a referral's rows together.
func retallyQuery(cond string) string { return reportColumns + `WHERE ` + cond + ` ORDER BY r.id` }

// tallyValues returns the tally columns of a referral from its report row,
// in the order of tallyColumns.
func tallyValues(r report.Row) []any {
	k := tallyKeysOf(r)
	return []any{k.stats, k.monthCounts, k.monthFirst}
}

// retally recomputes and writes the tally columns of the referrals with
// these ids, from what tx has written so far.
func retally(ctx context.Context, tx *Tx, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return retallyWhere(ctx, tx, fmt.Sprintf(retallyByID, strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")), args...)
}

// retallyClinician retallies every referral of the clinician with this
// username: clinician_org is the organisation the roster gives them now.
func retallyClinician(ctx context.Context, tx *Tx, username string) error {
	return retallyWhere(ctx, tx, retallyByClinician, username)
}

// retallyWhere retallies the referrals r for which cond holds. The report
// query reads them as the reports do (reportColumns: a referral's rows
// together, one per outcome); the values are all computed before the first
// UPDATE, so no statement runs while the query's rows are open.
func retallyWhere(ctx context.Context, tx *Tx, cond string, args ...any) error {
	type tallied struct {
		id     int64
		values []any
	}
	var all []tallied
	rows, err := tx.QueryContext(ctx, retallyQuery(cond), args...)
	if err != nil {
		return err
	}
	err = eachReportRow(rows, func(id int64, r report.Row) error {
		all = append(all, tallied{id, tallyValues(r)})
		return nil
	})
	rows.Close()
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return nil
	}
	update, err := tx.PrepareContext(ctx, `UPDATE referrals SET (`+tallyColumns+`) = (?, ?, ?) WHERE id = ?`)
	if err != nil {
		return err
	}
	defer update.Close()
	for _, t := range all {
		if _, err := update.ExecContext(ctx, append(t.values, t.id)...); err != nil {
			return err
		}
	}
	return nil
}

// eachReportRow calls fn with each referral of rows, a query of
// reportColumns ordered so that a referral's rows come together, as
// ReportRows reads them (without the consultations). The row's Outcomes
// are reused for the next referral: fn must not keep them.
func eachReportRow(rows *sql.Rows, fn func(id int64, r report.Row) error) error {
	sc := newReportScanner()
	var row report.Row
	current := int64(-1)
	for rows.Next() {
		id, code, err := sc.scan(rows, &row, current)
		if err != nil {
			return err
		}
		if id != current {
			if current >= 0 {
				if err := fn(current, sc.done()); err != nil {
					return err
				}
			}
			sc.start(row)
			current = id
		}
		if code != "" {
			sc.outcomes = append(sc.outcomes, code)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if current >= 0 {
		return fn(current, sc.done())
	}
	return nil
}
