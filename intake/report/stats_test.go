package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"envei/intake"
)

// The pilot's table as DOMAIN.md prints it: rows in catalogue order,
// columns addressed to DPS, to the municipality, total.
var domainTable = []struct {
	outcome string
	cells   [3]string
}{
	{"dps", [3]string{"25 (45 %)", "9 (16 %)", "34 (30 %)"}},
	{"municipal", [3]string{"16 (29 %)", "24 (42 %)", "40 (36 %)"}},
	{"eating_disorder_clinic", [3]string{"–", "1 (2 %)", "1 (1 %)"}},
	{"addiction_clinic", [3]string{"–", "1 (2 %)", "1 (1 %)"}},
	{"reception", [3]string{"2 (4 %)", "9 (16 %)", "11 (10 %)"}},
	{"no_need", [3]string{"9 (16 %)", "1 (2 %)", "10 (9 %)"}},
	{"did_not_attend", [3]string{"3 (5 %)", "14 (25 %)", "17 (15 %)"}},
}

// The reconstruction reproduces DOMAIN.md's table cell for cell, headings
// included, and nothing else: no row for contracted specialists (none),
// nor open or withdrawn.
func TestPilotMatchesDomainTable(t *testing.T) {
	s := buildStats(t, pilotRows(), StatsOptions{})
	rt := s.Routing
	var headings []string
	for _, c := range rt.Columns {
		headings = append(headings, c.Label+" ("+c.Total.Count(0)+")")
	}
	if got := strings.Join(headings, " | "); got != "addressed to DPS (55) | addressed to municipality (57) | total (112)" {
		t.Errorf("headings %s", got)
	}
	if len(rt.Rows) != len(domainTable) {
		t.Fatalf("%d rows, DOMAIN.md has %d", len(rt.Rows), len(domainTable))
	}
	for i, want := range domainTable {
		row := rt.Rows[i]
		if row.Code != want.outcome {
			t.Errorf("row %d is %s, want %s", i, row.Code, want.outcome)
			continue
		}
		for j, c := range row.Cells {
			if got := c.Text(0); got != want.cells[j] {
				t.Errorf("%s, %s: %q, DOMAIN.md says %q", row.Code, rt.Columns[j].Code, got, want.cells[j])
			}
		}
	}
}

// Two patients routed to two services: the municipal column holds 59
// outcomes for 57 patients, the total 114 for 112 (DOMAIN.md's arithmetic).
func TestDoubleRoutingCountsPatientsPerRow(t *testing.T) {
	s := buildStats(t, pilotRows(), StatsOptions{})
	for j, want := range []struct{ patients, outcomes int }{{55, 55}, {57, 59}, {112, 114}} {
		sum := 0
		for _, r := range s.Routing.Rows {
			sum += r.Cells[j].N
		}
		if got := s.Routing.Columns[j].Total.N; got != want.patients || sum != want.outcomes {
			t.Errorf("column %s: %d patients, %d outcomes; want %d and %d", s.Routing.Columns[j].Code, got, sum, want.patients, want.outcomes)
		}
	}
	// The wrong-queue table counts the eating-disorder and addiction
	// patients once under specialised clinic and once under municipal.
	wq := s.WrongQueue
	if got := cellOf(t, wq, "municipal", "specialised").N; got != 2 {
		t.Errorf("municipal → specialised: %d, want 2", got)
	}
	if got := cellOf(t, wq, "dps", "municipal").N; got != 16 {
		t.Errorf("DPS → municipal (the wrong queue): %d, want 16", got)
	}
	if got := cellOf(t, wq, "municipal", "dps").N; got != 9 {
		t.Errorf("municipal → DPS (the wrong queue): %d, want 9", got)
	}
}

// cellOf finds a cell by row and column code.
func cellOf(t *testing.T, tb Table, row, col string) Cell {
	t.Helper()
	for _, r := range tb.Rows {
		if r.Code != row {
			continue
		}
		for j, c := range tb.Columns {
			if c.Code == col {
				return r.Cells[j]
			}
		}
	}
	t.Fatalf("no cell %s/%s", row, col)
	return Cell{}
}

