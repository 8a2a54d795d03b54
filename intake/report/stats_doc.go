package report

import (
	"io"
	"strconv"

	"envei/intake"
)

// WriteStatsText writes the report as aligned plain text, for people.
func WriteStatsText(w io.Writer, s Stats) error {
	return writeText(w, statsTitle(s), statsBlocks(s))
}

// WriteStatsMarkdown writes the report as Markdown.
func WriteStatsMarkdown(w io.Writer, s Stats) error {
	return writeMarkdown(w, statsTitle(s), statsBlocks(s))
}

// Period returns the received dates a report covers as text: the dates
// asked for, or where open, the first and last day in the data.
func Period(from, to, first, last intake.Date) string {
	return LangEN.period(from, to, first, last)
}

// period is Period in l.
func (l Lang) period(from, to, first, last intake.Date) string {
	if from.IsZero() {
		from = first
	}
	if to.IsZero() {
		to = last
	}
	switch {
	case from.IsZero() && to.IsZero():
		return l.t("all dates")
	case from.IsZero():
		return l.t("up to") + " " + to.String()
	case to.IsZero():
		return l.t("from") + " " + from.String()
	}
	return from.String() + " " + l.t("to") + " " + to.String()
}

func statsTitle(s Stats) string {
	return s.Lang.t("Routing statistics: referrals received") + " " + s.Lang.period(s.From, s.To, s.First, s.Last)
}

// statsBlocks decides the words and numbers of the report.
func statsBlocks(s Stats) []block {
	l := s.Lang
	var blocks []block
	if note := s.Region.note(l); note != "" {
		blocks = append(blocks, block{before: []string{note}})
	}
	if s.Referrals == 0 {
		return append(blocks, block{before: []string{l.t("No referrals were received in this period, so there is nothing to count.")}})
	}
	n := s.MinCell
	if n > 1 {
		blocks = append(blocks, block{before: []string{suppressionNote(l, n, s.Exposed())}})
	}
	blocks = append(blocks, routingBlock(s), wrongQueueBlock(s), orgBlock(s.ByOrg, n, l))
	blocks = append(blocks, timelinessBlocks(s.Timeliness, n, l)...)
	blocks = append(blocks, consultBlock(s.Consultations, n, l))
	return append(blocks, hiddenBlock(s.hidden(), n, l, s.Exposed())...)
}

// routingBlock is section 1, the pilot's table.
func routingBlock(s Stats) block {
	l := s.Lang
	return block{
		heading: l.t("1. Where patients were routed after the first conversation"),
		before: []string{l.t("Patients by where the GP addressed the referral (columns) and the outcome (rows). " +
			"Each percentage is of the patients in its column, rounded half up. A patient routed to two " +
			"services counts once in each row, so a column can add up to more than its patients.")},
		grid: gridOf(s.Routing, s.MinCell, l),
	}
}

// wrongQueueBlock is section 2.
func wrongQueueBlock(s Stats) block {
	l := s.Lang
	return block{
		heading: l.t("2. Wrong queue: where patients ended, by where they were addressed"),
		before: []string{l.t("Patients by the kind of service they were routed to. A referral addressed to one " +
			"service that ended in another stood in the wrong queue, and the reception caught it. Percentages " +
			"are of the row's patients; a patient routed to two kinds of service counts in both.")},
		grid: gridOf(s.WrongQueue, s.MinCell, l),
	}
}

// suppressionNote explains the marks of a protected report.
func suppressionNote(l Lang, n int, exposed bool) string {
	note := l.f("Small counts are hidden: <%d is a count from 1 to %d, and : a count hidden so that "+
		"a small one cannot be worked out from the totals. Percentages of hidden counts are not shown.", n, n-1)
	if exposed {
		note += " " + l.t("WARNING: some rows or columns are so small that their hidden counts can still be "+
			"worked out; leave them out or choose a longer period before this report leaves the reception.")
	}
	return note
}

func orgBlock(c OrgComparison, n int, l Lang) block {
	b := block{heading: l.t("3. Outcomes by the clinician's organisation")}
	if c.Table.Empty() {
		b.before = []string{l.t("No patient seen and routed by a clinician with a recorded organisation in this period.")}
	} else {
		b.before = []string{l.t("Patients who attended and were routed, by the home organisation of their clinician. " +
			"Each patient is in one row: those routed to more than one service are counted together.")}
		b.grid = gridOf(c.Table, n, l)
		b.after = append(b.after, chiSquareText(c.Test, l))
		if words := chiSquareInWords(c.Test, l); words != "" {
			b.after = append(b.after, words)
		}
	}
	if c.LeftOut.Hidden() || c.LeftOut.N > 0 {
		b.after = append(b.after, c.LeftOut.Count(n)+" "+l.t("patients seen and routed by a clinician without a recorded "+
			"organisation are left out."))
	}
	b.after = append(b.after, l.t("Clinicians are assigned at random, whatever their organisation, so the two columns "+
		"are alike but for chance: a difference beyond chance lies in how the clinicians judge, not in which "+
		"patients they saw. That is what makes this comparison fair."))
	return b
}

