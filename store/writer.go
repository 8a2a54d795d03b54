package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"envei/intake"
	"envei/intake/report"
)

// referralWriter inserts many referrals in one transaction, as imports and
// demo data do. It writes the derived state and deadline and one event per
// referral. Referrals, outcomes and assessments are batched (rowBatch),
// many rows to an INSERT; the events, alike but for the referral's id, are
// written by finish in one INSERT … SELECT over the referrals written.
// finish must come before the commit.
//
// The writer numbers the referrals itself, from the highest id in the
// table on: a multi-row INSERT tells only its last id, and the events,
// outcomes and assessments of a referral need its id before its row is
// written. SQLite would hand out the same numbers (max(id) + 1 in a write
// transaction).
type referralWriter struct {
	store      *Store
	tx         *Tx
	actor      string
	at         string
	event      string
	clinicians map[string]int64      // username → id
	orgs       map[string]intake.Org // username → home organisation
	firstID    int64                 // the id of the first referral written
	nextID     int64
	referrals  *rowBatch
	outcomes   *rowBatch
	// assess, when set, gives the completed assessment of each assessed
	// referral written (demo data); nil writes none (imports carry no
	// assessment bodies).
	assess func(r intake.Referral) intake.Assessment
	// keepBody, when set, says which of those assessments are stored; the
	// rest give their rights decision only (see intake.DemoKeepsBody).
	keepBody    func(r intake.Referral) bool
	assessments *rowBatch
	// seals chain the completed assessments written (chain_bulk.go).
	seals *sealWriter
	// events, in a bulk transaction that writes by COPY, takes each
	// referral's event as the referral is written (eventStream), so the
	// server takes events in while the writer prepares referrals; nil
	// writes them all at finish (writeEvents).
	events *eventStream
}

// referralBatch is how many referral rows go in one INSERT: 100 rows of 27
// values stay well under SQLite's limit of 32766 bound values, and more
// gains little once the statement's own cost is shared a hundred ways.
const referralBatch = 100

