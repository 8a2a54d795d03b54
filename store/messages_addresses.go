package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"envei/intake"
)

// Settings keys of the reception's own address (schema version 8).
const (
	settingReceptionName      = "reception_name"
	settingReceptionHerID     = "reception_her_id"
	settingReceptionOrgNumber = "reception_org_number"
)

// ReceptionAddress is the reception's own name, HER-id and organisation
// number, the sender of every message; "" where not yet set.
func (s *Store) ReceptionAddress(ctx context.Context) (intake.Address, error) {
	return receptionAddress(ctx, s.db)
}

func receptionAddress(ctx context.Context, q queryer) (intake.Address, error) {
	var a intake.Address
	for key, dst := range map[string]*string{
		settingReceptionName: &a.Name, settingReceptionHerID: &a.HerID, settingReceptionOrgNumber: &a.OrgNumber,
	} {
		err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(dst)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return a, err
		}
	}
	return a, nil
}

// SetReceptionAddress records the reception's own address (admins only).
// Every part is required and checked; the values never appear in an error.
func (s *Store) SetReceptionAddress(ctx context.Context, who intake.Clinician, a intake.Address) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	a.Name = strings.TrimSpace(a.Name)
	var errs FieldErrors
	if a.Name == "" || intake.HasControl(a.Name) || len([]rune(a.Name)) > intake.MaxTextLen {
		errs = append(errs, intake.FieldError{Column: "name", Reason: "needs the reception's name, one line of at most 200 characters"})
	}
	her, err := intake.NormaliseHerID(a.HerID)
	if err != nil {
		errs = append(errs, intake.FieldError{Column: "her-id", Reason: err.Error()})
	}
	org, err := intake.NormaliseOrgNumber(a.OrgNumber)
	if err != nil {
		errs = append(errs, intake.FieldError{Column: "org-number", Reason: err.Error()})
	}
	if len(errs) > 0 {
		return errs
	}
	return s.InTx(ctx, func(tx *Tx) error {
		for key, v := range map[string]string{
			settingReceptionName: a.Name, settingReceptionHerID: her, settingReceptionOrgNumber: org,
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, v); err != nil {
				return err
			}
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "reception_address_set", "")
	})
}

// ServiceAddresses returns every service's receiving unit, in catalogue order.
func (s *Store) ServiceAddresses(ctx context.Context) ([]intake.ServiceAddress, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, unit_name, her_id, org_number FROM services ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.ServiceAddress
	for rows.Next() {
		var a intake.ServiceAddress
		if err := rows.Scan(&a.Code, &a.Name, &a.HerID, &a.OrgNumber); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func serviceAddress(ctx context.Context, q queryer, code string) (intake.ServiceAddress, error) {
	a := intake.ServiceAddress{Code: code}
	err := q.QueryRowContext(ctx, `SELECT unit_name, her_id, org_number FROM services WHERE code = ?`, code).
		Scan(&a.Name, &a.HerID, &a.OrgNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

// SetServiceAddress records a service's receiving unit (admins only). The
// HER-id is required; the organisation number and unit name are changed
// only when given (non-empty).
func (s *Store) SetServiceAddress(ctx context.Context, who intake.Clinician, a intake.ServiceAddress) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	var errs FieldErrors
	her, err := intake.NormaliseHerID(a.HerID)
	if err != nil {
		errs = append(errs, intake.FieldError{Column: "her-id", Reason: err.Error()})
	}
	org := ""
	if a.OrgNumber != "" {
		if org, err = intake.NormaliseOrgNumber(a.OrgNumber); err != nil {
			errs = append(errs, intake.FieldError{Column: "org-number", Reason: err.Error()})
		}
	}
	name := strings.TrimSpace(a.Name)
	if intake.HasControl(name) || len([]rune(name)) > intake.MaxTextLen {
		errs = append(errs, intake.FieldError{Column: "unit-name", Reason: "one line of at most 200 characters"})
	}
	if len(errs) > 0 {
		return errs
	}
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE services SET her_id = ?,
			org_number = CASE WHEN ? = '' THEN org_number ELSE ? END,
			unit_name = CASE WHEN ? = '' THEN unit_name ELSE ? END
			WHERE code = ?`, her, org, org, name, name, a.Code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: no service with that code (see envei service list)", ErrNotFound)
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "service_address_set", a.Code)
	})
}
