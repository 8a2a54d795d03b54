package tui

import (
	"context"
	"math/rand/v2"
	"testing"

	"envei/intake"
	"envei/store"
)

// Once the GP letter is printed the referral view says when and by whom,
// instead of "The GP is to be informed", which stayed after the letter was
// printed before.
func TestReferralViewShowsTheGPLetterPrinted(t *testing.T) {
	s := testStore(t, 0)
	ctx := context.Background()
	root, _ := s.Actor(ctx, "root")
	if err := s.AddClinician(ctx, root, intake.Clinician{Username: "kari", Name: "Kari K", Org: intake.OrgDPS, Role: intake.RoleClinician}); err != nil {
		t.Fatal(err)
	}
	row, err := s.Register(ctx, root, intake.Referral{Channel: intake.ChannelGP, AddressedTo: intake.AddressedMunicipal,
		Name: "Pat Test", GP: "Dr. Lege"}, intake.Details{Reason: "low mood"})
	if err != nil {
		t.Fatal(err)
	}
	ref := row.Referral.Ref
	if _, err := s.Assign(ctx, root, ref, seededSource{rand.New(rand.NewPCG(1, 1))}); err != nil {
		t.Fatal(err)
	}
	rootActing := intake.Access{Who: root, Reason: "test acts on the drawn clinician's patient"}
	steps := []func() error{
		func() error {
			_, err := s.Schedule(ctx, rootActing, ref, 0, testToday, "09:00", intake.ModeInPerson)
			return err
		},
		func() error { _, err := s.RecordAttendance(ctx, rootActing, ref, 0, false); return err },
		func() error {
			_, err := s.Route(ctx, rootActing, ref, 0, []string{intake.ServiceDidNotAttend}, "")
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	view := func(lang Lang, want ...string) {
		t.Helper()
		c := startConsole(t, testOptions(t, s, "root", lang), 100, 30)
		c.waitFor("/ ")
		c.key("/")
		c.typeText(ref)
		c.key("enter")
		c.waitFor("┃ ") // the break-the-glass question, in either language
		c.typeText("checking the record in a test")
		c.key("enter")
		c.waitFor(want...)
		c.quit()
	}
	view(LangEN, "The GP is to be informed.")
	if _, err := s.NoteInput(ctx, rootReading, ref, store.NoteGPLetter); err != nil {
		t.Fatal(err)
	}
	view(LangEN, "GP letter printed 2026-11-22 10:00 by root.")
	view(LangNB, "Brev til fastlegen skrevet ut 22.11.2026 10:00 av root.")
}
