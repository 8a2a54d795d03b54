package store

import (
	"context"
	"testing"
)

// A bulk load on PostgreSQL leaves the tables it filled vacuumed and
// analysed: a freshly written heap has no visibility map, so the reports'
// covering indexes cannot be read without visiting every row, and a table
// without statistics gets bad plans (envei stats at 300,000 referrals took
// 1.8 s until autovacuum came by, 0.5 s after).
func TestPostgresBulkLoadLeavesTablesVacuumed(t *testing.T) {
	s, _ := newPostgresStore(t)
	ctx := context.Background()
	importCSV(t, s, importCSVText("V", 2000))
	for _, table := range []string{"referrals", "referral_outcomes"} {
		var analysed bool
		var visible int
		if err := s.db.QueryRowContext(ctx, `SELECT coalesce(last_vacuum, last_autovacuum) IS NOT NULL
			AND coalesce(last_analyze, last_autoanalyze) IS NOT NULL FROM pg_stat_user_tables WHERE relname = ?`,
			table).Scan(&analysed); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRowContext(ctx, `SELECT relallvisible FROM pg_class WHERE relname = ?`, table).Scan(&visible); err != nil {
			t.Fatal(err)
		}
		if !analysed || (table == "referrals" && visible == 0) {
			t.Errorf("%s after a bulk load: vacuumed and analysed %v, all-visible pages %d", table, analysed, visible)
		}
	}
}
