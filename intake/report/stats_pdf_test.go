package report

import (
	"bytes"
	"strings"
	"testing"

	"envei/intake"
)

// The printed statistics in both languages, with and without --min-cell:
// an A4 document whose extracted text is the golden, fitting the page.
// It names the reception and the role, never a user; holds the routing
// table as the pilot slide does, its chart, the test in words and the
// 10-working-day rule; and, when counts are hidden, says which and why.
func TestStatsPDF(t *testing.T) {
	for _, c := range []struct {
		golden  string
		lang    Lang
		minCell int
		want    []string
	}{
		{"stats_pilot.pdf.txt", LangEN, 0, []string{
			"Reception", "En vei inn, Testby", "a user with the role supervisor",
			"25 (45 %)", "addressed to DPS (55)", "percent of the group's patients",
			"In words:", "Rights assessment within 10 working days"}},
		{"stats_pilot_mincell5_nb.pdf.txt", LangNB, 5, []string{
			"Mottak", "ikke registrert (envei reception set)", "en bruker med rollen leder",
			"16 (29 %)", "prosent av gruppens pasienter", "Rettighetsvurdering innen 10 virkedager",
			"Hva --min-cell 5 skjulte", "færre enn 5", "ville røpe et skjult tall"}},
	} {
		st, _ := pilotReportsIn(t, c.minCell, ByAll, c.lang)
		st.MadeBy = "supervisor"
		if c.lang == LangEN {
			st.Reception = "En vei inn, Testby" // the Norwegian one has none recorded
		}
		text, pages := checkPDF(t, c.golden, func(b *bytes.Buffer) error { return WriteStatsPDF(b, st) })
		if text == "" {
			continue // no pdftotext
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", c.golden, w)
			}
		}
		if pages > 3 {
			t.Errorf("%s: %d pages", c.golden, pages)
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "Bruker") || strings.Contains(line, "root") {
				t.Errorf("a name in the PDF: %q", line)
			}
		}
	}
}

// All four groups, in bokmål with --min-cell 3: the widest tables and the
// chart's four bars a row still fit the page; and a period without
// referrals prints its one sentence.
func TestStatsPDFFourGroupsAndEmpty(t *testing.T) {
	rows := pilotRows()
	for i := range rows {
		switch i % 7 {
		case 2:
			rows[i].Channel = intake.ChannelSelf
		case 4:
			rows[i].AddressedTo = intake.AddressedSpecialist
		}
	}
	s := buildStats(t, rows, StatsOptions{Lang: LangNB, MinCell: 3})
	if len(s.Routing.Columns) != 5 {
		t.Fatalf("columns %+v", s.Routing.Columns)
	}
	s.MadeBy = "supervisor"
	if text, _ := checkPDF(t, "stats_four_groups_nb.pdf.txt", func(b *bytes.Buffer) error { return WriteStatsPDF(b, s) }); text != "" {
		for _, c := range s.Routing.Columns[:4] {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), LangNB.t(c.Label)) {
				t.Errorf("no %q in the PDF", LangNB.t(c.Label))
			}
		}
	}
	empty := buildStats(t, nil, StatsOptions{Lang: LangNB})
	if text, _ := checkPDF(t, "stats_empty_nb.pdf.txt", func(b *bytes.Buffer) error { return WriteStatsPDF(b, empty) }); text != "" &&
		!strings.Contains(text, "Ingen henvisninger ble mottatt") {
		t.Errorf("the empty report does not say so:\n%s", text)
	}
}
