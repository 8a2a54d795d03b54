package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"envei/intake"
	"envei/intake/message"
	"envei/store"
	"envei/tui"
)

func messageCommand() command {
	return command{
		name:    "message",
		args:    "REF --to SERVICE|gp | handled REF --note TEXT",
		summary: "write the transfer e-message (Dialogmelding 1.1) to a service of the routing, or to the GP; record a rejected one as handled",
		long: `envei message REF --to SERVICE|gp [--attach-pdf] [--out DIR|-] [--reason "…"]

Writes one MsgHead v1.2 document, <MsgId>.xml, holding a Dialogmelding 1.1
note (Henvendelse om pasient): sender the reception (envei reception set) with
the clinician who signs the note, receiver the service's receiving unit (envei
service set) or the GP's office (--gp-her-id), the patient by name, birth date
and national id (FNR/DNR; without an id, by name and birth date only), and as
its text the transfer note — to the GP, the letter telling the outcome.

One message per receiver: a patient routed to two services gets two. The file
goes into DIR (--out; default the folder "outbox" next to the database, made
0700), mode 0600; "-" writes to standard output. Handing it to the message
broker (Norsk Helsenett) is the broker's job. Every message is recorded with
its MsgId, receiver, who, when and which note version, in the trail and the
access log; it is never rewritten. Read the receiver's receipt back with
envei receipt.

envei message handled REF --note "…" [--reason "…"]

A rejected message (its receipt said status 2) brings the referral back onto
the open worklist, flagged: the patient was not transferred. When it was put
right another way — phoned the unit, sent the note by post — record how with
--note; every rejection outstanding on REF is then handled and the referral
leaves the worklist unless something else keeps it there (the console's d key
in the referral view does the same). The trail records who and when, the
access log the opening of the record. A message sent again and acknowledged
ends a rejection too, without this.

The note is the patient's record: the clinician the patient is assigned to
sends it and records a rejection as handled; anyone else gives --reason (at
least 10 characters), which is logged and reviewed.`,
		setup: func(fs *pflag.FlagSet) runner {
			to := fs.String("to", "", "the receiver: a service `CODE` of the routing, or gp")
			out := fs.String("out", "", "write into `DIR` (default: outbox next to the database), or - for standard output")
			gpHer := fs.String("gp-her-id", "", "record the HER-id of the GP's office on the referral first (`ID`)")
			attach := fs.Bool("attach-pdf", false, "attach the note as a PDF (the same as envei note --format pdf)")
			reason := fs.String("reason", "", "why you need the note of a patient not assigned to you (`TEXT`, logged and reviewed)")
			note := fs.String("note", "", "handled: how the rejection was dealt with (`TEXT`), e.g. phoned the unit")
			return func(ctx context.Context, a *app, args []string) error {
				if len(args) > 0 && args[0] == handledAction {
					return messageHandled(ctx, a, fs, args[1:], *note, *reason)
				}
				if fs.Changed("note") {
					return usagef("--note belongs to handled: envei message handled REF --note \"…\"")
				}
				if len(args) != 1 {
					return usagef("needs one REF")
				}
				if *to == "" {
					return usagef("--to is required: a service code of the routing, or gp")
				}
				s, who, err := a.openAs(ctx, openOptions{})
				if err != nil {
					return err
				}
				defer s.Close()
				acc := intake.Access{Who: who, Reason: *reason}
				ref := args[0]
				if *gpHer != "" {
					if *to != store.ToGP {
						return usagef("--gp-her-id goes with --to gp")
					}
					if err := s.SetGPHerID(ctx, acc, ref, *gpHer); err != nil {
						return needReason(err, "envei message "+intake.EchoRef(ref))
					}
				}
				dir := *out
				if dir == "" {
					if dir, err = a.outboxDir(s); err != nil {
						return err
					}
				}
				lang := a.global.lang
				if lang == "" {
					lang = string(tui.LangFromEnv(a.getenv))
				}
				msgID, doc, err := writeMessage(ctx, s, acc, ref, *to, *attach, dir, lang)
				if err != nil {
					return needReason(err, "envei message "+intake.EchoRef(ref))
				}
				if dir == "-" {
					_, err = a.stdout.Write(doc)
					return err
				}
				fmt.Fprintf(a.stdout, "wrote %s\n", filepath.Join(dir, msgID+".xml"))
				if !hasPatientIdent(doc) {
					fmt.Fprintln(a.stdout, "note: the patient has no national id on record; the message names them by name and birth date only")
				}
				return nil
			}
		},
	}
}

