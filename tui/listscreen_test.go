package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"envei/intake"
)

// The roster and the service catalogue scroll: with more rows than fit at
// 100×30, G and pgdown bring the last row into view, g the first again,
// and the cursor is always drawn.
func TestListScreensScroll(t *testing.T) {
	s := testStore(t, 0)
	ctx := context.Background()
	root, _ := s.Actor(ctx, "root")
	for i := 0; i < 40; i++ {
		if err := s.AddService(ctx, root, intake.Service{Code: fmt.Sprintf("svc_%02d", i), LabelNB: "Tilbud", LabelEN: "Service",
			Category: intake.CategorySpecialised}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddClinician(ctx, root, intake.Clinician{Username: fmt.Sprintf("kl%02d", i), Name: "Clinician",
			Org: intake.OrgDPS, Role: intake.RoleClinician}); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := syncConsole(t, testOptions(t, s, "root", LangEN))
	view := func() string { return ansi.Strip(m.View()) }
	for _, c := range []struct{ tab, first, last string }{{"roster", "root", "kl39"}, {"services", "dps", "svc_39"}} {
		m.press(t, "tab")
		if !strings.Contains(view(), c.first) || strings.Contains(view(), c.last) {
			t.Fatalf("%s: the first screen should show %s, not %s:\n%s", c.tab, c.first, c.last, view())
		}
		m.press(t, "G")
		if !strings.Contains(view(), c.last) {
			t.Errorf("%s: G does not bring %s into view:\n%s", c.tab, c.last, view())
		}
		m.press(t, "g")
		if !strings.Contains(view(), c.first) || strings.Contains(view(), c.last) {
			t.Errorf("%s: g does not go back to the top:\n%s", c.tab, view())
		}
		m.press(t, "pgdown", "pgdown")
		if !strings.Contains(view(), c.last) {
			t.Errorf("%s: two pages down do not reach %s:\n%s", c.tab, c.last, view())
		}
	}
}
