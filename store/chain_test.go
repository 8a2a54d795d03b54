package store

import (
	"context"
	"testing"
	"time"

	"envei/intake"
)

// requireChainsSound fails t when any chain of s does not verify.
func requireChainsSound(t testing.TB, s *Store) {
	t.Helper()
	rep, err := s.VerifyChains(context.Background(), "")
	if err != nil {
		t.Fatalf("verifying the chains: %v", err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("the chains do not verify: %q", rep.Problems)
	}
}

// walkOne takes a new referral through every write that appends a link:
// registration (events), reading it (access log), the draw (draws), the
// completed assessment (seal), an amendment (a second seal) and routing.
func walkOne(t testing.TB, s *Store) string {
	t.Helper()
	ctx := context.Background()
	day := intake.MustParseDate(fixedNow().Format("2006-01-02"))
	row, err := s.Register(ctx, admin, intake.Referral{Received: day, Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS,
		Name: "Test Person", NationalID: "14838510036"}, intake.Details{Reason: "low mood"})
	if err != nil {
		t.Fatal(err)
	}
	ref := row.Referral.Ref
	if _, err := s.Assign(ctx, admin, ref, newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	d, err := s.ReferralDetail(ctx, reading(admin), ref)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Schedule(ctx, acting(admin), ref, d.Version, day, "9:30", intake.ModeVideo); err != nil {
		t.Fatal(err)
	}
	if d, err = s.ReferralDetail(ctx, reading(admin), ref); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAttendance(ctx, acting(admin), ref, d.Version, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), ref, filled(), false, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), ref, filled(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acting(admin), ref, filled(), true, "a correction"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acting(admin), ref, 0, []string{"municipal"}, "chain test"); err != nil {
		t.Fatal(err)
	}
	return ref
}

func TestChainsCoverEveryWritePath(t *testing.T) {
	s := newStore(t, true)
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	walkOne(t, s)
	walkOne(t, s)
	rep, err := s.VerifyChains(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, c := range rep.Chains {
		counts[c.Name] = c.Count
	}
	// Two walks: two draws, two referrals with two completed versions each.
	if counts["draws"] != 2 || counts["assessments"] != 4 || counts["events"] < 10 || counts["access_log"] < 4 {
		t.Errorf("chain counts %v", counts)
	}
	if rep.Anchor == "" {
		t.Error("no anchor for sound chains")
	}
}

// The chain lives inside the write transaction: a writer holding the lock
// mid-append does not stop a reader (WAL snapshot), and check's own read
// transaction does not stop a writer.
func TestChainDoesNotSerialiseReaders(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	walkOne(t, s)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := appendEvent(ctx, tx, "2026-11-22T09:00:00Z", "root", 0, "held", ""); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.VerifyChains(ctx, "")
		if err == nil {
			_, err = s.Events(ctx, "2026-00001")
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a reader waited for a writer's open transaction")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	read, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		t.Fatal(err)
	}
	defer read.Rollback()
	if _, _, err := verifyChain(ctx, read, eventsChain, 0); err != nil {
		t.Fatal(err)
	}
	writeCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := s.AddClinician(writeCtx, admin, clinician("ola", intake.OrgMunicipal)); err != nil {
		t.Fatalf("a write while check reads: %v", err)
	}
}
