package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"envei/intake"
	"envei/intake/report"
)

// loadedStatsScreen is the statistics screen at w×h on opts' store, loaded
// as the console loads it: its command runs and its message comes back.
func loadedStatsScreen(t *testing.T, opts Options, w, h int) statsScreen {
	t.Helper()
	s := newStatsScreen(newCommon(opts))
	s = s.resize(w, h).(statsScreen)
	return runStatsCmd(t, s, s.init())
}

// runStatsCmd runs cmd and hands its message to the screen, as Bubble Tea
// would, until no command is left.
func runStatsCmd(t *testing.T, s statsScreen, cmd tea.Cmd) statsScreen {
	t.Helper()
	for cmd != nil {
		msg := cmd()
		if m, ok := msg.(statsMsg); ok && m.err != nil {
			t.Fatal(m.err)
		}
		s, cmd = s.Update(msg)
	}
	return s
}

// pressStats sends the screen one key and runs what it starts.
func pressStats(t *testing.T, s statsScreen, k string) statsScreen {
	t.Helper()
	s, cmd := s.Update(keyMsg(k))
	return runStatsCmd(t, s, cmd)
}

// Every view of the statistics screen fits the terminal it is drawn on,
// from 160 columns down to 60, in both languages, with and without small
// counts hidden: no line of what it lays out is longer than the width
// (issue 14: "all sections" was the 80-column text report in a viewport,
// cut at the right edge of a narrower terminal). Before the screen drew
// the sections itself, "all sections" at 60 columns had lines of 80.
func TestStatisticsScreenFitsTheWidth(t *testing.T) {
	opts := pilotStore(t)
	for _, lang := range []Lang{LangEN, LangNB} {
		o := opts
		o.Lang = lang
		for _, width := range []int{160, 120, 100, 80, 72, 60} {
			s := loadedStatsScreen(t, o, width, 40)
			for hide := range statsMinCells {
				for view := range statsViews {
					name := fmt.Sprintf("%s/%d columns/min-cell %d/view %d", lang, width, statsMinCells[hide], view)
					for i, line := range strings.Split(s.content(), "\n") {
						if w := ansi.StringWidth(line); w > width {
							t.Errorf("%s: line %d is %d wide:\n%s", name, i+1, w, line)
						}
					}
					for i, line := range strings.Split(s.view(), "\n") {
						if w := ansi.StringWidth(line); w > width {
							t.Errorf("%s: line %d of the view is %d wide:\n%s", name, i+1, w, line)
						}
					}
					s = pressStats(t, s, "v")
				}
				s = pressStats(t, s, "m")
			}
		}
	}
}

// "All sections" is drawn by the screen in the console's language: every
// section of envei stats with the report's own words, the comparison by
// clinician organisation with the test's result in words, and no English
// in the bokmål console.
func TestStatisticsScreenDrawsEverySection(t *testing.T) {
	opts := pilotStore(t)
	want := map[Lang][]string{
		LangEN: {"1. Where patients were routed after the first conversation", "addressed to DPS (55)",
			"2. Wrong queue", "3. Outcomes by the clinician's organisation", "4. Timeliness",
			"Rights assessment within 10 working days", "The senior psychiatrist and the GP",
			"The funnel", "treated in the reception", "34 (30 %)", "17 (15 %)", "Chi-square test: "},
		LangNB: {"1. Hvor pasientene ble loset videre etter førstesamtalen", "henvist til DPS (55)",
			"2. Feil kø", "3. Utfall etter behandlerens organisasjon", "4. Tid",
			"Rettighetsvurdering innen 10 virkedager", "Overlege og fastlege",
			"Trakten", "behandlet i mottaket", "34 (30 %)", "17 (15 %)", "Kjikvadrattest: "},
	}
	english := []string{"addressed to", "patients", "Wrong queue", "median days", "degrees of freedom", "chance"}
	for _, lang := range []Lang{LangEN, LangNB} {
		o := opts
		o.Lang = lang
		s := loadedStatsScreen(t, o, 160, 40)
		s = pressStats(t, pressStats(t, s, "v"), "v")
		text := ansi.Strip(s.content())
		for _, w := range want[lang] {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), w) {
				t.Errorf("%s: all sections lack %q:\n%s", lang, w, text)
			}
		}
		if lang == LangNB {
			for _, w := range english {
				if strings.Contains(text, w) {
					t.Errorf("the bokmål console shows %q:\n%s", w, text)
				}
			}
		}
		// The test in words agrees with its p-value.
		c := s.stats.ByOrg.Test
		if !c.Computed {
			t.Fatalf("%s: the pilot's test was not computed: %s", lang, c.Note)
		}
		words := s.c.text.StatsOrgSame
		if c.P < 0.05 {
			words = s.c.text.StatsOrgDiffer
		}
		sentence := strings.SplitN(words, "(", 2)[0]
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.TrimSpace(sentence)) {
			t.Errorf("%s: p = %.3f, but the screen does not say %q:\n%s", lang, c.P, sentence, text)
		}
	}
}

