package intake

import (
	"errors"
	"testing"
)

// The routing correction rule: before the transfer is sent, the clinician
// who routed (or a supervisor); after, a supervisor only; a printed note
// counts as sent only after the routing it carries.
func TestCanCorrectRouting(t *testing.T) {
	routed := Referral{Ref: "R1", Received: MustParseDate("2026-11-02"), Routed: MustParseDate("2026-11-06"), Outcomes: []string{"dps"}}
	kari := Clinician{Username: "kari", Role: RoleClinician}
	ola := Clinician{Username: "ola", Role: RoleClinician}
	sol := Clinician{Username: "sol", Role: RoleSupervisor}
	routedByKari := []Event{{Kind: "registered", Actor: "root"}, {Kind: "note_printed", Actor: "kari"}, {Kind: EventRouted, Actor: "kari"}}
	sent := append(append([]Event(nil), routedByKari...), Event{Kind: "note_printed", Actor: "kari"})
	const why = "picked the wrong service"
	for _, c := range []struct {
		name   string
		who    Clinician
		r      Referral
		events []Event
		reason string
		want   error
	}{
		{"the router before sending", kari, routed, routedByKari, why, nil},
		{"a note printed before routing is not sent", kari, routed, routedByKari, why, nil},
		{"another clinician", ola, routed, routedByKari, why, ErrNotRouter},
		{"the router after sending", kari, routed, sent, why, ErrTransferSent},
		{"a supervisor after sending", sol, routed, sent, why, nil},
		{"a short reason", kari, routed, routedByKari, "oops", ErrCorrectionReason},
		{"not routed", kari, Referral{Ref: "R1", Received: MustParseDate("2026-11-02")}, nil, why, ErrStep},
		{"voided", sol, Referral{Ref: "R1", Routed: routed.Routed, Voided: MustParseDate("2026-11-20")}, sent, why, ErrStep},
	} {
		err := CanCorrectRouting(c.who, c.r, c.events, c.reason)
		if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if RoutedBy(append(sent, Event{Kind: EventRoutingCorrected, Actor: "sol"})) != "sol" {
		t.Error("the latest correction's author routed last")
	}
}

func TestNationalIDQuery(t *testing.T) {
	for in, want := range map[string]bool{"14838510036": true, " 148385 10036 ": true, "1483851003": false, "Kari 14838510036": false, "R1": false} {
		if _, ok := NationalIDQuery(in); ok != want {
			t.Errorf("%q: %v", in, ok)
		}
	}
}
