package store

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"envei/intake"
)

// One write at a time with synchronous FULL (issue 7: p99 < 10 ms): each
// iteration takes a new referral through the reception, timing the three
// writes a receptionist makes most (register, assign, route) and doing
// the steps between untimed. It writes into a copy of ENVEI_BENCH_DB, or
// into a database of ENVEI_BENCH_PATIENTS generated referrals. Reports
// p50 and p99 of each write; nothing fails on a time.
func BenchmarkWrites(b *testing.B) {
	s := writableBenchStore(b)
	ctx := context.Background()
	day := fixedNow().Format("2006-01-02")
	var register, assign, route []time.Duration
	timed := func(into *[]time.Duration, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		*into = append(*into, time.Since(start))
	}
	src := newSeeded(1)
	for b.Loop() {
		var ref string
		timed(&register, func() error {
			row, err := s.Register(ctx, admin, intake.Referral{Received: intake.MustParseDate(day), Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS}, intake.Details{})
			ref = row.Referral.Ref
			return err
		})
		timed(&assign, func() error { _, err := s.Assign(ctx, admin, ref, src); return err })
		b.StopTimer()
		d, err := s.ReferralDetail(ctx, reading(admin), ref)
		if err == nil {
			_, err = s.Schedule(ctx, acting(admin), ref, d.Version, intake.MustParseDate(day), "9:30", intake.ModeVideo)
		}
		if err == nil {
			d, err = s.ReferralDetail(ctx, reading(admin), ref)
		}
		if err == nil {
			_, err = s.RecordAttendance(ctx, acting(admin), ref, d.Version, true)
		}
		if err == nil {
			_, err = s.SaveAssessment(ctx, acting(admin), ref, filled(), true, "")
		}
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		timed(&route, func() error {
			_, err := s.Route(ctx, acting(admin), ref, 0, []string{"municipal"}, "benchmark")
			return err
		})
	}
	for _, m := range []struct {
		name string
		ds   []time.Duration
	}{{"register", register}, {"assign", assign}, {"route", route}} {
		slices.Sort(m.ds)
		b.ReportMetric(float64(m.ds[len(m.ds)/2].Microseconds()), m.name+"-p50-µs")
		b.ReportMetric(float64(m.ds[min(len(m.ds)-1, len(m.ds)*99/100)].Microseconds()), m.name+"-p99-µs")
	}
}

// writableBenchStore opens a copy of ENVEI_BENCH_DB (so the file the other
// benchmarks read stays as it was), or builds a database of benchPatients
// generated referrals.
func writableBenchStore(b *testing.B) *Store {
	b.Helper()
	src := os.Getenv("ENVEI_BENCH_DB")
	if src == "" {
		return loadDemo(b, benchPatients())
	}
	var dst string
	if isPostgresDSN(src) {
		dst = copyPostgresBenchDB(b, src)
	} else {
		dst = filepath.Join(b.TempDir(), "copy.db")
	}
	for _, suffix := range []string{"", "-wal"} {
		if isPostgresDSN(src) {
			break
		}
		if err := copyFile(src+suffix, dst+suffix); err != nil && !(suffix != "" && os.IsNotExist(err)) {
			b.Fatal(err)
		}
	}
	s, err := Open(context.Background(), dst, Options{Now: fixedNow})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
