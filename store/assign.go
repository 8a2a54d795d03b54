package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"envei/intake"
)

// ErrAlreadyAssigned means a referral has a clinician; reassigning needs a
// reason and a supervisor.
var ErrAlreadyAssigned = errors.New("already assigned")

// ErrClosed means the referral is routed or withdrawn and takes no changes.
var ErrClosed = errors.New("referral is closed")

// Assignment is one completed draw.
type Assignment = intake.Assignment

// Assign draws a clinician for one unassigned referral. Any roster member may
// start a draw; the draw itself is random and recorded in full.
func (s *Store) Assign(ctx context.Context, who intake.Clinician, ref string, src intake.RandomSource) (Assignment, error) {
	var a Assignment
	err := s.InTx(ctx, func(tx *Tx) error {
		roster, err := roster(ctx, tx)
		if err != nil {
			return err
		}
		a, err = s.assignOne(ctx, tx, who, ref, roster, "", src)
		return err
	})
	return a, err
}

// Reassign draws a new clinician for an assigned referral, leaving out the
// current one (supervisors only; a reason is required and kept).
func (s *Store) Reassign(ctx context.Context, who intake.Clinician, ref, reason string, src intake.RandomSource) (Assignment, error) {
	if !who.Role.AtLeast(intake.RoleSupervisor) {
		return Assignment{}, ErrForbidden
	}
	if strings.TrimSpace(reason) == "" {
		return Assignment{}, errors.New("a reassignment needs a reason")
	}
	if err := intake.CheckLine("reason", reason); err != nil {
		return Assignment{}, err
	}
	var a Assignment
	err := s.InTx(ctx, func(tx *Tx) error {
		roster, err := roster(ctx, tx)
		if err != nil {
			return err
		}
		a, err = s.assignOne(ctx, tx, who, ref, roster, reason, src)
		return err
	})
	return a, err
}

// AssignUnassigned draws a clinician for every referral still in state
// registered, oldest first, in one transaction.
func (s *Store) AssignUnassigned(ctx context.Context, who intake.Clinician, src intake.RandomSource) ([]Assignment, error) {
	var out []Assignment
	err := s.InTx(ctx, func(tx *Tx) error {
		out = nil
		roster, err := roster(ctx, tx)
		if err != nil {
			return err
		}
		refs, err := stringColumn(ctx, tx, `SELECT ref FROM referrals WHERE state = ? ORDER BY received, ref`, string(intake.StateRegistered))
		if err != nil {
			return err
		}
		for _, ref := range refs {
			a, err := s.assignOne(ctx, tx, who, ref, roster, "", src)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// assignOne performs and records one draw. reason == "" means a first
// assignment, which is refused when there is a clinician already.
func (s *Store) assignOne(ctx context.Context, tx *Tx, who intake.Clinician, ref string, roster []intake.Clinician, reason string, src intake.RandomSource) (Assignment, error) {
	sr, err := loadReferral(ctx, tx, ref)
	if err != nil {
		return Assignment{}, err
	}
	r := sr.row.Referral
	if !r.State().Open() {
		return Assignment{}, fmt.Errorf("referral %s is %s: %w", ref, r.State(), ErrClosed)
	}
	if reason == "" && r.Clinician != "" {
		return Assignment{}, fmt.Errorf("referral %s is assigned to %s: %w", ref, r.Clinician, ErrAlreadyAssigned)
	}
	if reason != "" && r.Clinician == "" {
		return Assignment{}, fmt.Errorf("referral %s has no clinician yet; assign it instead", ref)
	}
	draw, err := intake.DrawClinician(roster, r.Clinician, src)
	if err != nil {
		return Assignment{}, err
	}
	r.Clinician = draw.Drawn
	at := s.stamp()
	res, err := tx.ExecContext(ctx, `
		UPDATE referrals SET clinician_id = (SELECT id FROM clinicians WHERE username = ?),
			state = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`,
		draw.Drawn, string(r.State()), at, sr.id, sr.version)
	if err != nil {
		return Assignment{}, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return Assignment{}, ErrConflict
	}
	if err := retally(ctx, tx, sr.id); err != nil {
		return Assignment{}, err
	}
	if err := appendDraw(ctx, tx, sr.id, strings.Join(draw.Eligible, " "), draw.Drawn, who.Username, at, reason); err != nil {
		return Assignment{}, err
	}
	kind, detail := "assigned", fmt.Sprintf("drew %s of %d eligible", draw.Drawn, len(draw.Eligible))
	if reason != "" {
		kind = "reassigned"
		detail += "; reason: " + reason
	}
	if err := appendEvent(ctx, tx, at, who.Username, sr.id, kind, detail); err != nil {
		return Assignment{}, err
	}
	return Assignment{Ref: ref, Draw: draw}, nil
}

// DrawRecord is one stored draw.
type DrawRecord = intake.DrawRecord

// Draws returns every draw made for a referral, oldest first ("" for all).
func (s *Store) Draws(ctx context.Context, ref string) ([]DrawRecord, error) {
	return draws(ctx, s.db, ref)
}

func draws(ctx context.Context, q rowsQueryer, ref string) ([]DrawRecord, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT r.ref, d.eligible, d.drawn, d.drawn_by, d.drawn_at, d.reason
		FROM draws d JOIN referrals r ON r.id = d.referral_id
		WHERE ? = '' OR r.ref = ? ORDER BY d.id`, ref, ref)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DrawRecord
	for rows.Next() {
		var d DrawRecord
		var eligible string
		if err := rows.Scan(&d.Ref, &eligible, &d.Drawn, &d.DrawnBy, &d.DrawnAt, &d.Reason); err != nil {
			return nil, err
		}
		d.Eligible = strings.Fields(eligible)
		out = append(out, d)
	}
	return out, rows.Err()
}

func stringColumn(ctx context.Context, q rowsQueryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
