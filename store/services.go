package store

import (
	"context"

	"envei/intake"
)

func insertService(ctx context.Context, tx *Tx, svc intake.Service, position int) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO services (code, label_nb, label_en, category, position, retired) VALUES (?, ?, ?, ?, ?, ?)`,
		svc.Code, svc.LabelNB, svc.LabelEN, string(svc.Category), position, svc.Retired)
	return err
}

// Services returns the service catalogue in report order, retired services
// included (they keep their history).
func (s *Store) Services(ctx context.Context) ([]intake.Service, error) {
	return services(ctx, s.db)
}

func services(ctx context.Context, q rowsQueryer) ([]intake.Service, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, label_nb, label_en, category, retired FROM services ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.Service
	for rows.Next() {
		var svc intake.Service
		var cat string
		if err := rows.Scan(&svc.Code, &svc.LabelNB, &svc.LabelEN, &cat, &svc.Retired); err != nil {
			return nil, err
		}
		svc.Category = intake.Category(cat)
		out = append(out, svc)
	}
	return out, rows.Err()
}

// AddService adds a service to the end of the catalogue (admins only).
func (s *Store) AddService(ctx context.Context, who intake.Clinician, svc intake.Service) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	switch {
	case !intake.ValidServiceCode(svc.Code):
		return FieldErrors{{Column: "code", Reason: "must be lower-case letters, digits and _, starting with a letter, at most 32 characters"}}
	case svc.LabelNB == "" || svc.LabelEN == "":
		return FieldErrors{{Column: "label", Reason: "needs a Norwegian and an English label"}}
	case intake.HasControl(svc.LabelNB) || intake.HasControl(svc.LabelEN):
		return FieldErrors{{Column: "label", Reason: intake.ReasonControl}}
	case !svc.Category.Valid():
		return FieldErrors{{Column: "category", Reason: "must be dps, municipal, specialised, reception or closed"}}
	}
	return s.InTx(ctx, func(tx *Tx) error {
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) FROM services`).Scan(&last); err != nil {
			return err
		}
		svc.Retired = false
		if err := insertService(ctx, tx, svc, last+1); err != nil {
			return err
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "service_added", svc.Code)
	})
}

// RetireService stops routing to a service (admins only). Its history
// stays: patients already routed there keep it, and reports still list it.
func (s *Store) RetireService(ctx context.Context, who intake.Clinician, code string, retired bool) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE services SET retired = ? WHERE code = ?`, retired, code)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		kind := "service_retired"
		if !retired {
			kind = "service_restored"
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, kind, code)
	})
}
