package report

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"envei/intake"
)

// consultRowsFixture: six GP referrals to DPS and four to the municipality;
// three DPS patients were discussed with the senior psychiatrist (one twice),
// one municipal patient once; two DPS patients' GPs were phoned.
func consultRowsFixture() []Row {
	day := intake.MustParseDate("2026-10-05")
	var rows []Row
	add := func(addr intake.Addressee, senior, gp int) {
		rows = append(rows, Row{Received: day, Channel: intake.ChannelGP, AddressedTo: addr, State: intake.StateRegistered,
			Consultations: intake.ConsultationCounts{Senior: senior, GP: gp}})
	}
	for _, c := range [][2]int{{2, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}, {0, 0}} {
		add(intake.AddressedDPS, c[0], c[1])
	}
	for _, c := range [][2]int{{1, 0}, {0, 0}, {0, 0}, {0, 0}} {
		add(intake.AddressedMunicipal, c[0], c[1])
	}
	return rows
}

// The patients with a consultation of each kind, their percentage of the
// column, and the number of consultations, per group and in total.
func TestStatsCountConsultations(t *testing.T) {
	s := buildStats(t, consultRowsFixture(), StatsOptions{})
	tb := s.Consultations
	for _, c := range []struct {
		row, col string
		n, pct   int
		hasPct   bool
	}{
		{CodeSeniorPatients, "dps", 3, 50, true}, {CodeSeniorPatients, "municipal", 1, 25, true},
		{CodeSeniorPatients, "total", 4, 40, true}, {CodeSeniorConsultations, "dps", 4, 0, false},
		{CodeSeniorConsultations, "total", 5, 0, false}, {CodeGPPatients, "dps", 2, 33, true},
		{CodeGPPatients, "municipal", 0, 0, true}, {CodeGPConsultations, "total", 2, 0, false},
	} {
		cell := cellOf(t, tb, c.row, c.col)
		pct, ok := cell.Percent()
		if cell.N != c.n || ok != c.hasPct || (ok && pct != c.pct) {
			t.Errorf("%s/%s: %+v (%d %%, %v)", c.row, c.col, cell, pct, ok)
		}
	}
	var text, md, js bytes.Buffer
	if err := WriteStatsText(&text, s); err != nil {
		t.Fatal(err)
	}
	_ = WriteStatsMarkdown(&md, s)
	_ = WriteStatsJSON(&js, s)
	for name, out := range map[string]string{"text": text.String(), "md": md.String()} {
		label := "patients discussed with the senior psychiatrist"
		if name == "text" {
			label = "patients discussed" // the text breaks long labels to fit 80 columns
		}
		for _, want := range []string{"5. The senior psychiatrist and the GP", label, "4 (40 %)"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if !strings.Contains(js.String(), `"consultations": {`) || !strings.Contains(js.String(), `"code": "gp_consultations"`) {
		t.Error("the JSON lacks the consultations")
	}
	var csv bytes.Buffer
	_ = WriteStatsCSV(&csv, s)
	if strings.Contains(csv.String(), "senior") {
		t.Error("the CSV is the routing table alone")
	}

	// With nothing recorded the text says so rather than print zeros.
	none := buildStats(t, pilotRows(), StatsOptions{})
	text.Reset()
	_ = WriteStatsText(&text, none)
	if !strings.Contains(text.String(), "No consultation with the senior psychiatrist") {
		t.Error("the pilot's report does not say no consultation was recorded")
	}
}

// A store hands consultations over apart from the referrals' tallies
// (TallyConsultations): the report is the same as from rows, and the
// funnel counts no referral more.
func TestConsultationTalliesEqualRows(t *testing.T) {
	rows := consultRowsFixture()
	fromRows := buildStats(t, rows, StatsOptions{MinCell: 3})
	b, _ := NewStats(StatsOptions{MinCell: 3, Catalogue: intake.DefaultCatalogue(), Today: pilotToday})
	f, _ := NewFunnel(FunnelOptions{By: ByAll, Catalogue: intake.DefaultCatalogue()})
	for _, r := range rows {
		counts := r.Consultations
		r.Consultations = intake.ConsultationCounts{}
		b.Span(r.Received, r.Received)
		if err := b.AddTally(TallyOf(r)); err != nil {
			t.Fatal(err)
		}
		_ = f.AddTally(TallyOf(r))
		if counts != (intake.ConsultationCounts{}) {
			c := Tally{N: 1, Channel: r.Channel, AddressedTo: r.AddressedTo, Consultations: counts, Part: TallyConsultations}
			if err := b.AddTally(c); err != nil {
				t.Fatal(err)
			}
			_ = f.AddTally(c)
		}
	}
	var want, got bytes.Buffer
	_ = WriteStatsJSON(&want, fromRows)
	_ = WriteStatsJSON(&got, b.Result())
	if want.String() != got.String() {
		t.Errorf("tallies and rows differ:\n%s\n%s", got.String(), want.String())
	}
	if n := f.Result().Periods[0].Stages[0].Count.N; n != len(rows) {
		t.Errorf("the funnel received %d, want %d", n, len(rows))
	}
}

// The consultation counts are protected with the rest of the report: no
// small count is shown, a hidden cell carries no number, and no row of
// the table (its groups add up to its total) holds exactly one hidden
// count that subtraction would give back.
func TestConsultationsSuppressed(t *testing.T) {
	t.Parallel()
	// The fixture first: one municipal patient with one consultation.
	s := buildStats(t, consultRowsFixture(), StatsOptions{MinCell: 3})
	if c := cellOf(t, s.Consultations, CodeSeniorPatients, "municipal"); c.Mark != Small {
		t.Errorf("one municipal patient discussed with the senior psychiatrist: %+v", c)
	}
	checkConsultProtected(t, s)
	rng := rand.New(rand.NewPCG(21, 22))
	for range 12 {
		rows := randomRows(rng, 10+rng.IntN(60), intake.MustParseDate("2025-03-03"), 60)
		for i := range rows {
			if rng.IntN(4) == 0 {
				rows[i].Consultations.Senior = 1 + rng.IntN(3)
			}
			if rng.IntN(5) == 0 {
				rows[i].Consultations.GP = 1 + rng.IntN(2)
			}
		}
		s := buildStats(t, rows, StatsOptions{MinCell: 3 + rng.IntN(3), Today: intake.MustParseDate("2025-04-01")})
		assertProtected(t, s)
		checkConsultProtected(t, s)
	}
}

func checkConsultProtected(t *testing.T, s Stats) {
	t.Helper()
	tb := s.Consultations
	if len(tb.Rows) != len(consultRows) {
		t.Fatalf("rows %+v", tb.Rows)
	}
	for _, r := range tb.Rows {
		hidden := 0
		for j, c := range r.Cells {
			if c.Hidden() {
				hidden++
				if c.N != 0 || c.Of != 0 {
					t.Fatalf("%s/%s: a hidden cell carries %+v", r.Code, tb.Columns[j].Code, c)
				}
			} else if c.N >= 1 && c.N < s.MinCell {
				t.Fatalf("%s/%s: %d shown with min-cell %d", r.Code, tb.Columns[j].Code, c.N, s.MinCell)
			}
		}
		if hidden == 1 && !s.Exposed() {
			t.Fatalf("%s: one hidden count in a row whose groups add up to its total", r.Code)
		}
	}
}
