package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"envei/intake"
)

func buildFunnel(t testing.TB, rows []Row, opts FunnelOptions) Funnel {
	t.Helper()
	if opts.Catalogue == nil {
		opts.Catalogue = intake.DefaultCatalogue()
	}
	b, err := NewFunnel(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	return b.Result()
}

func stageCounts(p FunnelPeriod) map[Stage]int {
	m := map[Stage]int{}
	for _, s := range p.Stages {
		m[s.Stage] = s.Count.N
	}
	return m
}

// Each stage implies the ones before it; decided, did not attend,
// withdrawn and open split received; every decided patient went somewhere.
func TestFunnelStagesAreConsistent(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	rows := randomRows(rng, 4000, intake.MustParseDate("2024-11-04"), 150)
	f := buildFunnel(t, rows, FunnelOptions{By: ByMonth})
	total := 0
	for _, p := range f.Periods {
		c := stageCounts(p)
		total += c[StageReceived]
		for i := 1; i <= 4; i++ {
			if c[Stages[i]] > c[Stages[i-1]] {
				t.Errorf("%s: %s %d above %s %d", p.Period, Stages[i], c[Stages[i]], Stages[i-1], c[Stages[i-1]])
			}
		}
		if split := c[StageDecided] + c[StageDidNotAttend] + c[StageWithdrawn] + c[StageOpen]; split != c[StageReceived] {
			t.Errorf("%s: the stops add up to %d of %d received", p.Period, split, c[StageReceived])
		}
		went := 0
		for _, s := range []Stage{StageToDPS, StageToMunicipal, StageToSpecialised, StageToReception, StageNoNeed} {
			if c[s] > c[StageDecided] {
				t.Errorf("%s: %s above decided", p.Period, s)
			}
			went += c[s]
		}
		if went < c[StageDecided] {
			t.Errorf("%s: %d destinations for %d decided", p.Period, went, c[StageDecided])
		}
	}
	if total != len(rows) || len(f.Periods) != 6 {
		t.Errorf("%d received in %d periods, want %d in 6", total, len(f.Periods), len(rows))
	}
}

func TestFunnelPeriods(t *testing.T) {
	day := func(s string) Row {
		return Row{Received: intake.MustParseDate(s), Channel: intake.ChannelSelf, AddressedTo: intake.AddressedNone, State: intake.StateRegistered}
	}
	rows := []Row{day("2023-01-01"), day("2023-01-02"), day("2024-12-30"), day("2023-03-31")}
	var got []string
	for _, by := range []By{ByWeek, ByMonth, ByAll} {
		var names []string
		for _, p := range buildFunnel(t, rows, FunnelOptions{By: by}).Periods {
			names = append(names, p.Period)
		}
		got = append(got, strings.Join(names, " "))
	}
	// 2023-01-01 is a Sunday in ISO week 52 of 2022; 2024-12-30 is in
	// week 1 of 2025.
	want := []string{"2022-W52 2023-W01 2023-W13 2025-W01", "2023-01 2023-03 2024-12", "all"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("periods %q, want %q", got[i], want[i])
		}
	}
	if _, err := ParseBy("year"); err == nil {
		t.Error("by year accepted")
	}
}

// A historical import without a clinician counts as assigned once its
// first conversation is booked; medians are days from received.
func TestFunnelAssignedAndMedians(t *testing.T) {
	recv := intake.MustParseDate("2024-02-05")
	seen := Row{Received: recv, Channel: intake.ChannelGP, AddressedTo: intake.AddressedMunicipal,
		FirstConversation: recv.AddDays(3), Attended: intake.AttendanceYes, Routed: recv.AddDays(10),
		State: intake.StateRouted, Outcomes: []string{"municipal", "eating_disorder_clinic"}}
	later := seen
	later.FirstConversation, later.Routed, later.Outcomes = recv.AddDays(9), recv.AddDays(20), []string{"municipal"}
	waiting := Row{Received: recv, Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS, State: intake.StateRegistered}
	p := buildFunnel(t, []Row{seen, later, waiting}, FunnelOptions{By: ByAll}).Periods[0]
	c := stageCounts(p)
	if c[StageAssigned] != 2 || c[StageOpen] != 1 || c[StageToMunicipal] != 2 || c[StageToSpecialised] != 1 || c[StageDecided] != 2 {
		t.Errorf("counts %v", c)
	}
	for _, s := range p.Stages {
		switch s.Stage {
		case StageAttended:
			// Nearest rank of two waits (3 and 9 days) is the first.
			if !s.HasMedian || s.MedianDays != 3 {
				t.Errorf("attended median %d (%v)", s.MedianDays, s.HasMedian)
			}
		case StageToMunicipal:
			if !s.HasMedian || s.MedianDays != 10 {
				t.Errorf("to municipal median %d", s.MedianDays)
			}
		case StageReceived, StageAssigned, StageOpen:
			if s.HasMedian {
				t.Errorf("%s has a median", s.Stage)
			}
		}
		if pc, _ := s.Count.PercentTenths(); s.Stage == StageDecided && pc != 667 {
			t.Errorf("decided: %d tenths of a percent, want 667", pc)
		}
	}
}

