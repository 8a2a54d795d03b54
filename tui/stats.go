package tui

import (
	"context"
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
// chi-square test, timeliness) for supervisors and admins. The reports are
// the same computation the command line prints.
type statsScreen struct {
	c      *common
	k      struct{ View, Period key.Binding }
	shown  int
	period int
	loaded bool
	err    error
	stats  report.Stats
	funnel report.Funnel
	// catalogue names the routing table's rows in the user's language.
	catalogue []intake.Service
	text      string // all sections as envei stats prints them
	vp        viewport.Model
	width     int
	height    int
	seq       int
	allowed   bool
}

type statsMsg struct {
	seq       int
	catalogue []intake.Service
	stats     report.Stats
	funnel    report.Funnel
	text      string
	err       error
}

func newStatsScreen(c *common) statsScreen {
	t := c.text
	s := statsScreen{c: c, vp: viewport.New(0, 0), allowed: c.can(intake.RoleSupervisor)}
	s.k.View = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", t.KeyStatsView))
	s.k.Period = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", t.KeyStatsPeriod))
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
	lang := report.ParseLang(string(s.c.lang)) // the sections' text in the console's language
	return call(s.c, func(ctx context.Context, b Backend) (statsMsg, error) {
		today := todayFn()
		from, to := period.bounds(today)
		catalogue, err := b.Services(ctx)
		if err != nil {
			return statsMsg{}, err
		}
		sb, err := report.NewStats(report.StatsOptions{From: from, To: to, Today: today, Catalogue: catalogue, Lang: lang})
		if err != nil {
			return statsMsg{}, err
		}
		fb, err := report.NewFunnel(report.FunnelOptions{From: from, To: to, By: report.ByAll, Catalogue: catalogue})
		if err != nil {
			return statsMsg{}, err
		}
		// One grouped read feeds both reports: a few thousand tallies
		// where there are a million referrals, as envei stats reads.
		span := func(first, last intake.Date) { sb.Span(first, last); fb.Span(first, last) }
		if err := b.ReportTallies(ctx, who, from, to, false, span, func(t report.Tally) error {
			if err := sb.AddTally(t); err != nil {
				return err
			}
			return fb.AddTally(t)
		}); err != nil {
			return statsMsg{}, err
		}
		st := sb.Result()
		var text strings.Builder
		if err := report.WriteStatsText(&text, st); err != nil {
			return statsMsg{}, err
		}
		return statsMsg{catalogue: catalogue, stats: st, funnel: fb.Result(), text: text.String()}, nil
	}, func(m statsMsg, err error) tea.Msg { m.seq, m.err = seq, err; return m })
}

func (s statsScreen) Update(msg tea.Msg) (statsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case statsMsg:
		if msg.seq != s.seq {
			return s, nil
		}
		s.loaded, s.err = true, msg.err
		s.stats, s.funnel, s.text, s.catalogue = msg.stats, msg.funnel, msg.text, msg.catalogue
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
	return bindings{short: []key.Binding{s.k.View, s.k.Period}, full: [][]key.Binding{{s.k.View, s.k.Period}}}
}

func (s statsScreen) view() string {
	st, t := s.c.styles, s.c.text
	if !s.allowed {
		return st.Warning.Render(sprintf(t.StatsNeedRole, t.RoleName(s.c.user.Role)))
	}
	head := st.Label.Render(t.StatsPeriodLabel+" ") + st.Value.Render(t.StatsPeriods[s.period]) +
		st.Subtle.Render(" · ") + st.Value.Render(t.StatsViews[s.shown])
	switch {
	case s.err != nil:
		return head + "\n\n" + st.Error.Render(errorText(t, s.err))
	case !s.loaded:
		return head + "\n\n" + st.Subtle.Render(t.Loading)
	case s.stats.Referrals == 0:
		return head + "\n\n" + st.Subtle.Render(t.StatsEmpty)
	}
	return head + "\n\n" + s.vp.View()
}

// content lays out the chosen view.
func (s statsScreen) content() string {
	switch s.shown {
	case viewFunnel:
		return s.funnelBars()
	case viewAllSections:
		return s.text
	}
	return s.routingBars()
}

// barWidth is how many cells a bar of 100 % takes.
func (s statsScreen) barWidth(labelWidth int) int { return max(10, s.width-labelWidth-16) }

// routingBars draws the total column of the routing table as horizontal
// bars: patients per outcome with their percentage of all patients.
func (s statsScreen) routingBars() string {
	st, t := s.c.styles, s.c.text
	tab := s.stats.Routing
	if tab.Empty() {
		return ""
	}
	total := len(tab.Columns) - 1
	var b strings.Builder
	b.WriteString(st.TableHead.Render(t.StatsRoutingHead) + "\n")
	const labelWidth = 36
	width := s.barWidth(labelWidth)
	for _, row := range tab.Rows {
		cell := row.Cells[total]
		pct, ok := cell.Percent()
		bar := ""
		if ok {
			bar = strings.Repeat("█", width*pct/100)
		}
		b.WriteString(pad(s.rowLabel(row), labelWidth) + padLeft(cell.Text(s.stats.MinCell), 12) + "  " + st.Bar.Render(bar) + "\n")
	}
	b.WriteString(s.consultStatsLines())
	b.WriteString("\n" + st.Subtle.Render(st.Plain.Width(max(20, s.width-2)).Render(t.StatsGroupsHint)))
	return b.String()
}

// funnelBars draws the whole period's funnel: each stage's patients as a
// bar of its share of those received.
func (s statsScreen) funnelBars() string {
	st, t := s.c.styles, s.c.text
	if len(s.funnel.Periods) == 0 {
		return ""
	}
	p := s.funnel.Periods[0]
	var b strings.Builder
	b.WriteString(st.TableHead.Render(t.StatsFunnelHead) + "\n")
	const labelWidth = 30
	width := s.barWidth(labelWidth)
	for _, sc := range p.Stages {
		pct, ok := sc.Count.Percent()
		bar := ""
		if ok {
			bar = strings.Repeat("█", width*pct/100)
		}
		b.WriteString(pad(orKey(t.FunnelStages, string(sc.Stage)), labelWidth) + padLeft(sc.Count.Text(s.funnel.MinCell), 12) + "  " + st.Bar.Render(bar) + "\n")
	}
	return b.String()
}

// rowLabel names a routing-table row in the user's language: a service by
// its catalogue label, open and withdrawn from the catalogue of words.
func (s statsScreen) rowLabel(row report.TableRow) string {
	for _, svc := range s.catalogue {
		if svc.Code == row.Code {
			return svc.Label(string(s.c.lang))
		}
	}
	if name, ok := s.c.text.FunnelStages[row.Code]; ok {
		return name
	}
	return row.Label
}
