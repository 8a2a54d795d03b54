package report

import (
	"bytes"
	"strings"
	"testing"
)

// The printed funnel, by month in English and for the whole period in
// bokmål with --min-cell (suppressed together with the statistics, as
// the command does): an A4 document fitting the page, its text the
// golden, with the title block, the stages, and what --min-cell hid.
func TestFunnelPDF(t *testing.T) {
	for _, c := range []struct {
		golden  string
		lang    Lang
		minCell int
		by      By
		want    []string
	}{
		{"funnel_pilot.pdf.txt", LangEN, 0, ByMonth, []string{
			"Funnel: referrals received", "Reception", "En vei inn, Testby", "a user with the role supervisor",
			"2023-03", "2023-07 – no referrals", "→ treated in reception", "step reached", "median days"}},
		{"funnel_pilot_all_mincell5_nb.pdf.txt", LangNB, 5, ByAll, []string{
			"Trakten: henvisninger mottatt", "Mottak", "en bruker med rollen leder", "→ behandlet i mottaket",
			"steg nådd", "Hva --min-cell 5 skjulte", "færre enn 5"}},
	} {
		_, f := pilotReportsIn(t, c.minCell, c.by, c.lang)
		f.MadeBy = "supervisor"
		f.Reception = "En vei inn, Testby"
		text, pages := checkPDF(t, c.golden, func(b *bytes.Buffer) error { return WriteFunnelPDF(b, f) })
		if text == "" {
			continue // no pdftotext
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", c.golden, w)
			}
		}
		if pages > 6 {
			t.Errorf("%s: %d pages", c.golden, pages)
		}
	}
}
