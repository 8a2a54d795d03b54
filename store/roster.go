package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"envei/intake"
)

// Actor returns the roster entry of the OS user running envei. Someone not
// on the roster (or removed from it) gets ErrNotOnRoster.
func (s *Store) Actor(ctx context.Context, username string) (intake.Clinician, error) {
	c, err := s.clinician(ctx, s.db, username)
	if errors.Is(err, ErrNotFound) {
		return c, ErrNotOnRoster
	}
	return c, err
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) clinician(ctx context.Context, q queryer, username string) (intake.Clinician, error) {
	var c intake.Clinician
	var org, role string
	err := q.QueryRowContext(ctx, `
		SELECT username, name, org, role, on_leave FROM clinicians
		WHERE username = ? AND removed_at IS NULL`, username).
		Scan(&c.Username, &c.Name, &org, &role, &c.OnLeave)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.Org, c.Role = intake.Org(org), intake.Role(role)
	return c, err
}

// Roster returns everyone on the roster, sorted by username.
func (s *Store) Roster(ctx context.Context) ([]intake.Clinician, error) {
	return roster(ctx, s.db)
}

type rowsQueryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func roster(ctx context.Context, q rowsQueryer) ([]intake.Clinician, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT username, name, org, role, on_leave FROM clinicians
		WHERE removed_at IS NULL ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.Clinician
	for rows.Next() {
		var c intake.Clinician
		var org, role string
		if err := rows.Scan(&c.Username, &c.Name, &org, &role, &c.OnLeave); err != nil {
			return nil, err
		}
		c.Org, c.Role = intake.Org(org), intake.Role(role)
		out = append(out, c)
	}
	return out, rows.Err()
}

// CheckClinician validates a roster entry before it is written.
func CheckClinician(c intake.Clinician) error {
	switch {
	case !intake.ValidUsername(c.Username):
		return errors.New("username must be a login name: lower-case letters, digits, _ . -, starting with a letter or _")
	case c.Name == "" || len(c.Name) > 200:
		return errors.New("name must be given (at most 200 characters)")
	case intake.HasControl(c.Name):
		return intake.CheckLine("name", c.Name)
	case !c.Role.Valid():
		return errors.New("role must be clinician, supervisor or admin")
	case !c.Org.Valid():
		return errors.New("org must be dps or municipal")
	case c.Role == intake.RoleClinician && c.Org == intake.OrgNone:
		return errors.New("a clinician needs --org dps or --org municipal: the statistics compare the two")
	}
	return nil
}

func insertClinician(ctx context.Context, tx *Tx, c intake.Clinician, at string) error {
	if err := CheckClinician(c); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO clinicians (username, name, org, role, on_leave, added_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (username) DO UPDATE SET
			name = excluded.name, org = excluded.org, role = excluded.role,
			on_leave = excluded.on_leave, added_at = excluded.added_at, removed_at = NULL
		WHERE clinicians.removed_at IS NOT NULL`,
		c.Username, c.Name, string(c.Org), string(c.Role), c.OnLeave, at)
	if err != nil {
		return err
	}
	// A username taken off the roster may come back with another
	// organisation, which its referrals' tallies follow.
	return retallyClinician(ctx, tx, c.Username)
}

// AddClinician puts a person on the roster (admins only). A username that
// was removed earlier comes back with the new details; one that is on the
// roster is ErrDuplicate.
func (s *Store) AddClinician(ctx context.Context, who intake.Clinician, c intake.Clinician) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	if err := CheckClinician(c); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		if _, err := s.clinician(ctx, tx, c.Username); err == nil {
			return fmt.Errorf("%s is on the roster: %w", c.Username, ErrDuplicate)
		}
		at := s.stamp()
		if err := insertClinician(ctx, tx, c, at); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, who.Username, 0, "clinician_added",
			fmt.Sprintf("%s role=%s org=%s", c.Username, c.Role, c.Org))
	})
}

// UpdateClinician changes a person's name, organisation and role (admins
// only). The last admin cannot be demoted.
func (s *Store) UpdateClinician(ctx context.Context, who intake.Clinician, c intake.Clinician) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	if err := CheckClinician(c); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		old, err := s.clinician(ctx, tx, c.Username)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("that username is not on the roster: %w", err)
		} else if err != nil {
			return err
		}
		if old.Role == intake.RoleAdmin && c.Role != intake.RoleAdmin {
			if err := keepOneAdmin(ctx, tx); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clinicians SET name = ?, org = ?, role = ? WHERE username = ? AND removed_at IS NULL`,
			c.Name, string(c.Org), string(c.Role), c.Username); err != nil {
			return err
		}
		if old.Org != c.Org {
			if err := retallyClinician(ctx, tx, c.Username); err != nil {
				return err
			}
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "clinician_changed",
			fmt.Sprintf("%s role=%s org=%s", c.Username, c.Role, c.Org))
	})
}

// keepOneAdmin refuses a change that would leave no admin on the roster.
func keepOneAdmin(ctx context.Context, tx *Tx) error {
	var admins int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clinicians WHERE role = 'admin' AND removed_at IS NULL`).Scan(&admins); err != nil {
		return err
	}
	if admins <= 1 {
		return errors.New("this is the last admin; make someone else admin first")
	}
	return nil
}

// SetLeave puts a person on leave (not drawn) or back from it (admins only).
func (s *Store) SetLeave(ctx context.Context, who intake.Clinician, username string, onLeave bool) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE clinicians SET on_leave = ? WHERE username = ? AND removed_at IS NULL`, onLeave, username)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("that username is not on the roster: %w", ErrNotFound)
		}
		kind := "clinician_returned"
		if onLeave {
			kind = "clinician_on_leave"
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, kind, username)
	})
}

// RemoveClinician takes a person off the roster (admins only). It is
// refused while open referrals are assigned to them. The row stays, marked
// removed, so the history that names them stays readable.
func (s *Store) RemoveClinician(ctx context.Context, who intake.Clinician, username string) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	return s.InTx(ctx, func(tx *Tx) error {
		c, err := s.clinician(ctx, tx, username)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("that username is not on the roster: %w", err)
		} else if err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `
			SELECT count(*) FROM referrals r JOIN clinicians c ON c.id = r.clinician_id
			WHERE c.username = ? AND r.state NOT IN ('routed', 'withdrawn', 'voided')`, username).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return fmt.Errorf("%s has %d open referrals; reassign them first", username, open)
		}
		if c.Role == intake.RoleAdmin {
			if err := keepOneAdmin(ctx, tx); err != nil {
				return err
			}
		}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE clinicians SET removed_at = ? WHERE username = ?`, at, username); err != nil {
			return err
		}
		if err := deleteSSHKeys(ctx, tx, username); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, who.Username, 0, "clinician_removed", username)
	})
}
