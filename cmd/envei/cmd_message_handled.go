package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
)

// handledAction is the first word of envei message handled REF: what the
// console's d key in the referral view records.
const handledAction = "handled"

// messageHandled records that every rejected e-message outstanding on the
// one REF in args was put right another way (note says how), as the
// console's d key does; the flags of writing a message are refused, so
// nobody believes a message was written.
func messageHandled(ctx context.Context, a *app, fs *pflag.FlagSet, args []string, note, reason string) error {
	for _, f := range []string{"to", "out", "gp-her-id", "attach-pdf"} {
		if fs.Changed(f) {
			return usagef("--%s belongs to writing a message, not to handled", f)
		}
	}
	if len(args) != 1 {
		return usagef("handled needs one REF: envei message handled REF --note \"…\"")
	}
	if strings.TrimSpace(note) == "" {
		return usagef("handled needs --note: how the rejection was dealt with (phoned the unit, sent the note by post)")
	}
	s, who, err := a.openAs(ctx, openOptions{})
	if err != nil {
		return err
	}
	defer s.Close()
	ref := args[0]
	if err := s.RecordRejectionHandled(ctx, intake.Access{Who: who, Reason: reason}, ref, note); err != nil {
		return needReason(err, "envei message handled "+intake.EchoRef(ref)+` --note "…"`)
	}
	fmt.Fprintf(a.stdout, "%s: the rejected e-message is recorded as handled.\n", intake.EchoRef(ref))
	return nil
}