func TestEmptyPeriod(t *testing.T) {
	s := buildStats(t, nil, StatsOptions{From: intake.MustParseDate("2030-01-01"), To: intake.MustParseDate("2030-01-31")})
	var text, csvOut, js bytes.Buffer
	WriteStatsText(&text, s)
	WriteStatsCSV(&csvOut, s)
	WriteStatsJSON(&js, s)
	if !strings.Contains(text.String(), "No referrals were received") || !strings.Contains(text.String(), "2030-01-01 to 2030-01-31") {
		t.Errorf("text:\n%s", text.String())
	}
	if csvOut.String() != "group,patients,outcome,count,percent,group_label,outcome_label\n" {
		t.Errorf("csv:\n%s", csvOut.String())
	}
	var j struct {
		Referrals struct{ Count int }
		Routing   *json.RawMessage
	}
	if err := json.Unmarshal(js.Bytes(), &j); err != nil || j.Referrals.Count != 0 || j.Routing != nil {
		t.Errorf("json %v:\n%s", err, js.String())
	}
}

// A group with one patient gets its column, and the patient is 100 % of
// it; with --min-cell the column is hidden without giving the patient away.
func TestGroupWithOnePatient(t *testing.T) {
	self := Row{Received: intake.MustParseDate("2023-05-02"), Channel: intake.ChannelSelf, AddressedTo: intake.AddressedNone,
		Assigned: true, ClinicianOrg: intake.OrgDPS, FirstConversation: intake.MustParseDate("2023-05-04"),
		Attended: intake.AttendanceYes, Routed: intake.MustParseDate("2023-05-04"), State: intake.StateRouted,
		Outcomes: []string{intake.ServiceReception}}
	rows := append(pilotRows(), self)
	s := buildStats(t, rows, StatsOptions{})
	if c := s.Routing.Columns[2]; c.Code != "self" || c.Total.N != 1 {
		t.Fatalf("third column: %+v", c)
	}
	if got := cellOf(t, s.Routing, "reception", "self").Text(0); got != "1 (100 %)" {
		t.Errorf("self-booked reception: %s", got)
	}
	if got := cellOf(t, s.Routing, "reception", "total").Text(0); got != "12 (11 %)" {
		t.Errorf("total reception: %s", got)
	}
	p := buildStats(t, rows, StatsOptions{MinCell: 3})
	if c := p.Routing.Columns[2]; c.Total.Mark != Small {
		t.Errorf("self-booked column heading shown: %+v", c.Total)
	}
	if c := cellOf(t, p.Routing, "reception", "self"); c.Mark != Small || c.N != 0 {
		t.Errorf("self-booked cell: %+v", c)
	}
	assertProtected(t, p)
}

// Open and withdrawn referrals get rows of their own, after the outcomes;
// a did-not-attend still waiting to be closed is open.
func TestOpenAndWithdrawnRows(t *testing.T) {
	day := intake.MustParseDate("2023-11-06")
	mk := func(mut func(*intake.Referral)) Row {
		r := intake.Referral{Received: day, Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS}
		mut(&r)
		return RowOf(r, intake.OrgMunicipal, r.AssessmentDeadline(intake.Calendar{}))
	}
	extra := []Row{
		mk(func(r *intake.Referral) {}),
		mk(func(r *intake.Referral) { r.Clinician = "x" }),
		mk(func(r *intake.Referral) { r.Clinician, r.FirstConversation = "x", day.AddDays(3) }),
		mk(func(r *intake.Referral) {
			r.Clinician, r.FirstConversation, r.Attended = "x", day.AddDays(3), intake.AttendanceNo
		}),
		mk(func(r *intake.Referral) { r.Withdrawn = day.AddDays(1) }),
	}
	s := buildStats(t, append(pilotRows(), extra...), StatsOptions{Today: day.AddDays(5)})
	n := len(s.Routing.Rows)
	if s.Routing.Rows[n-2].Code != CodeOpen || s.Routing.Rows[n-1].Code != CodeWithdrawn {
		t.Fatalf("last rows: %s, %s", s.Routing.Rows[n-2].Code, s.Routing.Rows[n-1].Code)
	}
	if got := cellOf(t, s.Routing, CodeOpen, "dps").Text(0); got != "4 (7 %)" {
		t.Errorf("open: %s (4 of 60)", got)
	}
	if got := cellOf(t, s.Routing, CodeWithdrawn, "total").N; got != 1 {
		t.Errorf("withdrawn: %d", got)
	}
	// Deadlines: 10 working days from 2023-11-06 is 2023-11-20, ahead on
	// the 11th; the withdrawn one was withdrawn before it.
	if got := cellOf(t, s.Timeliness.Deadline, "dps", CodeNotYetDue).N; got != 4 {
		t.Errorf("not yet due: %d", got)
	}
	if got := cellOf(t, s.Timeliness.Deadline, "dps", CodeWithdrawnBefore).N; got != 1 {
		t.Errorf("withdrawn before the deadline: %d", got)
	}
}

