package report

import "envei/intake"

// The sections of the routing statistics share numbers: the wrong-queue
// table regroups the routing table, the waits count the routing table's
// decided patients, the deadline table splits its referrals to DPS. A
// count hidden in one section and shown, or derivable, in another would
// be no secret. So every count of the report goes into one grid, with the
// sums within each table and the identities between them, and is
// suppressed once:
//
//   - the two cross-tables share each group's patients, the open and
//     withdrawn rows, and the rows of categories with one service (the
//     same counts); a category of several services is at least each of
//     theirs, and their sum less the patients routed to two of them;
//   - a group's patients are its decided (the waits' "decided"), its
//     did-not-attend closures, its open and its withdrawn referrals
//     (protected reports print no waits counts at all);
//   - for DPS and specialists: patients are due + not yet due + withdrawn
//     before the deadline; due is met + held late + not held; met + held
//     late are the patients who attended (the waits' "attended");
//   - all decided patients are the organisation table's patients plus
//     those left out, and each of its services is at most the routing
//     table's.
type statsGrid struct {
	g          cellGrid
	routing    crossIdx
	wrongQueue crossIdx
	org        crossIdx
	leftOut    int
	attended   []int // per shown group, then the total; nil when left out
	decided    []int
	deadline   []deadlineRow
	consult    consultIdx
}

// deadlineRow is where one row of the deadline table sits in the grid.
type deadlineRow struct {
	code, label string
	due         int
	status      [nDeadline]int
}

func (b *StatsBuilder) statsGrid() *statsGrid {
	sg := &statsGrid{}
	g := &sg.g
	cols, index := b.groupColumns()

	// Routing: services with patients, then open and withdrawn.
	var rows []series
	addRow := func(code, label string, count func(g int) int) {
		s := series{code: code, label: label}
		any := false
		for _, k := range index {
			s.counts = append(s.counts, count(k))
			any = any || count(k) > 0
		}
		if any {
			rows = append(rows, s)
		}
	}
	for i, svc := range b.cat.services {
		addRow(svc.Code, b.opts.Lang.serviceLabel(svc.LabelEN, svc.LabelNB), func(k int) int { return b.outcomes[k][i] })
	}
	addRow(CodeOpen, "open (not yet decided)", func(k int) int { return b.open[k] })
	addRow(CodeWithdrawn, "withdrawn", func(k int) int { return b.withdrawn[k] })
	// The routing table is the one supervisors take to the meeting: its
	// cells are dearer to withhold than those of the sections derived
	// from it.
	g.dear = 2
	sg.routing = g.addCrossTab(cols, rows, nil, nil)
	g.dear = 1

	// Wrong queue: categories, then the routing table's open and
	// withdrawn rows, over the same patients.
	nCat := len(intake.Categories)
	rows = nil
	for c := range nCat {
		addRow(string(intake.Categories[c]), categoryLabel(intake.Categories[c]), func(k int) int { return b.category[k][c] })
	}
	addRow(CodeOpen, "open", func(k int) int { return b.open[k] })
	addRow(CodeWithdrawn, "withdrawn", func(k int) int { return b.withdrawn[k] })
	// A category with patients in one service only is that service's
	// row, the same cells; one with several is tied to their rows.
	shared := map[string][]int{}
	for _, code := range []string{CodeOpen, CodeWithdrawn} {
		if cells := sg.routing.row(code); cells != nil {
			shared[code] = cells
		}
	}
	services := make([][][]int, nCat) // per category, the routing rows of its services
	for _, svc := range b.cat.services {
		if cells := sg.routing.row(svc.Code); cells != nil {
			c := categoryIndex(svc.Category)
			services[c] = append(services[c], cells)
		}
	}
	for c, cat := range intake.Categories {
		if len(services[c]) == 1 {
			shared[string(cat)] = services[c][0]
		}
	}
	sg.wrongQueue = g.addCrossTab(cols, rows, sg.routing.heads, shared)
	for c, cat := range intake.Categories {
		category := sg.wrongQueue.row(string(cat))
		if category == nil || len(services[c]) < 2 {
			continue
		}
		for j := range category {
			var members []int
			for _, cells := range services[c] {
				members = append(members, cells[j])
			}
			g.sum(category[j], members)
		}
	}

	// Waits: attended and decided per group and in total. A protected
	// report leaves these counts out: they only restate the routing
	// table (decided = patients − did not attend − open − withdrawn), and
	// every restatement is one more way to work a hidden count out.
	if b.opts.MinCell <= 1 {
		b.addWaitCounts(sg, index)
	}

	// Deadline: GP referrals to DPS and to specialists.
	b.addDeadline(sg, index)

	// Outcomes by clinician organisation.
	b.addOrg(sg)

	// The senior psychiatrist and the GP (consult.go).
	b.addConsultations(sg, index)

	// The format's rules beyond the sums (rules.go).
	b.addRules(sg)
	return sg
}

