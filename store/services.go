package store

import (
	"context"
	"database/sql"

	"github.com/envei/envei/intake"
)

func insertService(ctx context.Context, tx *sql.Tx, svc intake.Service, position int) error {
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
