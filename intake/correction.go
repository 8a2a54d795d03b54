package intake

import (
	"errors"
	"fmt"
	"strings"
)

// Correcting a mistake. A routing decision is corrected as a new version
// with a reason (the old one stays, as an amended assessment's does); a
// registration that should never have been a referral of its own is
// voided, or merged as a duplicate into the referral it repeats. Each
// correction names who made it and why in the trail, and the reports
// count the latest routing and leave voided referrals out.

// Event kinds a correction leaves in the trail.
const (
	EventRouted           = "routed"
	EventRoutingCorrected = "routing_corrected"
	EventVoided           = "voided"
	EventMergedInto       = "merged_into" // on the duplicate: detail names the surviving ref
	EventMergedFrom       = "merged_from" // on the surviving referral: detail names the duplicate's ref
)

// TransferSentEvents are the trail entries that mark the transfer as sent
// to the receiving service: the transfer e-message written (Dialogmelding,
// envei message), or the transfer note printed after the routing decision,
// since the note carries the routing and a clinician may attach it in
// their own system instead.
var TransferSentEvents = []string{"note_printed", EventMessageWritten}

// MinCorrectionReason keeps a correction's reason from being a keystroke.
const MinCorrectionReason = MinReasonLength

var (
	// ErrCorrectionReason: a correction needs a reason the review can judge.
	ErrCorrectionReason = errors.New("say why (at least 10 characters): the reason stays in the trail")
	// ErrTransferSent: the routing already left with the transfer note;
	// only a supervisor corrects it now.
	ErrTransferSent = fmt.Errorf("%w: the transfer note with this routing was already sent; a supervisor corrects it now", ErrForbidden)
	// ErrNotRouter: before the transfer is sent, the clinician who routed
	// (or a supervisor) corrects the routing.
	ErrNotRouter = fmt.Errorf("%w: the routing is corrected by the clinician who routed, or by a supervisor", ErrForbidden)
)

// RoutingVersion is one version of a referral's routing decision.
type RoutingVersion struct {
	Version  int
	Routed   Date
	Outcomes []string
	Note     string
	Author   string // username
	SavedAt  string // UTC timestamp
	Reason   string // why it was corrected; "" for the first version
}

// CheckCorrectionReason says whether reason is enough for the trail.
func CheckCorrectionReason(reason string) error {
	if len([]rune(strings.TrimSpace(reason))) < MinCorrectionReason {
		return ErrCorrectionReason
	}
	return nil
}

// TransferSent reports whether the transfer was sent after the routing
// decision: an event of a TransferSentEvents kind after the first routed
// event. events are oldest first. A note printed before the routing did
// not carry it.
func TransferSent(events []Event) bool {
	routed := false
	for _, e := range events {
		switch {
		case e.Kind == EventRouted:
			routed = true
		case routed && sentKind(e.Kind):
			return true
		}
	}
	return false
}

func sentKind(kind string) bool {
	for _, k := range TransferSentEvents {
		if k == kind {
			return true
		}
	}
	return false
}

// RoutedBy returns who made the referral's current routing: the actor of
// the latest routed or routing_corrected event ("" when none).
func RoutedBy(events []Event) string {
	by := ""
	for _, e := range events {
		if e.Kind == EventRouted || e.Kind == EventRoutingCorrected {
			by = e.Actor
		}
	}
	return by
}

// CanCorrectRouting applies the rule for correcting r's routing: the
// referral is routed (a did-not-attend closure included) and not voided;
// before the transfer is sent, the clinician who routed corrects it,
// after it only a supervisor. A supervisor may always, as roles are
// ordered. The reason is required either way.
func CanCorrectRouting(who Clinician, r Referral, events []Event, reason string) error {
	if st := r.State(); st != StateRouted {
		return fmt.Errorf("%w: only a routed referral has a routing to correct (this one is %s)", ErrStep, st)
	}
	if err := CheckCorrectionReason(reason); err != nil {
		return err
	}
	if who.Role.AtLeast(RoleSupervisor) {
		return nil
	}
	if !who.Role.AtLeast(RoleClinician) {
		return ErrForbidden
	}
	if TransferSent(events) {
		return ErrTransferSent
	}
	if RoutedBy(events) != who.Username {
		return ErrNotRouter
	}
	return nil
}

// CanVoid applies the rule for voiding r: a supervisor, with a reason, on
// a referral not already voided.
func CanVoid(who Clinician, r Referral, reason string) error {
	if !who.Role.AtLeast(RoleSupervisor) {
		return fmt.Errorf("%w: a supervisor voids or merges a registration", ErrForbidden)
	}
	if !r.Voided.IsZero() {
		return fmt.Errorf("%w: referral %s is already voided", ErrStep, r.Ref)
	}
	return CheckCorrectionReason(reason)
}

// CanMerge applies the rule for merging the duplicate dup into the
// referral into: as CanVoid for dup; into is another referral, not
// voided; and the two are the same person as far as the record tells
// (both national ids, where both are recorded, are the same). A
// duplicate with a different national id is another person's referral,
// or a typing error: void it instead, with that reason.
func CanMerge(who Clinician, dup, into Referral, reason string) error {
	if err := CanVoid(who, dup, reason); err != nil {
		return err
	}
	switch {
	case dup.Ref == into.Ref:
		return fmt.Errorf("%w: a referral cannot be merged into itself", ErrStep)
	case !into.Voided.IsZero():
		return fmt.Errorf("%w: referral %s is voided; merge into the referral that stays", ErrStep, into.Ref)
	case dup.NationalID != "" && into.NationalID != "" && dup.NationalID != into.NationalID:
		return fmt.Errorf("%w: the two referrals record different national ids; void the wrong one instead", ErrStep)
	}
	return nil
}
