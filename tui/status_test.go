package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"envei/intake"
)

// A status message longer than the terminal is wide wraps instead of
// being cut: after a draw at 80 columns every clinician who could be drawn
// is named on the screen.
func TestLongStatusWraps(t *testing.T) {
	s := testStore(t, 0)
	ctx := context.Background()
	root, _ := s.Actor(ctx, "root")
	for _, c := range intake.DemoRoster() {
		if err := s.AddClinician(ctx, root, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Register(ctx, root, intake.Referral{Channel: intake.ChannelSelf, Name: "Pat Test", NationalID: "14838510036"},
		intake.Details{Reason: "sleeplessness"}); err != nil {
		t.Fatal(err)
	}
	m, _ := syncConsole(t, testOptions(t, s, "root", LangEN))
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.press(t, "a")
	text := m.toast.text
	_, names, ok := strings.Cut(text, ": ")
	if !ok || m.toast.err {
		t.Fatalf("no draw: %q", text)
	}
	view := ansi.Strip(m.View())
	flat := strings.Join(strings.Fields(view), " ")
	for _, n := range strings.Split(strings.TrimSuffix(names, ")"), ", ") {
		if !strings.Contains(flat, n) {
			t.Errorf("the status lacks %q:\n%s", n, view)
		}
	}
	if h := strings.Count(view, "\n") + 1; h != 24 {
		t.Errorf("the screen is %d lines high, not 24", h)
	}
}
