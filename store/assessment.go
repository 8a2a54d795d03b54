package store

import (
	"context"
	"encoding/json"
	"fmt"

	"envei/intake"
)

// Assessments returns the version history of a referral's assessment,
// oldest first (empty when none is started), for acc, logging the read in
// the same transaction (see openPatient).
func (s *Store) Assessments(ctx context.Context, acc intake.Access, ref string) ([]intake.AssessmentVersion, error) {
	var out []intake.AssessmentVersion
	err := s.InTx(ctx, func(tx *Tx) error {
		if _, err := s.openPatient(ctx, tx, acc, ref, readAssessment); err != nil {
			return err
		}
		var err error
		out, err = assessments(ctx, tx, ref)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func assessments(ctx context.Context, q rowsQueryer, ref string) ([]intake.AssessmentVersion, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT a.version, a.status, a.body, a.author, a.saved_at, a.amendment_reason
		FROM assessments a JOIN referrals r ON r.id = a.referral_id
		WHERE r.ref = ? ORDER BY a.version`, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.AssessmentVersion
	for rows.Next() {
		var v intake.AssessmentVersion
		var status, body string
		if err := rows.Scan(&v.Version, &status, &body, &v.Author, &v.SavedAt, &v.AmendmentReason); err != nil {
			return nil, err
		}
		v.Status = intake.AssessmentStatus(status)
		if err := json.Unmarshal([]byte(body), &v.Assessment); err != nil {
			return nil, fmt.Errorf("assessment of %s, version %d: damaged record", ref, v.Version)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveAssessment saves a draft (complete false), completes the assessment,
// or amends a completed one (complete true, with a reason), following the
// version rules of intake.NextVersion in one transaction. Completing for
// the first time marks the referral assessed; every completed version
// copies its rights decision onto the referral for the reports. acc acts
// on the work need, logged as a write (see Schedule and openPatient); the
// amendment's reason and a break-the-glass reason are different things.
func (s *Store) SaveAssessment(ctx context.Context, acc intake.Access, ref string, a intake.Assessment, complete bool, reason string) (intake.AssessmentVersion, error) {
	var saved intake.AssessmentVersion
	// Text pasted from another program may end its lines with \r\n; the
	// rule for multi-line text (intake.CheckLines) keeps \n only.
	a, reason = a.NormalisedLines(), intake.NormaliseLines(reason)
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, writeAssessment)
		if err != nil {
			return err
		}
		r := sr.row.Referral
		if r.Attended != intake.AttendanceYes {
			return fmt.Errorf("%w: the assessment is made in the first conversation; record that the patient came first", ErrStep)
		}
		history, err := assessments(ctx, tx, ref)
		if err != nil {
			return err
		}
		catalogue, err := services(ctx, tx)
		if err != nil {
			return err
		}
		at := s.stamp()
		v, err := intake.NextVersion(history, intake.SaveRequest{
			Assessment: a, Author: acc.Who.Username, At: at, Complete: complete, Reason: reason,
			Referral: r, Specialised: intake.SpecialisedIn(catalogue), Calendar: s.cal,
		})
		if err != nil {
			return err
		}
		body, err := json.Marshal(v.Assessment)
		if err != nil {
			return err
		}
		if n := len(history); n > 0 && history[n-1].Version == v.Version {
			_, err = tx.ExecContext(ctx, `
				UPDATE assessments SET status = ?, body = ?, author = ?, saved_at = ?, amendment_reason = ?
				WHERE referral_id = ? AND version = ?`,
				string(v.Status), string(body), v.Author, v.SavedAt, v.AmendmentReason, sr.id, v.Version)
		} else {
			_, err = tx.ExecContext(ctx, `
				INSERT INTO assessments (referral_id, version, status, body, author, saved_at, amendment_reason)
				VALUES (?, ?, ?, ?, ?, ?, ?)`,
				sr.id, v.Version, string(v.Status), string(body), v.Author, v.SavedAt, v.AmendmentReason)
		}
		if err != nil {
			return err
		}
		if v.Status == intake.AssessmentCompleted {
			if err := s.recordCompletion(ctx, tx, sr, v, at); err != nil {
				return err
			}
		} else if len(history) == 0 {
			if err := appendEvent(ctx, tx, at, acc.Who.Username, sr.id, "assessment_started", ""); err != nil {
				return err
			}
		}
		saved = v
		return nil
	})
	return saved, err
}

// recordCompletion marks the referral assessed (the first time), copies
// the rights decision for the reports, and appends the event.
func (s *Store) recordCompletion(ctx context.Context, tx *Tx, sr storedReferral, v intake.AssessmentVersion, at string) error {
	if err := sealAssessment(ctx, tx, sr.id, v.Version); err != nil {
		return err
	}
	r := sr.row.Referral
	kind, detail := "assessment_amended", fmt.Sprintf("version %d: %s", v.Version, v.AmendmentReason)
	if r.Assessed.IsZero() {
		r.Assessed = s.today()
		kind, detail = "assessment_completed", fmt.Sprintf("version %d", v.Version)
	}
	ra := v.Rights
	var right any
	if ra.Right != intake.NotAnswered {
		right = string(ra.Right)
	}
	if ra.Late {
		detail += "; rights decided after the deadline"
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE referrals SET assessed = ?, state = ?, rights_decided = ?, rights_right = ?, rights_late = ?,
			version = version + 1, updated_at = ?
		WHERE id = ?`,
		r.Assessed.String(), string(r.State()), nullDate(ra.DecidedAt), right, ra.Late, at, sr.id)
	if err != nil {
		return err
	}
	// The rights decision can move the deadline class.
	if err := retally(ctx, tx, sr.id); err != nil {
		return err
	}
	return appendEvent(ctx, tx, at, v.Author, sr.id, kind, detail)
}

// ErrAssessmentNeeded means routing waits for the completed assessment.
var ErrAssessmentNeeded = fmt.Errorf("%w: complete the first-conversation assessment before routing", ErrStep)
