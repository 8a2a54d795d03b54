package report

import (
	"math/rand/v2"
	"testing"

	"envei/intake"
)

// benchRows are synthetic referrals over ten years, every state and
// addressee, as a million-referral run would feed the builders.
var benchRows = func() []Row {
	return randomRows(rand.New(rand.NewPCG(21, 22)), 100_000, intake.MustParseDate("2016-01-04"), 3650)
}

// BenchmarkRoutingTable measures the statistics builder per referral
// (ns/op is one Add); the result is computed once at the end.
func BenchmarkRoutingTable(b *testing.B) {
	rows := benchRows()
	sb, err := NewStats(StatsOptions{Catalogue: intake.DefaultCatalogue(), Today: intake.MustParseDate("2026-01-05")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := sb.Add(rows[i%len(rows)]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if s := sb.Result(); s.Referrals != b.N {
		b.Fatalf("%d referrals counted, %d added", s.Referrals, b.N)
	}
}

// BenchmarkFunnel measures the funnel builder per referral, by week (the
// most periods).
func BenchmarkFunnel(b *testing.B) {
	rows := benchRows()
	fb, err := NewFunnel(FunnelOptions{By: ByWeek, Catalogue: intake.DefaultCatalogue()})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := fb.Add(rows[i%len(rows)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStatsResult measures computing the tables from the counters,
// open and protected: independent of the number of referrals.
func BenchmarkStatsResult(b *testing.B) {
	for _, minCell := range []int{0, 3} {
		b.Run(map[int]string{0: "open", 3: "mincell3"}[minCell], func(b *testing.B) {
			sb, _ := NewStats(StatsOptions{Catalogue: intake.DefaultCatalogue(), MinCell: minCell, Today: intake.MustParseDate("2026-01-05")})
			for _, r := range benchRows()[:20_000] {
				sb.Add(r)
			}
			b.ResetTimer()
			for range b.N {
				sb.Result()
			}
		})
	}
}

// BenchmarkReportsResultMinCell measures the joint suppression of the
// statistics and the funnel's months (ten years, some 120 months) from
// 100k synthetic referrals: the whole cost of --min-cell but the reads.
func BenchmarkReportsResultMinCell(b *testing.B) {
	rows := benchRows()
	for b.Loop() {
		rb, err := NewReports(StatsOptions{Catalogue: intake.DefaultCatalogue(), MinCell: 5, Today: intake.MustParseDate("2026-01-05")}, ByMonth)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := rb.Add(r); err != nil {
				b.Fatal(err)
			}
		}
		if s, _ := rb.Result(); s.Referrals != len(rows) {
			b.Fatalf("%d referrals counted", s.Referrals)
		}
	}
}
