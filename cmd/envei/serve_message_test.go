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
