package report

import (
	"envei/intake"
)

// Timeliness is how long patients waited, and whether referrals to
// specialist health care were assessed within 10 working days.
type Timeliness struct {
	// Waits has one row per group and a total: days from received to the
	// first conversation the patient attended, and to the routing
	// decision (did-not-attend closures left out).
	Waits []WaitRow
	// Counts is false in a protected report: the waits' patients are
	// not shown (they restate the routing table), and a median only over
	// at least MinCell patients.
	Counts bool
	// Deadline has rows for GP referrals to DPS and to specialists and a
	// total; columns due, met, held late, not held, not yet due and
	// withdrawn before the deadline. Met counts referrals whose rights
	// assessment (AssessmentDate) was on or before the deadline.
	Deadline Table
}

// WaitRow is one group's waits.
type WaitRow struct {
	Code, Label       string
	ToFirst, Decision Wait
}

// Wait is a median and a 90th percentile, in days, over Patients. Shown is
// false when there are no patients, or too few: a median of one or two
// patients is their own wait.
type Wait struct {
	Patients    Cell
	Median, P90 int
	Shown       bool
}

// Deadline statuses, the columns of Timeliness.Deadline after "due".
const (
	deadlineMet = iota
	deadlineLate
	deadlineNotHeld
	deadlineAhead
	deadlineWithdrawn
	nDeadline
)

// deadlineStatus sorts a referral with an assessment deadline: assessed in
// time or late; withdrawn before the deadline (nothing was due); still
// waiting with the deadline ahead; or not assessed by the deadline (did not
// attend, withdrawn later, or still waiting past it).
func deadlineStatus(r Row, today intake.Date) int {
	return TallyOf(r).deadlineStatus(today)
}

// deadlineClass is deadlineStatus up to the report's day: an open referral
// not yet assessed is deadlineAhead here, whatever the day.
func deadlineClass(r Row) int {
	assessed := AssessmentDate(r)
	switch {
	case !assessed.IsZero() && !assessed.After(r.Deadline):
		return deadlineMet
	case !assessed.IsZero():
		return deadlineLate
	case !r.Withdrawn.IsZero() && !r.Withdrawn.After(r.Deadline):
		return deadlineWithdrawn
	case r.open():
		return deadlineAhead
	}
	return deadlineNotHeld
}

// timeliness assembles the waits and the deadline table from the
// suppressed grid.
func (sg *statsGrid) timeliness(b *StatsBuilder) Timeliness {
	g := &sg.g
	t := Timeliness{}
	_, index := b.groupColumns()
	wait := func(h *dayHist, i int) Wait {
		w := Wait{Patients: g.cell(i, -1)}
		if !w.Patients.Hidden() && h.n > 0 {
			w.Median, _ = h.median()
			w.P90, _ = h.p90()
			w.Shown = true
		}
		return w
	}
	t.Counts = sg.attended != nil
	if !t.Counts {
		// No counts: a median shows only over enough patients.
		wait = func(h *dayHist, _ int) Wait {
			w := Wait{}
			if h.n > 0 && h.n >= b.opts.MinCell {
				w.Median, _ = h.median()
				w.P90, _ = h.p90()
				w.Shown = true
			}
			return w
		}
	}
	for j := range len(index) + 1 {
		code, label := string(GroupTotal), GroupTotal.Label()
		first, decision := merged(&b.toFirst), merged(&b.toDecision)
		if j < len(index) {
			k := index[j]
			code, label = string(Groups[k]), Groups[k].Label()
			first, decision = &b.toFirst[k], &b.toDecision[k]
		}
		fi, di := -1, -1
		if t.Counts {
			fi, di = sg.attended[j], sg.decided[j]
		}
		t.Waits = append(t.Waits, WaitRow{Code: code, Label: label, ToFirst: wait(first, fi), Decision: wait(decision, di)})
	}
	t.Deadline = sg.deadlineTable()
	return t
}

// merged adds the groups' histograms into one for the total.
func merged(h *[nGroups]dayHist) *dayHist {
	var m dayHist
	for g := range h {
		m.merge(&h[g])
	}
	return &m
}

// Column codes of the deadline table.
const (
	CodeDue             = "due"
	CodeMet             = "met"
	CodeLate            = "late"
	CodeNotHeld         = "not_held"
	CodeNotYetDue       = "not_yet_due"
	CodeWithdrawnBefore = "withdrawn_before"
)

// deadlineTable counts GP referrals to DPS and to specialists by deadline
// status. Met, late and not held are over the referrals that were due;
// the other two were not due (yet), and are left out when nobody is.
func (sg *statsGrid) deadlineTable() Table {
	if len(sg.deadline) == 0 {
		return Table{}
	}
	g := &sg.g
	names := []struct{ code, label string }{
		{CodeMet, "met"}, {CodeLate, "held late"}, {CodeNotHeld, "not held"},
		{CodeNotYetDue, "not yet due"}, {CodeWithdrawnBefore, "withdrawn before the deadline"},
	}
	total := sg.deadline[len(sg.deadline)-1]
	keep := func(s int) bool { return s <= deadlineNotHeld || g.values[total.status[s]] > 0 }
	t := Table{Corner: "GP referrals", Exposed: g.exposed}
	t.Columns = append(t.Columns, Column{Code: CodeDue, Label: "due"})
	for s, n := range names {
		if keep(s) {
			t.Columns = append(t.Columns, Column{Code: n.code, Label: n.label})
		}
	}
	for _, r := range sg.deadline {
		row := TableRow{Code: r.code, Label: r.label, Cells: []Cell{g.cell(r.due, -1)}}
		for s := range nDeadline {
			if !keep(s) {
				continue
			}
			of := -1
			if s <= deadlineNotHeld {
				of = r.due
			}
			row.Cells = append(row.Cells, g.cell(r.status[s], of))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
