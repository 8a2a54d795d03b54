package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"envei/intake"
)

func receptionCommand() command {
	return command{
		name:    "reception",
		args:    "set|show",
		summary: "the reception's own address for e-messages: name, HER-id, organisation number",
		long: `set records the reception's name, HER-id (its id in the address register,
Adresseregisteret) and organisation number (9 digits with a mod-11 control
digit), the sender of every e-message; admins only. show prints them.`,
		setup: func(fs *pflag.FlagSet) runner {
			name := fs.String("name", "", "the reception's name as receivers see it (`TEXT`)")
			her := fs.String("her-id", "", "the reception's HER-id (`ID`)")
			org := fs.String("org-number", "", "the organisation number (`NUMBER`, 9 digits)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 || (args[0] != "set" && args[0] != "show") {
					return usagef("needs set or show")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if args[0] == "set" {
					if err := require(who, intake.RoleAdmin, "setting the reception's address"); err != nil {
						return err
					}
					return s.SetReceptionAddress(ctx, who, intake.Address{Name: *name, HerID: *her, OrgNumber: *org})
				}
				addr, err := s.ReceptionAddress(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(&safeWriter{w: a.stdout}, 0, 0, 2, ' ', 0)
				fmt.Fprintf(tw, "name\t%s\nHER-id\t%s\norganisation number\t%s\n",
					orUnset(addr.Name), orUnset(addr.HerID), orUnset(addr.OrgNumber))
				return tw.Flush()
			}
		},
	}
}

func serviceCommand() command {
	return command{
		name:    "service",
		args:    "set CODE | list",
		summary: "a service's receiving unit for e-messages: HER-id, organisation number, unit name",
		long: `set records where the e-message to a service goes: the HER-id of its
receiving unit (required), and optionally the organisation number and the
unit's name (kept as they were when not given); admins only. list prints the
catalogue with its addresses.`,
		setup: func(fs *pflag.FlagSet) runner {
			her := fs.String("her-id", "", "the receiving unit's HER-id (`ID`)")
			org := fs.String("org-number", "", "the organisation number (`NUMBER`, 9 digits)")
			unit := fs.String("unit-name", "", "the receiving unit's name (`TEXT`)")
			return func(ctx context.Context, a *app, args []string) error {
				switch {
				case len(args) == 2 && args[0] == "set":
				case len(args) == 1 && args[0] == "list":
				default:
					return usagef("needs set CODE or list")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if args[0] == "set" {
					if err := require(who, intake.RoleAdmin, "setting a service's address"); err != nil {
						return err
					}
					if *her == "" {
						return usagef("--her-id is required")
					}
					return s.SetServiceAddress(ctx, who, intake.ServiceAddress{
						Code: args[1], Address: intake.Address{Name: *unit, HerID: *her, OrgNumber: *org}})
				}
				addrs, err := s.ServiceAddresses(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(&safeWriter{w: a.stdout}, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "code\tHER-id\torganisation number\tunit")
				for _, ad := range addrs {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ad.Code, orUnset(ad.HerID), orUnset(ad.OrgNumber), orUnset(ad.Name))
				}
				return tw.Flush()
			}
		},
	}
}

func orUnset(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}
