package tui

import (
	"context"
	"fmt"
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
			c.waitFor("Statistics", "Where patients went", "34 (30 %)", "17 (15 %)")
			golden.RequireEqual(t, []byte(ansi.Strip(c.quit().View())))
		})
	}
	c := startConsole(t, opts, 100, 30)
	c.waitFor("No open referrals. 112 closed")
	for i := 0; i < 3; i++ {
		c.key("tab")
	}
	c.waitFor("Where patients went")
	c.key("v")
	c.waitFor("The funnel", "received")
	c.key("v")
	c.waitFor("all sections")
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
