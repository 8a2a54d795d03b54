package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

type servicesKeys struct {
	list        listKeys
	Add, Retire key.Binding
}

// servicesScreen is the service catalogue patients are routed to; admins
// add services and retire them (a retired service keeps its history).
type servicesScreen struct {
	c      *common
	k      servicesKeys
	rows   []intake.Service
	cursor int
	err    error
	loaded bool
	width  int
}

type servicesMsg struct {
	rows []intake.Service
	err  error
}

func newServicesScreen(c *common) servicesScreen {
	t := c.text
	admin := c.can(intake.RoleAdmin)
	s := servicesScreen{c: c, k: servicesKeys{
		list:   newListKeys(t),
		Add:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyAddService)),
		Retire: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", t.KeyRetire)),
	}}
	s.k.Add.SetEnabled(admin)
	s.k.Retire.SetEnabled(admin)
	return s
}

func (s servicesScreen) init() tea.Cmd {
	return call(s.c, func(ctx context.Context, b Backend) ([]intake.Service, error) { return b.Services(ctx) },
		func(rows []intake.Service, err error) tea.Msg { return servicesMsg{rows, err} })
}

func (s servicesScreen) Update(msg tea.Msg) (servicesScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case servicesMsg:
		s.rows, s.err, s.loaded = msg.rows, msg.err, true
		s.cursor = max(0, min(s.cursor, len(s.rows)-1))
	case changedMsg:
		return s, s.init()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.k.list.Down):
			s.cursor = min(s.cursor+1, len(s.rows)-1)
		case key.Matches(msg, s.k.list.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, s.k.Add):
			return s, push(newAddService(s.c))
		case key.Matches(msg, s.k.Retire) && s.cursor < len(s.rows):
			who, svc, t := s.c.user, s.rows[s.cursor], s.c.text
			return s, call(s.c, func(ctx context.Context, b Backend) (struct{}, error) {
				return struct{}{}, b.RetireService(ctx, who, svc.Code, !svc.Retired)
			}, func(_ struct{}, err error) tea.Msg {
				text := sprintf(t.ServiceRetired, svc.Code)
				if svc.Retired {
					text = sprintf(t.ServiceRestored, svc.Code)
				}
				return doneMsg{text: text, err: err}
			})
		}
	}
	return s, nil
}

func (s servicesScreen) update(msg tea.Msg) (screen, tea.Cmd) { return s.Update(msg) }
func (s servicesScreen) title() string                        { return s.c.text.ServicesTitle }
func (s servicesScreen) capturing() bool                      { return false }
func (s servicesScreen) dirty() bool                          { return false }
func (s servicesScreen) resize(w, h int) screen               { s.width = w; return s }
func (s servicesScreen) keys() help.KeyMap {
	return bindings{
		short: []key.Binding{s.k.Add, s.k.Retire, s.k.list.Down},
		full:  [][]key.Binding{{s.k.Add, s.k.Retire}, {s.k.list.Up, s.k.list.Down}},
	}
}

func (s servicesScreen) view() string {
	st, t := s.c.styles, s.c.text
	if s.err != nil {
		return st.Error.Render(errorText(t, s.err))
	}
	if !s.loaded {
		return st.Subtle.Render(t.Loading)
	}
	var b strings.Builder
	b.WriteString(st.TableHead.Render(pad(t.ColCode, 24)+pad(t.ColLabel, 40)+pad(t.ColCategory, 14)) + "\n")
	for i, svc := range s.rows {
		line := pad(svc.Code, 24) + pad(svc.Label(string(s.c.lang)), 40) + pad(t.CategoryName(svc.Category), 14)
		if svc.Retired {
			line += t.Retired
		}
		switch {
		case i == s.cursor:
			b.WriteString(st.Selected.Render(pad(line, s.width)))
		case svc.Retired:
			b.WriteString(st.Subtle.Render(line))
		default:
			b.WriteString(st.Row.Render(line))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// newAddService adds a service to the catalogue (admins).
func newAddService(c *common) formScreen {
	t := c.text
	v := &struct{ code, nb, en, category string }{category: string(intake.CategorySpecialised)}
	build := func() *huh.Form {
		cats := make([]huh.Option[string], len(intake.Categories))
		for i, cat := range intake.Categories {
			cats[i] = huh.NewOption(t.CategoryName(cat), string(cat))
		}
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.ColCode).Description(t.CodeHelp).Value(&v.code).CharLimit(32).Validate(serviceCodeValidator(t)),
			huh.NewInput().Title(t.LabelNB).Value(&v.nb).CharLimit(intake.MaxTextLen).Validate(required(t)),
			huh.NewInput().Title(t.LabelEN).Value(&v.en).CharLimit(intake.MaxTextLen).Validate(required(t)),
			huh.NewSelect[string]().Title(t.ColCategory).Value(&v.category).Options(cats...),
		))
	}
	submit := func() tea.Cmd {
		who := c.user
		svc := intake.Service{Code: strings.TrimSpace(v.code), LabelNB: strings.TrimSpace(v.nb), LabelEN: strings.TrimSpace(v.en), Category: intake.Category(v.category)}
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.AddService(ctx, who, svc)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.ServiceAdded, svc.Code), err: err}
		})
	}
	return newFormScreen(c, t.AddServiceTitle, build, submit)
}
