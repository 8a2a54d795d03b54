package report

import (
	"fmt"
	"slices"

	"envei/intake"
)

// Stage is a step of the funnel.
type Stage string

// The stages, in funnel order. The first five count the patients who
// reached them, so a later one implies the earlier ones; then where the
// decided patients went (one patient can go to two places); then where
// the others stopped. decided, did_not_attend, withdrawn and open split
// received between them.
const (
	StageReceived      Stage = "received"
	StageAssigned      Stage = "assigned"
	StageScheduled     Stage = "scheduled"
	StageAttended      Stage = "attended"
	StageDecided       Stage = "decided"
	StageToDPS         Stage = "to_dps"
	StageToMunicipal   Stage = "to_municipal"
	StageToSpecialised Stage = "to_specialised"
	StageToReception   Stage = "to_reception"
	StageNoNeed        Stage = "no_need"
	StageDidNotAttend  Stage = "did_not_attend"
	StageWithdrawn     Stage = "withdrawn"
	StageOpen          Stage = "open"
)

// Stages lists the stages in funnel order.
var Stages = []Stage{
	StageReceived, StageAssigned, StageScheduled, StageAttended, StageDecided,
	StageToDPS, StageToMunicipal, StageToSpecialised, StageToReception, StageNoNeed,
	StageDidNotAttend, StageWithdrawn, StageOpen,
}

const (
	iReceived = iota
	iAssigned
	iScheduled
	iAttended
	iDecided
	iToDPS
	iToMunicipal
	iToSpecialised
	iToReception
	iNoNeed
	iDidNotAttend
	iWithdrawn
	iOpen
	nStages
)

// Label is how the chart and Markdown name the stage.
func (s Stage) Label() string {
	switch s {
	case StageAssigned:
		return "assigned a clinician"
	case StageScheduled:
		return "first conversation booked"
	case StageAttended:
		return "attended"
	case StageDecided:
		return "routing decided"
	case StageToDPS:
		return "→ DPS"
	case StageToMunicipal:
		return "→ municipal service"
	case StageToSpecialised:
		return "→ specialised clinic"
	case StageToReception:
		return "→ treated in reception"
	case StageNoNeed:
		return "→ no need"
	case StageDidNotAttend:
		return "did not attend"
	case StageWithdrawn:
		return "withdrawn"
	case StageOpen:
		return "still open"
	}
	return "received"
}

// Kind groups the stages for the chart: the steps every patient takes,
// where the decided ones went, and where the others stopped.
func (s Stage) Kind() string {
	switch s {
	case StageReceived, StageAssigned, StageScheduled, StageAttended, StageDecided:
		return "step"
	case StageDidNotAttend, StageWithdrawn, StageOpen:
		return "stopped"
	}
	return "destination"
}

// By is how the funnel divides time.
type By string

const (
	ByMonth By = "month" // 2023-03
	ByWeek  By = "week"  // 2023-W09 (ISO weeks)
	ByAll   By = "all"   // one period
)

// ParseBy parses "month", "week" or "all".
func ParseBy(s string) (By, error) {
	switch b := By(s); b {
	case ByMonth, ByWeek, ByAll:
		return b, nil
	}
	return "", fmt.Errorf("must be month, week or all")
}

// FunnelOptions say what a funnel report covers.
type FunnelOptions struct {
	From, To  intake.Date // as asked, inclusive; zero when open (they title the report)
	By        By
	MinCell   int
	Catalogue []intake.Service
	Lang      Lang
	// MadeBy (a role, never a name), Reception (its name) and Today (the
	// day it is made) are printed on the PDF.
	MadeBy, Reception string
	Today             intake.Date
}

// Funnel is the funnel report for pilot leads: per period of received
// dates, how many patients reached each stage and how long it took.
type Funnel struct {
	From, To    intake.Date
	First, Last intake.Date
	By          By
	MinCell     int
	Lang        Lang
	Region      Region // the receptions of a region report; empty for one's
	MadeBy      string
	Reception   string
	Today       intake.Date
	Periods     []FunnelPeriod
}

// Exposed reports whether some period could not be fully protected.
func (f Funnel) Exposed() bool {
	for _, p := range f.Periods {
		if p.Exposed {
			return true
		}
	}
	return false
}

