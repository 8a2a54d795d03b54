package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
)

func clinicianCommand() command {
	return command{
		name:    "clinician",
		args:    "add|set|list|leave|return|remove|key [USERNAME]",
		summary: "manage the roster of clinicians, supervisors and admins",
		long: `Actions:
  add USERNAME --name "…" [--org dps|municipal] [--role clinician|supervisor|admin]
  set USERNAME [--name "…"] [--org …] [--role …]   change what is given
  list                                             everyone on the roster
  leave USERNAME / return USERNAME                 on leave = not drawn
  remove USERNAME                                  only with no open referrals
  key add USERNAME FILE|-                          an SSH public key (.pub line) for envei serve
  key list [USERNAME]                              the keys on the roster, by fingerprint
  key remove USERNAME FINGERPRINT                  refused from the next login

USERNAME is the OS login that will run envei. Only people with the role
clinician who are not on leave are drawn for referrals; a clinician needs an
organisation (the statistics compare DPS and municipal clinicians). Changes
to the roster need the role admin.`,
		setup: func(fs *pflag.FlagSet) runner {
			name := fs.String("name", "", "full name")
			org := fs.String("org", "", "home organisation: dps or municipal")
			role := fs.String("role", "clinician", "clinician, supervisor or admin")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) == 0 {
					return usagef("needs an action: add, set, list, leave, return or remove")
				}
				action, args := args[0], args[1:]
				if action == "key" {
					return clinicianKey(ctx, a, args)
				}
				wantArgs := 1
				if action == "list" {
					wantArgs = 0
				}
				switch action {
				case "list", "add", "set", "leave", "return", "remove":
				default:
					// Not repeated: it may be a national id or a name.
					return usagef("unknown action: use add, set, list, leave, return or remove")
				}
				if len(args) != wantArgs {
					if wantArgs == 0 {
						return usagef("list takes no arguments")
					}
					return usagef("%s needs one USERNAME", action)
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				switch action {
				case "list":
					return listRoster(ctx, a, s)
				case "add":
					c := intake.Clinician{Username: args[0], Name: *name, Org: intake.Org(*org), Role: intake.Role(*role)}
					if err := s.AddClinician(ctx, who, c); err != nil {
						return rosterError(who, err)
					}
					fmt.Fprintf(a.stdout, "Added %s (%s, %s).\n", c.Username, c.Role, orgText(c.Org))
				case "set":
					c, err := s.Actor(ctx, args[0])
					if errors.Is(err, store.ErrNotOnRoster) {
						return errors.New("that username is not on the roster (envei clinician list shows who is)")
					} else if err != nil {
						return err
					}
					if fs.Changed("name") {
						c.Name = *name
					}
					if fs.Changed("org") {
						c.Org = intake.Org(*org)
					}
					if fs.Changed("role") {
						c.Role = intake.Role(*role)
					}
					if err := s.UpdateClinician(ctx, who, c); err != nil {
						return rosterError(who, err)
					}
					fmt.Fprintf(a.stdout, "Changed %s (%s, %s).\n", c.Username, c.Role, orgText(c.Org))
				case "leave", "return":
					if err := s.SetLeave(ctx, who, args[0], action == "leave"); err != nil {
						return rosterError(who, err)
					}
					if action == "leave" {
						fmt.Fprintf(a.stdout, "%s is on leave and will not be drawn.\n", args[0])
					} else {
						fmt.Fprintf(a.stdout, "%s is back and will be drawn again.\n", args[0])
					}
				case "remove":
					if err := s.RemoveClinician(ctx, who, args[0]); err != nil {
						return rosterError(who, err)
					}
					fmt.Fprintf(a.stdout, "Removed %s from the roster.\n", args[0])
				default:
					return usagef("unknown action: use add, set, list, leave, return or remove")
				}
				return nil
			}
		},
	}
}

func rosterError(who intake.Clinician, err error) error {
	if errors.Is(err, store.ErrForbidden) {
		return require(who, intake.RoleAdmin, "changing the roster")
	}
	return err
}

func orgText(o intake.Org) string {
	if o == intake.OrgNone {
		return "no organisation"
	}
	return string(o)
}

func listRoster(ctx context.Context, a *app, s *store.Store) error {
	roster, err := s.Roster(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tORG\tROLE\tDRAWN")
	for _, c := range roster {
		drawn := "yes"
		switch {
		case c.Role != intake.RoleClinician:
			drawn = "no (" + string(c.Role) + ")"
		case c.OnLeave:
			drawn = "no (on leave)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", intake.SafeText(c.Username), intake.SafeText(c.Name),
			intake.SafeText(string(c.Org)), c.Role, drawn)
	}
	return tw.Flush()
}
