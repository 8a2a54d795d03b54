package store

import (
	"context"
	"errors"
	"testing"

	"envei/intake"
)

// A referral that arrived on Friday and is registered on Monday keeps
// Friday: the 10-working-day deadline counts from the day received, and a
// day in the future is refused.
func TestRegisterKeepsTheDayReceived(t *testing.T) {
	s := newStore(t, true) // today is Sunday 2026-11-22
	ctx := context.Background()
	friday := intake.MustParseDate("2026-11-20")
	row, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelGP, AddressedTo: intake.AddressedDPS,
		Name: "Test Person", Received: friday}, intake.Details{Reason: "low mood"})
	if err != nil {
		t.Fatal(err)
	}
	if !row.Referral.Received.Equal(friday) || row.Deadline.String() != "2026-12-04" {
		t.Errorf("received %v, deadline %v; want 2026-11-20 and ten working days later, 2026-12-04", row.Referral.Received, row.Deadline)
	}
	_, err = s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person",
		Received: intake.MustParseDate("2026-11-23")}, intake.Details{Reason: "low mood"})
	var fe FieldErrors
	if !errors.As(err, &fe) || fe[0].Column != intake.ColReceived {
		t.Errorf("received tomorrow: %v", err)
	}
}

// PriorReferrals finds every referral of a national id, open ones first,
// with no more than ref, state and days, and logs each as a lookup.
func TestPriorReferralsOpenAndClosed(t *testing.T) {
	s := newStore(t, true)
	ctx := context.Background()
	const id = "14838510036"
	reg := func(received string) string {
		row, err := s.Register(ctx, admin, intake.Referral{Channel: intake.ChannelSelf, Name: "Test Person", NationalID: id,
			Received: intake.MustParseDate(received)}, intake.Details{Reason: "low mood"})
		if err != nil {
			t.Fatal(err)
		}
		return row.Referral.Ref
	}
	old := reg("2026-10-01")
	d, _ := s.ReferralDetail(ctx, reading(admin), old)
	if _, err := s.Withdraw(ctx, acting(admin), old, d.Version, "moved away"); err != nil {
		t.Fatal(err)
	}
	open := reg("2026-11-20")
	var before int
	s.db.QueryRow(`SELECT count(*) FROM access_log WHERE what = ?`, readLookup).Scan(&before)

	prior, err := s.PriorReferrals(ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(prior) != 2 || prior[0].Ref != open || prior[0].State != intake.StateRegistered || !prior[0].Closed.IsZero() ||
		prior[1].Ref != old || prior[1].State != intake.StateWithdrawn || prior[1].Closed.String() != "2026-11-22" ||
		prior[1].Received.String() != "2026-10-01" {
		t.Errorf("prior referrals: %+v", prior)
	}
	var after int
	s.db.QueryRow(`SELECT count(*) FROM access_log WHERE what = ?`, readLookup).Scan(&after)
	if after-before != 2 {
		t.Errorf("%d lookups logged, want 2", after-before)
	}
	if none, err := s.PriorReferrals(ctx, admin, "01857010015"); err != nil || len(none) != 0 {
		t.Errorf("another id: %v, %v", none, err)
	}
}
