package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"envei/intake"
)

// referralWriter inserts many referrals in one transaction with prepared
// statements, as imports and demo data do. It writes the derived state and
// deadline and one event per referral.
type referralWriter struct {
	store      *Store
	tx         *sql.Tx
	actor      string
	at         string
	event      string
	clinicians map[string]int64 // username → id
	insRef     *sql.Stmt
	insOutcome *sql.Stmt
	insEvent   *sql.Stmt
	// assess, when set, gives the completed assessment of each assessed
	// referral written (demo data); nil writes none (imports carry no
	// assessment bodies).
	assess    func(r intake.Referral) intake.Assessment
	insAssess *sql.Stmt
	setRights *sql.Stmt
}

func (s *Store) newReferralWriter(ctx context.Context, tx *sql.Tx, actor, event string) (*referralWriter, error) {
	w := &referralWriter{store: s, tx: tx, actor: actor, at: s.stamp(), event: event, clinicians: map[string]int64{}}
	rows, err := tx.QueryContext(ctx, `SELECT username, id FROM clinicians WHERE removed_at IS NULL`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var u string
		var id int64
		if err := rows.Scan(&u, &id); err != nil {
			rows.Close()
			return nil, err
		}
		w.clinicians[u] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		into **sql.Stmt
		sql  string
	}{
		{&w.insRef, `INSERT INTO referrals (ref, received, channel, addressed_to, national_id, name, birth_date, gp,
			clinician_id, first_conversation, attended, assessed, routed, withdrawn, state, deadline, due, on_worklist, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.insOutcome, `INSERT INTO referral_outcomes (referral_id, service_code) VALUES (?, ?)`},
		{&w.insEvent, `INSERT INTO events (at, actor, referral_id, kind, detail) VALUES (?, ?, ?, ?, '')`},
		{&w.insAssess, `INSERT INTO assessments (referral_id, version, status, body, author, saved_at) VALUES (?, 1, 'completed', ?, ?, ?)`},
		{&w.setRights, `UPDATE referrals SET rights_decided = ?, rights_right = ?, rights_late = ? WHERE id = ?`},
	} {
		if *p.into, err = tx.PrepareContext(ctx, p.sql); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

func (w *referralWriter) close() {
	for _, st := range []*sql.Stmt{w.insRef, w.insOutcome, w.insEvent, w.insAssess, w.setRights} {
		if st != nil {
			st.Close()
		}
	}
}

// write inserts one referral that intake has already validated. A ref that
// is already in the database gives ErrDuplicate.
func (w *referralWriter) write(ctx context.Context, r intake.Referral) (int64, error) {
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
	res, err := w.insRef.ExecContext(ctx, r.Ref, r.Received.String(), string(r.Channel), string(addressed),
		nullString(r.NationalID), r.Name, nullDate(r.BirthDate), r.GP, clinician,
		nullDate(r.FirstConversation), nullString(string(r.Attended)), nullDate(r.Assessed), nullDate(r.Routed), nullDate(r.Withdrawn),
		string(r.State()), nullDate(r.AssessmentDeadline(w.store.cal)), r.Due(w.store.cal).String(),
		// An imported episode in the reception is taken as closed: its
		// sessions are not part of the interchange format.
		intake.OnWorklist(r, true), w.at)
	if err != nil {
		return 0, mapErr(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, code := range r.Outcomes {
		if _, err := w.insOutcome.ExecContext(ctx, id, code); err != nil {
			return 0, mapErr(err)
		}
	}
	if _, err = w.insEvent.ExecContext(ctx, w.at, w.actor, id, w.event); err != nil {
		return 0, err
	}
	if w.assess != nil && !r.Assessed.IsZero() {
		if err := w.writeAssessment(ctx, id, r); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// writeAssessment stores the completed assessment of a generated referral
// with its rights decision, as SaveAssessment would have.
func (w *referralWriter) writeAssessment(ctx context.Context, id int64, r intake.Referral) error {
	a := w.assess(r)
	a.Rights = intake.DecideRights(a.Rights, r.AssessmentDeadline(w.store.cal))
	body, err := json.Marshal(a)
	if err != nil {
		return err
	}
	savedAt := r.Assessed.String() + "T10:00:00Z"
	if _, err := w.insAssess.ExecContext(ctx, id, string(body), r.Clinician, savedAt); err != nil {
		return err
	}
	if a.Rights.Right == intake.NotAnswered {
		return nil
	}
	_, err = w.setRights.ExecContext(ctx, nullDate(a.Rights.DecidedAt), string(a.Rights.Right), a.Rights.Late, id)
	return err
}
