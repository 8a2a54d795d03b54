package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"envei/intake"
	"envei/store"
)

// maxKeyFile bounds what key add reads: a public-key line is at most a
// few kilobytes (an RSA 16384 key), and a big file given by mistake is
// not read whole.
const maxKeyFile = 64 << 10

// clinicianKey runs "envei clinician key add|list|remove": the SSH public
// keys by which people log in to envei serve (admins only).
func clinicianKey(ctx context.Context, a *app, args []string) error {
	if len(args) == 0 {
		return usagef("key needs an action: add USERNAME FILE|-, list [USERNAME] or remove USERNAME FINGERPRINT")
	}
	action, args := args[0], args[1:]
	switch {
	case action == "add" && len(args) == 2, action == "remove" && len(args) == 2, action == "list" && len(args) <= 1:
	case action == "add" || action == "remove" || action == "list":
		return usagef("usage: envei clinician key add USERNAME FILE|-, key list [USERNAME], key remove USERNAME FINGERPRINT")
	default:
		return usagef("unknown key action: use add, list or remove")
	}
	var line []byte
	if action == "add" {
		var err error
		if line, err = readKeyFile(a, args[1]); err != nil {
			return err
		}
	}
	s, who, err := a.openAs(ctx, openOptions{})
	if err != nil {
		return err
	}
	defer s.Close()
	switch action {
	case "add":
		k, err := s.AddSSHKey(ctx, who, args[0], line)
		if err != nil {
			return keyError(who, err)
		}
		fmt.Fprintf(a.stdout, "Added %s key %s for %s.\n", k.Type, k.Fingerprint, k.Username)
	case "remove":
		if err := s.RemoveSSHKey(ctx, who, args[0], args[1]); err != nil {
			return keyError(who, err)
		}
		fmt.Fprintf(a.stdout, "Removed key %s of %s.\n", intake.SafeText(args[1]), args[0])
	case "list":
		username := ""
		if len(args) == 1 {
			username = args[0]
		}
		keys, err := s.SSHKeys(ctx, who, username)
		if err != nil {
			return keyError(who, err)
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "USERNAME\tTYPE\tFINGERPRINT\tCOMMENT\tADDED")
		for _, k := range keys {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", intake.SafeText(k.Username), intake.SafeText(k.Type),
				k.Fingerprint, intake.SafeText(k.Comment), k.AddedAt)
		}
		return tw.Flush()
	}
	return nil
}

// readKeyFile reads the key line from a file, or standard input for "-".
func readKeyFile(a *app, name string) ([]byte, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		if a.remote {
			return nil, errRemoteFile
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxKeyFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxKeyFile {
		return nil, errors.New("the file is far too large for a public key: give the .pub file")
	}
	return b, nil
}

func keyError(who intake.Clinician, err error) error {
	if errors.Is(err, store.ErrForbidden) {
		return require(who, intake.RoleAdmin, "managing SSH keys")
	}
	return err
}
