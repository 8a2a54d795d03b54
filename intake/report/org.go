package report

import "envei/intake"

// OrgComparison sets the outcomes of patients seen by DPS clinicians
// against those seen by municipal clinicians. Clinicians are assigned at
// random, whatever their organisation, so the two groups of patients are
// alike but for chance: a difference beyond chance is a difference in how
// the clinicians judge.
type OrgComparison struct {
	// Table has one column per organisation and a total; one row per
	// service for patients routed to that service alone, and a row for
	// patients routed to more than one, so that each patient is in exactly
	// one row (the test needs that).
	Table Table
	// Test is the chi-square test of independence on Table's counts.
	Test ChiSquare
	// LeftOut counts decided patients whose clinician has no recorded
	// organisation (historical imports without a clinician, or a
	// supervisor without one).
	LeftOut Cell
}

// CodeSeveral is the row of patients routed to more than one service.
const CodeSeveral = "several"

var orgs = []intake.Org{intake.OrgDPS, intake.OrgMunicipal}

// orgCounts counts patients who were seen (attended) and routed, by the
// organisation of their clinician and their outcome.
type orgCounts struct {
	counts  [2][]int // per organisation: per service alone, then several
	leftOut int
}

func newOrgCounts(services int) orgCounts {
	return orgCounts{counts: [2][]int{make([]int, services+1), make([]int, services+1)}}
}

func (o *orgCounts) add(r Tally, cat catalogue) error {
	if !r.decided() || r.Attended != intake.AttendanceYes || len(r.Outcomes) == 0 {
		return nil
	}
	var k int
	switch r.ClinicianOrg {
	case intake.OrgDPS:
		k = 0
	case intake.OrgMunicipal:
		k = 1
	default:
		o.leftOut += r.N
		return nil
	}
	row := len(cat.services) // several
	if len(r.Outcomes) == 1 {
		i, err := cat.lookup(r.Outcomes[0])
		if err != nil {
			return err
		}
		row = i
	}
	o.counts[k][row] += r.N
	return nil
}

// test runs the chi-square test on the counts: rows (services alone, and
// several) with patients, by organisation.
func (o *orgCounts) test(cat catalogue) ChiSquare {
	var counts [][]int
	for i := range len(cat.services) + 1 {
		counts = append(counts, []int{o.counts[0][i], o.counts[1][i]})
	}
	return chiSquareIndependence(counts)
}

func orgLabel(o intake.Org) string {
	if o == intake.OrgDPS {
		return "DPS"
	}
	return "municipal"
}

func anyHidden(t Table) bool {
	for _, c := range t.Columns {
		if c.Total.Hidden() {
			return true
		}
	}
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Hidden() {
				return true
			}
		}
	}
	return false
}
