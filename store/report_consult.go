package store

import (
	"context"
	"database/sql"

	"envei/intake"
	"envei/intake/report"
)

// consultTallySQL groups the consulted referrals received in the range by
// where they were addressed and how many consultations of each kind they
// have. It walks the consultations (few referrals have any), not the
// referrals, so envei stats at a million referrals pays for the
// consultations alone.
const consultTallySQL = `
SELECT r.channel, r.addressed_to, k.senior, k.gp, count(*)
FROM (SELECT referral_id, count(*) FILTER (WHERE kind = 'senior') AS senior, count(*) FILTER (WHERE kind = 'gp') AS gp
      FROM consultations GROUP BY referral_id) k
JOIN referrals r ON r.id = k.referral_id
WHERE r.received >= ? AND r.received <= ? AND r.state <> 'voided'
GROUP BY r.channel, r.addressed_to, k.senior, k.gp`

// receivedRange is the range of received dates as text bounds, open ends
// filled in.
func receivedRange(from, to intake.Date) (string, string) {
	lo, hi := "", "9999-12-31"
	if !from.IsZero() {
		lo = from.String()
	}
	if !to.IsZero() {
		hi = to.String()
	}
	return lo, hi
}

// scanConsultTallies hands fn the consultation tallies
// (report.TallyConsultations) of the referrals received from..to.
func scanConsultTallies(ctx context.Context, tx *Tx, from, to intake.Date, sc *reportScanner, fn func(report.Tally) error) error {
	lo, hi := receivedRange(from, to)
	rows, err := tx.QueryContext(ctx, consultTallySQL, lo, hi)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var channel, addressed sql.RawBytes
	for rows.Next() {
		var t report.Tally
		if err := rows.Scan(&channel, &addressed, &t.Consultations.Senior, &t.Consultations.GP, &t.N); err != nil {
			return mapErr(err)
		}
		t.Channel, t.AddressedTo = intake.Channel(sc.intern(channel)), intake.Addressee(sc.intern(addressed))
		t.Part, t.Deadline, t.DaysToFirst, t.DaysToRouted, t.DaysToWithdrawn = report.TallyConsultations,
			report.DeadlineNone, report.NoDays, report.NoDays, report.NoDays
		if err := fn(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// consultCounts reads every consulted referral's counts, by referral id,
// for ReportRows to attach to its rows (a map of the few that have any).
func consultCounts(ctx context.Context, tx *Tx) (map[int64]intake.ConsultationCounts, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT referral_id, count(*) FILTER (WHERE kind = 'senior'), count(*) FILTER (WHERE kind = 'gp') FROM consultations GROUP BY referral_id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]intake.ConsultationCounts{}
	for rows.Next() {
		var id int64
		var c intake.ConsultationCounts
		if err := rows.Scan(&id, &c.Senior, &c.GP); err != nil {
			return nil, mapErr(err)
		}
		out[id] = c
	}
	return out, mapErr(rows.Err())
}
