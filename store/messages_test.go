package store

import (
	"context"
	"errors"
	"testing"

	"envei/intake"
	"envei/intake/message"
)

// messageReady gives ref a routing to the DPS (beside what it has) and
// the reception and the DPS their addresses, so a message can be written.
func messageReady(ctx context.Context, s *Store, ref string) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO referral_outcomes (referral_id, service_code)
		SELECT id, 'dps' FROM referrals WHERE ref = ? ON CONFLICT DO NOTHING`, ref); err != nil {
		return err
	}
	if err := s.SetReceptionAddress(ctx, admin, intake.Address{Name: "Mottak", HerID: "81234", OrgNumber: "974760673"}); err != nil {
		return err
	}
	return s.SetServiceAddress(ctx, admin, intake.ServiceAddress{Code: "dps", Address: intake.Address{HerID: "95678"}})
}

// A message is never rewritten and never deleted; its receipt is filled
// in once. The triggers hold it even against SQL from outside envei.
func TestMessagesAreNeverRewritten(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	if err := messageReady(ctx, f.s, f.ref); err != nil {
		t.Fatal(err)
	}
	id, err := f.s.WriteMessage(ctx, intake.Access{Who: f.assigned}, f.ref, "dps", false, func(intake.NoteInput, message.Input) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.db.Exec(`UPDATE messages SET receiver = 'municipal' WHERE msg_id = ?`, id); err == nil {
		t.Error("a message was rewritten")
	}
	if _, err := f.s.db.Exec(`DELETE FROM messages WHERE msg_id = ?`, id); err == nil {
		t.Error("a message was deleted")
	}
	if err := f.s.RecordReceipt(ctx, f.assigned, message.Receipt{OriginalMsgID: id, Status: "1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.db.Exec(`UPDATE messages SET receipt_status = '2' WHERE msg_id = ?`, id); err == nil {
		t.Error("a receipt was rewritten")
	}
	if err := f.s.RecordReceipt(ctx, f.assigned, message.Receipt{OriginalMsgID: id, Status: "2"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("second receipt: %v", err)
	}
	// A composer's refusal records nothing.
	refuse := errors.New("refused")
	if _, err := f.s.WriteMessage(ctx, intake.Access{Who: f.assigned}, f.ref, "dps", false, func(intake.NoteInput, message.Input) error { return refuse }); !errors.Is(err, refuse) {
		t.Fatal(err)
	}
	var n int
	f.s.db.QueryRow(`SELECT count(*) FROM messages`).Scan(&n)
	if n != 1 {
		t.Errorf("%d messages recorded, want 1", n)
	}
	// The reception itself is no transfer.
	if _, err := f.s.WriteMessage(ctx, intake.Access{Who: f.assigned}, f.ref, intake.ServiceReception, false, func(intake.NoteInput, message.Input) error { return nil }); !errors.Is(err, ErrStep) {
		t.Errorf("message to the reception: %v", err)
	}
}

// A referral with a message rejected by its receiver is flagged in the
// worklist's rows until a message sent again to that receiver is
// acknowledged: the patient is not transferred before that.
func TestWorklistFlagsRejectedMessage(t *testing.T) {
	f := newAccessFixture(t)
	ctx := context.Background()
	if err := messageReady(ctx, f.s, f.ref); err != nil {
		t.Fatal(err)
	}
	write := func() string {
		id, err := f.s.WriteMessage(ctx, intake.Access{Who: f.assigned}, f.ref, "dps", false, func(intake.NoteInput, message.Input) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	flagged := func() bool {
		rows, err := f.s.Worklist(ctx, intake.WorklistQuery{Scope: intake.ScopeAll, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Ref == f.ref {
				return r.MessageRejected
			}
		}
		t.Fatal("referral not in the all view")
		return false
	}
	first := write()
	if flagged() {
		t.Error("flagged before any receipt")
	}
	if err := f.s.RecordReceipt(ctx, f.assigned, message.Receipt{OriginalMsgID: first, Status: "2"}); err != nil {
		t.Fatal(err)
	}
	if !flagged() {
		t.Error("a rejected message is not flagged")
	}
	again := write()
	if !flagged() {
		t.Error("the flag went when the message was sent again, before its receipt")
	}
	if err := f.s.RecordReceipt(ctx, f.assigned, message.Receipt{OriginalMsgID: again, Status: "3"}); err != nil {
		t.Fatal(err)
	}
	if flagged() {
		t.Error("still flagged after the message sent again was acknowledged")
	}
}
