package store

import (
	"context"
	"fmt"

	"envei/intake"
)

// Keys of the settings table.
const (
	settingTestData      = "test_data"      // "1": synthetic ids accepted, shown as test data
	settingCountSaturday = "count_saturday" // "1": Saturday counts as a working day
	settingCreatedAt     = "created_at"
	settingCreatedBy     = "created_by"
)

// loadSettings reads the settings that shape every later call.
func (s *Store) loadSettings(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		switch k {
		case settingTestData:
			s.test = v == "1"
		case settingCountSaturday:
			s.cal = intake.Calendar{CountSaturday: v == "1"}
		}
	}
	return rows.Err()
}

// MarkTestData turns an empty database into a test database (envei demo
// does this before loading synthetic data). A database holding referrals is
// refused: its real data must never be mixed with synthetic ids.
func (s *Store) MarkTestData(ctx context.Context, who intake.Clinician) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	err := s.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM referrals`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("the database already holds %d referrals: %w", n, ErrNotEmpty)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = '1' WHERE key = ?`, settingTestData); err != nil {
			return err
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "marked_test_data", "")
	})
	if err == nil {
		s.test = true
	}
	return err
}
