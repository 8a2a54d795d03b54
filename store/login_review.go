package store

import (
	"context"

	"envei/intake"
)

// SessionSummary is one person's served sessions (envei serve) over a
// period, from the access log's session rows: how many began, how many
// ended, how many were turned away, and the first and last login (stored
// UTC timestamps, "" when none began).
type SessionSummary struct {
	Actor                    string
	Logins, Logouts, Refused int
	FirstLogin, LastLogin    string
}

// SessionReview summarises the served sessions per person, by username,
// for the days from to to (Oslo dates; zero leaves that end open), for
// envei audit --review. More logins than logouts means sessions still
// open, or a server that was cut off. Supervisors and admins only. It
// reads usernames and times, nothing of any patient.
func (s *Store) SessionReview(ctx context.Context, who intake.Clinician, from, to intake.Date) ([]SessionSummary, error) {
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
	rows, err := s.db.QueryContext(ctx, `
		SELECT actor,
		       count(*) FILTER (WHERE what = ?3),
		       count(*) FILTER (WHERE what = ?4),
		       count(*) FILTER (WHERE what = ?5),
		       coalesce(min(at) FILTER (WHERE what = ?3), ''),
		       coalesce(max(at) FILTER (WHERE what = ?3), '')
		FROM access_log
		WHERE what IN (?3, ?4, ?5) AND referral_id IS NULL AND at >= ?1 AND at < ?2
		GROUP BY actor ORDER BY actor`,
		lo, hi, string(LoginStart), string(LoginEnd), string(LoginRefused))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []SessionSummary
	for rows.Next() {
		var r SessionSummary
		if err := rows.Scan(&r.Actor, &r.Logins, &r.Logouts, &r.Refused, &r.FirstLogin, &r.LastLogin); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}