// writeMessage writes one transfer e-message for ref to receiver into dir
// ("-": nowhere; the caller prints doc) and records it (store.WriteMessage):
// the note rendered as text in lang, the document built, the file written
// inside the transaction that records it, and removed again when the
// record fails. The console's one-step sending uses it too.
func writeMessage(ctx context.Context, s *store.Store, acc intake.Access, ref, receiver string, attach bool, dir, lang string) (string, []byte, error) {
	var doc []byte
	written := ""
	msgID, err := s.WriteMessage(ctx, acc, ref, receiver, attach, func(note intake.NoteInput, env message.Input) error {
		note.Lang = lang
		if err := composeText(note, &env, receiver == store.ToGP); err != nil {
			return err
		}
		if attach {
			pdf, err := messageNote(note, receiver == store.ToGP, intake.NotePDF)
			if err != nil {
				return err
			}
			env.PDF, env.PDFDescription = []byte(pdf), env.Subject+" (PDF)"
		}
		var err error
		if doc, err = message.Build(env); err != nil {
			return err
		}
		if dir == "-" {
			return nil // printed once the message is recorded
		}
		p := filepath.Join(dir, env.MsgID+".xml")
		if err := writeNew(p, doc); err != nil {
			return err
		}
		written = p
		return nil
	})
	if err != nil {
		if written != "" {
			os.Remove(written) // the message was not recorded: no file claims it was sent
		}
		return "", nil, err
	}
	return msgID, doc, nil
}

// consoleMessages writes the console's one-step e-messages into the
// outbox, one per receiver, each recorded (or refused) on its own.
func consoleMessages(ctx context.Context, a *app, s *store.Store, acc intake.Access, ref string, receivers []string, lang string) []tui.MessageResult {
	dir, err := a.outboxDir(s)
	out := make([]tui.MessageResult, 0, len(receivers))
	for _, r := range receivers {
		res := tui.MessageResult{Receiver: r, Err: err}
		if err == nil {
			res.MsgID, _, res.Err = writeMessage(ctx, s, acc, ref, r, false, dir, lang)
		}
		out = append(out, res)
	}
	return out
}

// outboxDir is the default folder of the messages: outbox next to the
// database (besideDB), made 0700.
func (a *app) outboxDir(s *store.Store) (string, error) {
	beside, err := a.besideDB(s)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(beside, "outbox")
	return dir, os.MkdirAll(dir, 0o700)
}

// needReason adds the hint for a patient not assigned to the user: the
// command line to give again, with --reason.
func needReason(err error, command string) error {
	if errors.Is(err, intake.ErrNeedReason) {
		return fmt.Errorf("%w\n  if your work needs it: %s --reason \"…\"", err, command)
	}
	return err
}

// composeText fills in the message's subject and text: the transfer note,
// or to the GP the letter, as plain text in the user's language.
func composeText(note intake.NoteInput, env *message.Input, toGP bool) error {
	subject := "Overføringsnotat fra psykisk helsemottak"
	if note.Lang == "en" {
		subject = "Transfer note from the mental-health reception"
	}
	if toGP {
		subject = "Melding til fastlege fra psykisk helsemottak"
		if note.Lang == "en" {
			subject = "Letter to the GP from the mental-health reception"
		}
	}
	text, err := messageNote(note, toGP, intake.NoteText)
	if err != nil {
		return err
	}
	env.Subject, env.Text = subject, text
	return nil
}

// messageNote renders the note a message carries in format: the transfer
// note, or to the GP the letter. The text and the PDF are one document
// (intake/doc lays both out).
func messageNote(note intake.NoteInput, toGP bool, format string) (string, error) {
	if toGP {
		return intake.GPLetter(note, format)
	}
	return intake.TransferNote(note, format)
}

// hasPatientIdent reports whether the message names the patient by a
// national id (FNR, DNR or HNR under 8116).
func hasPatientIdent(doc []byte) bool {
	return strings.Contains(string(doc), "2.16.578.1.12.4.1.1.8116")
}

// writeNew writes data to a new file of mode 0600, refusing to overwrite,
// and syncs it before returning.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
