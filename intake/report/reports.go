package report

import (
	"slices"

	"envei/intake"
)

// Every report envei prints for one period — the routing statistics, the
// funnel for the whole period and by month, the console's statistics
// screen — shares its counts with the others: the funnel's to_reception is
// the wrong-queue table's total of patients ended in reception, its
// months add up to the whole period. A count hidden in one report and
// shown or derivable from another would be no secret (issue 14: 11 − 9 =
// 2). So they are suppressed together: one grid holds the statistics'
// sections, the funnel of the whole period tied to them, and the funnel's
// months (or weeks) adding up to it, with every sum and rule a reader
// knows; it is suppressed once, and every report reads its cells from it.
//
// The months are always in the grid, whatever the funnel is by, so that
// `stats`, `funnel --by all` and `funnel --by month` for the same period
// hide the same counts. ISO weeks are in it only when the funnel is by
// week: those cells then protect the weeks against the other reports,
// but `stats` printed without them is suppressed without the weeks.
// Reports of different periods can still be differenced (README).

// ReportsBuilder builds the routing statistics and the funnel of one
// period together, suppressed as one.
type ReportsBuilder struct {
	by    By
	joint bool // counts are hidden, so the reports are suppressed together
	stats *StatsBuilder
	// months is the funnel by month; when nothing is hidden, the funnel
	// as asked for (by month, week or all), built on its own.
	months *FunnelBuilder
	weeks  *FunnelBuilder // nil unless the funnel is by week and counts are hidden
}

