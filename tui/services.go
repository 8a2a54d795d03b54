package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// newServicesScreen is the service catalogue patients are routed to;
// admins add services and retire them (a retired service keeps its
// history).
func newServicesScreen(c *common) listScreen[intake.Service] {
	t := c.text
	admin := c.can(intake.RoleAdmin)
	add := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyAddService))
	retire := key.NewBinding(key.WithKeys("x"), key.WithHelp("x", t.KeyRetire))
	add.SetEnabled(admin)
	retire.SetEnabled(admin)
	return listScreen[intake.Service]{
		c: c, name: t.ServicesTitle, k: newListKeys(t),
		load: func(ctx context.Context, b Backend) ([]intake.Service, error) { return b.Services(ctx) },
		head: pad(t.ColCode, 24) + pad(t.ColLabel, 40) + pad(t.ColCategory, 14),
		line: func(svc intake.Service) string {
			line := pad(svc.Code, 24) + pad(svc.Label(string(c.lang)), 40) + pad(t.CategoryName(svc.Category), 14)
			if svc.Retired {
				line += t.Retired
			}
			return line
		},
		dimmed: func(svc intake.Service) bool { return svc.Retired },
		acts: []listAction[intake.Service]{
			{key: add, do: func(intake.Service) tea.Cmd { return push(newAddService(c)) }},
			{key: retire, onRow: true, do: func(svc intake.Service) tea.Cmd { return retireService(c, svc) }},
		},
	}
}

// retireService retires svc, or brings a retired one back.
func retireService(c *common, svc intake.Service) tea.Cmd {
	who, t := c.user, c.text
	return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
		return struct{}{}, b.RetireService(ctx, who, svc.Code, !svc.Retired)
	}, func(_ struct{}, err error) tea.Msg {
		text := sprintf(t.ServiceRetired, svc.Code)
		if svc.Retired {
			text = sprintf(t.ServiceRestored, svc.Code)
		}
		return doneMsg{text: text, err: err}
	})
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
