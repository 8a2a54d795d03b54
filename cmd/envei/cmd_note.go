package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/store"
	"envei/tui"
)

func noteCommand() command {
	return command{
		name:    "note",
		args:    "REF",
		summary: "print the transfer note of a first conversation, or the letter to the GP",
		long: `Prints the first-conversation note that goes with a transfer (the copy
attached to the e-message): the patient's identity and contact details and the
GP, the referral, the findings, the instrument scores with their bands, the
risk, the rights decision, and where the patient was routed and why, signed
by the assigned clinician. It holds what the receiving service needs and no
more: not the event trail, the random draw or who registered the referral.

--gp-letter prints instead the short letter that tells the GP the outcome
(where the patient was routed, or that they did not attend, and the rights
decision) and invites relevant information. It names the patient by name and
birth date only.

The note needs the completed assessment, or a patient who did not attend; it
may be printed before routing. The letter needs a GP on the referral and an
outcome. Every printing is logged in the referral's trail: who, when, which
note. The language follows --lang, else LC_ALL/LANG. A file written with
--out gets mode 0600.

The note is the patient's record: the clinician the patient is assigned to
prints it; anyone else gives --reason (at least 10 characters), which goes to
the access log with the printing and to the supervisors' monthly review.`,
		setup: func(fs *pflag.FlagSet) runner {
			format := fs.String("format", intake.NoteText, "text (80 columns), md (Markdown) or pdf (A4; needs --out)")
			out := fs.String("out", "", "write to `FILE` instead of standard output (refuses to overwrite)")
			gpLetter := fs.Bool("gp-letter", false, "print the letter informing the GP instead of the transfer note")
			reason := fs.String("reason", "", "why you need the note of a patient not assigned to you (`TEXT`, logged and reviewed)")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) != 1 {
					return usagef("needs one REF")
				}
				pdf := *format == intake.NotePDF
				if *format != intake.NoteText && *format != intake.NoteMarkdown && !pdf {
					return usagef("--format must be text, md or pdf")
				}
				if pdf && (*out == "" || *out == "-") && a.isTerminal(a.stdout) {
					return usagef("--format pdf writes a file: give --out FILE")
				}
				// Checked before the printing is logged, so a refused
				// file leaves no trail entry for a note nobody got.
				if *out != "" && *out != "-" {
					if _, err := os.Lstat(*out); err == nil {
						return fmt.Errorf("%s exists; envei does not overwrite files", *out)
					}
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				kind, render := store.NoteTransfer, intake.TransferNote
				if *gpLetter {
					kind, render = store.NoteGPLetter, intake.GPLetter
				}
				in, err := s.NoteInput(ctx, intake.Access{Who: who, Reason: *reason}, args[0], kind)
				if errors.Is(err, intake.ErrNeedReason) {
					return fmt.Errorf("%w\n  if your work needs it: envei note %s --reason \"…\"", err, intake.EchoRef(args[0]))
				}
				if err != nil {
					return err
				}
				in.Lang = a.global.lang
				if in.Lang == "" {
					in.Lang = string(tui.LangFromEnv(a.getenv))
				}
				text, err := render(in, *format)
				if err != nil {
					return err
				}
				return writeOutput(a, *out, func(w io.Writer) error {
					_, err := io.WriteString(w, text)
					return err
				})
			}
		},
	}
}
