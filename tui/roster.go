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

type rosterKeys struct {
	list       listKeys
	Add, Leave key.Binding
}

// rosterScreen lists the roster; admins add people and send them on leave
// or bring them back (on leave = not drawn).
type rosterScreen struct {
	c      *common
	k      rosterKeys
	rows   []intake.Clinician
	cursor int
	err    error
	loaded bool
	width  int
	height int
}

type rosterMsg struct {
	rows []intake.Clinician
	err  error
}

func newRosterScreen(c *common) rosterScreen {
	t := c.text
	admin := c.can(intake.RoleAdmin)
	return rosterScreen{c: c, k: rosterKeys{
		list:  newListKeys(t),
		Add:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyAddClinician), key.WithDisabled()),
		Leave: key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t.KeyLeave), key.WithDisabled()),
	}}.withAdmin(admin)
}

func (r rosterScreen) withAdmin(admin bool) rosterScreen {
	r.k.Add.SetEnabled(admin)
	r.k.Leave.SetEnabled(admin)
	return r
}

func (r rosterScreen) init() tea.Cmd {
	return call(r.c, func(ctx context.Context, b Backend) ([]intake.Clinician, error) { return b.Roster(ctx) },
		func(rows []intake.Clinician, err error) tea.Msg { return rosterMsg{rows, err} })
}

func (r rosterScreen) Update(msg tea.Msg) (rosterScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case rosterMsg:
		r.rows, r.err, r.loaded = msg.rows, msg.err, true
		r.cursor = max(0, min(r.cursor, len(r.rows)-1))
	case changedMsg:
		return r, r.init()
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, r.k.list.Down):
			r.cursor = min(r.cursor+1, len(r.rows)-1)
		case key.Matches(msg, r.k.list.Up):
			r.cursor = max(r.cursor-1, 0)
		case key.Matches(msg, r.k.list.Top):
			r.cursor = 0
		case key.Matches(msg, r.k.list.Bottom):
			r.cursor = len(r.rows) - 1
		case key.Matches(msg, r.k.Add):
			return r, push(newAddClinician(r.c))
		case key.Matches(msg, r.k.Leave) && r.cursor < len(r.rows):
			who, target := r.c.user, r.rows[r.cursor]
			t := r.c.text
			return r, call(r.c, func(ctx context.Context, b Backend) (struct{}, error) {
				return struct{}{}, b.SetLeave(ctx, who, target.Username, !target.OnLeave)
			}, func(_ struct{}, err error) tea.Msg {
				text := sprintf(t.BackFromLeave, target.Username)
				if !target.OnLeave {
					text = sprintf(t.OnLeaveNow, target.Username)
				}
				return doneMsg{text: text, err: err}
			})
		}
	}
	return r, nil
}

func (r rosterScreen) update(msg tea.Msg) (screen, tea.Cmd) { return r.Update(msg) }
func (r rosterScreen) title() string                        { return r.c.text.RosterTitle }
func (r rosterScreen) capturing() bool                      { return false }
func (r rosterScreen) dirty() bool                          { return false }
func (r rosterScreen) resize(w, h int) screen               { r.width, r.height = w, h; return r }
func (r rosterScreen) keys() help.KeyMap {
	return bindings{
		short: []key.Binding{r.k.Add, r.k.Leave, r.k.list.Down},
		full:  [][]key.Binding{{r.k.Add, r.k.Leave}, {r.k.list.Up, r.k.list.Down, r.k.list.Top, r.k.list.Bottom}},
	}
}

func (r rosterScreen) view() string {
	s, t := r.c.styles, r.c.text
	if r.err != nil {
		return s.Error.Render(errorText(t, r.err))
	}
	if !r.loaded {
		return s.Subtle.Render(t.Loading)
	}
	var b strings.Builder
	if !r.c.can(intake.RoleAdmin) {
		b.WriteString(s.Subtle.Render(t.RosterReadOnly) + "\n")
	}
	b.WriteString(s.TableHead.Render(pad(t.ColUsername, 16)+pad(t.FieldName, 28)+pad(t.FieldOrg, 14)+pad(t.FieldRole, 14)+t.ColDrawn) + "\n")
	for i, c := range r.rows {
		drawn := t.Yes
		switch {
		case c.Role != intake.RoleClinician:
			drawn = t.No
		case c.OnLeave:
			drawn = t.OnLeave
		}
		line := pad(c.Username, 16) + pad(c.Name, 28) + pad(t.OrgName(c.Org), 14) + pad(t.RoleName(c.Role), 14) + drawn
		if i == r.cursor {
			b.WriteString(s.Selected.Render(pad(line, r.width)))
		} else {
			b.WriteString(s.Row.Render(line))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// newAddClinician puts someone on the roster (admins).
func newAddClinician(c *common) formScreen {
	t := c.text
	v := &struct{ username, name, org, role string }{org: string(intake.OrgMunicipal), role: string(intake.RoleClinician)}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.ColUsername).Description(t.UsernameHelp).Value(&v.username).CharLimit(32).
				Validate(usernameValidator(t)),
			huh.NewInput().Title(t.FieldName).Value(&v.name).CharLimit(intake.MaxTextLen).Validate(required(t)),
			orgSelect(t, &v.org),
			huh.NewSelect[string]().Title(t.FieldRole).Value(&v.role).Options(
				huh.NewOption(t.RoleName(intake.RoleClinician), string(intake.RoleClinician)),
				huh.NewOption(t.RoleName(intake.RoleSupervisor), string(intake.RoleSupervisor)),
				huh.NewOption(t.RoleName(intake.RoleAdmin), string(intake.RoleAdmin))),
		))
	}
	submit := func() tea.Cmd {
		who := c.user
		nc := intake.Clinician{Username: strings.TrimSpace(v.username), Name: strings.TrimSpace(v.name), Org: intake.Org(v.org), Role: intake.Role(v.role)}
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.AddClinician(ctx, who, nc)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.ClinicianAdded, nc.Username), err: err}
		})
	}
	return newFormScreen(c, t.AddClinicianTitle, build, submit)
}

func orgSelect(t *Catalog, value *string) *huh.Select[string] {
	return huh.NewSelect[string]().Title(t.FieldOrg).Value(value).Options(
		huh.NewOption(t.OrgName(intake.OrgDPS), string(intake.OrgDPS)),
		huh.NewOption(t.OrgName(intake.OrgMunicipal), string(intake.OrgMunicipal)),
		huh.NewOption(t.OrgName(intake.OrgNone), string(intake.OrgNone)))
}
