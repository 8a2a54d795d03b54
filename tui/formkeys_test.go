package tui

import (
	"strings"
	"testing"
)

// englishHelp are words of huh's own key help.
var englishHelp = []string{" up", " down", "filter", "select", "next", "back", "submit", "toggle", "new line", "editor", "confirm", "complete"}

// The bokmål console's form footers are bokmål: every kind of huh field
// (select, input, confirm, text area, multi-select) shows its keys in the
// catalogue's words.
func TestNorwegianFormFootersAreNorwegian(t *testing.T) {
	opts, _, _ := attendedOne(t)
	opts.Lang = LangNB
	h := startHeadless(t, opts, 100, 40)
	defer h.quit()
	f := filler{h, false}
	c := h.m.c.text
	f.wait("the worklist", "2026-00001")
	check := func(what, screen string) {
		t.Helper()
		lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
		footer := lines[len(lines)-1]
		for _, w := range englishHelp {
			if strings.Contains(footer, w) {
				t.Errorf("%s: the footer says %q: %q", what, w, footer)
			}
		}
	}
	f.open(newRegister(h.m.c))
	check("select", f.wait("the channel", "┃ "+c.FieldChannel, c.FKSelect))
	f.key(c.FieldChannel, "down", "enter")
	f.key(c.FieldReceived, "enter")
	check("input", f.wait("the name", "┃ "+c.FieldName, c.FKNext))
	f.field(c.FieldName, "Kari")
	check("confirm", f.wait("the id question", "┃ "+c.FieldHasID, c.FKToggle))
	h.keys("esc", c.KeyYes)
	f.wait("the worklist", "· "+c.WorklistTitle)
	f.open(newAssess(h.m.c, "2026-00001"))
	check("text area", f.wait("the template", "┃ "+c.ASReason, c.FKNewLine))
}
