package store

// Benchmarks for issue 7 (national scale). They build a database of
// ENVEI_BENCH_PATIENTS generated referrals (default 2000, so CI runs them
// in seconds with -benchtime=1x), or read the one at ENVEI_BENCH_DB (made
// with envei demo --patients 1000000, for the full-scale figures; it is
// opened, never changed, except by BenchmarkRegister, which needs a copy).
// Compare runs with benchstat. None of them fails on a time.

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/intake/report"
)

func benchPatients() int {
	if n, err := strconv.Atoi(os.Getenv("ENVEI_BENCH_PATIENTS")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// benchStore opens ENVEI_BENCH_DB, or builds a database of benchPatients
// generated referrals.
func benchStore(b *testing.B) *Store {
	b.Helper()
	if path := os.Getenv("ENVEI_BENCH_DB"); path != "" {
		s, err := Open(context.Background(), path, Options{Now: fixedNow})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return s
	}
	return loadDemo(b, benchPatients())
}

// Generating the demo database: envei demo --patients N.
func BenchmarkLoadGenerated(b *testing.B) {
	n := benchPatients()
	for b.Loop() {
		b.StopTimer()
		s := newStoreTB(b)
		ctx := context.Background()
		for _, c := range intake.DemoRoster() {
			if err := s.AddClinician(ctx, admin, c); err != nil {
				b.Fatal(err)
			}
		}
		roster, _ := s.Roster(ctx)
		b.StartTimer()
		if _, err := s.LoadGenerated(ctx, admin, func(emit func(intake.Referral) error) error {
			return intake.GenerateDemo(intake.DemoOptions{Patients: n, Seed: 1, Today: intake.MustParseDate("2026-11-22"), Clinicians: roster}, emit)
		}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// envei stats: grouped in SQL (what the command does) and row by row (what
// it did before schema 4).
func BenchmarkStatsTallies(b *testing.B) { benchStats(b, true) }
func BenchmarkStatsRows(b *testing.B)    { benchStats(b, false) }

func benchStats(b *testing.B, tallies bool) {
	s := benchStore(b)
	ctx := context.Background()
	catalogue, _ := s.Services(ctx)
	for b.Loop() {
		sb, err := report.NewStats(report.StatsOptions{Today: intake.MustParseDate("2026-11-22"), Catalogue: catalogue})
		if err != nil {
			b.Fatal(err)
		}
		if tallies {
			err = s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, false, sb.Span, sb.AddTally)
		} else {
			err = s.ReportRows(ctx, admin, intake.Date{}, intake.Date{}, sb.Add)
		}
		if err != nil {
			b.Fatal(err)
		}
		if sb.Result().Referrals == 0 {
			b.Fatal("no referrals")
		}
	}
}

// envei funnel --by month, both ways.
func BenchmarkFunnelMonthTallies(b *testing.B) { benchFunnel(b, true) }
func BenchmarkFunnelMonthRows(b *testing.B)    { benchFunnel(b, false) }

func benchFunnel(b *testing.B, tallies bool) {
	s := benchStore(b)
	ctx := context.Background()
	catalogue, _ := s.Services(ctx)
	for b.Loop() {
		fb, err := report.NewFunnel(report.FunnelOptions{By: report.ByMonth, Catalogue: catalogue})
		if err != nil {
			b.Fatal(err)
		}
		if tallies {
			err = s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, true, fb.Span, fb.AddTally)
		} else {
			err = s.ReportRows(ctx, admin, intake.Date{}, intake.Date{}, fb.Add)
		}
		if err != nil {
			b.Fatal(err)
		}
		if len(fb.Result().Periods) == 0 {
			b.Fatal("no periods")
		}
	}
}

// The worklist's deepest page: by keyset (what the console asks) and by
// OFFSET over the same order, the way it is not done.
func BenchmarkWorklistLastPageKeyset(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if rows, err := s.Worklist(ctx, WorklistQuery{Last: true, Limit: 20}); err != nil || len(rows) == 0 {
			b.Fatal(len(rows), err)
		}
	}
}

func BenchmarkWorklistLastPageOffset(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	var open int
	if err := s.db.QueryRow(`SELECT count(*) FROM referrals WHERE on_worklist = 1`).Scan(&open); err != nil {
		b.Fatal(err)
	}
	query, _ := worklistSQL(WorklistQuery{Limit: 20})
	query = strings.Replace(query, "LIMIT ?", "LIMIT 20 OFFSET ?", 1)
	for b.Loop() {
		rows, err := s.db.QueryContext(ctx, query, max(open-20, 0))
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			b.Fatal("empty page")
		}
	}
}

// Search as you type: a name fragment over the whole worklist.
func BenchmarkWorklistSearch(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Worklist(ctx, WorklistQuery{Search: "ber", Limit: 20}); err != nil {
			b.Fatal(err)
		}
	}
}

// envei import of ENVEI_BENCH_PATIENTS rows into an empty database.
func BenchmarkImport(b *testing.B) {
	n := benchPatients()
	var csv strings.Builder
	csv.WriteString("ref,received,channel,addressed_to\n")
	for i := range n {
		day := intake.MustParseDate("2017-01-02").AddDays(i % 3500)
		fmt.Fprintf(&csv, "I%07d,%s,gp,dps\n", i, day)
	}
	data := csv.String()
	for b.Loop() {
		b.StopTimer()
		s := newStoreTB(b)
		b.StartTimer()
		if _, err := s.Import(context.Background(), admin, strings.NewReader(data), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// envei stats --min-cell 5 (and funnel, and the console's screen with
// small counts hidden): the statistics' and the months' tallies read, then
// suppressed together (report.NewReports). Reported apart: the two reads
// (read-s) and the suppression (suppress-s).
func BenchmarkReportsMinCell(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	catalogue, _ := s.Services(ctx)
	var read, suppress time.Duration
	for b.Loop() {
		start := time.Now()
		rb, err := report.NewReports(report.StatsOptions{Today: intake.MustParseDate("2026-11-22"), MinCell: 5, Catalogue: catalogue}, report.ByMonth)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, false, rb.Span, rb.AddStatsTally); err != nil {
			b.Fatal(err)
		}
		if err := s.ReportTallies(ctx, admin, intake.Date{}, intake.Date{}, true, rb.Span, rb.AddMonthTally); err != nil {
			b.Fatal(err)
		}
		read += time.Since(start)
		start = time.Now()
		if st, _ := rb.Result(); st.Referrals == 0 {
			b.Fatal("no referrals")
		}
		suppress += time.Since(start)
	}
	b.ReportMetric(read.Seconds()/float64(b.N), "read-s")
	b.ReportMetric(suppress.Seconds()/float64(b.N), "suppress-s")
}
