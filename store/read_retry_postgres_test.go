package store

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/report"
)

// Read transactions that the server breaks off part-way (a lost
// connection, here the reading backend ended with pg_terminate_backend)
// are run again whole when what they read is gathered before it is handed
// on; a read that hands rows on as it goes says it was broken off.

// demoOnPostgres is a store of its own on the test server holding n
// generated referrals, the database's name, and the test's hand on the
// server.
func demoOnPostgres(t *testing.T, n int) (*Store, string, *sql.DB) {
	t.Helper()
	s, dsn := newPostgresStore(t)
	fillDemo(t, s, n)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return s, strings.TrimPrefix(u.Path, "/"), serverAdmin(t)
}

// endBackends tells every client backend connected to database (the
// store's pooled connections, the reading one among them) to end, and
// returns how many it told. It does not wait for them: it is called from
// inside a read's callback, while the reading backend may be blocked
// sending rows that the client reads only once the callback returns
// (waiting there timed out after 10 s under CI's load, ending none).
func endBackends(t *testing.T, killer *sql.DB, database string) int {
	t.Helper()
	var n int
	err := killer.QueryRowContext(context.Background(), `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
		FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`, database).Scan(&n)
	if err != nil {
		t.Errorf("ending the backends: %v", err)
	}
	return n
}

// tallies reads the statistics' or the funnel by month's tallies, each
// copied (fn's Outcomes are reused).
func tallies(ctx context.Context, s *Store, byMonth bool, span func(first, last intake.Date)) ([]report.Tally, error) {
	var out []report.Tally
	err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, byMonth, span, func(t report.Tally) error {
		t.Outcomes = slices.Clone(t.Outcomes)
		out = append(out, t)
		return nil
	})
	return out, err
}

// The reading backend ends after the report's first queries (from the
// span callback, which runs inside the read): the tallies are read again
// whole and come out as they do undisturbed, each once.
func TestPostgresReportTalliesRunAgainWhenTheReadIsBrokenOff(t *testing.T) {
	s, database, killer := demoOnPostgres(t, 2000)
	ctx := context.Background()
	for _, byMonth := range []bool{false, true} {
		var first, last intake.Date
		want, err := tallies(ctx, s, byMonth, func(f, l intake.Date) { first, last = f, l })
		if err != nil || len(want) == 0 {
			t.Fatalf("undisturbed: %d tallies (%v)", len(want), err)
		}
		ended, spans := 0, 0
		got, err := tallies(ctx, s, byMonth, func(f, l intake.Date) {
			if spans++; spans == 1 {
				ended = endBackends(t, killer, database)
			}
			if f != first || l != last {
				t.Errorf("span %s–%s, want %s–%s", f, l, first, last)
			}
		})
		if err != nil {
			t.Fatalf("byMonth %v, the reading backend ended: %v", byMonth, err)
		}
		if ended == 0 || spans != 2 {
			t.Errorf("byMonth %v: %d backends ended, span called %d times: the read was not broken off and run again", byMonth, ended, spans)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("byMonth %v: %d tallies after the read was run again, want %d as undisturbed", byMonth, len(got), len(want))
		}
	}
}

// An export hands its rows on as it reads them (a million never sit in
// memory), so one broken off part-way is not run again — its rows would
// be written twice — but reported as interrupted, not as the driver's
// error.
func TestPostgresExportBrokenOffPartWaySaysSo(t *testing.T) {
	s, database, killer := demoOnPostgres(t, 20000)
	ctx := context.Background()
	rows, ended := 0, 0
	err := s.Export(ctx, admin, func(intake.ExportRow) error {
		if rows++; rows == 1 {
			ended = endBackends(t, killer, database)
		}
		return nil
	})
	if ended == 0 {
		t.Fatal("no backend ended")
	}
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("export broken off after %d of 20000 rows: %v, want ErrInterrupted", rows, err)
	}
	if rows >= 20000 {
		t.Errorf("%d rows handed on: the export was run again", rows)
	}
	if !strings.Contains(err.Error(), "run it again") {
		t.Errorf("the message does not say what to do: %v", err)
	}
	// Run again, it is whole.
	rows = 0
	if err := s.Export(ctx, admin, func(intake.ExportRow) error { rows++; return nil }); err != nil || rows != 20000 {
		t.Fatalf("export run again: %d rows (%v)", rows, err)
	}
}

// The rows of the funnel by ISO week are handed on as read too: broken
// off part-way they are reported as interrupted, never counted twice.
func TestPostgresReportRowsBrokenOffPartWaySaysSo(t *testing.T) {
	s, database, killer := demoOnPostgres(t, 20000)
	ctx := context.Background()
	rows, ended := 0, 0
	err := s.ReportRows(ctx, admin, intake.Date{}, intake.Date{}, func(report.Row) error {
		if rows++; rows == 1 {
			ended = endBackends(t, killer, database)
		}
		return nil
	})
	if ended == 0 {
		t.Fatal("no backend ended")
	}
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("report rows broken off after %d rows: %v, want ErrInterrupted", rows, err)
	}
	if rows >= 20000 {
		t.Errorf("%d rows handed on: the read was run again", rows)
	}
}

// The connection is lost after a gathered read's last query, at its
// COMMIT: the chains' verification and the tables' digests are read again
// whole and come out as undisturbed.
func TestPostgresGatheredReadsRunAgainWhenTheCommitIsLost(t *testing.T) {
	s, _, killer := demoOnPostgres(t, 300)
	ctx := context.Background()
	ends := 0
	endOnce := func(tx *Tx) error {
		if ends++; ends > 1 {
			return nil
		}
		var pid int
		if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
			return err
		}
		var ended bool
		if err := killer.QueryRowContext(ctx, `SELECT pg_terminate_backend($1, 10000)`, pid).Scan(&ended); err != nil || !ended {
			t.Fatalf("ending the reading backend: %v %v", ended, err)
		}
		return nil
	}
	defer func() { s.breakRead = nil }()

	wantChains, err := s.VerifyChains(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s.breakRead, ends = endOnce, 0
	chains, err := s.VerifyChains(ctx, "")
	s.breakRead = nil
	if err != nil || ends != 2 || !reflect.DeepEqual(chains, wantChains) {
		t.Errorf("chains after the read was run again (%d runs): %+v, want %+v (%v)", ends, chains, wantChains, err)
	}

	wantDigests, err := s.DigestTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.breakRead, ends = endOnce, 0
	digests, err := s.DigestTables(ctx)
	s.breakRead = nil
	if err != nil || ends != 2 || !reflect.DeepEqual(digests, wantDigests) {
		t.Errorf("digests after the read was run again (%d runs): %v (%v)", ends, err, digests)
	}
}
