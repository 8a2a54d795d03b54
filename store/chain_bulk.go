package store

import (
	"context"
)

// bulkEventChunk is how many events one INSERT … SELECT of writeEvents
// writes: their hashes go in one bound blob of 32 bytes a row (3 MB).
const bulkEventChunk = 100000

// writeEvents appends one event per referral the writer wrote, in the
// order of the referrals, as links of the events chain. The writer
// numbered the referrals from firstID on and nothing else wrote referrals
// in this transaction. The rows are copied from the referrals in SQL
// (binding five values a row was a fifth of an import's work in the
// statement layer); their ids and hashes are worked out here, in Go, since
// every value they cover is known, and handed over as one blob that the
// SELECT cuts 32 bytes a row from.
func (w *referralWriter) writeEvents(ctx context.Context) error {
	last, prev, err := chainHead(ctx, w.tx, eventsChain)
	if err != nil {
		return err
	}
	// The event of referral id gets the id base + id.
	base := last + 1 - w.firstID
	if !w.tx.eng.insertSelectSlices() {
		return w.writeEventRows(ctx, base, prev)
	}
	for from := w.firstID; from < w.nextID; from += bulkEventChunk {
		to := min(from+bulkEventChunk, w.nextID)
		hashes := make([]byte, 0, (to-from)*hashSize)
		for id := from; id < to; id++ {
			h := linkHash(eventsChain.name, prev, base+id, []any{w.at, w.actor, id, w.event, ""})
			hashes = append(hashes, h...)
			prev = h
		}
		_, err := w.tx.ExecContext(ctx, `INSERT OR FAIL INTO events (id, at, actor, referral_id, kind, detail, hash)
			SELECT ?1 + id, ?2, ?3, id, ?4, '', substr(?5, (id - ?6) * 32 + 1, 32)
			FROM referrals WHERE id >= ?6 AND id < ?7 ORDER BY id`,
			base, w.at, w.actor, w.event, hashes, from, to)
		if err != nil {
			return err
		}
	}
	return nil
}

// writeEventRows is writeEvents for an engine that cannot cut the hashes
// from one bound blob in an INSERT … SELECT (PostgreSQL's substr takes an
// integer position, and the store's SQL is one text for both engines):
// the events go in as rows of values, many to a statement.
func (w *referralWriter) writeEventRows(ctx context.Context, base int64, prev []byte) error {
	events := newRowBatch(w.tx, `events (id, at, actor, referral_id, kind, detail, hash)`, 7, 100)
	defer events.close()
	for id := w.firstID; id < w.nextID; id++ {
		h := linkHash(eventsChain.name, prev, base+id, []any{w.at, w.actor, id, w.event, ""})
		if err := events.add(ctx, base+id, w.at, w.actor, id, w.event, "", h); err != nil {
			return err
		}
		prev = h
	}
	return events.flush(ctx)
}

// sealWriter seals the completed assessments a bulk writer writes (demo
// data), batched like the rows they seal. It learns the next assessment id
// and the chain's head when it writes its first seal, so a registration,
// which writes none, pays nothing for it.
type sealWriter struct {
	tx      *Tx
	batch   *rowBatch
	started bool
	nextID  int64  // the id the next assessment gets
	seq     int64  // the last seal's seq
	prev    []byte // the last seal's hash
}

func newSealWriter(tx *Tx) *sealWriter {
	return &sealWriter{tx: tx, batch: newRowBatch(tx, `assessment_seals (seq, assessment_id, hash)`, 3, 100)}
}

// writeCompletedAssessment queues version 1 of a referral's assessment,
// completed, and its seal.
func (w *referralWriter) writeCompletedAssessment(ctx context.Context, referralID int64, body, author, savedAt string) error {
	sw := w.seals
	if !sw.started {
		if err := w.tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM assessments`).Scan(&sw.nextID); err != nil {
			return err
		}
		var err error
		if sw.seq, sw.prev, err = chainHead(ctx, w.tx, sealsChain); err != nil {
			return err
		}
		sw.started = true
	}
	id := sw.nextID
	const version, status = 1, "completed"
	if err := w.assessments.add(ctx, id, referralID, version, status, body, author, savedAt); err != nil {
		return err
	}
	sw.nextID++
	sw.seq++
	// The content as the row will hold it, amendment_reason at its default.
	sw.prev = linkHash(sealsChain.name, sw.prev, sw.seq, []any{id, referralID, version, status, body, author, savedAt, ""})
	return sw.batch.add(ctx, sw.seq, id, sw.prev)
}
