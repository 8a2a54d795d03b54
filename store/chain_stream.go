package store

import "context"

// eventStream writes a bulk writer's events one referral at a time, as
// links of the events chain, through the transaction's COPY: on
// PostgreSQL the events then go to the server while the writer still
// prepares referrals, instead of all after them. The first load of a
// million referrals spent 5 s with the client busy and the server two
// thirds idle, then 3 s the other way round writing the events.
//
// The chain's head is read when the first event is written; nothing
// else appends to the events chain in a bulk transaction (the writer
// holds the write lock, and the import's own trail entries are in the
// access log). The events reference their referrals, so the referrals
// batched so far are handed on first (batch.before).
type eventStream struct {
	w       *referralWriter
	batch   *rowBatch
	started bool
	base    int64  // the event of referral id gets the id base + id
	prev    []byte // the last link's hash
}

func newEventStream(w *referralWriter) *eventStream {
	return &eventStream{w: w, batch: newRowBatch(w.tx, `events (id, at, actor, referral_id, kind, detail, hash)`, 7, 100)}
}

// add queues the event of the referral with this id, the next after the
// last one added.
func (e *eventStream) add(ctx context.Context, id int64) error {
	w := e.w
	if !e.started {
		last, prev, err := chainHead(ctx, w.tx, eventsChain)
		if err != nil {
			return err
		}
		e.base, e.prev, e.started = last+1-id, prev, true
	}
	h := linkHash(eventsChain.name, e.prev, e.base+id, []any{w.at, w.actor, id, w.event, ""})
	e.prev = h
	return e.batch.add(ctx, e.base+id, w.at, w.actor, id, w.event, "", h)
}
