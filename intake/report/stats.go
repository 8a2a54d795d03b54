package report

import (
	"fmt"

	"envei/intake"
)

// StatsOptions say what a routing-statistics report covers.
type StatsOptions struct {
	// From and To are the received dates asked for, inclusive; zero when
	// open. They only title the report: the caller hands over the rows
	// in range.
	From, To intake.Date
	// Today decides whether an assessment deadline is still ahead.
	Today intake.Date
	// MinCell hides counts from 1 to MinCell−1 (and what would reveal
	// them); 0 hides nothing.
	MinCell int
	// Catalogue is the service catalogue in report order.
	Catalogue []intake.Service
	// Lang is the language of the labels and the prose; "" is English.
	Lang Lang
	// MadeBy is the role of the user the report is made for, printed on
	// the PDF (a role, never a name).
	MadeBy string
	// Reception is the reception's name, printed on the PDF; "" when not
	// recorded.
	Reception string
}

// Stats is the routing-statistics report for supervisors.
type Stats struct {
	From, To    intake.Date // as asked; zero when open
	First, Last intake.Date // first and last day received among the referrals
	Today       intake.Date
	MinCell     int
	Lang        Lang
	MadeBy      string
	Reception   string
	// Region names the receptions of a region report (region.go); empty
	// for one reception's.
	Region Region
	// Referrals is how many referrals the report covers, to tell an empty
	// report (say so instead of printing tables). It is the raw count: to
	// print it, use the routing table's total column, which suppression
	// protects.
	Referrals int

	// Routing is the pilot table: outcomes (rows) by where the referral was
	// addressed (columns), each cell patients with their percentage of the
	// column; then open and withdrawn referrals.
	Routing Table
	// WrongQueue is where patients ended, by service category (columns),
	// against where they were addressed (rows).
	WrongQueue Table
	// ByOrg compares the outcomes of patients seen by DPS and by municipal
	// clinicians.
	ByOrg OrgComparison
	// Timeliness holds waiting times and the 10-working-day deadline.
	Timeliness Timeliness
	// Consultations is how often the senior psychiatrist and the GP were
	// involved, by the routing table's columns (consult.go).
	Consultations Table
}

// Exposed reports whether some count could not be fully protected (the
// sections are protected together, so one flag covers them all).
func (s Stats) Exposed() bool { return s.Routing.Exposed }

// StatsBuilder takes rows one at a time and keeps only counters and day
// histograms: memory does not grow with the number of referrals.
type StatsBuilder struct {
	opts        StatsOptions
	cat         catalogue
	n           int
	first, last intake.Date

	patients  [nGroups]int
	outcomes  [nGroups][]int // patients per catalogue service
	open      [nGroups]int
	withdrawn [nGroups]int
	category  [nGroups][]int // patients per category, then open and withdrawn

	org orgCounts

	toFirst, toDecision [nGroups]dayHist
	deadline            [2][nDeadline]int // GP referrals to DPS, to specialists

	consult consultCounts
}

// NewStats returns a builder for the report opts describe.
func NewStats(opts StatsOptions) (*StatsBuilder, error) {
	cat, err := newCatalogue(opts.Catalogue)
	if err != nil {
		return nil, err
	}
	b := &StatsBuilder{opts: opts, cat: cat}
	for g := range nGroups {
		b.outcomes[g] = make([]int, len(cat.services))
		b.category[g] = make([]int, len(intake.Categories)+2)
	}
	b.org = newOrgCounts(len(cat.services))
	return b, nil
}

// Add counts one referral.
func (b *StatsBuilder) Add(r Row) error {
	b.Span(r.Received, r.Received)
	return b.AddTally(TallyOf(r))
}

// Span records that the referrals counted were received from first to
// last; Add does it for each row, a caller of AddTally once.
func (b *StatsBuilder) Span(first, last intake.Date) { span(&b.first, &b.last, first, last) }

// AddTally counts t.N referrals alike.
func (b *StatsBuilder) AddTally(t Tally) error {
	g, err := groupOf(t.Channel, t.AddressedTo)
	if err != nil {
		return err
	}
	b.consult.add(g, t.Consultations, t.N)
	if t.Part == TallyConsultations {
		return nil // counted in their referrals' tallies
	}
	n := t.N
	b.n += n
	b.patients[g] += n
	nCat := len(intake.Categories)
	switch {
	case t.decided():
		// A patient routed to two services counts once in each, and once
		// in each category they ended in.
		var seen uint32
		for _, code := range t.Outcomes {
			i, err := b.cat.lookup(code)
			if err != nil {
				return err
			}
			b.outcomes[g][i] += n
			seen |= 1 << categoryIndex(b.cat.services[i].Category)
		}
		for c := range nCat {
			if seen&(1<<c) != 0 {
				b.category[g][c] += n
			}
		}
	case t.State == intake.StateWithdrawn:
		b.withdrawn[g] += n
		b.category[g][nCat+1] += n
	default:
		b.open[g] += n
		b.category[g][nCat] += n
	}
	if err := b.org.add(t, b.cat); err != nil {
		return err
	}
	if t.Attended == intake.AttendanceYes {
		b.toFirst[g].addN(t.DaysToFirst, n)
	}
	if t.decided() && !t.didNotAttend() {
		b.toDecision[g].addN(t.DaysToRouted, n)
	}
	if t.Deadline != DeadlineNone && (g == 0 || g == 2) {
		b.deadline[g/2][t.deadlineStatus(b.opts.Today)] += n
	}
	return nil
}

// Result computes the report from what was added.
func (b *StatsBuilder) Result() Stats {
	s := Stats{
		From: b.opts.From, To: b.opts.To, First: b.first, Last: b.last,
		Today: b.opts.Today, MinCell: b.opts.MinCell, Referrals: b.n, Lang: b.opts.Lang, MadeBy: b.opts.MadeBy,
		Reception: b.opts.Reception,
	}
	if b.n == 0 {
		return s
	}
	sg := b.statsGrid()
	sg.g.suppress(b.opts.MinCell)
	sg.stats(b, &s)
	return s
}

// groupColumns returns the groups that have patients, as columns.
func (b *StatsBuilder) groupColumns() (cols []colSpec, index []int) {
	for g, grp := range Groups {
		if b.patients[g] > 0 {
			cols = append(cols, colSpec{code: string(grp), label: grp.Label(), patients: b.patients[g]})
			index = append(index, g)
		}
	}
	return cols, index
}

// Codes of the rows that are not services. The routing table's rows with
// no patients at all are left out, as the pilot leaves out contracted
// specialists; withdrawn referrals get a row of their own, so that every
// patient of a column is in some row and the percentages stay over all of
// them.
const (
	CodeOpen      = "open"
	CodeWithdrawn = "withdrawn"
)

// categoryLabel names a service category as the wrong-queue table does.
func categoryLabel(c intake.Category) string {
	switch c {
	case intake.CategoryDPS:
		return "DPS"
	case intake.CategoryMunicipal:
		return "municipal service"
	case intake.CategorySpecialised:
		return "specialised clinic"
	case intake.CategoryReception:
		return "reception"
	}
	return "closed"
}

// String is for test failures.
func (s Stats) String() string {
	return fmt.Sprintf("Stats{%d referrals %s–%s}", s.Referrals, s.First, s.Last)
}
