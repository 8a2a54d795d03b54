package tui

import (
	"strconv"
	"strings"

	"envei/intake/report"
)

// The statistics screen draws every section of envei stats itself, in the
// console's language and at the terminal's width: the routing table with
// bars, the wrong queue, the comparison by clinician organisation with
// the test's result in words, timeliness, the senior psychiatrist and the
// GP, the funnel, and what the small-number suppression hid. The tables'
// labels are the report's own words (report.Lang.Text), so the screen and
// the command line name things alike; the screen's notes are its own,
// shorter than the printed report's paragraphs.

// rt is a report label in the screen's language.
func (s statsScreen) rt(en string) string { return report.ParseLang(string(s.c.lang)).Text(en) }

// tableOf turns a report table into a screen table: each cell as people
// read it ("25 (45 %)", "<5", ":"), column headings with their patients.
func (s statsScreen) tableOf(t report.Table, minCell int) screenTable {
	st := screenTable{head: []string{s.rt(t.Corner)}}
	for _, c := range t.Columns {
		h := s.rt(c.Label)
		if c.HasTotal {
			h += " (" + c.Total.Count(minCell) + ")"
		}
		st.head = append(st.head, h)
	}
	for _, r := range t.Rows {
		row := []string{s.rowLabel(r)}
		for _, c := range r.Cells {
			row = append(row, c.Text(minCell))
		}
		st.rows = append(st.rows, row)
	}
	return st
}

// section is a heading, notes and a table's lines, at width.
func (s statsScreen) section(heading string, notes []string, table []string, after []string, width int) string {
	st := s.c.styles
	var b strings.Builder
	b.WriteString(st.TableHead.Render(wrapText(heading, width)) + "\n")
	for _, n := range notes {
		b.WriteString(st.Subtle.Render(wrapText(n, width)) + "\n")
	}
	if len(table) > 0 {
		if len(notes) > 0 {
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(table, "\n") + "\n")
	}
	for _, a := range after {
		b.WriteString("\n" + wrapText(a, width) + "\n")
	}
	return b.String()
}

// routingSection is the pilot table: every group of patients as a column,
// and bars of the total column's percentages.
func (s statsScreen) routingSection(width int) string {
	tab := s.stats.Routing
	if tab.Empty() {
		return ""
	}
	t := s.tableOf(tab, s.stats.MinCell)
	total := len(tab.Columns) - 1
	for _, r := range tab.Rows {
		pct, ok := r.Cells[total].Percent()
		if !ok {
			pct = -1
		}
		t.bars = append(t.bars, pct)
	}
	st := s.c.styles
	return s.section(s.rt("1. Where patients were routed after the first conversation"),
		[]string{s.c.text.StatsRoutingNote}, t.lines(width, st.TableHead, st.Bar), nil, width)
}

// wrongQueueSection is where patients ended against where they were
// addressed.
func (s statsScreen) wrongQueueSection(width int) string {
	tab := s.stats.WrongQueue
	if tab.Empty() {
		return ""
	}
	st := s.c.styles
	return s.section(s.rt("2. Wrong queue: where patients ended, by where they were addressed"),
		[]string{s.c.text.StatsWrongQueueNote}, s.tableOf(tab, s.stats.MinCell).lines(width, st.TableHead, st.Bar), nil, width)
}

// orgSection compares the outcomes of patients seen by DPS and by
// municipal clinicians, and says what the test found in words.
func (s statsScreen) orgSection(width int) string {
	c, t, st := s.stats.ByOrg, s.c.text, s.c.styles
	heading := s.rt("3. Outcomes by the clinician's organisation")
	var after []string
	if c.LeftOut.Hidden() || c.LeftOut.N > 0 {
		after = append(after, sprintf(t.StatsOrgLeftOut, c.LeftOut.Count(s.stats.MinCell)))
	}
	if c.Table.Empty() {
		return s.section(heading, []string{s.rt("No patient seen and routed by a clinician with a recorded organisation in this period.")}, nil, after, width)
	}
	words := s.testInWords(c.Test)
	return s.section(heading, []string{t.StatsOrgNote}, s.tableOf(c.Table, s.stats.MinCell).lines(width, st.TableHead, st.Bar),
		append(words, after...), width)
}

// testInWords is the chi-square test's result as a reader needs it: is
// there a difference beyond chance, then the figures behind it.
func (s statsScreen) testInWords(c report.ChiSquare) []string {
	t := s.c.text
	if !c.Computed {
		return []string{sprintf(t.StatsOrgNoTest, s.rt(c.Note))}
	}
	p := "p = " + s.decimal(c.P, 3)
	if c.P < 0.001 {
		p = "p < " + s.decimal(0.001, 3)
	}
	words := t.StatsOrgSame
	if c.P < 0.05 {
		words = t.StatsOrgDiffer
	}
	out := []string{sprintf(words, p) + " " + sprintf(t.StatsOrgTest, s.decimal(c.Statistic, 2), c.DF)}
	if c.Warning != "" {
		out = append(out, t.StatsOrgCareful)
	}
	return out
}

// decimal writes x with digits decimals and the language's decimal mark.
func (s statsScreen) decimal(x float64, digits int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', digits, 64), ".", s.c.text.DecimalMark, 1)
}