// addWaitCounts adds the patients the waits are over, tied to the
// routing table.
func (b *StatsBuilder) addWaitCounts(sg *statsGrid, index []int) {
	g := &sg.g
	all := append(append([]int(nil), index...), -1) // −1: the total
	count := func(h *[nGroups]dayHist, k int) int {
		if k >= 0 {
			return h[k].n
		}
		n := 0
		for i := range h {
			n += h[i].n
		}
		return n
	}
	for _, k := range all {
		sg.attended = append(sg.attended, g.add(count(&b.toFirst, k)))
		sg.decided = append(sg.decided, g.add(count(&b.toDecision, k)))
	}
	last := len(all) - 1
	g.sum(sg.attended[last], sg.attended[:last])
	g.sum(sg.decided[last], sg.decided[:last])
	for j := range all {
		// Patients = decided + did-not-attend closures + open + withdrawn.
		parts := []int{sg.decided[j]}
		for _, code := range []string{intake.ServiceDidNotAttend, CodeOpen, CodeWithdrawn} {
			if cells := sg.routing.row(code); cells != nil {
				parts = append(parts, cells[j])
			}
		}
		g.sum(sg.routing.heads[j], parts)
		g.atMost(sg.attended[j], sg.decided[j])
	}
}

// addDeadline adds the deadline table's counts and ties each row to its
// group's patients and attended.
func (b *StatsBuilder) addDeadline(sg *statsGrid, index []int) {
	g := &sg.g
	var total deadlineRow
	var totalCounts [nDeadline]int
	for k, grp := range []Group{GroupDPS, GroupSpecialist} {
		gi := k * 2 // index in Groups: DPS 0, specialist 2
		n := 0
		for _, v := range b.deadline[k] {
			n += v
		}
		if n == 0 {
			continue
		}
		col := -1 // the group's place among the shown groups
		for j, i := range index {
			if i == gi {
				col = j
			}
		}
		r := deadlineRow{code: string(grp), label: grp.Label()}
		c := b.deadline[k]
		r.due = g.add(c[deadlineMet] + c[deadlineLate] + c[deadlineNotHeld])
		for s := range nDeadline {
			r.status[s] = g.add(c[s])
			totalCounts[s] += c[s]
		}
		g.sum(r.due, []int{r.status[deadlineMet], r.status[deadlineLate], r.status[deadlineNotHeld]})
		g.sum(sg.routing.heads[col], []int{r.due, r.status[deadlineAhead], r.status[deadlineWithdrawn]})
		if sg.attended != nil {
			g.sum(sg.attended[col], []int{r.status[deadlineMet], r.status[deadlineLate]})
		}
		sg.deadline = append(sg.deadline, r)
	}
	if len(sg.deadline) == 0 {
		return
	}
	total = deadlineRow{code: string(GroupTotal), label: GroupTotal.Label()}
	total.due = g.add(totalCounts[deadlineMet] + totalCounts[deadlineLate] + totalCounts[deadlineNotHeld])
	for s := range nDeadline {
		total.status[s] = g.add(totalCounts[s])
	}
	g.sum(total.due, []int{total.status[deadlineMet], total.status[deadlineLate], total.status[deadlineNotHeld]})
	dues := []int{}
	for _, r := range sg.deadline {
		dues = append(dues, r.due)
	}
	g.sum(total.due, dues)
	for s := range nDeadline {
		var members []int
		for _, r := range sg.deadline {
			members = append(members, r.status[s])
		}
		g.sum(total.status[s], members)
	}
	sg.deadline = append(sg.deadline, total)
}

// addOrg adds the organisation table and ties it to the decided patients
// and the routing table's services.
func (b *StatsBuilder) addOrg(sg *statsGrid) {
	g := &sg.g
	o := &b.org
	var cols []colSpec
	var index []int
	for k, org := range orgs {
		n := 0
		for _, v := range o.counts[k] {
			n += v
		}
		if n > 0 {
			cols = append(cols, colSpec{code: string(org), label: "seen by " + orgLabel(org) + " clinicians", patients: n})
			index = append(index, k)
		}
	}
	var rows []series
	for i := range len(b.cat.services) + 1 {
		code, label := CodeSeveral, "more than one service"
		if i < len(b.cat.services) {
			code, label = b.cat.services[i].Code, b.opts.Lang.serviceLabel(b.cat.services[i].LabelEN, b.cat.services[i].LabelNB)
		}
		s := series{code: code, label: label}
		any := false
		for _, k := range index {
			s.counts = append(s.counts, o.counts[k][i])
			any = any || o.counts[k][i] > 0
		}
		if any {
			rows = append(rows, s)
		}
	}
	sg.leftOut = g.add(o.leftOut)
	if len(cols) == 0 {
		return
	}
	sg.org = g.addCrossTab(cols, rows, nil, nil)
	nc := len(cols)
	if sg.decided != nil {
		g.sum(sg.decided[len(sg.decided)-1], []int{sg.org.heads[nc], sg.leftOut})
	}
	for i, r := range rows {
		if routed := sg.routing.row(r.code); routed != nil {
			g.atMost(routed[len(routed)-1], sg.org.cells[i][nc])
		}
	}
}

// stats assembles the report from the suppressed grid.
func (sg *statsGrid) stats(b *StatsBuilder, s *Stats) {
	g := &sg.g
	s.Routing = sg.routing.table(g, "outcome")
	s.WrongQueue = transpose(sg.wrongQueue.table(g, "ended in"), "")
	s.ByOrg.LeftOut = g.cell(sg.leftOut, -1)
	if sg.org.heads != nil {
		s.ByOrg.Table = sg.org.table(g, "outcome")
	}
	s.ByOrg.Test = b.org.test(b.cat)
	if s.ByOrg.Test.Computed && anyHidden(s.ByOrg.Table) {
		// The statistic is a function of every count: with the totals
		// shown, it could pin a hidden one down.
		s.ByOrg.Test = ChiSquare{Note: "withheld: the table has hidden counts, and the statistic could give them away"}
	}
	s.Timeliness = sg.timeliness(b)
	s.Consultations = sg.consult.table(g, s.Routing)
}
