package tui

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"envei/intake"
)

// The referral view says what happened in the user's words: the timeline
// and the routing show the mode and the services by name, not the codes
// the store keeps ("in_person", "dps+municipal").
func TestTimelineShowsWordsNotCodes(t *testing.T) {
	opts, _, _ := attendedOne(t)
	ctx := context.Background()
	b, who := opts.Backend, intake.Access{Who: opts.User}
	a := demoReadyAssessment()
	if _, err := b.SaveAssessment(ctx, who, "2026-00001", a, true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Route(ctx, who, "2026-00001", 0, []string{"dps", "municipal"}, "both"); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []Lang{LangEN, LangNB} {
		opts.Lang = lang
		m, _ := syncConsole(t, opts)
		_, cmd := m.Update(tea.WindowSizeMsg{Width: 120, Height: 60})
		drive(t, m, cmd)
		_, cmd = m.Update(pushMsg{newReferralView(m.c, "2026-00001")})
		drive(t, m, cmd)
		view := ansi.Strip(m.View())
		tx := m.c.text
		for _, code := range []string{"in_person", "dps+municipal", "to dps", "(municipal)"} {
			if strings.Contains(view, code) {
				t.Errorf("%s: the referral view shows the code %q:\n%s", lang, code, view)
			}
		}
		words := []string{tx.ModeName(intake.ModeInPerson), tx.ViewServices, "DPS (poliklinikk) + Kommunal psykisk helsetjeneste"}
		if lang == LangEN {
			words[2] = "DPS (outpatient clinic) + Municipal mental-health service"
		}
		for _, w := range words {
			if !strings.Contains(view, w) {
				t.Errorf("%s: the referral view lacks %q:\n%s", lang, w, view)
			}
		}
	}
}
