package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/intake/message"
)

func receiptCommand() command {
	return command{
		name:    "receipt",
		args:    "FILE|-",
		summary: "read a receiver's AppRec 1.1 receipt and record it against the message it answers",
		long: `Reads an application receipt (AppRec 1.1) from FILE, or standard input with
"-", finds the message it answers by the original MsgId, and records its status
(1 acknowledged, 2 rejected, 3 acknowledged with errors) and the receiver's
errors. A receipt for a MsgId envei did not write, a second receipt for the
same message, or a file that is not an AppRec is refused and changes nothing.`,
		setup: func(fs *pflag.FlagSet) runner {
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one FILE, or - for standard input")
				}
				var r io.Reader = a.stdin
				if args[0] != "-" {
					f, err := os.Open(args[0])
					if err != nil {
						return err
					}
					defer f.Close()
					r = f
				}
				rc, err := message.ParseAppRec(r)
				if err != nil {
					return err
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				if err := s.RecordReceipt(ctx, who, rc); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "message %s: %s\n", intake.SafeText(rc.OriginalMsgID), message.StatusWord(rc.Status))
				for _, e := range rc.Errors {
					fmt.Fprintf(a.stdout, "  %s\n", intake.SafeText(e.Code+": "+e.Text))
				}
				return nil
			}
		},
	}
}
