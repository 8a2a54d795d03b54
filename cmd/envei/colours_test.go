package main

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// The console decides colour from the terminal's own variables only; a
// CI variable in the shell once turned colour off (termenv's heuristic),
// which changed what the console drew in CI and nowhere else.
func TestColoursFollowTheTerminalNotCI(t *testing.T) {
	cases := []struct {
		name        string
		env         map[string]string
		wantNoColor bool
		wantDark    bool
	}{
		{"colour terminal", map[string]string{"TERM": "xterm-256color"}, false, true},
		{"colour terminal under CI", map[string]string{"TERM": "xterm-256color", "CI": "true"}, false, true},
		{"NO_COLOR", map[string]string{"TERM": "xterm-256color", "NO_COLOR": "1"}, true, true},
		{"dumb terminal", map[string]string{"TERM": "dumb"}, true, true},
		{"light background from COLORFGBG", map[string]string{"TERM": "xterm-256color", "COLORFGBG": "0;15"}, false, false},
		{"ENVEI_THEME overrides", map[string]string{"TERM": "xterm-256color", "COLORFGBG": "0;15", "ENVEI_THEME": "dark"}, false, true},
	}
	// colours must leave lipgloss's process-wide renderer alone (a served
	// console has many sessions in one process); put it back if not.
	profile, dark0 := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	t.Cleanup(func() {
		lipgloss.SetColorProfile(profile)
		lipgloss.SetHasDarkBackground(dark0)
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &app{getenv: func(k string) string { return c.env[k] }}
			r, noColor, dark := a.colours(io.Discard)
			if noColor != c.wantNoColor || dark != c.wantDark {
				t.Errorf("colours() = noColor %v, dark %v; want %v, %v", noColor, dark, c.wantNoColor, c.wantDark)
			}
			if got := r.ColorProfile(); (got == termenv.Ascii) != c.wantNoColor || r.HasDarkBackground() != c.wantDark {
				t.Errorf("the console's renderer: profile %v, dark %v", got, r.HasDarkBackground())
			}
			if lipgloss.ColorProfile() != profile || lipgloss.HasDarkBackground() != dark0 {
				t.Error("colours() changed lipgloss's process-wide renderer")
			}
		})
	}
}