func chiSquareText(c ChiSquare, l Lang) string {
	if !c.Computed {
		return l.t("Chi-square test of independence:") + " " + l.t(c.Note) + "."
	}
	p := "p = " + strconv.FormatFloat(c.P, 'f', 3, 64)
	if c.P < 0.001 {
		p = "p < 0.001"
	}
	t := l.f("Chi-square test of independence: chi-square = %.2f, %d degrees of freedom, %s.", c.Statistic, c.DF, p)
	if c.Warning != "" {
		t += " " + l.t("Warning:") + " " + chiSquareWarning(c, l) + "."
	}
	return t
}

func timelinessBlocks(t Timeliness, n int, l Lang) []block {
	waits := block{
		heading: l.t("4. Timeliness"),
		before: []string{l.t("Calendar days from received to the first conversation the patient attended, and to " +
			"the routing decision (closures for not attending left out): median and 90th percentile, each a " +
			"wait that happened (nearest rank).")},
		grid: [][]string{{"", l.t("attended"), l.t("median days"), l.t("90th percentile"), l.t("decided"), l.t("median days"), l.t("90th percentile")}},
	}
	if !t.Counts {
		waits.grid = [][]string{{"", l.t("to first conversation: median days"), l.t("90th percentile"), l.t("to decision: median days"), l.t("90th percentile")}}
		waits.before = append(waits.before, l.f("The numbers of patients are left out here: they would "+
			"restate the routing table's. A median is shown over at least %d patients.", n))
	}
	for _, r := range t.Waits {
		row := []string{l.t(r.Label)}
		for _, w := range []Wait{r.ToFirst, r.Decision} {
			med, p90 := "–", "–"
			if w.Shown {
				med, p90 = strconv.Itoa(w.Median), strconv.Itoa(w.P90)
			}
			if t.Counts {
				row = append(row, w.Patients.Count(n))
			}
			row = append(row, med, p90)
		}
		waits.grid = append(waits.grid, row)
	}
	deadline := block{heading: l.t("Rights assessment within 10 working days")}
	if t.Deadline.Empty() {
		deadline.before = []string{l.t("No GP referrals to DPS or to a specialist in this period.")}
		return []block{waits, deadline}
	}
	deadline.before = []string{l.t("GP referrals to DPS and to specialists must be assessed within 10 working days " +
		"of receipt. Met, held late and not held are percentages of the referrals due.")}
	deadline.grid = gridOf(t.Deadline, n, l)
	deadline.after = append(deadlineInWords(t.Deadline, n, l), l.t("Met means the rights decision was made on or before the deadline: its recorded "+
		"date, or for referrals without one (imported, or from before the assessment template) the day of an "+
		"attended first conversation, where the assessment is made. Not held means no decision by the "+
		"deadline (did not attend, withdrawn after it, or still waiting past it)."))
	return []block{waits, deadline}
}

// chiSquareInWords says what the test found, for a reader who does not
// read p-values; "" when it was not computed (the note says why).
func chiSquareInWords(c ChiSquare, l Lang) string {
	switch {
	case !c.Computed:
		return ""
	case c.P < 0.05:
		return l.t("In words: the outcomes of the two organisations' clinicians differ more than chance readily " +
			"gives (p below 0.05): they seem to route patients differently.")
	}
	return l.t("In words: the outcomes of the two organisations' clinicians differ no more than chance gives " +
		"(p at least 0.05): no sign that they route patients differently.")
}

// deadlineInWords says the deadline table's total in one sentence, from
// its printed cells only (a hidden one as its mark): how many of the
// referrals due were assessed within 10 working days.
func deadlineInWords(t Table, n int, l Lang) []string {
	due, met := -1, -1
	for j, c := range t.Columns {
		switch c.Code {
		case CodeDue:
			due = j
		case CodeMet:
			met = j
		}
	}
	if due < 0 || met < 0 || len(t.Rows) == 0 {
		return nil
	}
	total := t.Rows[len(t.Rows)-1]
	if !total.Cells[due].Hidden() && total.Cells[due].N == 0 {
		return nil // nothing due yet
	}
	return []string{l.f("In words: of the %s GP referrals whose deadline has passed, %s had their rights "+
		"assessed within 10 working days.", total.Cells[due].Text(n), total.Cells[met].Text(n))}
}

// chiSquareWarning is c.Warning in l.
func chiSquareWarning(c ChiSquare, l Lang) string {
	if l == LangEN || c.Cells == 0 {
		return c.Warning
	}
	w := l.f("%d of %d expected counts are below 5", c.Small, c.Cells)
	if c.Tiny > 0 {
		w += l.f(" (%d below 1)", c.Tiny)
	}
	return w + l.t(": the chi-square approximation may not hold, so read the p-value with care")
}
