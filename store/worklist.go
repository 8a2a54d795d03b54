package store

import (
	"context"
	"strings"

	"envei/intake"
)

// The worklist types live in intake so the console can use them without
// depending on the store.
type (
	WorklistQuery = intake.WorklistQuery
	WorklistKey   = intake.WorklistKey
	WorklistRow   = intake.WorklistRow
)

// Worklist returns one page of the worklist: open referrals and patients in
// treatment in the reception. Every page is a range scan of a partial
// index over them (referrals_worklist_*), so the cost
// does not grow with the depth of the page or the number of closed
// referrals; a search filters within that range.
func (s *Store) Worklist(ctx context.Context, q WorklistQuery) ([]WorklistRow, error) {
	query, args := worklistSQL(q)
	out, err := worklistRows(ctx, s.db, query, args...)
	if err != nil {
		return nil, err
	}
	if !q.Before.IsZero() || (q.Last && q.After.IsZero()) {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, nil
}

// worklistSQL builds the page query; a test checks its plan.
func worklistSQL(q WorklistQuery) (string, []any) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var where []string
	var args []any
	switch q.Scope {
	case intake.ScopeOpen:
		where = append(where, `r.on_worklist = 1`)
	case intake.ScopeClosed:
		where = append(where, `r.on_worklist = 0`)
	}
	if q.State != "" {
		where = append(where, `r.state = ?`)
		args = append(args, string(q.State))
	}
	if q.Mine != "" {
		where = append(where, `r.clinician_id = (SELECT id FROM clinicians WHERE username = ?)`)
		args = append(args, q.Mine)
	}
	if q.Search != "" {
		where = append(where, `(lower(r.ref) LIKE lower(?) ESCAPE '\' OR lower(r.name) LIKE lower(?) ESCAPE '\')`)
		like := escapeLike(q.Search)
		args = append(args, like+"%", "%"+like+"%")
	}
	order := `r.due, r.id`
	switch {
	case !q.After.IsZero():
		where = append(where, `(r.due, r.id) > (?, ?)`)
		args = append(args, q.After.Due, q.After.ID)
	case !q.Before.IsZero():
		where = append(where, `(r.due, r.id) < (?, ?)`)
		args = append(args, q.Before.Due, q.Before.ID)
		order = `r.due DESC, r.id DESC`
	case q.Last:
		order = `r.due DESC, r.id DESC`
	}
	args = append(args, q.Limit)
	if len(where) == 0 {
		where = append(where, `1 = 1`) // the all view, unfiltered
	}
	return worklistSelect + `
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY ` + order + ` LIMIT ?`, args
}

// worklistSelect is what a worklist row shows of a referral, scanned by
// worklistRows: administrative columns, no name or national id. A routed
// referral still on the worklist is in treatment in the reception when it
// was routed there and that treatment is not closed (the closed view shows
// routed ones that are not); one with a transfer rejection outstanding is
// flagged, and on the worklist for that (worklist_rejected.go).
const worklistSelect = `
		SELECT r.due, r.id, r.ref, r.version, r.received, r.channel, r.addressed_to,
			coalesce(c.username, ''), r.state, coalesce(r.deadline, ''), r.urgent,
			r.state = 'routed' AND r.on_worklist = 1 AND r.treatment_closed IS NULL
			  AND EXISTS (SELECT 1 FROM referral_outcomes o WHERE o.referral_id = r.id AND o.service_code = 'reception'),
			` + rejectionOutstandingSQL + `
		FROM referrals r LEFT JOIN clinicians c ON c.id = r.clinician_id`

// worklistRows runs a query selecting worklistSelect's columns.
func worklistRows(ctx context.Context, q rowsQueryer, query string, args ...any) ([]WorklistRow, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorklistRow
	for rows.Next() {
		var w WorklistRow
		var received, channel, addressed, state, deadline string
		if err := rows.Scan(&w.Key.Due, &w.Key.ID, &w.Ref, &w.Version, &received, &channel, &addressed,
			&w.Clinician, &state, &deadline, &w.Urgent, &w.InTreatment, &w.MessageRejected); err != nil {
			return nil, err
		}
		w.Received, _ = intake.ParseDate(received)
		w.Due, _ = intake.ParseDate(w.Key.Due)
		w.Deadline, _ = intake.ParseDate(deadline)
		w.Channel, w.AddressedTo, w.State = intake.Channel(channel), intake.Addressee(addressed), intake.State(state)
		out = append(out, w)
	}
	return out, rows.Err()
}

// escapeLike makes user input literal inside a LIKE pattern.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
