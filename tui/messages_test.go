package tui

import (
	"context"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/message"
	"envei/store"
)

// routedWithReceipts is 2026-00001 routed to the DPS and the municipality,
// a message to each, the DPS acknowledging and the municipality rejecting
// with an error; opts act as the assigned clinician in lang.
func routedWithReceipts(t *testing.T, lang Lang) (*store.Store, Options) {
	t.Helper()
	s, opts := seedOne(t)
	ctx := context.Background()
	as, err := s.Assign(ctx, opts.User, "2026-00001", opts.Random)
	if err != nil {
		t.Fatal(err)
	}
	opts = testOptions(t, s, as.Draw.Drawn, lang)
	acc := intake.Access{Who: opts.User}
	if _, err := s.Schedule(ctx, acc, "2026-00001", 0, testToday, "09:00", intake.ModeInPerson); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAttendance(ctx, acc, "2026-00001", 0, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acc, "2026-00001", demoReadyAssessment(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acc, "2026-00001", 0, []string{"dps", "municipal"}, "both"); err != nil {
		t.Fatal(err)
	}
	root, _ := s.Actor(ctx, "root")
	if err := s.SetReceptionAddress(ctx, root, intake.Address{Name: "Mottak", HerID: "81234", OrgNumber: "974760673"}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, code := range []string{"dps", "municipal"} {
		if err := s.SetServiceAddress(ctx, root, intake.ServiceAddress{Code: code, Address: intake.Address{HerID: "95678"}}); err != nil {
			t.Fatal(err)
		}
		id, err := s.WriteMessage(ctx, acc, "2026-00001", code, false, func(intake.NoteInput, message.Input) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := s.RecordReceipt(ctx, opts.User, message.Receipt{OriginalMsgID: ids[0], Status: "1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordReceipt(ctx, opts.User, message.Receipt{OriginalMsgID: ids[1], Status: "2",
		Errors: []message.ReceiptError{{Code: "E21", Text: "Mottaker finnes ikke"}}}); err != nil {
		t.Fatal(err)
	}
	return s, opts
}

// The referral view lists the transfer e-messages with their receipts: one
// acknowledged, one rejected with the receiver's error.
func TestMessagesInTheReferralView(t *testing.T) {
	_, opts := routedWithReceipts(t, LangEN)
	c := startConsole(t, opts, 110, 60)
	// The patient is not transferred to the municipality: the referral is
	// on the open worklist, flagged.
	c.waitFor("2026-00001", "message rejected")
	c.key("/")
	c.typeText("2026-00001")
	c.waitFor("/ 2026-00001")
	c.key("enter")
	c.waitFor("Referral 2026-00001", "E-messages", "acknowledged", "REJECTED", "E21: Mottaker finnes ikke", "e-message written", "receipt recorded")
	c.key("esc")
	c.key("esc") // the search
	c.waitFor("2026-00001", "message rejected")
	c.quit()
}

// A routed referral with a rejected transfer is on the open worklist (the
// view the console opens on), flagged, in both languages.
func TestRejectedTransferOnTheOpenWorklist(t *testing.T) {
	for _, c := range []struct {
		lang  Lang
		badge string
	}{{LangEN, "message rejected"}, {LangNB, "melding avvist"}} {
		t.Run(string(c.lang), func(t *testing.T) {
			_, opts := routedWithReceipts(t, c.lang)
			w := newWorklist(New(opts).c).resize(110, 20).(worklist)
			w = pageOf(t, w, w.init())
			if len(w.rows) != 1 || w.rows[0].Ref != "2026-00001" || !w.rows[0].MessageRejected {
				t.Fatalf("open worklist: %+v", w.rows)
			}
			if view := w.view(); !strings.Contains(view, c.badge) {
				t.Errorf("the row does not say %q:\n%s", c.badge, view)
			}
			// c shows the closed view, which does not hold it.
			w, cmd := w.Update(keyMsg("c"))
			w = pageOf(t, w, cmd)
			if len(w.rows) != 0 {
				t.Errorf("the closed view holds %+v", w.rows)
			}
		})
	}
}

// From the referral view, m shows what goes to whom (the services of the
// routing and the GP), asks once, and writes each; a missing address is
// named and the rest are written.
func TestSendMessagesInOneStep(t *testing.T) {
	s, opts := seedOne(t)
	ctx := context.Background()
	as, err := s.Assign(ctx, opts.User, "2026-00001", opts.Random)
	if err != nil {
		t.Fatal(err)
	}
	opts = testOptions(t, s, as.Draw.Drawn, LangEN)
	acc := intake.Access{Who: opts.User}
	if _, err := s.Schedule(ctx, acc, "2026-00001", 0, testToday, "09:00", intake.ModeInPerson); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAttendance(ctx, acc, "2026-00001", 0, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, acc, "2026-00001", demoReadyAssessment(), true, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Route(ctx, acc, "2026-00001", 0, []string{"dps", "municipal"}, "both"); err != nil {
		t.Fatal(err)
	}
	root, _ := s.Actor(ctx, "root")
	if err := s.SetReceptionAddress(ctx, root, intake.Address{Name: "Mottak", HerID: "81234", OrgNumber: "974760673"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetServiceAddress(ctx, root, intake.ServiceAddress{Code: "dps", Address: intake.Address{HerID: "95678"}}); err != nil {
		t.Fatal(err)
	}
	// The real store records each message; the file is cmd/envei's part.
	opts.SendMessages = func(ctx context.Context, acc intake.Access, ref string, receivers []string) []MessageResult {
		var out []MessageResult
		for _, r := range receivers {
			id, err := s.WriteMessage(ctx, acc, ref, r, false, func(intake.NoteInput, message.Input) error { return nil })
			out = append(out, MessageResult{Receiver: r, MsgID: id, Err: err})
		}
		return out
	}
	c := startConsole(t, opts, 120, 60)
	c.waitFor("No open referrals")
	c.key("/")
	c.typeText("2026-00001")
	c.waitFor("/ 2026-00001")
	c.key("enter")
	c.waitFor("Referral 2026-00001")
	c.key("m")
	c.waitFor("E-messages for 2026-00001", "Transfer note → DPS", "Transfer note → Municipal", "Write these e-messages to the outbox?")
	c.key("enter") // the safe answer: nothing written
	c.waitFor("Referral 2026-00001")
	if msgs, _ := s.Messages(ctx, "2026-00001"); len(msgs) != 0 {
		t.Fatalf("enter wrote %d messages", len(msgs))
	}
	c.key("m")
	c.waitFor("Write these e-messages to the outbox?")
	c.key("y")
	c.waitFor("written: Transfer note → DPS", "not written: Transfer note → Municipal", "an address is missing", "1 of 2 e-messages written.")
	c.key("esc")
	c.waitFor("Referral 2026-00001", "E-messages", "sent, no receipt yet")
	c.quit()
	if msgs, _ := s.Messages(ctx, "2026-00001"); len(msgs) != 1 || msgs[0].Receiver != "dps" {
		t.Errorf("messages recorded: %+v", msgs)
	}
}

// d in the referral view records a rejected transfer as handled another
// way (the note asked for, in the user's language); the referral leaves
// the open worklist and the timeline says so.
func TestRecordRejectionHandled(t *testing.T) {
	for _, c := range []struct {
		lang                   Lang
		key, form, event, done string
		emptyWorklist          string
	}{
		{LangEN, "rejection handled", "How was the rejection handled?", "rejection handled", "recorded as handled", "No open referrals"},
		{LangNB, "avvisning håndtert", "Hvordan ble avvisningen håndtert?", "avvisning håndtert", "registrert som håndtert", "Ingen åpne henvisninger"},
	} {
		t.Run(string(c.lang), func(t *testing.T) {
			_, opts := routedWithReceipts(t, c.lang)
			con := startConsole(t, opts, 110, 60)
			con.waitFor("2026-00001")
			con.key("enter")
			con.waitFor("2026-00001", "E21")
			con.key("?")
			con.waitFor("d " + c.key)
			con.key("?")
			con.key("d")
			con.waitFor(c.form)
			con.typeText("Phoned the unit; the note went by post.")
			con.key("enter")
			con.waitFor(c.done, c.event)
			con.key("esc")
			con.waitFor(c.emptyWorklist)
			con.quit()
		})
	}
}
