package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"envei/intake"
)

// schemaOf lists every object of the schema with its SQL. On PostgreSQL,
// whose bulk load drops and rebuilds indexes and foreign keys, it lists
// the indexes and constraints of the public schema.
func schemaOf(t *testing.T, s *Store) []string {
	t.Helper()
	query := `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name`
	if onPostgres() {
		query = `SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
			UNION ALL
			SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
			FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
			ORDER BY 1`
	}
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		out = append(out, line)
	}
	return out
}

// A bulk load into an empty database drops the secondary indexes and
// triggers for its duration: afterwards the schema is what it was, the
// rebuilt indexes agree with the tables, the triggers work again, and the
// pooled connections have their usual page cache.
func TestBulkLoadRestoresSchema(t *testing.T) {
	sqliteOnly(t, "the SQLite bulk load drops and rebuilds indexes and triggers, and sets the connection's page cache")
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	before := schemaOf(t, s)
	var cache int
	s.db.QueryRow(`PRAGMA cache_size`).Scan(&cache)
	roster, _ := s.Roster(ctx)
	gen := func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: 300, Seed: 5, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}
	if _, err := s.LoadGenerated(ctx, admin, gen, nil); err != nil {
		t.Fatal(err)
	}
	if after := schemaOf(t, s); !slices.Equal(before, after) {
		t.Errorf("schema changed by the load:\nbefore %q\nafter  %q", before, after)
	}
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q %v", check, err)
	}
	// The append-only triggers are back: an event cannot be rewritten.
	if _, err := s.db.Exec(`UPDATE events SET detail = 'rewritten' WHERE id = (SELECT min(id) FROM events)`); err == nil {
		t.Error("an event was rewritten after the load: its trigger did not come back")
	}
	for range 3 { // more than one pooled connection
		var got, threads int
		s.db.QueryRow(`PRAGMA cache_size`).Scan(&got)
		s.db.QueryRow(`PRAGMA threads`).Scan(&threads)
		if got != cache || threads != 0 {
			t.Errorf("cache_size %d and threads %d after the load, %d and 0 before", got, threads, cache)
		}
	}
}

// A load that fails half way leaves no referral and the schema whole.
func TestBulkLoadFailureLeavesNothing(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	before := schemaOf(t, s)
	roster, _ := s.Roster(ctx)
	stop := errors.New("stop")
	_, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		n := 0
		return intake.GenerateDemo(intake.DemoOptions{Patients: 300, Seed: 5, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, func(r intake.Referral) error {
			if n++; n == 200 {
				return stop
			}
			return emit(r)
		})
	}, nil)
	if !errors.Is(err, stop) {
		t.Fatalf("load: %v", err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM referrals`).Scan(&n)
	if n != 0 {
		t.Errorf("%d referrals left by a failed load", n)
	}
	if after := schemaOf(t, s); !slices.Equal(before, after) {
		t.Errorf("schema changed by a failed load:\nbefore %q\nafter  %q", before, after)
	}
}