// timelinessSection is the waits and the 10-working-day rule.
func (s statsScreen) timelinessSection(width int) string {
	tl, t, st, n := s.stats.Timeliness, s.c.text, s.c.styles, s.stats.MinCell
	waits := screenTable{head: []string{"", s.rt("attended"), s.rt("median days"), s.rt("90th percentile"),
		s.rt("decided"), s.rt("median days"), s.rt("90th percentile")}}
	if !tl.Counts {
		waits.head = []string{"", s.rt("to first conversation: median days"), s.rt("90th percentile"),
			s.rt("to decision: median days"), s.rt("90th percentile")}
	}
	for _, r := range tl.Waits {
		row := []string{s.rt(r.Label)}
		for _, w := range []report.Wait{r.ToFirst, r.Decision} {
			med, p90 := "–", "–"
			if w.Shown {
				med, p90 = strconv.Itoa(w.Median), strconv.Itoa(w.P90)
			}
			if tl.Counts {
				row = append(row, w.Patients.Count(n))
			}
			row = append(row, med, p90)
		}
		waits.rows = append(waits.rows, row)
	}
	notes := []string{t.StatsWaitsNote}
	if !tl.Counts {
		notes = append(notes, sprintf(t.StatsWaitsHidden, n))
	}
	out := s.section(s.rt("4. Timeliness"), notes, waits.lines(width, st.TableHead, st.Bar), nil, width)
	heading := s.rt("Rights assessment within 10 working days")
	if tl.Deadline.Empty() {
		return out + "\n" + s.section(heading, []string{s.rt("No GP referrals to DPS or to a specialist in this period.")}, nil, nil, width)
	}
	return out + "\n" + s.section(heading, []string{t.StatsDeadlineNote},
		s.tableOf(tl.Deadline, n).lines(width, st.TableHead, st.Bar), nil, width)
}

// consultSection is how often the senior psychiatrist and the GP's office
// were consulted, by group.
func (s statsScreen) consultSection(width int) string {
	tab := s.stats.Consultations
	if tab.Empty() {
		return ""
	}
	st := s.c.styles
	return s.section(s.c.text.StatsConsultHead, nil, s.tableOf(tab, s.stats.MinCell).lines(width, st.TableHead, st.Bar), nil, width)
}

// funnelSection is the whole period's funnel: each stage's patients, their
// share of those received as a bar, and the median days to the stage.
func (s statsScreen) funnelSection(width int) string {
	if len(s.funnel.Periods) == 0 {
		return ""
	}
	t, st := s.c.text, s.c.styles
	ft := screenTable{head: []string{t.StatsFunnelStage, t.StatsFunnelPatients, t.StatsFunnelMedian}}
	for _, sc := range s.funnel.Periods[0].Stages {
		med := ""
		if sc.HasMedian {
			med = strconv.Itoa(sc.MedianDays)
		}
		ft.rows = append(ft.rows, []string{orKey(t.FunnelStages, string(sc.Stage)), sc.Count.Text(s.funnel.MinCell), med})
		pct, ok := sc.Count.Percent()
		if !ok {
			pct = -1
		}
		ft.bars = append(ft.bars, pct)
	}
	return s.section(t.StatsFunnelHead, nil, ft.lines(width, st.TableHead, st.Bar), nil, width)
}

// suppressionSection says what hiding small counts hid on this screen,
// and warns when a hidden count can still be worked out.
func (s statsScreen) suppressionSection(width int) string {
	n := s.stats.MinCell
	if n < 2 {
		return ""
	}
	t, st := s.c.text, s.c.styles
	small, withheld := s.hiddenCounts()
	var b strings.Builder
	b.WriteString(st.TableHead.Render(wrapText(capitalised(sprintf(t.StatsHiding, n)), width)) + "\n")
	b.WriteString(wrapText(sprintf(t.StatsHiddenNote, n, n-1, n), width) + "\n")
	b.WriteString(wrapText(sprintf(t.StatsHiddenCount, small, withheld), width) + "\n")
	if s.stats.Exposed() || s.funnel.Exposed() {
		b.WriteString(st.Warning.Render(wrapText(t.StatsExposed, width)) + "\n")
	}
	return b.String()
}

// hiddenCounts counts the marks on the screen: small counts ("<N") and
// counts withheld to protect them (":").
func (s statsScreen) hiddenCounts() (small, withheld int) {
	count := func(c report.Cell) {
		switch c.Mark {
		case report.Small:
			small++
		case report.Withheld:
			withheld++
		}
	}
	tables := []report.Table{s.stats.Routing, s.stats.WrongQueue, s.stats.ByOrg.Table, s.stats.Timeliness.Deadline, s.stats.Consultations}
	for _, t := range tables {
		for _, c := range t.Columns {
			if c.HasTotal {
				count(c.Total)
			}
		}
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				count(c)
			}
		}
	}
	count(s.stats.ByOrg.LeftOut)
	for _, p := range s.funnel.Periods {
		for _, sc := range p.Stages {
			count(sc.Count)
		}
	}
	return small, withheld
}

// capitalised is s with its first letter in upper case: the header's
// "counts under 5 hidden" as a heading.
func capitalised(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// allSections is every section, one under the other.
func (s statsScreen) allSections(width int) string {
	var parts []string
	for _, p := range []string{
		s.suppressionSection(width), s.routingSection(width), s.wrongQueueSection(width), s.orgSection(width),
		s.timelinessSection(width), s.consultSection(width), s.funnelSection(width),
	} {
		if p != "" {
			parts = append(parts, strings.TrimRight(p, "\n"))
		}
	}
	return strings.Join(parts, "\n\n")
}
