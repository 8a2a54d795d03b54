package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"envei/intake"
	"envei/intake/message"
)

// copySource is a SQLite database with something in every table: demo
// referrals (draws, events, assessments and their seals), a referral
// assessed, routed, corrected, with a consultation, a message accepted
// and one rejected and recorded as handled, a duplicate merged into a later referral (a forward
// merged_into), a treatment session and an ssh key.
func copySource(t *testing.T) (*Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "source.db")
	s, err := Open(ctx, path, Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, c := range intake.DemoRoster() {
		mustAdd(t, s, c)
	}
	roster, _ := s.Roster(ctx)
	if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
		return intake.GenerateDemo(intake.DemoOptions{Patients: 300, Seed: 5, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
	}, nil); err != nil {
		t.Fatal(err)
	}
	kari := routedByKari(t, s)
	if _, err := s.CorrectRouting(ctx, acting(kari), "R1", 0, []string{"dps", "municipal"}, "both", "the municipality too"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordConsultation(ctx, acting(kari), "R1", seniorConsultation()); err != nil {
		t.Fatal(err)
	}
	if err := messageReady(ctx, s, "R1"); err != nil {
		t.Fatal(err)
	}
	id, err := s.WriteMessage(ctx, acting(kari), "R1", "dps", false, func(intake.NoteInput, message.Input) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReceipt(ctx, kari, message.Receipt{OriginalMsgID: id, Status: "1"}); err != nil {
		t.Fatal(err)
	}
	rejected, err := s.WriteMessage(ctx, acting(kari), "R1", "dps", false, func(intake.NoteInput, message.Input) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReceipt(ctx, kari, message.Receipt{OriginalMsgID: rejected, Status: "2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordRejectionHandled(ctx, acting(kari), "R1", "Phoned the DPS."); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, supervisor)
	importCSV(t, s, "ref,received,channel,addressed_to,national_id\n"+
		"R2,2026-11-03,gp,dps,14838510036\n"+
		"R3,2026-11-04,gp,dps,14838510036\n")
	reason := "registered twice by the reception"
	if err := s.MergeReferral(ctx, intake.Access{Who: supervisor, Reason: reason}, "R2", "R3", reason); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Assign(ctx, admin, "R3", newSeeded(1)); err != nil {
		t.Fatal(err)
	}
	importCSV(t, s, "ref,received,channel,clinician,first_conversation,attended,routed,outcomes\n"+
		"IN,2026-10-01,self,kari,2026-10-05,yes,2026-10-06,reception\n")
	if _, err := s.LogSession(ctx, acting(kari), "IN", intake.Session{Date: intake.MustParseDate("2026-10-08"), Minutes: 60, Mode: intake.SessionVideo}); err != nil {
		t.Fatal(err)
	}
	_, line := newKeyLine(t, "kari@desk")
	if _, err := s.AddSSHKey(ctx, admin, "kari", line); err != nil {
		t.Fatal(err)
	}
	var forward int
	s.db.QueryRow(`SELECT count(*) FROM referrals WHERE merged_into > id`).Scan(&forward)
	if forward != 1 {
		t.Fatalf("the fixture has %d forward merges, want 1", forward)
	}
	return s, path
}

// openCopied opens a copied database.
func openCopied(t *testing.T, where string) *Store {
	t.Helper()
	d, err := Open(context.Background(), where, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// sameContent requires a and b to hold the same: every table's rows and
// digest, and the chains' anchor.
func sameContent(t *testing.T, a, b *Store) string {
	t.Helper()
	ctx := context.Background()
	da, err := a.DigestTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := b.DigestTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(da, db) {
		t.Errorf("the tables differ:\n%v\n%v", da, db)
	}
	ra, err := a.VerifyChains(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	rb, err := b.VerifyChains(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if ra.Anchor == "" || ra.Anchor != rb.Anchor || len(rb.Problems) > 0 {
		t.Errorf("anchors %q and %q, problems %q", ra.Anchor, rb.Anchor, rb.Problems)
	}
	return ra.Anchor
}

// A copy into a new file holds every row of every table as stored, its
// chains give the source's anchor, it records itself in the source's
// access log (and so, copied in the same transaction, in its own), and
// the new database works: a write appends to its chains.
func TestCopyToFileHoldsEverything(t *testing.T) {
	ctx := context.Background()
	s, _ := copySource(t)
	dest := filepath.Join(t.TempDir(), "moved.db")
	var seen []int
	rep, err := s.CopyTo(ctx, admin, dest, func(n int) { seen = append(seen, n) })
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range rep.Tables {
		if tb.Rows == 0 {
			t.Errorf("the fixture left %s empty: the test would not see it copied", tb.Table)
		}
	}
	if len(seen) == 0 || int64(seen[len(seen)-1]) != rep.Rows() {
		t.Errorf("progress %v, rows %d", seen, rep.Rows())
	}
	fi, err := os.Stat(dest)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("dest %v %v", fi, err)
	}
	d := openCopied(t, dest)
	if got := sameContent(t, s, d); got != rep.Anchor {
		t.Errorf("reported anchor %q, found %q", rep.Anchor, got)
	}
	if _, err := d.db.Exec(`DELETE FROM events WHERE id = 1`); err == nil {
		t.Error("an event was deleted on the copy")
	}
	var copies int
	d.db.QueryRow(`SELECT count(*) FROM access_log WHERE what = 'copy' AND basis = 'bulk' AND actor = 'root'`).Scan(&copies)
	if copies != 1 {
		t.Errorf("%d copy rows in the access log, want 1", copies)
	}
	if _, err := d.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person"}, intake.Details{}); err != nil {
		t.Fatal(err)
	}
	requireChainsSound(t, d)
	// A second copy to the same name is refused, the first left as it was.
	if _, err := s.CopyTo(ctx, admin, dest, nil); !errors.Is(err, ErrExists) {
		t.Errorf("copy onto an existing file: %v", err)
	}
	// Admins only.
	if _, err := s.CopyTo(ctx, clinician("kari", intake.OrgDPS), filepath.Join(t.TempDir(), "x.db"), nil); !errors.Is(err, ErrForbidden) {
		t.Errorf("a clinician copied: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".envei-copy-*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind %v", leftovers)
	}
}

// A copy broken off midway writes nothing: no file, no temporary folder,
// and no row in the source's access log claiming it.
func TestCopyBrokenOffLeavesNothing(t *testing.T) {
	s, _ := copySource(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	dest := filepath.Join(dir, "moved.db")
	var before int
	s.db.QueryRow(`SELECT count(*) FROM access_log`).Scan(&before)
	_, err := s.CopyTo(ctx, admin, dest, func(n int) {
		if n >= copyProgressEvery {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("broken off: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("left %v", entries)
	}
	var after int
	s.db.QueryRow(`SELECT count(*) FROM access_log`).Scan(&after)
	if after != before {
		t.Errorf("access log %d rows, was %d", after, before)
	}
}

// The tables a copy carries are the schema's: a table added by a
// migration and not to copyTables fails here.
func TestCopyTablesAreTheSchema(t *testing.T) {
	s, _ := copySource(t)
	rows, err := s.db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var schema []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		schema = append(schema, name)
	}
	rows.Close()
	requireCopyListsAll(t, schema)
}

func requireCopyListsAll(t *testing.T, schema []string) {
	t.Helper()
	var listed []string
	for _, tb := range copyTables() {
		listed = append(listed, tb.name)
	}
	slices.Sort(listed)
	slices.Sort(schema)
	if !slices.Equal(listed, schema) {
		t.Errorf("the schema's tables %v, the copy's %v", schema, listed)
	}
}

// rawCount counts a table's rows through a plain connection.
func rawCount(t *testing.T, driver, where, table string) int {
	t.Helper()
	db, err := sql.Open(driver, where)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