// FunnelPeriod is one period's funnel, one StageCount per stage in Stages
// order.
type FunnelPeriod struct {
	Period  string // "2023-03", "2023-W09" or "all"
	Stages  []StageCount
	Exposed bool
}

// StageCount is the patients at one stage, with their percentage of the
// period's received, and the median calendar days from received to the
// stage's date. Stages without a date of their own (received, assigned —
// the draw's time is not handed over — and open) have no median; neither
// has a hidden count, since a median of one or two is their own wait.
type StageCount struct {
	Stage      Stage
	Count      Cell
	MedianDays int
	HasMedian  bool
}

// FunnelBuilder takes rows one at a time and keeps per period counters and
// day histograms only.
type FunnelBuilder struct {
	opts        FunnelOptions
	cat         catalogue
	n           int
	first, last intake.Date
	periods     map[int]*funnelCounts
	lastKey     int
	lastCounts  *funnelCounts
}

type funnelCounts struct {
	n    [nStages]int
	days [nStages]dayHist
}

// NewFunnel returns a builder for the report opts describe.
func NewFunnel(opts FunnelOptions) (*FunnelBuilder, error) {
	if _, err := ParseBy(string(opts.By)); err != nil {
		return nil, fmt.Errorf("report: funnel by %q: %w", opts.By, err)
	}
	cat, err := newCatalogue(opts.Catalogue)
	if err != nil {
		return nil, err
	}
	return &FunnelBuilder{opts: opts, cat: cat, periods: map[int]*funnelCounts{}, lastKey: -1}, nil
}

// periodKey orders periods: year·100 + month or ISO week, 0 for all.
func (b *FunnelBuilder) periodKey(d intake.Date) int {
	switch b.opts.By {
	case ByMonth:
		return d.Year()*100 + int(d.Month())
	case ByWeek:
		y, w := d.Time().ISOWeek()
		return y*100 + w
	}
	return 0
}

func (b *FunnelBuilder) periodName(key int) string {
	switch b.opts.By {
	case ByMonth:
		return fmt.Sprintf("%04d-%02d", key/100, key%100)
	case ByWeek:
		return fmt.Sprintf("%04d-W%02d", key/100, key%100)
	}
	return "all"
}

// Add counts one referral.
func (b *FunnelBuilder) Add(r Row) error {
	b.Span(r.Received, r.Received)
	return b.AddTally(TallyOf(r))
}

// Span records that the referrals counted were received from first to
// last; Add does it for each row, a caller of AddTally once.
func (b *FunnelBuilder) Span(first, last intake.Date) { span(&b.first, &b.last, first, last) }

// AddTally counts t.N referrals alike, in the period of t.Period.
func (b *FunnelBuilder) AddTally(t Tally) error {
	if t.Part == TallyConsultations {
		return nil // the funnel does not count consultations
	}
	key := b.periodKey(t.Period)
	p := b.lastCounts
	if key != b.lastKey {
		// Rows come roughly in the order received: most share the
		// previous row's period.
		if p = b.periods[key]; p == nil {
			p = &funnelCounts{}
			b.periods[key] = p
		}
		b.lastKey, b.lastCounts = key, p
	}
	n := t.N
	steps, closing := t.Part != TallyClose, t.Part != TallySteps
	if steps {
		b.n += n
	}
	// reach counts the referrals at a stage (unless t carries the close
	// only) and adds their days when t carries them (fromFirst: the days
	// to the first conversation, else to routing or withdrawal).
	reach := func(stage int, days int, fromFirst bool) {
		if steps {
			p.n[stage] += n
		}
		if days != NoDays && (fromFirst && steps || !fromFirst && closing) {
			p.days[stage].addN(days, n)
		}
	}
	reach(iReceived, NoDays, true)
	// A historical import without a clinician still counts as assigned
	// once a first conversation was booked: the funnel never shows a
	// later stage above an earlier one.
	if t.Assigned || t.DaysToFirst != NoDays {
		reach(iAssigned, NoDays, true)
	}
	if t.DaysToFirst != NoDays {
		reach(iScheduled, t.DaysToFirst, true)
	}
	if t.Attended == intake.AttendanceYes {
		reach(iAttended, t.DaysToFirst, true)
	}
	switch {
	case t.didNotAttend():
		reach(iDidNotAttend, t.DaysToRouted, false)
	case t.decided():
		reach(iDecided, t.DaysToRouted, false)
		var seen uint32
		for _, code := range t.Outcomes {
			i, err := b.cat.lookup(code)
			if err != nil {
				return err
			}
			stage := destinationStage(b.cat.services[i])
			if seen&(1<<stage) == 0 {
				seen |= 1 << stage
				reach(stage, t.DaysToRouted, false)
			}
		}
	case t.State == intake.StateWithdrawn:
		reach(iWithdrawn, t.DaysToWithdrawn, false)
	default:
		reach(iOpen, NoDays, true)
	}
	return nil
}

