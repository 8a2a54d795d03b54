package tui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// What the welcome screen offers next.
const (
	welcomeDemo   = "demo"
	welcomeRoster = "roster"
	welcomeEmpty  = "empty"
)

type welcomeDoneMsg struct {
	next string
	text string
	err  error
}

// newWelcome greets the first user of an empty database: it confirms their
// name and organisation (they are admin already) and offers the demo data
// or the roster, so the console never opens on a blank list.
func newWelcome(c *common) formScreen {
	t := c.text
	v := &struct{ name, org, next string }{name: c.user.Name, org: string(c.user.Org), next: welcomeRoster}
	build := func() *huh.Form {
		next := []huh.Option[string]{huh.NewOption(t.WelcomeAddClinicians, welcomeRoster)}
		if c.loadDemo != nil {
			next = append(next, huh.NewOption(t.WelcomeLoadDemo, welcomeDemo))
		}
		next = append(next, huh.NewOption(t.WelcomeStartEmpty, welcomeEmpty))
		return huh.NewForm(huh.NewGroup(
			huh.NewNote().Title(t.WelcomeTitle).Description(sprintf(t.WelcomeText, c.user.Username)),
			huh.NewInput().Title(t.FieldName).Value(&v.name).CharLimit(intake.MaxTextLen).Validate(required(t)),
			orgSelect(t, &v.org),
			huh.NewSelect[string]().Title(t.WelcomeNext).Value(&v.next).Options(next...),
		))
	}
	submit := func() tea.Cmd {
		me := c.user
		me.Name, me.Org = strings.TrimSpace(v.name), intake.Org(v.org)
		next, loadDemo := v.next, c.loadDemo
		return call(c, func(ctx context.Context, b Backend) (int, error) {
			if err := b.UpdateClinician(ctx, me, me); err != nil {
				return 0, err
			}
			if next == welcomeDemo {
				return loadDemo(ctx)
			}
			return 0, nil
		}, func(n int, err error) tea.Msg {
			text := ""
			if next == welcomeDemo {
				text = sprintf(t.DemoLoaded, n)
			}
			return welcomeDoneMsg{next: next, text: text, err: err}
		})
	}
	f := newFormScreen(c, t.WelcomeTitle, build, submit)
	f.onMsg = func(f formScreen, msg tea.Msg) (formScreen, tea.Cmd, bool) {
		m, ok := msg.(welcomeDoneMsg)
		if !ok {
			return f, nil, false
		}
		if m.err != nil {
			g, cmd := f.Update(formDoneMsg{err: m.err})
			return g, cmd, true
		}
		f.busy = false
		if m.next == welcomeDemo {
			// The demo made this a test database; the header says so from now on.
			c.test = true
		}
		var s screen = newWorklist(c)
		if m.next == welcomeRoster {
			s = newRosterScreen(c)
		}
		return f, tea.Batch(func() tea.Msg { return switchMsg{s} }, toast(m.text)), true
	}
	return f
}