func TestDeadlineStatus(t *testing.T) {
	deadline := intake.MustParseDate("2024-03-14")
	today := intake.MustParseDate("2024-03-10")
	base := Row{Deadline: deadline, State: intake.StateScheduled}
	for _, c := range []struct {
		name string
		row  func(Row) Row
		want int
	}{
		{"attended on the deadline", func(r Row) Row {
			r.FirstConversation, r.Attended, r.State = deadline, intake.AttendanceYes, intake.StateAttended
			return r
		}, deadlineMet},
		{"attended the day after", func(r Row) Row {
			r.FirstConversation, r.Attended, r.State = deadline.AddDays(1), intake.AttendanceYes, intake.StateAttended
			return r
		}, deadlineLate},
		{"did not attend, before the deadline", func(r Row) Row {
			r.FirstConversation, r.Attended, r.State = deadline.AddDays(-3), intake.AttendanceNo, intake.StateDidNotAttend
			return r
		}, deadlineAhead},
		{"did not attend, closed", func(r Row) Row {
			r.FirstConversation, r.Attended, r.State = deadline.AddDays(-3), intake.AttendanceNo, intake.StateRouted
			r.Routed, r.Outcomes = deadline.AddDays(-2), []string{intake.ServiceDidNotAttend}
			return r
		}, deadlineNotHeld},
		{"withdrawn before", func(r Row) Row { r.Withdrawn, r.State = deadline, intake.StateWithdrawn; return r }, deadlineWithdrawn},
		{"withdrawn after", func(r Row) Row {
			r.Withdrawn, r.State = deadline.AddDays(1), intake.StateWithdrawn
			return r
		}, deadlineNotHeld},
		{"waiting, deadline ahead", func(r Row) Row { return r }, deadlineAhead},
	} {
		if got := deadlineStatus(c.row(base), today); got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	if got := deadlineStatus(base, deadline.AddDays(1)); got != deadlineNotHeld {
		t.Errorf("waiting past the deadline: %d", got)
	}
	// A recorded rights decision is the date that counts, before the
	// first conversation's.
	decided := base
	decided.FirstConversation, decided.Attended, decided.State = deadline, intake.AttendanceYes, intake.StateAssessed
	decided.RightsDecided = deadline.AddDays(2)
	if got := deadlineStatus(decided, today); got != deadlineLate {
		t.Errorf("decided two days after the deadline: %d", got)
	}
	decided.RightsDecided = deadline.AddDays(-9)
	if got := deadlineStatus(decided, today); got != deadlineMet {
		t.Errorf("decided before the deadline: %d", got)
	}
}

// On random data every table agrees with a plain recount of the rows.
func TestStatsAgreeWithARecount(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	rows := randomRows(rng, 3000, intake.MustParseDate("2025-01-06"), 200)
	s := buildStats(t, rows, StatsOptions{})
	group := func(r Row) string {
		if r.Channel == intake.ChannelSelf {
			return "self"
		}
		return string(r.AddressedTo)
	}
	want := map[[2]string]int{}
	for _, r := range rows {
		for _, g := range []string{group(r), "total"} {
			want[[2]string{"patients", g}]++
			switch {
			case r.State == intake.StateRouted:
				for _, o := range r.Outcomes {
					want[[2]string{o, g}]++
				}
			case r.State == intake.StateWithdrawn:
				want[[2]string{CodeWithdrawn, g}]++
			default:
				want[[2]string{CodeOpen, g}]++
			}
		}
	}
	got := map[[2]string]int{}
	for j, c := range s.Routing.Columns {
		got[[2]string{"patients", c.Code}] = c.Total.N
		for _, r := range s.Routing.Rows {
			if n := r.Cells[j].N; n > 0 {
				got[[2]string{r.Code, c.Code}] = n
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d non-zero cells, the recount has %d", len(got), len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%v: %d, the recount says %d", k, got[k], n)
		}
	}
}

// With --min-cell no table shows a count from 1 to N−1, hidden cells carry
// no number, and the chi-square test is withheld when a count is hidden.
func TestStatsSuppressEverything(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	for range 8 {
		rows := randomRows(rng, 10+rng.IntN(60), intake.MustParseDate("2025-03-03"), 60)
		s := buildStats(t, rows, StatsOptions{MinCell: 3 + rng.IntN(3), Today: intake.MustParseDate("2025-04-01")})
		assertProtected(t, s)
	}
}

// assertProtected checks every count of a suppressed report.
func assertProtected(t *testing.T, s Stats) {
	t.Helper()
	check := func(where string, c Cell) {
		if c.Hidden() && (c.N != 0 || c.Of != 0) {
			t.Fatalf("%s: hidden cell carries %+v", where, c)
		}
		if !c.Hidden() && c.N >= 1 && c.N < s.MinCell {
			t.Fatalf("%s: count %d shown with min-cell %d", where, c.N, s.MinCell)
		}
	}
	for name, tb := range map[string]Table{"routing": s.Routing, "wrong queue": s.WrongQueue, "by org": s.ByOrg.Table, "deadline": s.Timeliness.Deadline} {
		for _, c := range tb.Columns {
			check(name+" heading "+c.Code, c.Total)
		}
		for _, r := range tb.Rows {
			for j, c := range r.Cells {
				check(name+" "+r.Code+"/"+tb.Columns[j].Code, c)
			}
		}
		if anyHidden(tb) && name == "by org" && s.ByOrg.Test.Computed {
			t.Fatal("chi-square computed over hidden counts")
		}
	}
	check("left out", s.ByOrg.LeftOut)
	if s.Timeliness.Counts {
		t.Fatal("a protected report prints the waits' counts")
	}
}

// No format carries a name, a national id or a ref of the pilot.
func TestReportsCarryNoIdentifiers(t *testing.T) {
	s := buildStats(t, pilotRows(), StatsOptions{})
	f := buildFunnel(t, pilotRows(), FunnelOptions{By: ByMonth})
	var all bytes.Buffer
	for _, write := range []func() error{
		func() error { return WriteStatsText(&all, s) },
		func() error { return WriteStatsMarkdown(&all, s) },
		func() error { return WriteStatsCSV(&all, s) },
		func() error { return WriteStatsJSON(&all, s) },
		func() error { return WriteFunnelCSV(&all, f) },
		func() error { return WriteFunnelJSON(&all, f) },
		func() error { return WriteFunnelMarkdown(&all, f) },
		func() error { return WriteFunnelSVG(&all, f) },
	} {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}
	out := all.String()
	for _, r := range intake.PilotReferrals() {
		for _, secret := range []string{r.Ref, r.Name, r.NationalID, r.GP} {
			if strings.Contains(out, secret) {
				t.Fatalf("a report contains %q", secret)
			}
		}
	}
}

// An outcome missing from the catalogue is an error, not a guess.
func TestUnknownOutcomeIsAnError(t *testing.T) {
	b, _ := NewStats(StatsOptions{Catalogue: intake.DefaultCatalogue()})
	r := pilotRows()[0]
	r.State, r.Outcomes = intake.StateRouted, []string{"new_service"}
	if err := b.Add(r); err == nil || !strings.Contains(err.Error(), "new_service") {
		t.Errorf("error %v", err)
	}
}

// ref names a published cell: table, row code, column code ("" for a
// column's heading). A cell a table does not have is a shown zero.
type ref struct{ table, row, col string }

func published(s Stats, r ref) Cell {
	tables := map[string]Table{"R": s.Routing, "WQ": s.WrongQueue, "ORG": s.ByOrg.Table, "DL": s.Timeliness.Deadline}
	t := tables[r.table]
	for j, c := range t.Columns {
		if c.Code != r.col {
			continue
		}
		if r.row == "" {
			return c.Total
		}
		for _, row := range t.Rows {
			if row.Code == r.row {
				return row.Cells[j]
			}
		}
	}
	return Cell{}
}

// identities writes out, apart from the code under test, the sums a reader
// of the whole report can use, across its tables: each table's rows and
// columns; a wrong-queue category is its services' routing rows; a group's
// patients are due + not yet due + withdrawn before the deadline, due is
// met + held late + not held; the organisation table's rows and columns.
func identities(s Stats) [][]ref {
	var ids [][]ref
	groups := []string{}
	for _, c := range s.Routing.Columns {
		groups = append(groups, c.Code)
	}
	rowsOf := func(t Table) []string {
		var out []string
		for _, r := range t.Rows {
			out = append(out, r.Code)
		}
		return out
	}
	// Routing: rows across groups, columns down outcomes, headings.
	for _, r := range rowsOf(s.Routing) {
		id := []ref{{"R", r, "total"}}
		for _, g := range groups[:len(groups)-1] {
			id = append(id, ref{"R", r, g})
		}
		ids = append(ids, id)
	}
	for _, g := range groups {
		id := []ref{{"R", "", g}}
		for _, r := range rowsOf(s.Routing) {
			id = append(id, ref{"R", r, g})
		}
		ids = append(ids, id)
	}
	// Wrong queue: each group's row, each category's column, and each
	// category as the sum of its services.
	var cats []string
	for _, c := range s.WrongQueue.Columns[1:] {
		cats = append(cats, c.Code)
	}
	for _, g := range groups {
		id := []ref{{"WQ", g, "patients"}}
		for _, c := range cats {
			id = append(id, ref{"WQ", g, c})
		}
		ids = append(ids, id)
		for _, c := range cats {
			link := []ref{{"WQ", g, c}}
			for _, svc := range intake.DefaultCatalogue() {
				if string(svc.Category) == c {
					link = append(link, ref{"R", svc.Code, g})
				}
			}
			if c == CodeOpen || c == CodeWithdrawn {
				link = append(link, ref{"R", c, g})
			}
			ids = append(ids, link)
		}
	}
	for _, c := range cats {
		id := []ref{{"WQ", "total", c}}
		for _, g := range groups[:len(groups)-1] {
			id = append(id, ref{"WQ", g, c})
		}
		ids = append(ids, id)
	}
	// Deadline rows and columns, tied to the routing table's patients.
	for _, g := range []string{"dps", "specialist", "total"} {
		ids = append(ids,
			[]ref{{"DL", g, CodeDue}, {"DL", g, CodeMet}, {"DL", g, CodeLate}, {"DL", g, CodeNotHeld}},
			[]ref{{"R", "", g}, {"DL", g, CodeDue}, {"DL", g, CodeNotYetDue}, {"DL", g, CodeWithdrawnBefore}})
	}
	for _, c := range []string{CodeDue, CodeMet, CodeLate, CodeNotHeld, CodeNotYetDue, CodeWithdrawnBefore} {
		ids = append(ids, []ref{{"DL", "total", c}, {"DL", "dps", c}, {"DL", "specialist", c}})
	}
	// Organisation table.
	var orgCols []string
	for _, c := range s.ByOrg.Table.Columns {
		orgCols = append(orgCols, c.Code)
	}
	for _, r := range rowsOf(s.ByOrg.Table) {
		ids = append(ids, []ref{{"ORG", r, "total"}, {"ORG", r, "dps"}, {"ORG", r, "municipal"}})
	}
	for _, c := range orgCols {
		id := []ref{{"ORG", "", c}}
		for _, r := range rowsOf(s.ByOrg.Table) {
			id = append(id, ref{"ORG", r, c})
		}
		ids = append(ids, id)
	}
	return ids
}

// No sum the whole report implies, across its sections, holds exactly one
// hidden count (which subtraction would give back) — checked with sums
// written out here, not taken from the code under test.
func TestStatsSectionsProtectEachOther(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(15, 16))
	check := func(rows []Row, minCell int) {
		open := buildStats(t, rows, StatsOptions{Today: intake.MustParseDate("2025-04-01")})
		s := buildStats(t, rows, StatsOptions{MinCell: minCell, Today: intake.MustParseDate("2025-04-01")})
		if s.Exposed() {
			return
		}
		for _, id := range identities(open) {
			// Only sums that hold exactly: where a patient is in two
			// cells, a reader's subtraction gives a wrong number.
			sum := 0
			for _, r := range id[1:] {
				sum += published(open, r).N
			}
			if sum != published(open, id[0]).N {
				continue
			}
			var hidden []ref
			for _, r := range id {
				if published(s, r).Hidden() {
					hidden = append(hidden, r)
				}
			}
			if len(hidden) == 1 {
				t.Fatalf("N=%d: %v is the only hidden count in %v", minCell, hidden[0], id)
			}
		}
	}
	check(pilotRows(), 3)
	check(pilotRows(), 5)
	for range 8 {
		check(randomRows(rng, 20+rng.IntN(80), intake.MustParseDate("2025-03-03"), 60), 3+rng.IntN(3))
	}
}
