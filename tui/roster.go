package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// newRosterScreen lists the roster; admins add people and send them on
// leave or bring them back (on leave = not drawn).
func newRosterScreen(c *common) listScreen[intake.Clinician] {
	t := c.text
	admin := c.can(intake.RoleAdmin)
	add := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyAddClinician))
	leave := key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t.KeyLeave))
	add.SetEnabled(admin)
	leave.SetEnabled(admin)
	return listScreen[intake.Clinician]{
		c: c, name: t.RosterTitle, k: newListKeys(t),
		load: func(ctx context.Context, b Backend) ([]intake.Clinician, error) { return b.Roster(ctx) },
		note: func() string {
			if admin {
				return ""
			}
			return t.RosterReadOnly
		},
		head: pad(t.ColUsername, 16) + pad(t.FieldName, 28) + pad(t.FieldOrg, 14) + pad(t.FieldRole, 14) + t.ColDrawn,
		line: func(r intake.Clinician) string {
			drawn := t.Yes
			switch {
			case r.Role != intake.RoleClinician:
				drawn = t.No
			case r.OnLeave:
				drawn = t.OnLeave
			}
			return pad(r.Username, 16) + pad(r.Name, 28) + pad(t.OrgName(r.Org), 14) + pad(t.RoleName(r.Role), 14) + drawn
		},
		acts: []listAction[intake.Clinician]{
			{key: add, do: func(intake.Clinician) tea.Cmd { return push(newAddClinician(c)) }},
			{key: leave, onRow: true, do: func(target intake.Clinician) tea.Cmd { return setLeave(c, target) }},
		},
	}
}

// setLeave sends target on leave or brings them back.
func setLeave(c *common, target intake.Clinician) tea.Cmd {
	who, t := c.user, c.text
	return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
		return struct{}{}, b.SetLeave(ctx, who, target.Username, !target.OnLeave)
	}, func(_ struct{}, err error) tea.Msg {
		text := sprintf(t.BackFromLeave, target.Username)
		if !target.OnLeave {
			text = sprintf(t.OnLeaveNow, target.Username)
		}
		return doneMsg{text: text, err: err}
	})
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
