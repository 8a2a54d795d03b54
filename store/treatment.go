package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"envei/intake"
)

// Treatment is a reception treatment episode: its sessions and, once
// closed, the day and outcome.
type Treatment = intake.TreatmentEpisode

// Treatment returns the reception treatment of a referral for acc,
// logging the read in the same transaction (see openPatient).
func (s *Store) Treatment(ctx context.Context, acc intake.Access, ref string) (intake.TreatmentEpisode, error) {
	var ep intake.TreatmentEpisode
	err := s.InTx(ctx, func(tx *Tx) error {
		if _, err := s.openPatient(ctx, tx, acc, ref, readTreatment); err != nil {
			return err
		}
		var err error
		ep, err = treatment(ctx, tx, ref)
		return err
	})
	if err != nil {
		return intake.TreatmentEpisode{}, err
	}
	return ep, nil
}

func treatment(ctx context.Context, q interface {
	rowsQueryer
	queryer
}, ref string) (intake.TreatmentEpisode, error) {
	var ep intake.TreatmentEpisode
	var closed, outcome string
	err := q.QueryRowContext(ctx, `SELECT coalesce(treatment_closed, ''), treatment_outcome FROM referrals WHERE ref = ?`, ref).Scan(&closed, &outcome)
	if err == sql.ErrNoRows {
		return ep, fmt.Errorf("referral %s: %w", intake.EchoRef(ref), ErrNotFound)
	} else if err != nil {
		return ep, err
	}
	ep.Closed, _ = intake.ParseDate(closed)
	ep.Outcome = intake.EpisodeOutcome(outcome)
	rows, err := q.QueryContext(ctx, `
		SELECT t.day, t.minutes, t.mode FROM treatment_sessions t JOIN referrals r ON r.id = t.referral_id
		WHERE r.ref = ? ORDER BY t.day, t.id`, ref)
	if err != nil {
		return ep, err
	}
	defer rows.Close()
	for rows.Next() {
		var day, mode string
		var sess intake.Session
		if err := rows.Scan(&day, &sess.Minutes, &mode); err != nil {
			return ep, err
		}
		sess.Date, _ = intake.ParseDate(day)
		sess.Mode = intake.SessionMode(mode)
		ep.Sessions = append(ep.Sessions, sess)
	}
	return ep, rows.Err()
}

// openEpisode opens a referral that is in treatment in the reception
// (routed there and not closed) for acc to change, through the work-need
// door (logged as what).
func (s *Store) openEpisode(ctx context.Context, tx *Tx, acc intake.Access, ref, what string) (storedReferral, intake.TreatmentEpisode, error) {
	sr, err := s.openPatient(ctx, tx, acc, ref, what)
	if err != nil {
		return sr, intake.TreatmentEpisode{}, err
	}
	if !sr.row.Referral.HasOutcome(intake.ServiceReception) {
		return sr, intake.TreatmentEpisode{}, fmt.Errorf("%w: the patient was not routed to treatment in the reception", ErrStep)
	}
	ep, err := treatment(ctx, tx, ref)
	if err != nil {
		return sr, ep, err
	}
	if !ep.Closed.IsZero() {
		return sr, ep, fmt.Errorf("%w: the treatment in the reception is closed", ErrStep)
	}
	return sr, ep, nil
}

// LogSession records one treatment session of a patient routed to the
// reception. It is refused once the episode is closed; passing six hours is
// allowed (the clinician was warned) and recorded in the event. acc acts on
// the work need, logged as a write (see Schedule and openPatient).
func (s *Store) LogSession(ctx context.Context, acc intake.Access, ref string, sess intake.Session) (intake.TreatmentEpisode, error) {
	var out intake.TreatmentEpisode
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, ep, err := s.openEpisode(ctx, tx, acc, ref, writeSession)
		if err != nil {
			return err
		}
		if problems := intake.ValidateSession(sess, s.today()); len(problems) > 0 {
			return FieldErrors(problems)
		}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO treatment_sessions (referral_id, day, minutes, mode, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
			sr.id, sess.Date.String(), sess.Minutes, string(sess.Mode), acc.Who.Username, at); err != nil {
			return err
		}
		detail := strconv.Itoa(sess.Minutes) + " min " + string(sess.Mode)
		if level := intake.TreatmentWarning(ep.Sessions, sess.Minutes); level == intake.TreatmentOver {
			detail += "; past the six hours"
		}
		if err := appendEvent(ctx, tx, at, acc.Who.Username, sr.id, "treatment_session", detail); err != nil {
			return err
		}
		// A session changes the record others may have open: the version
		// tells their consoles to reload.
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET version = version + 1, updated_at = ? WHERE id = ?`, at, sr.id); err != nil {
			return err
		}
		out, err = treatment(ctx, tx, ref)
		return err
	})
	return out, err
}

// CloseTreatment ends the reception treatment episode with an outcome, for
// acc on the work need (see Schedule and openPatient).
func (s *Store) CloseTreatment(ctx context.Context, acc intake.Access, ref string, outcome intake.EpisodeOutcome) error {
	return s.InTx(ctx, func(tx *Tx) error {
		sr, ep, err := s.openEpisode(ctx, tx, acc, ref, writeCloseTreatment)
		if err != nil {
			return err
		}
		today := s.today()
		if problems := intake.ValidateEpisodeClose(ep.Sessions, today, outcome, today); len(problems) > 0 {
			return FieldErrors(problems)
		}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE referrals AS r SET treatment_closed = ?, treatment_outcome = ?, on_worklist = `+onWorklistSQL+`, version = version + 1, updated_at = ? WHERE id = ?`,
			today.String(), string(outcome), false, at, sr.id); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, acc.Who.Username, sr.id, "treatment_closed", string(outcome))
	})
}
