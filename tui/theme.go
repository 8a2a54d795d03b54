package tui

import "github.com/charmbracelet/lipgloss"

// theme is the palette; styles are built from it once at start-up, never
// inside View.
type theme struct {
	accent, subtle, text, danger, warning, success, selectedBg, badgeBg lipgloss.TerminalColor
}

func newTheme(dark bool) theme {
	pick := func(light, darkC string) lipgloss.TerminalColor {
		if dark {
			return lipgloss.Color(darkC)
		}
		return lipgloss.Color(light)
	}
	return theme{
		accent:     pick("#5A3FC0", "#B39DFF"),
		subtle:     pick("#6B6B6B", "#8A8A8A"),
		text:       pick("#1A1A1A", "#E8E8E8"),
		danger:     pick("#B00020", "#FF6B6B"),
		warning:    pick("#8A5A00", "#FFC857"),
		success:    pick("#1B6E20", "#7BD88F"),
		selectedBg: pick("#E4DDFF", "#3B2F66"),
		badgeBg:    pick("#B00020", "#B00020"),
	}
}

// Styles are every style the console draws with.
type Styles struct {
	Header, HeaderUser, TestBadge lipgloss.Style
	Title, Subtle, Label, Value   lipgloss.Style
	Error, Warning, Success       lipgloss.Style
	Selected, Row, TableHead      lipgloss.Style
	Overdue, DueSoon, Urgent      lipgloss.Style
	Box, Footer, Key              lipgloss.Style
	Bar                           lipgloss.Style
	// Plain is a style without colour for layout (widths, wrapping),
	// bound to the console's renderer like every other.
	Plain   lipgloss.Style
	noColor bool
	r       *lipgloss.Renderer // the console's own; every style is built from it
}

// newStyles builds the styles from r, the console's renderer (never
// lipgloss's process-wide one: a served console draws for its own client);
// noColor drops every colour (NO_COLOR) but keeps bold and reverse video
// so the selection still shows.
func newStyles(r *lipgloss.Renderer, dark, noColor bool) *Styles {
	t := newTheme(dark)
	s := &Styles{r: r, Plain: r.NewStyle()}
	if noColor {
		plain := r.NewStyle()
		s.Header, s.HeaderUser, s.Title = plain.Bold(true), plain, plain.Bold(true)
		s.TestBadge = plain.Reverse(true).Bold(true)
		s.Subtle, s.Label, s.Value, s.Row, s.Footer, s.Key, s.Bar = plain, plain, plain, plain, plain, plain.Bold(true), plain
		s.Error, s.Warning, s.Success = plain.Bold(true), plain.Bold(true), plain
		s.Selected = plain.Reverse(true)
		s.TableHead = plain.Bold(true).Underline(true)
		s.Overdue, s.DueSoon, s.Urgent = plain.Bold(true), plain.Underline(true), plain.Bold(true)
		s.Box = plain.Border(lipgloss.NormalBorder()).Padding(0, 1)
		s.noColor = true
		return s
	}
	base := r.NewStyle().Foreground(t.text)
	s.Header = r.NewStyle().Bold(true).Foreground(t.accent)
	s.HeaderUser = r.NewStyle().Foreground(t.subtle)
	s.TestBadge = r.NewStyle().Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(t.badgeBg).Padding(0, 1)
	s.Title = r.NewStyle().Bold(true).Foreground(t.accent)
	s.Subtle = r.NewStyle().Foreground(t.subtle)
	s.Label = r.NewStyle().Foreground(t.subtle)
	s.Value = base
	s.Error = r.NewStyle().Bold(true).Foreground(t.danger)
	s.Warning = r.NewStyle().Foreground(t.warning)
	s.Success = r.NewStyle().Foreground(t.success)
	s.Selected = base.Background(t.selectedBg).Bold(true)
	s.Row = base
	s.TableHead = r.NewStyle().Bold(true).Foreground(t.subtle)
	s.Overdue = r.NewStyle().Bold(true).Foreground(t.danger)
	s.DueSoon = r.NewStyle().Foreground(t.warning)
	s.Urgent = r.NewStyle().Bold(true).Foreground(t.danger)
	s.Box = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.accent).Padding(0, 1)
	s.Footer = r.NewStyle().Foreground(t.subtle)
	s.Key = r.NewStyle().Bold(true).Foreground(t.accent)
	s.Bar = r.NewStyle().Foreground(t.accent)
	return s
}
