package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"envei/intake"
	"envei/intake/report"
)

// The statistics screen's views, cycled with v.
const (
	viewRouting = iota
	viewFunnel
	viewAllSections
	statsViews
)

// Small-number thresholds offered with m: none, then counts under 3 and
// under 5 hidden, as envei stats --min-cell 3 and 5 hide them. The joint
// suppression takes seconds on a reception's few thousand referrals but
// minutes on a national database (BENCHMARKS.md): the screen shows
// "loading" meanwhile, and another key or leaving the screen cancels the
// load (statsLoad); a result that still comes is dropped (seq).
var statsMinCells = [...]int{0, 3, 5}

// Periods offered with p: all, this year, last year, the last 12 months.
const (
	periodAll = iota
	periodThisYear
	periodLastYear
	periodLast12
	periodCount
)

// statsScreen shows the routing table with bars, the funnel, and every
// section of envei stats (wrong queue, by clinician organisation with the
// chi-square test, timeliness), drawn by the screen itself in the user's
// language and width (stats_sections.go), for supervisors and admins. The
// reports are the same computation the command line prints, suppressed
// together with it when small counts are hidden.
type statsScreen struct {
	c       *common
	k       struct{ View, Period, MinCell key.Binding }
	shown   int
	period  int
	minCell int // index into statsMinCells
	loaded  bool
	err     error
	stats   report.Stats
	funnel  report.Funnel
	vp      viewport.Model
	width   int
	height  int
	seq     int
	allowed bool
	// load is the load under way, shared by the screen's copies: a new
	// one (another period or threshold, a change) and leaving the screen
	// cancel it, so a suppression no one waits for stops at once instead
	// of running on to the call's time limit in a served console.
	load *statsLoad
}

// statsLoad holds the cancel of the statistics load under way. Only the
// console's Update touches it (init and leave run there).
type statsLoad struct{ cancel context.CancelFunc }

// stop cancels the load under way, if any.
func (l *statsLoad) stop() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

func (s statsScreen) leave() { s.load.stop() }

type statsMsg struct {
	seq    int
	stats  report.Stats
	funnel report.Funnel
	err    error
}

func newStatsScreen(c *common) statsScreen {
	t := c.text
	s := statsScreen{c: c, vp: viewport.New(0, 0), allowed: c.can(intake.RoleSupervisor), load: &statsLoad{}}
	s.k.View = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", t.KeyStatsView))
	s.k.Period = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", t.KeyStatsPeriod))
	s.k.MinCell = key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t.KeyStatsMinCell))
	return s
}

// bounds returns the period's first and last day (zero for open).
func (s statsScreen) bounds(today intake.Date) (intake.Date, intake.Date) {
	switch s.period {
	case periodThisYear:
		return intake.NewDate(today.Year(), 1, 1), today
	case periodLastYear:
		return intake.NewDate(today.Year()-1, 1, 1), intake.NewDate(today.Year()-1, 12, 31)
	case periodLast12:
		return today.AddDays(-365), today
	}
	return intake.Date{}, intake.Date{}
}

func (s statsScreen) init() tea.Cmd {
	if !s.allowed {
		return nil
	}
	seq, who, period, todayFn := s.seq, s.c.user, s, s.c.today
	minCell := statsMinCells[s.minCell]
	lang := report.ParseLang(string(s.c.lang)) // the labels in the console's language
	s.load.stop()                              // a result that comes now is dropped anyway (seq)
	ctx, cancel := context.WithCancel(s.c.ctx)
	s.load.cancel = cancel
	return callUnder(s.c, ctx, func(ctx context.Context, b Backend) (statsMsg, error) {
		today := todayFn()
		from, to := period.bounds(today)
		catalogue, err := b.Services(ctx)
		if err != nil {
			return statsMsg{}, err
		}
		// The screen is one of the reports of the period that are
		// suppressed together (report.NewReports): with small counts
		// hidden it hides what envei stats and envei funnel hide for the
		// same period and threshold, and nothing one of them shows gives
		// away a count hidden here.
		rb, err := report.NewReports(report.StatsOptions{From: from, To: to, Today: today, MinCell: minCell,
			Catalogue: catalogue, Lang: lang, MadeBy: string(who.Role)}, report.ByAll)
		if err != nil {
			return statsMsg{}, err
		}
		if rb.Joint() {
			// The statistics' grouping, then the months' that the
			// suppression protects too.
			if err := b.ReportTallies(ctx, who, from, to, false, rb.Span, rb.AddStatsTally); err != nil {
				return statsMsg{}, err
			}
			err = b.ReportTallies(ctx, who, from, to, true, rb.Span, rb.AddMonthTally)
		} else {
			// Nothing hidden: one grouped read feeds both reports, a few
			// thousand tallies where there are a million referrals.
			err = b.ReportTallies(ctx, who, from, to, false, rb.Span, rb.AddTally)
		}
		if err != nil {
			return statsMsg{}, err
		}
		// The console's call has a time limit, ends with the session and
		// is cancelled when the screen loads again or is left: the
		// suppression stops with it instead of running on.
		st, f, err := rb.ResultContext(ctx)
		if err != nil {
			return statsMsg{}, statsResultError(err, minCell)
		}
		return statsMsg{stats: st, funnel: f}, nil
	}, func(m statsMsg, err error) tea.Msg { m.seq, m.err = seq, err; return m })
}

