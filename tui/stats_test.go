package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"envei/intake"
)

// pilotStore is a test store holding the pilot reconstruction.
func pilotStore(t *testing.T) Options {
	t.Helper()
	s := testStore(t, 0)
	opts := testOptions(t, s, "root", LangEN)
	if _, err := opts.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return opts
}

// The statistics screen shows the pilot's routing table as bars, the same
// numbers as envei stats, then the funnel and every section.
func TestStatisticsScreen(t *testing.T) {
	opts := pilotStore(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			c := startConsole(t, opts, size[0], size[1])
			c.waitFor("No open referrals. 112 closed")
			for i := 0; i < 3; i++ {
				c.key("tab")
			}
			c.waitFor("Statistics", "1. Where patients were routed", "34 (30 %)", "17 (15 %)")
			golden.RequireEqual(t, []byte(ansi.Strip(c.quit().View())))
		})
	}
	c := startConsole(t, opts, 100, 30)
	c.waitFor("No open referrals. 112 closed")
	for i := 0; i < 3; i++ {
		c.key("tab")
	}
	c.waitFor("1. Where patients were routed")
	c.key("v")
	c.waitFor("The funnel", "received")
	c.key("v")
	c.waitFor("all sections", "2. Wrong queue")
	c.quit()
}

// A clinician is told why the statistics are not for them.
func TestStatisticsNeedsSupervisor(t *testing.T) {
	s := testStore(t, 0)
	root, _ := s.Actor(context.Background(), "root")
	if err := s.AddClinician(context.Background(), root, intake.Clinician{Username: "kari", Name: "Kari", Org: intake.OrgDPS, Role: intake.RoleClinician}); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, testOptions(t, s, "kari", LangEN), 100, 30)
	c.waitFor("Worklist")
	for i := 0; i < 3; i++ {
		c.key("tab")
	}
	c.waitFor("Statistics are for supervisors and admins")
	c.quit()
}

// The "all sections" view in the bokmål console is drawn in bokmål, and
// fits an 80-column terminal (issue 14: it showed the English report, cut
// at the right edge).
func TestStatisticsAllSectionsInBokmal(t *testing.T) {
	opts := pilotStore(t)
	opts.Lang = LangNB
	c := startConsole(t, opts, 80, 40)
	c.waitFor("Ingen åpne henvisninger. 112 avsluttede")
	for i := 0; i < 3; i++ {
		c.key("tab")
	}
	c.key("v")
	c.key("v")
	c.waitFor("alle deler", "1. Hvor pasientene ble loset videre etter førstesamtalen", "til DPS")
	view := ansi.Strip(c.quit().View())
	if strings.Contains(view, "Routing statistics") || strings.Contains(view, "addressed to") {
		t.Errorf("the bokmål console shows the English report:\n%s", view)
	}
	if !strings.Contains(view, "(55)") || !strings.Contains(view, "(112)") {
		t.Errorf("the routing table's headings are cut:\n%s", view)
	}
}
