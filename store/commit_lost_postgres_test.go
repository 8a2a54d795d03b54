package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"envei/intake"
)

// The connection is lost exactly at COMMIT: the transaction's fn has run
// whole, and its backend is ended before the COMMIT reaches it. The
// write may or may not have been saved, so it is not run again (that
// could save it twice): the caller hears ErrCommitUnknown, whose words
// name no patient. Here the server never saw the COMMIT, so nothing of
// the write is there, not half of it, and the chains verify.
func TestPostgresConnectionLostAtCommit(t *testing.T) {
	s, _ := newPostgresStore(t)
	killer := serverAdmin(t)
	ctx := context.Background()
	tables := []string{"referrals", "events", "access_log", "draws"}
	before := tableCounts(t, s, tables)
	runs := 0
	s.breakTx = func() error {
		runs++
		// The backend in a transaction on the store's database holding
		// the write lock is this write's.
		var pid int
		if err := killer.QueryRowContext(ctx, `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
			WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1`, databaseOf(t, s)).Scan(&pid); err != nil {
			t.Fatalf("finding the writer: %v", err)
		}
		var ended bool
		if err := killer.QueryRowContext(ctx, `SELECT pg_terminate_backend($1, 10000)`, pid).Scan(&ended); err != nil || !ended {
			t.Fatalf("ending the writer's backend: %v %v", ended, err)
		}
		return nil
	}
	_, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: "14838510036"},
		intake.Details{Reason: "low mood"})
	s.breakTx = nil
	if !errors.Is(err, ErrCommitUnknown) {
		t.Fatalf("the connection lost at COMMIT: %v, want ErrCommitUnknown", err)
	}
	if runs != 1 {
		t.Errorf("the write ran %d times, want once: a commit that may have landed is never run again", runs)
	}
	for _, secret := range []string{"Test Person", "14838510036", "low mood"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error names %q: %v", secret, err)
		}
	}
	if after := tableCounts(t, s, tables); !slices.Equal(before, after) {
		t.Errorf("rows before %v, after the lost commit %v: half a write is there", before, after)
	}
	requireChainsSound(t, s)
	// The store carries on: the next write lands on a new connection.
	if _, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: "14838510036"},
		intake.Details{Reason: "low mood"}); err != nil {
		t.Fatalf("the write after: %v", err)
	}
}

// databaseOf returns the name of the store's database on the server.
func databaseOf(t *testing.T, s *Store) string {
	t.Helper()
	var name string
	if err := s.db.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}

// tableCounts counts the rows of each table.
func tableCounts(t *testing.T, s *Store, tables []string) []int {
	t.Helper()
	out := make([]int, len(tables))
	for i, table := range tables {
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