// The screen hides small counts as envei stats --min-cell does, suppressed
// together with the funnel (report.NewReports): issue 14's attack, the
// funnel's to_reception (11) less the municipal column's treated in
// reception (9) giving the DPS column's hidden 2, does not work on it, and
// it hides exactly what the command line's joint suppression hides.
func TestStatisticsScreenHidesAsTheCommandLine(t *testing.T) {
	opts := pilotStore(t)
	s := loadedStatsScreen(t, opts, 120, 40)
	for statsMinCells[s.minCell] != 5 {
		s = pressStats(t, s, "m")
	}
	if s.stats.MinCell != 5 || s.funnel.MinCell != 5 {
		t.Fatalf("m did not hide counts under 5: stats %d, funnel %d", s.stats.MinCell, s.funnel.MinCell)
	}
	// What the command line computes for the same period and threshold.
	ctx := context.Background()
	catalogue, err := opts.Backend.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.NewReports(report.StatsOptions{Today: testToday, MinCell: 5, Catalogue: catalogue,
		Lang: report.LangEN, MadeBy: string(opts.User.Role)}, report.ByAll)
	if err != nil {
		t.Fatal(err)
	}
	if err := opts.Backend.ReportTallies(ctx, opts.User, intake.Date{}, intake.Date{}, false, b.Span, b.AddStatsTally); err != nil {
		t.Fatal(err)
	}
	if err := opts.Backend.ReportTallies(ctx, opts.User, intake.Date{}, intake.Date{}, true, b.Span, b.AddMonthTally); err != nil {
		t.Fatal(err)
	}
	wantStats, wantFunnel := b.Result()
	if got, want := fmt.Sprint(s.stats.Routing, s.stats.WrongQueue, s.stats.ByOrg, s.stats.Timeliness), fmt.Sprint(wantStats.Routing,
		wantStats.WrongQueue, wantStats.ByOrg, wantStats.Timeliness); got != want {
		t.Errorf("the screen's statistics differ from the command line's:\n got %s\nwant %s", got, want)
	}
	if got, want := fmt.Sprint(s.funnel.Periods), fmt.Sprint(wantFunnel.Periods); got != want {
		t.Errorf("the screen's funnel differs from the command line's:\n got %s\nwant %s", got, want)
	}
	// The attack itself, on what the screen shows.
	var reception report.TableRow
	for _, r := range s.stats.Routing.Rows {
		if r.Code == intake.ServiceReception {
			reception = r
		}
	}
	var toReception report.Cell
	for _, sc := range s.funnel.Periods[0].Stages {
		if sc.Stage == report.StageToReception {
			toReception = sc.Count
		}
	}
	dps, municipal := reception.Cells[0], reception.Cells[1]
	if dps.Hidden() && !municipal.Hidden() && !toReception.Hidden() {
		t.Errorf("to_reception %d less the municipal column's %d gives the DPS column's hidden count", toReception.N, municipal.N)
	}
	if !dps.Hidden() {
		t.Errorf("the DPS column's 2 treated in reception is shown with min-cell 5")
	}
	// And the screen says what it hid.
	s = pressStats(t, pressStats(t, s, "v"), "v")
	text := strings.Join(strings.Fields(ansi.Strip(s.content())), " ")
	small, withheld := s.hiddenCounts()
	for _, w := range []string{"Counts under 5 hidden", fmt.Sprintf("Hidden on this screen: %d small counts, and %d more", small, withheld), "<5"} {
		if !strings.Contains(text, w) {
			t.Errorf("all sections with min-cell 5 lack %q:\n%s", w, text)
		}
	}
	if small == 0 {
		t.Errorf("nothing small hidden on the pilot with min-cell 5")
	}
}
