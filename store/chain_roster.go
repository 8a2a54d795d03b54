package store

import (
	"context"
	"fmt"
	"strings"
)

// verifyRoster replays the roster's events (chained, so as written) and
// compares the result with the clinicians table, which is not a chain:
// someone who made themself admin with an UPDATE left no event, and shows
// here. Only the role and who is on the roster are compared; the name and
// organisation may be read from the table as they are.
func verifyRoster(ctx context.Context, q rowsQueryer) ([]string, error) {
	trail := map[string]string{} // username → role, for those on the roster
	rows, err := q.QueryContext(ctx, `SELECT kind, actor, detail FROM events
		WHERE referral_id IS NULL AND kind IN ('database_created', 'clinician_added', 'clinician_changed', 'clinician_removed')
		ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var kind, actor, detail string
		if err := rows.Scan(&kind, &actor, &detail); err != nil {
			rows.Close()
			return nil, err
		}
		fields := strings.Fields(detail)
		switch {
		case kind == "database_created":
			trail[actor] = "admin" // the creator is put on the roster as admin
		case kind == "clinician_removed" && len(fields) > 0:
			delete(trail, fields[0])
		case len(fields) > 0: // added or changed: "username role=R org=O"
			for _, f := range fields[1:] {
				if role, ok := strings.CutPrefix(f, "role="); ok {
					trail[fields[0]] = role
				}
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, username, role FROM clinicians WHERE removed_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id int64
		var username, role string
		if err := rows.Scan(&id, &username, &role); err != nil {
			return nil, err
		}
		want, ok := trail[username]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("clinicians id %d: on the roster, but no event put them there (written outside envei)", id))
		case want != role:
			problems = append(problems, fmt.Sprintf("clinicians id %d: role %s, but the event trail says %s (changed outside envei)", id, role, want))
		}
	}
	return problems, rows.Err()
}
