package tui

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"envei/intake"
)

// serviceRow is a service of the catalogue with its receiving unit, the
// receiver of the transfer e-messages to it.
type serviceRow struct {
	intake.Service
	Unit intake.Address
}

// loadServiceRows reads the catalogue and joins each service's receiving
// unit to it by code.
func loadServiceRows(ctx context.Context, b Backend) ([]serviceRow, error) {
	svcs, err := b.Services(ctx)
	if err != nil {
		return nil, err
	}
	addrs, err := b.ServiceAddresses(ctx)
	if err != nil {
		return nil, err
	}
	units := make(map[string]intake.Address, len(addrs))
	for _, a := range addrs {
		units[a.Code] = a.Address
	}
	rows := make([]serviceRow, len(svcs))
	for i, svc := range svcs {
		rows[i] = serviceRow{Service: svc, Unit: units[svc.Code]}
	}
	return rows, nil
}

// newServicesScreen is the service catalogue patients are routed to, with
// each service's receiving unit (its HER-id in the table, the whole
// address under it for the selected row); admins add services, retire
// them (a retired service keeps its history) and set their receiving units.
func newServicesScreen(c *common) listScreen[serviceRow] {
	t := c.text
	admin := c.can(intake.RoleAdmin)
	add := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", t.KeyAddService))
	retire := key.NewBinding(key.WithKeys("x"), key.WithHelp("x", t.KeyRetire))
	unit := key.NewBinding(key.WithKeys("u"), key.WithHelp("u", t.KeyServiceUnit))
	add.SetEnabled(admin)
	retire.SetEnabled(admin)
	unit.SetEnabled(admin)
	orNotSet := func(s string) string {
		if s == "" {
			return t.UnitNotSet
		}
		return s
	}
	return listScreen[serviceRow]{
		c: c, name: t.ServicesTitle, k: newListKeys(t),
		load: loadServiceRows,
		head: pad(t.ColCode, 23) + pad(t.ColLabel, 32) + pad(t.ColCategory, 13) + pad(t.ColHerID, 10),
		line: func(svc serviceRow) string {
			line := pad(svc.Code, 23) + pad(svc.Label(string(c.lang)), 32) + pad(t.CategoryName(svc.Category), 13) + pad(dash(svc.Unit.HerID), 10)
			if svc.Retired {
				line += t.Retired
			}
			return line
		},
		detail: func(svc serviceRow) string {
			return sprintf(t.UnitLine, svc.Code, orNotSet(svc.Unit.Name), orNotSet(svc.Unit.HerID), orNotSet(svc.Unit.OrgNumber))
		},
		dimmed: func(svc serviceRow) bool { return svc.Retired },
		acts: []listAction[serviceRow]{
			{key: add, do: func(serviceRow) tea.Cmd { return push(newAddService(c)) }},
			{key: retire, onRow: true, do: func(svc serviceRow) tea.Cmd { return retireService(c, svc.Service) }},
			{key: unit, onRow: true, do: func(svc serviceRow) tea.Cmd { return push(newServiceUnit(c, svc)) }},
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

// newServiceUnit sets a service's receiving unit (admins), as envei
// service set does: the HER-id required, the name and organisation number
// kept as recorded when left empty, each checked by the store's rule
// before it is sent.
func newServiceUnit(c *common, svc serviceRow) formScreen {
	t := c.text
	v := &struct{ name, her, org string }{name: svc.Unit.Name, her: svc.Unit.HerID, org: svc.Unit.OrgNumber}
	build := func() *huh.Form {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title(t.FieldUnitName).Description(t.FieldUnitNameHelp).Value(&v.name).CharLimit(intake.MaxTextLen).Validate(textValidator(t, false)),
			huh.NewInput().Title(t.FieldHerID).Description(t.FieldHerIDHelp).Value(&v.her).CharLimit(9).Validate(herIDValidator(t)),
			huh.NewInput().Title(t.FieldOrgNumber).Description(t.FieldOrgNumberHelp).Value(&v.org).CharLimit(11).Validate(orgNumberValidator(t)),
		))
	}
	submit := func() tea.Cmd {
		who := c.user
		a := intake.ServiceAddress{Code: svc.Code, Address: intake.Address{
			Name: strings.TrimSpace(v.name), HerID: strings.TrimSpace(v.her), OrgNumber: strings.TrimSpace(v.org)}}
		return call(c, func(ctx context.Context, b Backend) (struct{}, error) {
			return struct{}{}, b.SetServiceAddress(ctx, who, a)
		}, func(_ struct{}, err error) tea.Msg {
			return formDoneMsg{text: sprintf(t.ServiceUnitSaved, svc.Code), err: err}
		})
	}
	return newFormScreen(c, sprintf(t.ServiceUnitTitle, svc.Code), build, submit)
}

// herIDValidator checks a HER-id by intake's rule (required).
func herIDValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if _, err := intake.NormaliseHerID(strings.TrimSpace(s)); err != nil {
			return errors.New(t.BadHerID)
		}
		return nil
	}
}

// orgNumberValidator checks an organisation number by intake's rule
// (mod-11 control digit); empty keeps the recorded one.
func orgNumberValidator(t *Catalog) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := intake.NormaliseOrgNumber(strings.TrimSpace(s)); err != nil {
			return errors.New(t.BadOrgNumber)
		}
		return nil
	}
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
