package report

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"envei/intake"
)

// The reports' tallies of a large demo database, dumped once to a file
// (one JSON value a line: the catalogue, then each span and tally as the
// store reported them), make a benchmark of the joint suppression at full
// scale without building a database. ENVEI_TALLIES names the file; the
// benchmarks that need it are skipped without it.

// talliesFromFile feeds the tallies in path to a new ReportsBuilder.
func talliesFromFile(tb testing.TB, path string, minCell int, by By) *ReportsBuilder {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		tb.Fatal("empty tallies file")
	}
	var cat []intake.Service
	if err := json.Unmarshal(sc.Bytes(), &cat); err != nil {
		tb.Fatal(err)
	}
	rb, err := NewReports(StatsOptions{Catalogue: cat, MinCell: minCell, Today: intake.MustParseDate("2026-11-22")}, by)
	if err != nil {
		tb.Fatal(err)
	}
	for sc.Scan() {
		var r struct {
			K    string
			A, B intake.Date
			T    Tally
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		switch r.K {
		case "span":
			rb.Span(r.A, r.B)
		case "stats":
			err = rb.AddStatsTally(r.T)
		case "month":
			err = rb.AddMonthTally(r.T)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	return rb
}

// BenchmarkReportsFromFile measures the joint suppression of the tallies
// in $ENVEI_TALLIES with --min-cell 5.
func BenchmarkReportsFromFile(b *testing.B) {
	path := os.Getenv("ENVEI_TALLIES")
	if path == "" {
		b.Skip("ENVEI_TALLIES not set")
	}
	for b.Loop() {
		b.StopTimer()
		rb := talliesFromFile(b, path, 5, ByMonth)
		b.StartTimer()
		rb.Result()
	}
}