func (s statsScreen) Update(msg tea.Msg) (statsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case statsMsg:
		if msg.seq != s.seq {
			return s, nil
		}
		s.loaded, s.err = true, msg.err
		s.stats, s.funnel = msg.stats, msg.funnel
		s.vp.SetContent(s.content())
		s.vp.GotoTop()
	case changedMsg:
		s.seq++
		return s, s.init()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.k.View) && s.allowed:
			s.shown = (s.shown + 1) % statsViews
			s.vp.SetContent(s.content())
			s.vp.GotoTop()
			return s, nil
		case key.Matches(msg, s.k.Period) && s.allowed:
			s.period = (s.period + 1) % periodCount
			s.seq++
			s.loaded = false
			return s, s.init()
		case key.Matches(msg, s.k.MinCell) && s.allowed:
			s.minCell = (s.minCell + 1) % len(statsMinCells)
			s.seq++
			s.loaded = false
			return s, s.init()
		}
		var cmd tea.Cmd
		s.vp, cmd = s.vp.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s statsScreen) update(msg tea.Msg) (screen, tea.Cmd) { return s.Update(msg) }
func (s statsScreen) title() string                        { return s.c.text.StatsTitle }
func (s statsScreen) capturing() bool                      { return false }
func (s statsScreen) dirty() bool                          { return false }
func (s statsScreen) resize(w, h int) screen {
	s.width, s.height = w, h
	s.vp.Width, s.vp.Height = w, max(1, h-2)
	if s.loaded {
		s.vp.SetContent(s.content())
	}
	return s
}

func (s statsScreen) keys() help.KeyMap {
	s.k.View.SetEnabled(s.allowed)
	s.k.Period.SetEnabled(s.allowed)
	s.k.MinCell.SetEnabled(s.allowed)
	return bindings{short: []key.Binding{s.k.View, s.k.Period, s.k.MinCell}, full: [][]key.Binding{{s.k.View, s.k.Period, s.k.MinCell}}}
}

func (s statsScreen) view() string {
	st, t := s.c.styles, s.c.text
	if !s.allowed {
		return st.Warning.Render(sprintf(t.StatsNeedRole, t.RoleName(s.c.user.Role)))
	}
	hiding := t.StatsShownAll
	if n := statsMinCells[s.minCell]; n > 0 {
		hiding = sprintf(t.StatsHiding, n)
	}
	head := st.Label.Render(t.StatsPeriodLabel+" ") + st.Value.Render(t.StatsPeriods[s.period]) +
		st.Subtle.Render(" · ") + st.Value.Render(t.StatsViews[s.shown]) + st.Subtle.Render(" · ") + st.Value.Render(hiding)
	head = st.Plain.MaxWidth(max(1, s.width)).Render(head)
	switch {
	case s.err != nil:
		return head + "\n\n" + st.Error.Render(statsErrorText(t, s.err))
	case !s.loaded:
		return head + "\n\n" + st.Subtle.Render(t.Loading)
	case s.stats.Referrals == 0:
		return head + "\n\n" + st.Subtle.Render(t.StatsEmpty)
	}
	return head + "\n\n" + s.vp.View()
}

// content lays out the chosen view at the screen's width: no line is
// longer, so the viewport never cuts one.
func (s statsScreen) content() string {
	width := max(1, s.width)
	switch s.shown {
	case viewFunnel:
		return s.funnelSection(width)
	case viewAllSections:
		return s.allSections(width)
	}
	var parts []string
	for _, p := range []string{s.suppressionSection(width), s.routingSection(width), s.consultStatsLines(width)} {
		if p != "" {
			parts = append(parts, strings.TrimRight(p, "\n"))
		}
	}
	hint := s.c.styles.Subtle.Render(wrapText(s.c.text.StatsGroupsHint, width))
	return strings.Join(append(parts, hint), "\n\n")
}

// rowLabel names a table row in the user's language: the report's own
// word for it (service labels come in the report's language already).
func (s statsScreen) rowLabel(row report.TableRow) string { return s.rt(row.Label) }

// tooLargeHereError says that hiding small counts ran out of the time a
// console call may take.
type tooLargeHereError struct{ minCell int }

func (e tooLargeHereError) Error() string {
	return fmt.Sprintf("hiding counts under %d took longer than a console call may", e.minCell)
}

// statsResultError names a suppression that ran out of time as such.
func statsResultError(err error, minCell int) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return tooLargeHereError{minCell: minCell}
	}
	return err
}

// statsErrorText is errorText, but for a suppression out of time: the
// command line has no such limit, so the screen names it.
func statsErrorText(t *Catalog, err error) string {
	var tl tooLargeHereError
	if errors.As(err, &tl) {
		return sprintf(t.StatsTooLarge, tl.minCell, tl.minCell)
	}
	return errorText(t, err)
}
