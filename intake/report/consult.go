package report

import "envei/intake"

// How often the senior psychiatrist and the GP were involved: per group of
// the routing table and in total, the patients with at least one
// consultation of each kind (a percentage of the column's patients) and the
// number of consultations. The counts go into the report's one grid, so the
// small-number suppression protects them with everything else (see
// statsgrid.go): a patient with a consultation is a patient of the routing
// table's column, and a consultation count is at least its patients.

// Codes of the consultation table's rows.
const (
	CodeSeniorPatients      = "senior_patients"
	CodeSeniorConsultations = "senior_consultations"
	CodeGPPatients          = "gp_patients"
	CodeGPConsultations     = "gp_consultations"
)

// consultCounts are the builder's counters, per group.
type consultCounts struct {
	seniorPatients, senior, gpPatients, gp [nGroups]int
}

// add counts the consultations of n referrals alike.
func (c *consultCounts) add(g int, counts intake.ConsultationCounts, n int) {
	if counts.Senior > 0 {
		c.seniorPatients[g] += n
		c.senior[g] += counts.Senior * n
	}
	if counts.GP > 0 {
		c.gpPatients[g] += n
		c.gp[g] += counts.GP * n
	}
}

// any reports whether any consultation was counted.
func (c *consultCounts) any() bool {
	for g := range nGroups {
		if c.senior[g] > 0 || c.gp[g] > 0 {
			return true
		}
	}
	return false
}

// consultIdx is where the consultation table's counts sit in the grid.
type consultIdx struct {
	heads []int   // the routing table's column patients, the total last
	cells [][]int // per row (consultRows): each shown group's count, then the total
}

// consultRows are the table's rows in order, with their labels and
// whether a cell shows a percentage of its column's patients.
var consultRows = []struct {
	code, label string
	percent     bool
}{
	{CodeSeniorPatients, "patients discussed with the senior psychiatrist", true},
	{CodeSeniorConsultations, "consultations with the senior psychiatrist", false},
	{CodeGPPatients, "patients whose GP's office was phoned", true},
	{CodeGPConsultations, "phone consultations with the GP's office", false},
}

// addConsultations adds the consultation counts to the grid, tied to the
// routing table's column patients.
func (b *StatsBuilder) addConsultations(sg *statsGrid, index []int) {
	g := &sg.g
	c := &b.consult
	per := [][nGroups]int{c.seniorPatients, c.senior, c.gpPatients, c.gp}
	x := consultIdx{heads: sg.routing.heads}
	nc := len(index)
	for _, counts := range per {
		cells := make([]int, nc+1)
		total := 0
		for j, k := range index {
			cells[j] = g.add(counts[k])
			total += counts[k]
		}
		cells[nc] = g.add(total)
		g.sum(cells[nc], cells[:nc])
		x.cells = append(x.cells, cells)
	}
	for j := range nc + 1 {
		// Patients with a consultation are patients of the column, and
		// each has at least one consultation.
		g.atMost(x.heads[j], x.cells[0][j])
		g.atMost(x.heads[j], x.cells[2][j])
		g.atMost(x.cells[1][j], x.cells[0][j])
		g.atMost(x.cells[3][j], x.cells[2][j])
	}
	sg.consult = x
}

// table turns the counts into the report's table once the grid is
// suppressed: the routing table's columns, one row per count.
func (x consultIdx) table(g *cellGrid, routing Table) Table {
	t := Table{Corner: "consultations", Columns: routing.Columns, Exposed: g.exposed}
	for i, r := range consultRows {
		row := TableRow{Code: r.code, Label: r.label}
		for j, cell := range x.cells[i] {
			of := -1
			if r.percent {
				of = x.heads[j]
			}
			row.Cells = append(row.Cells, g.cell(cell, of))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ConsultationsRecorded reports whether the table holds any consultation
// (a hidden count is one, since zeros are never hidden).
func ConsultationsRecorded(t Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Hidden() || c.N > 0 {
				return true
			}
		}
	}
	return false
}

// consultBlock is the report's section on the senior psychiatrist and the
// GP.
func consultBlock(t Table, n int, l Lang) block {
	b := block{heading: l.t("5. The senior psychiatrist and the GP")}
	if !ConsultationsRecorded(t) {
		b.before = []string{l.t("No consultation with the senior psychiatrist and no phone consultation with the " +
			"GP's office was recorded on these referrals.")}
		return b
	}
	b.before = []string{l.t("How often the reception consulted the senior DPS psychiatrist (a discussion, perhaps " +
		"a medication review) and phoned the GP's office, as recorded on the referrals: the patients with at " +
		"least one consultation of each kind, with their percentage of the column's patients, and the " +
		"number of consultations.")}
	b.grid = gridOf(t, n, l)
	return b
}