// funnelFacts is what a reader of a funnel knows, written out apart from
// funnelGrid so that the test does not share its mistakes: the stops split
// received; decided patients went somewhere, maybe to two places; each of
// the first five stages is at most the one before; who did not attend had
// a conversation booked.
func funnelFacts(n [nStages]int) []line {
	dest := n[iToDPS] + n[iToMunicipal] + n[iToSpecialised] + n[iToReception] + n[iNoNeed]
	return []line{
		{total: iReceived, members: []int{iDecided, iDidNotAttend, iWithdrawn, iOpen}},
		{total: iDecided, members: []int{iToDPS, iToMunicipal, iToSpecialised, iToReception, iNoNeed}, offset: dest - n[iDecided]},
		{total: iReceived, members: []int{iAssigned}, bound: true},
		{total: iAssigned, members: []int{iScheduled}, bound: true},
		{total: iScheduled, members: []int{iAttended}, bound: true},
		{total: iAttended, members: []int{iDecided}, bound: true},
		{total: iScheduled, members: []int{iDidNotAttend}, bound: true},
	}
}

// Property: random small periods, suppressed, show no count from 1 to N−1,
// and the exhaustive reader pins no hidden count using the funnel's sums
// and order — unless the period was reported as too small to protect.
func TestFunnelSuppressionRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	reported := 0
	for n := range 600 {
		rows := randomRows(rng, 1+rng.IntN(40), intake.MustParseDate("2024-05-06"), 5)
		minCell := 3 + rng.IntN(3)
		b, _ := NewFunnel(FunnelOptions{By: ByAll, MinCell: minCell, Catalogue: intake.DefaultCatalogue()})
		for _, r := range rows {
			b.Add(r)
		}
		counts := b.periods[0].n
		g := funnelGrid(counts)
		marks, exposed := suppress(g.values, g.lines, minCell, nil)
		p := b.Result().Periods[0]
		for i, s := range p.Stages {
			if s.Count.Mark != marks[i] || (!s.Count.Hidden() && s.Count.N >= 1 && s.Count.N < minCell) {
				t.Fatalf("period %d: %s shown as %+v", n, s.Stage, s.Count)
			}
			if s.Count.Hidden() && s.HasMedian {
				t.Fatalf("period %d: median of a hidden count", n)
			}
		}
		if exposed {
			reported++
			continue
		}
		if pinned, decided := pinnedByExhaustiveSearch(grid{rows: 1, cols: nStages, values: g.values, lines: funnelFacts(counts)}, marks, minCell); decided && pinned != nil {
			i := pinned[0]
			t.Fatalf("period %d, N=%d: %s (= %d) pinned; counts %v marks %v", n, minCell, Stages[i], counts[i], counts, marks)
		}
	}
	t.Logf("%d of 600 periods too small to protect (reported)", reported)
}

// The chart is well-formed SVG naming every period and stage, with font
// fallbacks; an empty funnel is a picture too.
func TestFunnelSVG(t *testing.T) {
	f := buildFunnel(t, pilotRows(), FunnelOptions{By: ByMonth, MinCell: 3})
	var buf bytes.Buffer
	if err := WriteFunnelSVG(&buf, f); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	wellFormed(t, svg)
	for _, want := range []string{"<svg", "2023-03", "2023-10", "routing decided", "&lt;3", "Arial,Helvetica,sans-serif"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if strings.Contains(svg, "font-family:Liberation Sans;") {
		t.Error("a font family without fallbacks")
	}
	buf.Reset()
	if err := WriteFunnelSVG(&buf, buildFunnel(t, nil, FunnelOptions{By: ByAll})); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.String())
	if !strings.Contains(buf.String(), "no referrals") {
		t.Error("the empty chart does not say so")
	}
}

func wellFormed(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}