func (s *Store) newReferralWriter(ctx context.Context, tx *Tx, actor, event string) (*referralWriter, error) {
	w := &referralWriter{store: s, tx: tx, actor: actor, at: s.stamp(), event: event, clinicians: map[string]int64{}, orgs: map[string]intake.Org{}}
	rows, err := tx.QueryContext(ctx, `SELECT username, id, org FROM clinicians WHERE removed_at IS NULL`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var u, org string
		var id int64
		if err := rows.Scan(&u, &id, &org); err != nil {
			rows.Close()
			return nil, err
		}
		w.clinicians[u], w.orgs[u] = id, intake.Org(org)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM referrals`).Scan(&w.nextID); err != nil {
		return nil, err
	}
	w.firstID = w.nextID
	// The report tally keys (migration 0013) are computed here, as
	// retally computes them for every other write (retally.go).
	w.referrals = newRowBatch(tx, `referrals (id, ref, received, channel, addressed_to, national_id, name, birth_date, gp,
			clinician_id, first_conversation, attended, assessed, routed, withdrawn, state, deadline, due, on_worklist, updated_at,
			rights_decided, rights_right, rights_late, gp_her_id, `+tallyColumns+`)`,
		24+tallyColumnCount, referralBatch)
	w.outcomes = newRowBatch(tx, `referral_outcomes (referral_id, service_code)`, 2, 200)
	w.assessments = newRowBatch(tx, `assessments (id, referral_id, version, status, body, author, saved_at)`, 7, 20)
	w.seals = newSealWriter(tx)
	if tx.copy != nil {
		w.events = newEventStream(w)
	}
	// Rows that refer to a referral are written after it, seals after
	// their assessments.
	for _, b := range []*rowBatch{w.outcomes, w.assessments} {
		b.before = w.referrals.flush
	}
	w.seals.batch.before = w.assessments.flush
	if w.events != nil {
		w.events.batch.before = w.referrals.flush
	}
	return w, nil
}

// finish writes the rows still batched and the events.
func (w *referralWriter) finish(ctx context.Context) error {
	for _, b := range w.batches() {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	if w.nextID == w.firstID || w.events != nil {
		w.firstID = w.nextID
		return nil
	}
	if err := w.writeEvents(ctx); err != nil {
		return mapErr(err)
	}
	w.firstID = w.nextID
	return nil
}

func (w *referralWriter) close() {
	for _, b := range w.batches() {
		b.close()
	}
}

// batches are the writer's row batches, in the order finish flushes them.
func (w *referralWriter) batches() []*rowBatch {
	out := []*rowBatch{w.referrals, w.outcomes, w.assessments, w.seals.batch}
	if w.events != nil {
		out = append(out, w.events.batch)
	}
	return out
}

// prepared is a referral with what writing it needs that takes no
// database: its deadline and its assessment (demo data). A bulk load
// prepares on one core while the writer writes on the other.
type prepared struct {
	r          intake.Referral
	deadline   intake.Date
	assessment []byte // nil: none stored
	rights     intake.RightsAssessment
}

// prepare works out what write needs besides the database. It reads only
// what newReferralWriter and the caller set up before the first write, so
// it may run beside write.
func (w *referralWriter) prepare(r intake.Referral) (prepared, error) {
	p := prepared{r: r, deadline: r.AssessmentDeadline(w.store.cal)}
	if w.assess != nil && !r.Assessed.IsZero() {
		a := w.assess(r)
		a.Rights = intake.DecideRights(a.Rights, p.deadline)
		p.rights = a.Rights
		if w.keepBody == nil || w.keepBody(r) {
			body, err := json.Marshal(a)
			if err != nil {
				return p, err
			}
			p.assessment = body
		}
	}
	return p, nil
}

// write queues one referral that intake has already validated and returns
// the id it will have. A ref that is already in the database gives
// ErrDuplicate when its batch is written (at the latest by finish), without
// saying which row it was: an import that must name the row looks its refs
// up first.
func (w *referralWriter) write(ctx context.Context, r intake.Referral) (int64, error) {
	p, err := w.prepare(r)
	if err != nil {
		return 0, err
	}
	return w.writePrepared(ctx, p)
}

func (w *referralWriter) writePrepared(ctx context.Context, p prepared) (int64, error) {
	r, deadline, assessment, rights := p.r, p.deadline, p.assessment, p.rights
	var clinician any
	if r.Clinician != "" {
		id, ok := w.clinicians[r.Clinician]
		if !ok {
			return 0, fmt.Errorf("clinician is not on the roster: %w", ErrNotFound)
		}
		clinician = id
	}
	addressed := r.AddressedTo
	if addressed == "" {
		addressed = intake.AddressedNone
	}
	row := report.RowOf(r, w.orgs[r.Clinician], deadline)
	var rightsDecided, rightsRight any
	if rights.Right != intake.NotAnswered {
		rightsDecided, rightsRight = nullDate(rights.DecidedAt), string(rights.Right)
		row.RightsDecided = rights.DecidedAt
	}
	id := w.nextID
	values := append(make([]any, 0, 32), id, r.Ref, r.Received.String(), string(r.Channel), string(addressed),
		nullString(r.NationalID), r.Name, nullDate(r.BirthDate), r.GP, clinician,
		nullDate(r.FirstConversation), nullString(string(r.Attended)), nullDate(r.Assessed), nullDate(r.Routed), nullDate(r.Withdrawn),
		string(r.State()), nullDate(deadline), r.Due(w.store.cal).String(),
		// An imported episode in the reception is taken as closed: its
		// sessions are not part of the interchange format.
		intake.OnWorklist(r, true), w.at,
		rightsDecided, rightsRight, rights.Late, r.GPHerID)
	if err := w.referrals.add(ctx, append(values, tallyValues(row)...)...); err != nil {
		return 0, err
	}
	w.nextID++
	if w.events != nil {
		if err := w.events.add(ctx, id); err != nil {
			return 0, err
		}
	}
	for _, code := range r.Outcomes {
		if err := w.outcomes.add(ctx, id, code); err != nil {
			return 0, err
		}
	}
	if assessment != nil {
		savedAt := r.Assessed.String() + "T10:00:00Z"
		if err := w.writeCompletedAssessment(ctx, id, string(assessment), r.Clinician, savedAt); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// sortedCodes returns the codes sorted, as the tally keys hold them
// (tally_key.go).
func sortedCodes(codes []string) []string {
	if slices.IsSorted(codes) {
		return codes
	}
	return slices.Sorted(slices.Values(codes))
}
