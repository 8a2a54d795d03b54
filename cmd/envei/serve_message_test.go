package main

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/store"
	"envei/tui"
)

// A served console has the referral view's e-message key: its Options
// carry SendMessages, and a message sent from a session is written as the
// session's person into the outbox next to the server's database.
func TestServedConsoleSendsMessagesIntoTheServersOutbox(t *testing.T) {
	h := messageHarness(t)
	setAddresses(h)
	ctx := context.Background()
	s, err := store.Open(ctx, h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kari, err := s.Actor(ctx, "kari")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{stderr: io.Discard, now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }}
	sv := newServer(a, s, serveOptions{maxSessions: 1}, nil)
	defer sv.cancel()
	opts := sv.consoleOptions(&liveSession{who: kari, ctx: ctx}, tui.LangNB)
	if opts.SendMessages == nil {
		t.Fatal("a served console has no SendMessages: its referral view offers no e-messages")
	}
	res := opts.SendMessages(ctx, intake.Access{Who: kari}, "R3", []string{"dps"})
	if len(res) != 1 || res[0].Err != nil || res[0].MsgID == "" {
		t.Fatalf("results: %+v", res)
	}
	files := outboxFiles(t, h)
	if len(files) != 1 || !strings.HasSuffix(files[0], res[0].MsgID+".xml") {
		t.Fatalf("the server's outbox holds %v, want %s.xml", files, res[0].MsgID)
	}
	doc, _ := os.ReadFile(files[0])
	if !strings.Contains(string(doc), "Overføringsnotat") {
		t.Error("the session's language (nb) is not the message's")
	}
	msgs, err := s.Messages(ctx, "R3")
	if err != nil || len(msgs) != 1 || msgs[0].Receiver != "dps" || msgs[0].WrittenBy != "kari" {
		t.Fatalf("recorded: %+v %v", msgs, err)
	}
}

// Over real SSH: kari's served console opens her routed referral, m
// lists the messages, y writes them into the server's outbox as hers.
func TestServedConsoleMKeyWritesMessagesOverSSH(t *testing.T) {
	h := messageHarness(t)
	setAddresses(h)
	h.user = "root"
	kari, kariPub := writeKeyPair(t, t.TempDir(), "kari", "kari@desk")
	h.ok("clinician", "key", "add", "kari", kariPub)
	ts := serveHarness(t, h, serveOptions{maxSessions: 10})
	k := openConsole(t, ts, kari, "xterm-256color", nil, "envei")
	m := k.mark()
	k.press("/")
	time.Sleep(150 * time.Millisecond)
	k.press("R3")
	time.Sleep(150 * time.Millisecond)
	k.press("\r")
	// The view's keys come with its content: m before it is read is no key.
	k.waitAfter(m, "Needs treatment.", 5*time.Second)
	m = k.mark()
	k.press("m")
	k.waitAfter(m, "Write these e-messages to the outbox?", 5*time.Second)
	m = k.mark()
	k.press("y")
	k.waitAfter(m, "e-messages written.", 5*time.Second)

	files := outboxFiles(t, h)
	if len(files) != 2 {
		t.Fatalf("the server's outbox holds %d messages, want 2 (dps and municipal): %v", len(files), files)
	}
	s, err := store.Open(context.Background(), h.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	msgs, err := s.Messages(context.Background(), "R3")
	if err != nil || len(msgs) != 2 {
		t.Fatalf("recorded: %+v %v", msgs, err)
	}
	for _, msg := range msgs {
		if msg.WrittenBy != "kari" {
			t.Errorf("message to %s written by %q, want kari", msg.Receiver, msg.WrittenBy)
		}
	}
}