// destinationStage is the funnel stage of a service: by its category, the
// closed services other than did-not-attend counting as no need.
func destinationStage(s intake.Service) int {
	switch s.Category {
	case intake.CategoryDPS:
		return iToDPS
	case intake.CategoryMunicipal:
		return iToMunicipal
	case intake.CategorySpecialised:
		return iToSpecialised
	case intake.CategoryReception:
		return iToReception
	}
	return iNoNeed
}

// Result computes the report; periods come in time order, and periods
// without referrals are left out.
func (b *FunnelBuilder) Result() Funnel {
	f := Funnel{From: b.opts.From, To: b.opts.To, First: b.first, Last: b.last, By: b.opts.By, MinCell: b.opts.MinCell, Lang: b.opts.Lang,
		MadeBy: b.opts.MadeBy, Reception: b.opts.Reception, Today: b.opts.Today}
	keys := make([]int, 0, len(b.periods))
	for k := range b.periods {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f.Periods = append(f.Periods, funnelPeriod(b.periodName(k), b.periods[k], b.opts.MinCell))
	}
	return f
}

// funnelGrid lays out one period's counts with the sums and orders a
// reader knows: received splits into decided, did not attend, withdrawn
// and open; decided patients went to at least one destination each; and
// each of the first five stages is at most the one before.
func funnelGrid(n [nStages]int) *cellGrid {
	g := &cellGrid{}
	g.addFunnel(n)
	return g
}

// addFunnel adds one period's stages to g, with their sums, orders and
// rules, and returns where they sit.
func (g *cellGrid) addFunnel(n [nStages]int) (at [nStages]int) {
	for s, v := range n {
		at[s] = g.add(v)
	}
	g.sum(at[iReceived], []int{at[iDecided], at[iDidNotAttend], at[iWithdrawn], at[iOpen]})
	g.sum(at[iDecided], []int{at[iToDPS], at[iToMunicipal], at[iToSpecialised], at[iToReception], at[iNoNeed]})
	for s := iAssigned; s <= iDecided; s++ {
		g.atMost(at[s-1], at[s])
	}
	g.atMost(at[iScheduled], at[iDidNotAttend])
	// no_need stands alone: a patient sent anywhere else is not among
	// them, so each destination and no_need together are at most the
	// decided.
	for s := iToDPS; s <= iToReception; s++ {
		g.rule(term{at[s], 1}, term{at[iNoNeed], 1}, term{at[iDecided], -1})
	}
	return at
}

func funnelPeriod(name string, c *funnelCounts, minCell int) FunnelPeriod {
	g := funnelGrid(c.n)
	g.suppress(minCell)
	var at [nStages]int
	for s := range at {
		at[s] = s
	}
	return funnelPeriodOf(g, at, name, c)
}

// funnelPeriod reads one period's stages from a suppressed grid.
func funnelPeriodOf(g *cellGrid, at [nStages]int, name string, c *funnelCounts) FunnelPeriod {
	p := FunnelPeriod{Period: name, Exposed: g.exposed}
	for s, stage := range Stages {
		sc := StageCount{Stage: stage, Count: g.cell(at[s], at[iReceived])}
		if !sc.Count.Hidden() && c.days[s].n > 0 {
			sc.MedianDays, sc.HasMedian = c.days[s].median()
		}
		p.Stages = append(p.Stages, sc)
	}
	return p
}
