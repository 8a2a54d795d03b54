package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"envei/intake"
)

// stressDB makes the shared database of a stress or crash test: the workers'
// names on the roster, the counter referrals booked at counter 0, and the
// referrals in treatment in the reception. It is closed again, so every
// worker opens it as a console starting up would.
func stressDB(t *testing.T, workers int) string {
	t.Helper()
	return stressDBAt(t, testDatabase(t), workers)
}

// stressDBAt is stressDB at a given place.
func stressDBAt(t *testing.T, path string, workers int) string {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path, Options{Create: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustAdd(t, s, clinician("kari", intake.OrgDPS))
	for i := 0; i < workers; i++ {
		mustAdd(t, s, clinician(workerName(i), intake.OrgMunicipal))
	}
	var b strings.Builder
	b.WriteString("ref,received,channel,clinician,first_conversation,attended,routed,outcomes\n")
	for _, ref := range counterRefs() {
		fmt.Fprintf(&b, "%s,2026-11-02,self,kari,,,,\n", ref)
	}
	for _, ref := range sessionRefs {
		fmt.Fprintf(&b, "%s,2026-10-01,self,kari,2026-10-05,yes,2026-10-06,reception\n", ref)
	}
	importCSV(t, s, b.String())
	day, clock := encodeCounter(0)
	for _, ref := range counterRefs() {
		if _, err := s.Schedule(ctx, acting(admin), ref, 0, day, clock, intake.ModeInPerson); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// checkCounters checks every acknowledged rebooking against the database.
// Each bump read counter n and wrote n+1 carrying the version it read, so
// the acked values of one referral must all differ (two acks of one value
// are a lost update: two people read the same booking and both "won"),
// each must have its event, and the booking on file must be at least the
// highest acked value. exact says no worker was killed, so every saved
// change was acked: the counter must then equal the number of acks.
func checkCounters(t *testing.T, s *Store, acked [][]string, exact bool) {
	t.Helper()
	ctx := context.Background()
	byRef := map[string][]int{}
	for _, f := range acked {
		n, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("bad ack %v", f)
		}
		byRef[f[0]] = append(byRef[f[0]], n)
	}
	for ref, ns := range byRef {
		sort.Ints(ns)
		twice := 0
		for i := 1; i < len(ns); i++ {
			if ns[i] == ns[i-1] {
				twice++
			}
		}
		if twice > 0 {
			t.Errorf("%s: %d of %d rebookings acknowledged a counter value another ack had too: lost updates", ref, twice, len(ns))
		}
		d, err := s.ReferralDetail(ctx, reading(admin), ref)
		if err != nil {
			t.Fatal(err)
		}
		have := decodeCounter(d.Row.Referral.FirstConversation, d.Details.ConversationTime)
		top := ns[len(ns)-1]
		switch {
		case have < top:
			t.Errorf("%s: booking on file is counter %d, but %d was acknowledged", ref, have, top)
		case exact && have != top:
			t.Errorf("%s: booking on file is counter %d, the last acknowledged %d", ref, have, top)
		}
		if exact && len(ns) != top {
			t.Errorf("%s: %d rebookings acknowledged but the counter stands at %d: a lost or an unacknowledged update", ref, len(ns), top)
		}
		events := map[string]bool{}
		for _, e := range d.Events {
			if e.Kind == "scheduled" {
				events[e.Detail] = true
			}
		}
		for _, n := range ns {
			day, clock := encodeCounter(n)
			if want := "first conversation " + day.String() + " " + clock + " in_person"; !events[want] {
				t.Errorf("%s: acknowledged rebooking %d has no event", ref, n)
			}
		}
	}
}

// checkSessions checks that every acknowledged session is on file: per
// referral and clinician, as many rows as acks, or more after kills (a
// session saved but killed before its ack).
func checkSessions(t *testing.T, s *Store, acked [][]string, exact bool) {
	t.Helper()
	want := map[[2]string]int{}
	for _, f := range acked {
		want[[2]string{f[0], f[1]}]++
	}
	for k, n := range want {
		var have int
		err := s.db.QueryRow(`SELECT count(*) FROM treatment_sessions t JOIN referrals r ON r.id = t.referral_id
			WHERE r.ref = ? AND t.recorded_by = ?`, k[0], k[1]).Scan(&have)
		if err != nil {
			t.Fatal(err)
		}
		if have < n || (exact && have != n) {
			t.Errorf("%s by %s: %d sessions on file, %d acknowledged", k[0], k[1], have, n)
		}
	}
}

// checkImports checks that every import is all or nothing and every
// acknowledged import is there in full.
func checkImports(t *testing.T, db *DB, acked [][]string) (batches int) {
	t.Helper()
	rows, err := db.Query(`SELECT substr(ref, 1, 10), count(*) FROM referrals WHERE ref LIKE 'I%' GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	have := map[string]int{}
	for rows.Next() {
		var prefix string
		var n int
		if err := rows.Scan(&prefix, &n); err != nil {
			t.Fatal(err)
		}
		have[prefix] = n
		if n != importRows() {
			t.Errorf("import %s: %d rows of %d on file: not all or nothing", prefix, n, importRows())
		}
	}
	for _, f := range acked {
		if have[f[0]] == 0 {
			t.Errorf("acknowledged import %s is not on file", f[0])
		}
	}
	return len(have)
}

// checkFile runs SQLite's own checks on a connection of its own; on
// PostgreSQL it checks the foreign keys row by row.
func checkFile(t *testing.T, db *DB) {
	t.Helper()
	if _, ok := db.eng.(*postgresEngine); ok {
		if n, err := postgresForeignKeyOrphans(context.Background(), db); err != nil || n > 0 {
			t.Fatalf("%d rows point at nothing (%v)", n, err)
		}
		return
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	rows, err := db.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check found rows pointing at nothing")
	}
}
