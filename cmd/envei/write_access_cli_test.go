package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"envei/intake"
	"envei/store"
)

// Issue 11 §1 through the command line's view of it. The command line has
// no command that changes one patient's referral (envei assign draws, which
// keeps its own rules); changes are made in the console, through the store
// methods used here. Here a second clinician withdraws kari's patient (R2) through
// the store as the console does: without a reason the store refuses and
// the review shows nothing; with one the change is made and
// `envei audit --review` lists it as break-the-glass with the reason.
func TestAuditReviewListsWritesOnAnothersPatient(t *testing.T) {
	h := noteHarness(t)
	h.user = "root"
	h.ok("clinician", "add", "ola", "--name", "Ola Behandler", "--org", "municipal")

	ctx := context.Background()
	s, err := store.Open(ctx, h.db, store.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ola, err := s.Actor(ctx, "ola")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Withdraw(ctx, intake.Access{Who: ola}, "R2", 0, "the patient moved away"); !errors.Is(err, intake.ErrNeedReason) {
		t.Fatalf("ola withdrew kari's patient without a reason: %v", err)
	}
	if review := h.ok("audit", "--review"); strings.Contains(review, "write:") {
		t.Errorf("a refused change is in the review:\n%s", review)
	}
	reason := "kari is away and the patient phoned"
	if _, err := s.Withdraw(ctx, intake.Access{Who: ola, Reason: reason}, "R2", 0, "the patient moved away"); err != nil {
		t.Fatal(err)
	}
	review := h.ok("audit", "--review")
	var line string
	for _, l := range strings.Split(review, "\n") {
		if strings.Contains(l, "write:withdraw") {
			line = l
		}
	}
	for _, want := range []string{"ola", "R2", "break_glass", reason} {
		if !strings.Contains(line, want) {
			t.Errorf("the review's line for ola's withdrawal lacks %q:\n%s", want, review)
		}
	}
	if history := h.ok("audit", "--patient", "R2"); !strings.Contains(history, "write:withdraw") || !strings.Contains(history, "changed: withdrawn") {
		t.Errorf("R2's history lacks the withdrawal:\n%s", history)
	}
}
