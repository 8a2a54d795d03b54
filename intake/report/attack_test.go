package report

import (
	"testing"

	"envei/intake"
)

// The attacks of issue 14 on the pilot data with --min-cell 5: what a
// reader who holds every report envei prints for one period, and knows
// the format's rules, can work out.

// pilotReports builds the routing statistics and the funnel of the pilot
// for one period, as the commands do.
func pilotReports(t *testing.T, minCell int, by By) (Stats, Funnel) {
	return pilotReportsIn(t, minCell, by, LangEN)
}

func pilotReportsIn(t *testing.T, minCell int, by By, lang Lang) (Stats, Funnel) {
	t.Helper()
	b, err := NewReports(StatsOptions{MinCell: minCell, Catalogue: intake.DefaultCatalogue(), Today: pilotToday, Lang: lang}, by)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pilotRows() {
		if err := b.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	return b.Result()
}

// The funnel's to_reception is the wrong-queue table's total of patients
// ended in reception: with it shown, a column of that category with one
// hidden cell gives the cell away by subtraction (11 − 9 = 2).
func TestAttackFunnelDifferencesStats(t *testing.T) {
	for _, by := range []By{ByAll, ByMonth} {
		st, f := pilotReports(t, 5, by)
		stageOf := map[string]Stage{
			string(intake.CategoryDPS): StageToDPS, string(intake.CategoryMunicipal): StageToMunicipal,
			string(intake.CategorySpecialised): StageToSpecialised, string(intake.CategoryReception): StageToReception,
		}
		wq := st.WrongQueue
		for j, col := range wq.Columns {
			stage, ok := stageOf[col.Code]
			if !ok {
				continue
			}
			// The funnel's count for the stage, summed over its periods
			// when all are shown.
			total, shown := 0, true
			for _, p := range f.Periods {
				for _, sc := range p.Stages {
					if sc.Stage == stage {
						shown = shown && !sc.Count.Hidden()
						total += sc.Count.N
					}
				}
			}
			if !shown {
				continue
			}
			hidden, known := -1, 0
			for i, row := range wq.Rows {
				if row.Code == string(GroupTotal) {
					continue
				}
				if row.Cells[j].Hidden() {
					if hidden >= 0 {
						hidden = -2
						break
					}
					hidden = i
				} else {
					known += row.Cells[j].N
				}
			}
			if hidden >= 0 {
				t.Errorf("by %s: the funnel shows %s %d, the wrong-queue table's %s column hides only %s: it is %d",
					by, stage, total, col.Code, wq.Rows[hidden].Code, total-known)
			}
		}
	}
}

// Section 3's hidden cells, with section 1's "no need" total and the rule
// that no_need and did_not_attend are always a patient's only outcome,
// must leave every hidden cell more than one value. The attacker here is
// brute force: every filling of the hidden cells that keeps the table's
// shown sums.
func TestAttackStandAloneOutcomesInOneReport(t *testing.T) {
	st, _ := pilotReports(t, 5, ByAll)
	org := st.ByOrg.Table
	if !anyHidden(org) {
		t.Skip("nothing hidden in section 3")
	}
	nc := len(org.Columns)
	type hole struct{ r, c, lo, hi int }
	var holes []hole
	for r, row := range org.Rows {
		for c, cell := range row.Cells {
			switch cell.Mark {
			case Small:
				holes = append(holes, hole{r, c, 1, st.MinCell - 1})
			case Withheld:
				holes = append(holes, hole{r, c, st.MinCell, 200})
			}
		}
	}
	leftOut := 0
	if !st.ByOrg.LeftOut.Hidden() {
		leftOut = st.ByOrg.LeftOut.N
	}
	routedTotal := func(code string) (int, bool) {
		for _, row := range st.Routing.Rows {
			if row.Code == code {
				c := row.Cells[len(row.Cells)-1]
				return c.N, !c.Hidden()
			}
		}
		return 0, true
	}
	val := make([][]int, len(org.Rows))
	for r, row := range org.Rows {
		val[r] = make([]int, nc)
		for c, cell := range row.Cells {
			val[r][c] = cell.N
		}
	}
	consistent := func() bool {
		for r := range org.Rows {
			s := 0
			for c := range nc - 1 {
				s += val[r][c]
			}
			if s != val[r][nc-1] {
				return false
			}
		}
		for c := range nc {
			if org.Columns[c].Total.Hidden() {
				continue
			}
			s := 0
			for r := range org.Rows {
				s += val[r][c]
			}
			if s != org.Columns[c].Total.N {
				return false
			}
		}
		for r, row := range org.Rows {
			if row.Code != intake.ServiceNoNeed && row.Code != intake.ServiceDidNotAttend {
				continue
			}
			// Every patient with the outcome is in this row, but for
			// those left out of the table.
			if n, ok := routedTotal(row.Code); ok && (val[r][nc-1] > n || val[r][nc-1] < n-leftOut) {
				return false
			}
		}
		return true
	}
	seen := make([]map[int]bool, len(holes))
	for i := range seen {
		seen[i] = map[int]bool{}
	}
	var fill func(k int)
	fill = func(k int) {
		if k == len(holes) {
			if consistent() {
				for i, h := range holes {
					seen[i][val[h.r][h.c]] = true
				}
			}
			return
		}
		h := holes[k]
		for v := h.lo; v <= h.hi && v <= org.Columns[nc-1].Total.N; v++ {
			val[h.r][h.c] = v
			fill(k + 1)
		}
	}
	fill(0)
	for i, h := range holes {
		if len(seen[i]) < 2 {
			t.Errorf("section 3: %s under %s can only be %v", org.Rows[h.r].Code, org.Columns[h.c].Code, seen[i])
		}
	}
}

// Weeks go into the grid of a protected funnel by week, and the command
// can tell how many there are before it suppresses (it refuses more than
// MaxProtectedWeeks).
func TestProtectedWeeksCounted(t *testing.T) {
	b, err := NewReports(StatsOptions{MinCell: 5, Catalogue: intake.DefaultCatalogue(), Today: pilotToday}, ByWeek)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pilotRows() {
		if r.Received.Before(intake.MustParseDate("2023-05-01")) {
			if err := b.Add(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := b.Weeks(); n < 5 || n > MaxProtectedWeeks {
		t.Fatalf("%d weeks", n)
	}
	st, f := b.Result()
	if len(f.Periods) != b.Weeks() || st.Referrals == 0 {
		t.Errorf("%d periods for %d weeks", len(f.Periods), b.Weeks())
	}
	if b, _ := NewReports(StatsOptions{Catalogue: intake.DefaultCatalogue()}, ByWeek); b.Weeks() != 0 {
		t.Error("weeks counted where nothing is hidden")
	}
}
