package store

import (
	"context"

	"envei/intake"
)

// appendEvent adds one line to the event trail inside the caller's
// transaction, so the trail and the change it records commit together.
// referralID 0 means the event concerns no referral (a roster change).
// detail must not hold a national id or a name. The event is the next
// link of the events hash chain (chain.go).
func appendEvent(ctx context.Context, tx *Tx, at, actor string, referralID int64, kind, detail string) error {
	_, err := appendLink(ctx, tx, eventsChain, at, actor, nullID(referralID), kind, detail)
	return err
}

// Event is one line of the trail.
type Event = intake.Event

// Events returns the trail of one referral, oldest first.
func (s *Store) Events(ctx context.Context, ref string) ([]Event, error) {
	return events(ctx, s.db, ref)
}

func events(ctx context.Context, q rowsQueryer, ref string) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT e.at, e.actor, r.ref, e.kind, e.detail
		FROM events e JOIN referrals r ON r.id = e.referral_id
		WHERE r.ref = ? ORDER BY e.id`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.At, &e.Actor, &e.Ref, &e.Kind, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