// NewReports returns a builder for both reports of the period opts
// describe; the funnel is by by. Tallies added must carry their month
// (Tally.Period) or come as rows.
func NewReports(opts StatsOptions, by By) (*ReportsBuilder, error) {
	sb, err := NewStats(opts)
	if err != nil {
		return nil, err
	}
	if _, err := ParseBy(string(by)); err != nil {
		return nil, err
	}
	joint := opts.MinCell > 1
	fo := FunnelOptions{From: opts.From, To: opts.To, By: ByMonth, MinCell: opts.MinCell, Catalogue: opts.Catalogue, Lang: opts.Lang,
		MadeBy: opts.MadeBy, Reception: opts.Reception, Today: opts.Today}
	if !joint {
		fo.By = by
	}
	mb, err := NewFunnel(fo)
	if err != nil {
		return nil, err
	}
	b := &ReportsBuilder{by: by, joint: joint, stats: sb, months: mb}
	if joint && by == ByWeek {
		fo.By = ByWeek
		if b.weeks, err = NewFunnel(fo); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// MaxProtectedWeeks is how many ISO weeks a funnel by week with hidden
// counts may cover: every week's stages go into the one grid, and its
// linear programs grow with the square of it (23 weeks of the pilot take
// seconds). A longer period is refused rather than left unprotected.
const MaxProtectedWeeks = 26

// Weeks is how many ISO weeks with referrals the funnel by week holds
// when counts are hidden (0 otherwise): the command checks it against
// MaxProtectedWeeks before Result.
func (b *ReportsBuilder) Weeks() int {
	if b.weeks == nil {
		return 0
	}
	return len(b.weeks.periods)
}

// Joint reports whether the reports are suppressed together, and so need
// both the statistics' tallies and the months': only when counts are
// hidden. Otherwise each report needs only its own.
func (b *ReportsBuilder) Joint() bool { return b.joint }

// Add counts one referral.
func (b *ReportsBuilder) Add(r Row) error {
	b.Span(r.Received, r.Received)
	return b.AddTally(TallyOf(r))
}

// Span records that the referrals counted were received from first to
// last.
func (b *ReportsBuilder) Span(first, last intake.Date) {
	b.stats.Span(first, last)
	b.months.Span(first, last)
	if b.weeks != nil {
		b.weeks.Span(first, last)
	}
}

// AddTally counts t.N referrals alike in every report; t must carry
// everything: its month, and what the statistics read (a row's tally
// does).
func (b *ReportsBuilder) AddTally(t Tally) error {
	if err := b.AddStatsTally(t); err != nil {
		return err
	}
	return b.AddMonthTally(t)
}

// AddStatsTally counts t.N referrals in the statistics only: a store
// groups the statistics' tallies and the months' apart.
func (b *ReportsBuilder) AddStatsTally(t Tally) error { return b.stats.AddTally(t) }

// AddMonthTally counts t.N referrals in the funnel only, in t's month
// (and week, when the funnel is by week).
func (b *ReportsBuilder) AddMonthTally(t Tally) error {
	if err := b.months.AddTally(t); err != nil {
		return err
	}
	if b.weeks != nil {
		return b.weeks.AddTally(t)
	}
	return nil
}

// Result computes both reports from one suppression.
func (b *ReportsBuilder) Result() (Stats, Funnel) {
	if !b.joint {
		return b.stats.Result(), b.months.Result()
	}
	sb := b.stats
	s := Stats{
		From: sb.opts.From, To: sb.opts.To, First: sb.first, Last: sb.last,
		Today: sb.opts.Today, MinCell: sb.opts.MinCell, Referrals: sb.n, Lang: sb.opts.Lang, MadeBy: sb.opts.MadeBy,
		Reception: sb.opts.Reception,
	}
	f := Funnel{From: sb.opts.From, To: sb.opts.To, First: b.months.first, Last: b.months.last, By: b.by,
		MinCell: sb.opts.MinCell, Lang: sb.opts.Lang, MadeBy: sb.opts.MadeBy, Reception: sb.opts.Reception,
		Today: sb.opts.Today}
	if sb.n == 0 {
		return s, f
	}
	sg := sb.statsGrid()
	g := &sg.g
	// The whole period's funnel, tied to the statistics.
	var all funnelCounts
	for _, c := range b.months.periods {
		all.add(c)
	}
	at := g.addFunnel(all.n)
	sg.tieFunnel(at)
	months := addPeriods(g, b.months, at)
	var weeks []periodAt
	if b.weeks != nil {
		weeks = addPeriods(g, b.weeks, at)
	}
	g.suppress(sb.opts.MinCell)
	sg.stats(sb, &s)
	switch b.by {
	case ByAll:
		f.Periods = []FunnelPeriod{funnelPeriodOf(g, at, "all", &all)}
	case ByMonth:
		f.Periods = periodsOf(g, b.months, months)
	case ByWeek:
		f.Periods = periodsOf(g, b.weeks, weeks)
	}
	return s, f
}

// add adds o's counts and waits to c.
func (c *funnelCounts) add(o *funnelCounts) {
	for s := range c.n {
		c.n[s] += o.n[s]
		c.days[s].merge(&o.days[s])
	}
}

// periodAt is where one period of a funnel sits in a grid.
type periodAt struct {
	key int
	at  [nStages]int
}

// addPeriods adds fb's periods to g, in time order, each stage of them
// adding up to the whole period's at.
func addPeriods(g *cellGrid, fb *FunnelBuilder, all [nStages]int) []periodAt {
	keys := make([]int, 0, len(fb.periods))
	for k := range fb.periods {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []periodAt
	for _, k := range keys {
		out = append(out, periodAt{key: k, at: g.addFunnel(fb.periods[k].n)})
	}
	for s := range nStages {
		members := make([]int, len(out))
		for i, p := range out {
			members[i] = p.at[s]
		}
		g.sum(all[s], members)
	}
	return out
}

// periodsOf reads fb's periods from the suppressed grid.
func periodsOf(g *cellGrid, fb *FunnelBuilder, at []periodAt) []FunnelPeriod {
	var out []FunnelPeriod
	for _, p := range at {
		out = append(out, funnelPeriodOf(g, p.at, fb.periodName(p.key), fb.periods[p.key]))
	}
	return out
}

// tieFunnel records which of the whole period's funnel stages are counts
// the statistics hold too.
func (sg *statsGrid) tieFunnel(at [nStages]int) {
	g := &sg.g
	r, w := sg.routing, sg.wrongQueue
	nc := len(r.cols)
	g.same(at[iReceived], r.heads[nc])
	tie := func(stage int, cells []int) {
		if cells != nil {
			g.same(at[stage], cells[nc])
		}
	}
	tie(iOpen, r.row(CodeOpen))
	tie(iWithdrawn, r.row(CodeWithdrawn))
	tie(iDidNotAttend, r.row(intake.ServiceDidNotAttend))
	tie(iNoNeed, r.row(intake.ServiceNoNeed))
	tie(iToDPS, w.row(string(intake.CategoryDPS)))
	tie(iToMunicipal, w.row(string(intake.CategoryMunicipal)))
	tie(iToSpecialised, w.row(string(intake.CategorySpecialised)))
	tie(iToReception, w.row(string(intake.CategoryReception)))
	if closed := w.row(string(intake.CategoryClosed)); closed != nil &&
		g.values[closed[nc]] == g.values[at[iNoNeed]]+g.values[at[iDidNotAttend]] {
		g.sum(closed[nc], []int{at[iNoNeed], at[iDidNotAttend]})
	}
	if sg.attended != nil {
		g.same(at[iAttended], sg.attended[len(sg.attended)-1])
		g.same(at[iDecided], sg.decided[len(sg.decided)-1])
	}
}
