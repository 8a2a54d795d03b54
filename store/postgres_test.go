package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"envei/intake"
)

// Tests of the PostgreSQL engine itself. They run whenever a server is
// given (ENVEI_TEST_POSTGRES), whichever engine the rest of the suite is
// on, and skip without one unless ENVEI_REQUIRE_POSTGRES=1.

// newPostgresStore creates a store in a new database of its own on the
// test server.
func newPostgresStore(t *testing.T) (*Store, string) {
	t.Helper()
	dsn := newPostgresDatabase(t, postgresOnly(t))
	s, err := Open(context.Background(), dsn, Options{Create: true, Test: true, Creator: admin, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	t.Cleanup(func() { requireChainsSound(t, s) })
	return s, dsn
}

// serverAdmin opens a connection pool to the test server as its admin,
// beside the store's: the test's hand on the server.
func serverAdmin(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", postgresOnly(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPostgresEmptyDatabaseWithoutCreate(t *testing.T) {
	dsn := newPostgresDatabase(t, postgresOnly(t))
	ctx := context.Background()
	if _, err := Open(ctx, dsn, Options{}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("an empty database without Create: %v", err)
	}
	// Nothing was made on the way.
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil || tables != 0 {
		t.Fatalf("%d tables left behind (%v)", tables, err)
	}
	// Another program's tables: envei does not move in beside them.
	if _, err := db.Exec(`CREATE TABLE theirs (x int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, dsn, Options{Create: true, Creator: admin}); !errors.Is(err, ErrNotEnvei) {
		t.Fatalf("a database holding another program's table: %v", err)
	}
}

// The DSN names the database in errors, never with its password.
func TestPostgresErrorsNeverShowThePassword(t *testing.T) {
	admin := postgresOnly(t)
	dsn := strings.Replace(admin, "postgres://", "postgres://envei_nobody:s3cret-Pa55@", 1)
	if strings.Contains(admin, "@") {
		// The admin DSN has a user: put the password beside it.
		i := strings.Index(admin, "@")
		dsn = admin[:i] + ":s3cret-Pa55" + admin[i:]
	}
	dsn = strings.Replace(dsn, "/postgres?", "/envei_t_no_such_database?", 1)
	_, err := Open(context.Background(), dsn, Options{})
	if err == nil {
		t.Fatal("opened a database that does not exist")
	}
	if strings.Contains(err.Error(), "s3cret-Pa55") {
		t.Fatalf("the error shows the password: %v", err)
	}
	if got := redactDSN("postgres://u:pw@h:5/db?password=pw2&sslmode=require"); strings.Contains(got, "pw") || !strings.Contains(got, "sslmode=require") {
		t.Errorf("redactDSN: %s", got)
	}
}

// The squashed PostgreSQL schema has the tables and columns, in the same
// order, that SQLite's migrations make, and the same indexes and
// append-only triggers (the report tally triggers stay SQLite's until
// they move into Go; the id triggers are PostgreSQL's).
func TestPostgresSchemaMatchesSQLite(t *testing.T) {
	s, _ := newPostgresStore(t)
	ctx := context.Background()
	lite, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	lite.SetMaxOpenConns(1)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		tx, err := lite.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := applyMigration(ctx, &Tx{tx: tx, eng: sqliteEngine{}}, m); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	list := func(q func(string, ...any) (*sql.Rows, error), query string) []string {
		rows, err := q(query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				t.Fatal(err)
			}
			out = append(out, a+"."+b)
		}
		return out
	}
	for _, c := range []struct{ what, sqlite, postgres string }{
		{"columns",
			`SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid`,
			`SELECT table_name::text, column_name::text FROM information_schema.columns
			 WHERE table_schema = current_schema() AND table_name <> 'envei_schema' ORDER BY table_name, ordinal_position`},
		{"indexes",
			`SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
			`SELECT c.relname::text, i.relname::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
			 WHERE c.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary AND NOT x.indisunique ORDER BY i.relname`},
		{"triggers",
			`SELECT tbl_name, name FROM sqlite_schema WHERE type = 'trigger' AND name NOT LIKE '%tally%' ORDER BY name`,
			`SELECT c.relname::text, t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			 WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgname NOT LIKE '%\_id' ORDER BY t.tgname`},
	} {
		want := list(lite.Query, c.sqlite)
		got := list(s.db.Query, c.postgres)
		if !slices.Equal(want, got) {
			t.Errorf("%s differ:\nSQLite     %q\nPostgreSQL %q", c.what, want, got)
		}
	}
}

// Consoles on several servers' worth of connections registering, drawing
// and reading at once: every write lands once, refs and ids are never
// handed out twice, and the chains stay whole (the advisory write lock
// serialises the writers as SQLite's BEGIN IMMEDIATE does).
func TestPostgresConcurrentWritersKeepTheChains(t *testing.T) {
	s, dsn := newPostgresStore(t)
	ctx := context.Background()
	mustAdd(t, s, clinician("kari", intake.OrgDPS), clinician("ola", intake.OrgMunicipal))
	var stores []*Store
	for range 3 {
		o, err := Open(ctx, dsn, Options{Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		defer o.Close()
		stores = append(stores, o)
	}
	const goroutines, each = 12, 10
	var wg sync.WaitGroup
	var mu sync.Mutex
	var refs []string
	errs := make(chan error, goroutines*each*3)
	for g := range goroutines {
		wg.Add(1)
		go func(st *Store) {
			defer wg.Done()
			for j := range each {
				row, err := st.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person"}, intake.Details{})
				if err != nil {
					errs <- err
					continue
				}
				mu.Lock()
				refs = append(refs, row.Referral.Ref)
				mu.Unlock()
				if _, err := st.Assign(ctx, admin, row.Referral.Ref, newSeeded(uint64(g*100+j))); err != nil {
					errs <- err
				}
				if _, err := st.ReferralDetail(ctx, reading(admin), row.Referral.Ref); err != nil {
					errs <- err
				}
			}
		}(stores[g%len(stores)])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	slices.Sort(refs)
	if len(slices.Compact(slices.Clone(refs))) != goroutines*each {
		t.Fatalf("%d distinct refs of %d registrations", len(slices.Compact(refs)), goroutines*each)
	}
	counts, err := s.CountByState(ctx)
	if err != nil || counts[intake.StateAssigned] != goroutines*each {
		t.Errorf("assigned %d, want %d (%v)", counts[intake.StateAssigned], goroutines*each, err)
	}
	requireChainsSound(t, s)
}

// A transaction the server breaks off — its backend terminated between
// two statements, a serialization failure, a deadlock — is run again from
// the start, and the caller hears nothing of it.
func TestPostgresRetryableErrorsAreRetried(t *testing.T) {
	s, _ := newPostgresStore(t)
	killer := serverAdmin(t)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		breakIt func(tx *Tx) error
	}{
		{"backend terminated", func(tx *Tx) error {
			var pid int
			if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
				return err
			}
			var done bool
			if err := killer.QueryRowContext(ctx, `SELECT pg_terminate_backend($1, 10000)`, pid).Scan(&done); err != nil || !done {
				t.Fatalf("terminating the backend: %v %v", done, err)
			}
			return nil
		}},
		{"serialization failure", func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '40001'; END $$`)
			return fmt.Errorf("wrapped by the caller: %w", err)
		}},
		{"deadlock", func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `DO $$ BEGIN RAISE EXCEPTION 'injected' USING ERRCODE = '40P01'; END $$`)
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			runs := 0
			key := "retry_" + strings.ReplaceAll(c.name, " ", "_")
			err := s.InTx(ctx, func(tx *Tx) error {
				runs++
				if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, key, strconv.Itoa(runs)); err != nil {
					return err
				}
				if runs == 1 {
					if err := c.breakIt(tx); err != nil {
						return err
					}
				}
				return appendEvent(ctx, tx, s.stamp(), "root", 0, "retry_probe", key)
			})
			if err != nil {
				t.Fatalf("the caller saw: %v", err)
			}
			if runs != 2 {
				t.Errorf("fn ran %d times, want 2", runs)
			}
			var value string
			if err := s.db.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&value); err != nil || value != "2" {
				t.Errorf("stored %q (%v), want the second run's", value, err)
			}
			var events int
			s.db.QueryRow(`SELECT count(*) FROM events WHERE detail = ?`, key).Scan(&events)
			if events != 1 {
				t.Errorf("%d events, want 1", events)
			}
		})
	}
}

// An import reads its file once, so one the server breaks off is not run
// again: the caller hears that nothing was written and may start it over.
func TestPostgresBrokenOffImportSaysSo(t *testing.T) {
	s, dsn := newPostgresStore(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	database := strings.TrimPrefix(u.Path, "/")
	killer := serverAdmin(t)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString("ref,received,channel\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "IMP-%05d,2026-11-02,self\n", i)
	}
	r := &killingReader{r: strings.NewReader(b.String()), after: 20000, kill: func() {
		// The import's backend is the one holding the write lock of this
		// test's database (the server may be shared: no other is touched).
		var pid int
		if err := killer.QueryRowContext(ctx, `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
			WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1`, database).Scan(&pid); err != nil {
			t.Errorf("finding the writer: %v", err)
			return
		}
		killer.ExecContext(ctx, `SELECT pg_terminate_backend($1, 10000)`, pid)
	}}
	_, err = s.Import(ctx, admin, r, nil)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("got %v, want ErrInterrupted", err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM referrals`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d referrals written by a broken-off import (%v)", n, err)
	}
	// Run again, it lands whole.
	if res, err := s.Import(ctx, admin, strings.NewReader(b.String()), nil); err != nil || res.Rows != 3000 {
		t.Fatalf("second import: %+v %v", res, err)
	}
}

// killingReader calls kill once after handing out after bytes.
type killingReader struct {
	r     io.Reader
	after int
	read  int
	kill  func()
	done  bool
}

func (k *killingReader) Read(p []byte) (int, error) {
	if !k.done && k.read >= k.after {
		k.done = true
		k.kill()
	}
	n, err := k.r.Read(p[:min(len(p), 4096)])
	k.read += n
	return n, err
}

// A write waits for the one write lock while another writer holds it,
// lands once that is released, and a caller whose deadline runs out first
// hears ErrBusy, as on SQLite.
func TestPostgresWriterWaitsForTheLock(t *testing.T) {
	s, dsn := newPostgresStore(t)
	ctx := context.Background()
	other, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	holder, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(writeLockKey)); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if err := s.AddClinician(short, admin, clinician("kari", intake.OrgDPS)); !errors.Is(err, ErrBusy) {
		t.Fatalf("with the lock held and a short deadline: %v, want ErrBusy", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.AddClinician(ctx, admin, clinician("kari", intake.OrgDPS)) }()
	select {
	case err := <-done:
		t.Fatalf("wrote while another writer held the lock: %v", err)
	case <-time.After(500 * time.Millisecond):
	}
	if _, err := holder.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, int64(writeLockKey)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the write did not land after the lock was released")
	}
}

// Every SQLite migration has its PostgreSQL step: the PostgreSQL
// migrations reach SchemaVersion(). Needs no server, so a new SQLite
// migration without its PostgreSQL file fails here on any machine.
func TestPostgresMigrationsReachTheSchema(t *testing.T) {
	ms, err := postgresMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if ms[len(ms)-1].version != SchemaVersion() {
		t.Fatalf("PostgreSQL migrations end at %d, SQLite's at %d", ms[len(ms)-1].version, SchemaVersion())
	}
}

// The database server restarts (pg_ctl restart -m fast) while writers
// rebook, log sessions and import: no write acknowledged before, during
// or after the restart is lost, every import is whole or absent, the
// chains are whole, and no worker hears an error it should not (a write
// broken off is run again; one whose commit was cut off is reported as
// perhaps not saved, and not acknowledged). Needs a server of the test's
// own: ENVEI_TEST_POSTGRES_RESTART is the command that restarts it
// (.ci/postgres sets it); the development server is never restarted.
func TestPostgresRestartLosesNoAcknowledgedWrite(t *testing.T) {
	restart := os.Getenv("ENVEI_TEST_POSTGRES_RESTART")
	if restart == "" {
		t.Skip("needs a server of the test's own to restart: ENVEI_TEST_POSTGRES_RESTART (set by .ci/postgres)")
	}
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	writers := 4
	path := stressDBAt(t, newPostgresDatabase(t, postgresOnly(t)), writers)
	var ws []*worker
	for i := range writers {
		ws = append(ws, startWorker(t, "writer", path, i, 300))
	}
	ws = append(ws, startWorker(t, "importer", path, 200, 6))
	if !ws[0].waitFor("ack", 20) {
		t.Fatalf("the first writer stopped before the restart:\n%s", ws[0].stderr.String())
	}
	out, err := exec.Command("sh", "-c", restart).CombinedOutput()
	if err != nil {
		t.Fatalf("restarting the server: %v\n%s", err, out)
	}
	got := waitAll(t, ws)
	s, err := Open(context.Background(), path, Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkFile(t, s.db)
	checkCounters(t, s, got.lines["sched"], false)
	checkSessions(t, s, got.lines["session"], false)
	checkImports(t, s.db, got.lines["import"])
	requireChainsSound(t, s)
	t.Logf("%d acknowledged changes across a server restart (%d rebookings, %d sessions, %d imports), %d conflicts, %d reported as perhaps not saved",
		got.total(), len(got.lines["sched"]), len(got.lines["session"]), len(got.lines["import"]), got.conflicts, got.unknown)
}

// fn may run more than once on PostgreSQL, so what a write transaction
// hands back is set afresh on each run: a retried read of the audit, the
// open referrals of a person or their earlier referrals lists each once.
func TestPostgresRetriedTransactionsReturnEachRowOnce(t *testing.T) {
	s, _ := newPostgresStore(t)
	ctx := context.Background()
	sup := intake.Clinician{Username: admin.Username, Role: intake.RoleAdmin}
	const id = "14838510036"
	for range 2 {
		if _, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: id}, intake.Details{}); err != nil {
			t.Fatal(err)
		}
	}
	broken := 0
	breakOnce := func() error {
		if broken++; broken == 1 {
			return &pgconn.PgError{Code: pgSerialization, Message: "injected"}
		}
		return nil
	}
	defer func() { s.breakTx = nil }()

	wantAudit, err := s.PatientAccess(ctx, sup, id)
	if err != nil {
		t.Fatal(err)
	}
	s.breakTx, broken = breakOnce, 0
	audit, err := s.PatientAccess(ctx, sup, id)
	s.breakTx = nil
	// The call before logged one audit row for each of the two referrals,
	// which this one lists too.
	if err != nil || broken != 2 || len(audit) != len(wantAudit)+2 {
		t.Errorf("audit after a retry: %d rows, want %d (%v)", len(audit), len(wantAudit)+2, err)
	}

	wantOpen, err := s.OpenReferralsFor(ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	s.breakTx, broken = breakOnce, 0
	open, err := s.OpenReferralsFor(ctx, admin, id)
	s.breakTx = nil
	if err != nil || broken != 2 || !slices.Equal(open, wantOpen) {
		t.Errorf("open referrals after a retry: %v, want %v (%v)", open, wantOpen, err)
	}

	wantPrior, err := s.PriorReferrals(ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	s.breakTx, broken = breakOnce, 0
	prior, err := s.PriorReferrals(ctx, admin, id)
	s.breakTx = nil
	if err != nil || broken != 2 || len(prior) != len(wantPrior) {
		t.Errorf("prior referrals after a retry: %d, want %d (%v)", len(prior), len(wantPrior), err)
	}
}
