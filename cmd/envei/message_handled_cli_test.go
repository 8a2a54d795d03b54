package main

import (
	"context"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"envei/intake"
	"envei/store"
)

// rejectedHarness is messageHarness with R3's message to the DPS written
// by kari and rejected by the receiver: R3 is back on the open worklist,
// flagged.
func rejectedHarness(t *testing.T) *harness {
	t.Helper()
	h := messageHarness(t)
	setAddresses(h)
	h.ok("message", "R3", "--to", "dps")
	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := s.Messages(context.Background(), "R3")
	s.Close()
	if err != nil || len(msgs) != 1 {
		t.Fatal(msgs, err)
	}
	h.stdin = appRec(msgs[0].MsgID, "2", `<Error V="E21" S="2.16.578.1.12.4.1.1.8221" DN="Mottaker finnes ikke"/>`)
	h.ok("receipt", "-")
	if !rejectionFlagged(t, h, "R3") {
		t.Fatal("R3 is not flagged on the open worklist after its rejection")
	}
	return h
}

// rejectionFlagged reports whether ref is on the open worklist flagged
// for a rejected e-message.
func rejectionFlagged(t *testing.T, h *harness, ref string) bool {
	t.Helper()
	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.Worklist(context.Background(), intake.WorklistQuery{Scope: intake.ScopeOpen, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Ref == ref {
			return r.MessageRejected
		}
	}
	return false
}

// envei message handled records on the command line what the console's d
// key records: a rejected transfer put right another way, which takes
// the referral off the worklist. It needs --note, refuses the flags of a
// message, asks a user the patient is not assigned to for --reason (and
// says the whole command line to give), and refuses a second time.
func TestMessageHandled(t *testing.T) {
	h := rejectedHarness(t)
	h.user = "kari"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"message", "handled", "R3"}, "--note"},
		{[]string{"message", "handled", "R3", "--note", " "}, "--note"},
		{[]string{"message", "handled", "R3", "--note", "Phoned.", "--to", "dps"}, "--to"},
		{[]string{"message", "handled", "R3", "--note", "Phoned.", "--attach-pdf"}, "--attach-pdf"},
		{[]string{"message", "handled", "--note", "Phoned."}, "REF"},
		{[]string{"message", "R3", "--note", "Phoned.", "--to", "dps"}, "--note belongs to handled"},
	} {
		if r := h.run(c.args...); r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want usage naming %s", c.args, r.code, r.stderr, c.want)
		}
	}
	if !rejectionFlagged(t, h, "R3") {
		t.Fatal("a refused command changed the worklist")
	}

	h.user = "root" // not R3's clinician
	r := h.run("message", "handled", "R3", "--note", "Phoned the DPS.")
	if r.code != exitFail || !strings.Contains(r.stderr, `envei message handled R3 --note "…" --reason "…"`) {
		t.Errorf("another user without --reason: exit %d, %q", r.code, r.stderr)
	}

	h.user = "kari"
	out := h.ok("message", "handled", "R3", "--note", "Phoned the DPS; the note went by post.")
	if !strings.Contains(out, "R3: the rejected e-message is recorded as handled") {
		t.Errorf("output %q", out)
	}
	if rejectionFlagged(t, h, "R3") {
		t.Error("R3 is still flagged after the rejection was handled")
	}
	if r := h.run("message", "handled", "R3", "--note", "Again."); r.code != exitFail || !strings.Contains(r.stderr, "no rejected e-message is waiting") {
		t.Errorf("a second time: exit %d, %q", r.code, r.stderr)
	}
	if help := h.ok("message", "--help"); !strings.Contains(help, "envei message handled REF --note") || !strings.Contains(help, "--note TEXT") {
		t.Errorf("--help does not tell the handled form:\n%s", help)
	}
}

// Over envei serve the handled form runs as the key's person, as every
// message command does.
func TestMessageHandledOverSSH(t *testing.T) {
	h := rejectedHarness(t)
	h.user = "root"
	kari, kariPub := writeKeyPair(t, t.TempDir(), "kari", "kari@desk")
	h.ok("clinician", "key", "add", "kari", kariPub)
	ts := serveHarness(t, h, serveOptions{maxSessions: 10})
	c, err := ts.dial(gossh.PublicKeys(kari))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got := sshRun(t, c, `message handled R3 --note "Phoned the DPS."`, "")
	if got.code != 0 || !strings.Contains(got.stdout, "recorded as handled") {
		t.Fatalf("over SSH: %+v", got)
	}
	if rejectionFlagged(t, h, "R3") {
		t.Error("R3 is still flagged after the rejection was handled over SSH")
	}
}
