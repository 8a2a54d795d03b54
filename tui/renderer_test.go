package tui

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// testRenderer is a renderer of its own with a fixed colour profile, as a
// served session has one per client.
func testRenderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	r.SetHasDarkBackground(true)
	return r
}

// Two consoles in one process, one on a TrueColor terminal and one on a
// plain one, draw at the same time each in its own colours: nothing about
// colour is shared between them through lipgloss's process-wide renderer
// (which the tests set to Ascii).
func TestConsolesInOneProcessDrawInTheirOwnColours(t *testing.T) {
	s := testStore(t, 20)
	colour := testOptions(t, s, "root", LangEN)
	colour.NoColor = false
	colour.Renderer = testRenderer(termenv.TrueColor)
	plain := testOptions(t, s, "root", LangEN)
	plain.NoColor = false // the profile alone takes the colour away
	plain.Renderer = testRenderer(termenv.Ascii)

	// Parallel subtests: both programs run, and draw, at the same time;
	// the group returns when both have quit.
	views := make([]string, 2)
	t.Run("group", func(t *testing.T) {
		for i, opts := range []Options{colour, plain} {
			t.Run([]string{"truecolor", "ascii"}[i], func(t *testing.T) {
				t.Parallel()
				c := startConsole(t, opts, 100, 30)
				c.waitFor("D-0000020")
				c.key("n") // the registration form: huh's theme too
				c.waitFor("GP referral")
				views[i] = c.quit().View()
			})
		}
	})
	if !strings.Contains(views[0], "\x1b[38;2;") {
		t.Errorf("the TrueColor console drew no colour:\n%q", views[0])
	}
	if strings.Contains(views[1], "\x1b") {
		t.Errorf("the Ascii console drew escape sequences:\n%q", views[1])
	}
}
