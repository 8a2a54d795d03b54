package store

import (
	"context"
	"slices"
	"testing"

	"envei/intake"
)

// A bulk load into an empty PostgreSQL database leaves the schema as it
// was, foreign keys included: a row pointing at no referral, or an outcome
// naming no service, is refused afterwards as before.
func TestPostgresBulkLoadKeepsForeignKeys(t *testing.T) {
	if !onPostgres() {
		t.Skip("about the PostgreSQL bulk load: run with ENVEI_TEST_ENGINE=postgres")
	}
	s := newStore(t, true)
	ctx := context.Background()
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	before := schemaOf(t, s)
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
	if len(before) == 0 {
		t.Fatal("schemaOf listed nothing")
	}
	for _, q := range []string{
		`INSERT INTO events (id, at, actor, referral_id, kind, detail) VALUES (999999999, '2026-11-22T00:00:00Z', 'x', 999999999, 'x', '')`,
		`INSERT INTO referral_outcomes (referral_id, service_code) VALUES (999999999, 'reception')`,
		`INSERT INTO referral_outcomes (referral_id, service_code) SELECT id, 'no-such-service' FROM referrals LIMIT 1`,
	} {
		if _, err := s.db.Exec(q); err == nil || pgCode(err) != pgForeignKeyViolation {
			t.Errorf("a row pointing at nothing after the bulk load: %v, want a foreign key violation (%s)", err, q)
		}
	}
}
