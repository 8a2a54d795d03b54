package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"envei/intake"
	"envei/intake/message"
)

// A patient whose transfer was rejected is not transferred: the routed
// referral comes back onto the open worklist, flagged, and stays there
// while the message sent again waits for its receipt; it leaves when that
// message is acknowledged.
func TestRejectedTransferReturnsToTheOpenWorklist(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	kari := routedByKari(t, s)
	if err := messageReady(ctx, s, "R1"); err != nil {
		t.Fatal(err)
	}
	write := func() string {
		t.Helper()
		id, err := s.WriteMessage(ctx, acting(kari), "R1", "dps", false, func(intake.NoteInput, message.Input) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	receipt := func(id, status string) {
		t.Helper()
		if err := s.RecordReceipt(ctx, kari, message.Receipt{OriginalMsgID: id, Status: status}); err != nil {
			t.Fatal(err)
		}
	}
	open := func() (shown, flagged bool) {
		t.Helper()
		rows, err := s.Worklist(ctx, intake.WorklistQuery{Scope: intake.ScopeOpen, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Ref == "R1" {
				return true, r.MessageRejected
			}
		}
		return false, false
	}
	first := write()
	if shown, _ := open(); shown {
		t.Fatal("a routed referral is on the open worklist before any receipt")
	}
	receipt(first, "2")
	if shown, flagged := open(); !shown || !flagged {
		t.Fatalf("after the rejection: on the open worklist %v, flagged %v; want both", shown, flagged)
	}
	// A change to the referral that rewrites it keeps it there.
	mustAdd(t, s, supervisor)
	sup := intake.Access{Who: supervisor, Reason: "the municipality takes part as well"}
	if _, err := s.CorrectRouting(ctx, sup, "R1", 0, []string{"dps", "municipal"}, "", sup.Reason); err != nil {
		t.Fatal(err)
	}
	if shown, flagged := open(); !shown || !flagged {
		t.Fatalf("after a routing correction: on the open worklist %v, flagged %v; want both", shown, flagged)
	}
	second := write()
	if shown, _ := open(); !shown {
		t.Error("the message sent again has no receipt yet, but the referral left the open worklist")
	}
	receipt(second, "1")
	if shown, _ := open(); shown {
		t.Error("the message sent again was acknowledged, but the referral stays on the open worklist")
	}
	if err := s.RecordRejectionHandled(ctx, acting(kari), "R1", "phoned"); !errors.Is(err, ErrStep) {
		t.Errorf("handled with no rejection outstanding: %v", err)
	}

	// A rejection handled another way takes it off too, and says so in
	// the trail.
	third := write()
	receipt(third, "2")
	if shown, flagged := open(); !shown || !flagged {
		t.Fatalf("after the second rejection: on the open worklist %v, flagged %v; want both", shown, flagged)
	}
	outstanding := func() bool {
		t.Helper()
		ms, err := s.Messages(ctx, "R1")
		if err != nil {
			t.Fatal(err)
		}
		return intake.RejectionOutstanding(ms)
	}
	if !outstanding() {
		t.Error("the referral's messages show no rejection outstanding")
	}
	if err := s.RecordRejectionHandled(ctx, acting(kari), "R1", "Phoned the DPS; the note went by post."); err != nil {
		t.Fatal(err)
	}
	if outstanding() {
		t.Error("the messages still show a rejection outstanding after it was handled")
	}
	if shown, _ := open(); shown {
		t.Error("the rejection was recorded as handled, but the referral stays on the open worklist")
	}
	trail, err := s.Events(ctx, "R1")
	if err != nil {
		t.Fatal(err)
	}
	if last := trail[len(trail)-1]; last.Kind != EventRejectionHandled || !strings.Contains(last.Detail, third) {
		t.Errorf("last trail entry %+v", last)
	}
}
