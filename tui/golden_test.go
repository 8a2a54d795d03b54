package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"envei/store"
)

// TestScreensGolden draws every screen at 80×24 and 120×40 and compares
// the frame with testdata/TestScreensGolden/*.golden (go test ./tui
// -run Golden -update rewrites them; read the diff before committing).
func TestScreensGolden(t *testing.T) {
	screens := []struct {
		name  string
		demo  int
		setup func(t *testing.T, s *store.Store)
		drive func(c *console)
	}{
		// The header names the screen before the form is drawn: wait for the form.
		{"welcome", 0, nil, func(c *console) { c.waitFor("Welcome to envei", "┃ > Rut Rot", "an empty worklist") }},
		{"worklist", 300, nil, func(c *console) { c.waitFor("record visit") }},
		{"help", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("?")
			c.waitFor("filter state")
		}},
		{"break_glass", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("enter")
			c.waitFor("Reason to open D-0000267", "┃ Why do you need this record?")
		}},
		{"referral", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("enter")
			c.breakGlass("D-0000267")
			c.waitFor("Referral D-0000267", "Patient", "First conversation")
		}},
		{"register", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("n")
			c.waitFor("┃ How did the patient come?")
		}},
		{"schedule", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("f")
			c.key("f") // assigned only
			c.waitFor("Showing assigned")
			c.key("s")
			c.breakGlass("") // root is not the patient's clinician
			c.waitFor("┃ Date")
		}},
		{"attendance", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("f")
			c.key("f")
			c.key("f") // scheduled only
			c.waitFor("Showing scheduled")
			c.key("s")
			c.breakGlass("")
			c.waitFor("Did the patient come")
		}},
		{"route", 300, nil, func(c *console) {
			c.waitFor("record visit")
			for i := 0; i < 6; i++ {
				c.key("f") // assessed only
			}
			c.waitFor("Showing assessed")
			c.key("r")
			c.breakGlass("")
			c.waitFor("Where does the patient go?", "Patient charge")
		}},
		{"roster", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("tab")
			c.waitFor("kom.sindre")
		}},
		{"services", 300, nil, func(c *console) {
			c.waitFor("record visit")
			c.key("tab")
			c.waitFor("kom.sindre")
			c.key("tab")
			c.waitFor("did_not_attend")
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				s := testStore(t, sc.demo)
				if sc.setup != nil {
					sc.setup(t, s)
				}
				c := startConsole(t, testOptions(t, s, "root", LangEN), size[0], size[1])
				sc.drive(c)
				frame := ansi.Strip(c.quit().View())
				golden.RequireEqual(t, []byte(frame))
			})
		}
	}
}

// The Norwegian console draws the same screens in bokmål.
func TestWorklistNorwegianGolden(t *testing.T) {
	s := testStore(t, 300)
	c := startConsole(t, testOptions(t, s, "root", LangNB), 80, 24)
	c.waitFor("reg. oppmøte")
	golden.RequireEqual(t, []byte(ansi.Strip(c.quit().View())))
}
