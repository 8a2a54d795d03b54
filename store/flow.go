package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"envei/intake"
)

// Register records a new self-booking or GP referral received today and
// returns it with its new ref (YYYY-NNNNN, numbered per year of receipt).
// Any roster member may register.
func (s *Store) Register(ctx context.Context, who intake.Clinician, r intake.Referral, d intake.Details) (intake.ExportRow, error) {
	var out intake.ExportRow
	err := s.InTx(ctx, func(tx *Tx) error {
		if r.Received.IsZero() {
			r.Received = s.today()
		}
		if r.Channel == intake.ChannelSelf {
			r.AddressedTo = intake.AddressedNone
		}
		ref, err := nextRef(ctx, tx, r.Received.Year())
		if err != nil {
			return err
		}
		r.Ref = ref
		d.RegisteredBy = who.Username
		if err := s.validateReferral(ctx, tx, r, d); err != nil {
			return err
		}
		w, err := s.newReferralWriter(ctx, tx, who.Username, "registered")
		if err != nil {
			return err
		}
		defer w.close()
		id, err := w.write(ctx, r)
		if err != nil {
			return err
		}
		if err := w.finish(ctx); err != nil {
			return err
		}
		if err := s.writeReferral(ctx, tx, id, r, d, s.stamp()); err != nil {
			return err
		}
		// Who registered is set once here; writeReferral writes only what
		// a later step may change.
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET registered_by = ? WHERE id = ?`, who.Username, id); err != nil {
			return err
		}
		sr, err := loadReferral(ctx, tx, ref)
		out = sr.row
		return err
	})
	return out, err
}

// nextRef numbers referrals per year: 2026-00001, 2026-00002, … It runs in
// the write transaction, so two consoles never hand out the same number.
func nextRef(ctx context.Context, tx *Tx, year int) (string, error) {
	prefix := fmt.Sprintf("%04d-", year)
	var last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT max(ref) FROM referrals WHERE ref >= ? AND ref < ? AND length(ref) = 10`,
		prefix+"00000", prefix+"99999~").Scan(&last)
	if err != nil {
		return "", err
	}
	n := 0
	if last.Valid {
		fmt.Sscanf(strings.TrimPrefix(last.String, prefix), "%d", &n)
	}
	return fmt.Sprintf("%s%05d", prefix, n+1), nil
}

// OpenReferralsFor returns the refs of open referrals for a national id, so
// the console can show them before a duplicate is registered. Saying that
// a person has a referral is itself personal data: each ref found is
// logged as a lookup by the registering user, in the same transaction.
func (s *Store) OpenReferralsFor(ctx context.Context, who intake.Clinician, nationalID string) ([]string, error) {
	if !who.Role.AtLeast(intake.RoleClinician) {
		return nil, ErrForbidden
	}
	var refs []string
	err := s.InTx(ctx, func(tx *Tx) error {
		refs = nil // fn may run again (InTx)
		found, err := referralRefs(ctx, tx, `SELECT id, ref FROM referrals
			WHERE national_id = ? AND state NOT IN ('routed', 'withdrawn', 'voided') ORDER BY ref`, nationalID)
		if err != nil {
			return err
		}
		at := s.stamp()
		for _, f := range found {
			err := logAccess(ctx, tx, at, accessEntry{actor: who, referralID: f.id, what: readLookup, basis: intake.BasisRegistrar})
			if err != nil {
				return err
			}
			refs = append(refs, f.ref)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return refs, nil
}

// Schedule books (or rebooks) the first conversation. Rebooking after a
// missed appointment clears the attendance so the visit can be recorded
// again.
//
// Every change to one patient's referral (Schedule, RecordAttendance,
// Route, Withdraw, SaveAssessment, LogSession, CloseTreatment) is made for
// acc on the work need, as a read is: the patient's own clinician, or the
// registrar until a clinician is drawn, acts freely; anyone else gives a
// reason (intake.ErrNeedReason without one), logged with the change as
// break-the-glass for the review (see openPatient).
func (s *Store) Schedule(ctx context.Context, acc intake.Access, ref string, seen int64, day intake.Date, clock string, mode intake.Mode) (intake.ExportRow, error) {
	clock, err := intake.ParseClock(clock)
	if err != nil {
		return intake.ExportRow{}, FieldErrors{{Column: "conversation_time", Reason: err.Error()}}
	}
	return s.change(ctx, acc, ref, seen, writeSchedule, "scheduled",
		func(r intake.Referral) string {
			return "first conversation " + r.FirstConversation.String() + " " + clock + " " + string(mode)
		},
		func(r *intake.Referral, d *intake.Details) error {
			switch r.State() {
			case intake.StateAssigned, intake.StateScheduled, intake.StateDidNotAttend:
			default:
				return fmt.Errorf("%w: a referral that is %s cannot be scheduled", ErrStep, r.State())
			}
			if !mode.Valid() {
				return FieldErrors{{Column: "conversation_mode", Reason: "must be in person, video or phone"}}
			}
			r.FirstConversation, r.Attended = day, intake.AttendanceUnknown
			d.ConversationTime, d.ConversationMode = clock, mode
			return nil
		})
}

// RecordAttendance records whether the patient came to the first
// conversation. It is refused before the day of the conversation.
func (s *Store) RecordAttendance(ctx context.Context, acc intake.Access, ref string, seen int64, attended bool) (intake.ExportRow, error) {
	kind := "attended"
	if !attended {
		kind = "did_not_attend"
	}
	return s.change(ctx, acc, ref, seen, writeAttendance, kind, nil, func(r *intake.Referral, d *intake.Details) error {
		if st := r.State(); st != intake.StateScheduled && st != intake.StateAttended && st != intake.StateDidNotAttend {
			return fmt.Errorf("%w: a referral that is %s has no conversation to record", ErrStep, st)
		}
		if r.FirstConversation.After(s.today()) {
			return fmt.Errorf("%w: the conversation is on %s, after today", ErrStep, r.FirstConversation)
		}
		r.Attended = intake.AttendanceNo
		if attended {
			r.Attended = intake.AttendanceYes
		}
		return nil
	})
}

// Route decides where the patient goes: one or more services, with a short
// justification, today. The GP is marked as to be informed. A patient who
// did not attend is closed with the outcome did_not_attend alone.
func (s *Store) Route(ctx context.Context, acc intake.Access, ref string, seen int64, outcomes []string, note string) (intake.ExportRow, error) {
	if len(outcomes) == 0 {
		return intake.ExportRow{}, FieldErrors{{Column: "outcomes", Reason: "choose at least one service"}}
	}
	return s.change(ctx, acc, ref, seen, writeRoute, "routed",
		func(r intake.Referral) string { return "to " + strings.Join(r.Outcomes, "+") },
		func(r *intake.Referral, d *intake.Details) error {
			// A patient who came is routed on the completed assessment; one
			// who did not is closed with the outcome did not attend.
			switch st := r.State(); st {
			case intake.StateAssessed, intake.StateDidNotAttend:
			case intake.StateAttended:
				return ErrAssessmentNeeded
			default:
				return fmt.Errorf("%w: a referral that is %s cannot be routed yet", ErrStep, st)
			}
			retired, err := s.retiredServices(ctx)
			if err != nil {
				return err
			}
			for _, o := range outcomes {
				if retired[o] {
					return FieldErrors{{Column: "outcomes", Reason: "a retired service takes no new patients"}}
				}
			}
			r.Routed, r.Outcomes = s.today(), s.catalogueOrder(ctx, outcomes)
			d.RouteNote = strings.TrimSpace(note)
			d.GPToInform = r.Channel == intake.ChannelGP
			return nil
		})
}

// Withdraw ends an open referral, for example when the patient cancels.
func (s *Store) Withdraw(ctx context.Context, acc intake.Access, ref string, seen int64, reason string) (intake.ExportRow, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return intake.ExportRow{}, FieldErrors{{Column: "reason", Reason: "say why the referral is withdrawn"}}
	}
	if err := intake.CheckLine("reason", reason); err != nil {
		return intake.ExportRow{}, err
	}
	return s.change(ctx, acc, ref, seen, writeWithdraw, "withdrawn", func(intake.Referral) string { return reason },
		func(r *intake.Referral, d *intake.Details) error {
			if !r.State().Open() {
				return fmt.Errorf("%w: the referral is already %s", ErrStep, r.State())
			}
			r.Withdrawn = s.today()
			return nil
		})
}

func (s *Store) retiredServices(ctx context.Context) (map[string]bool, error) {
	codes, err := stringColumn(ctx, s.db, `SELECT code FROM services WHERE retired = 1`)
	out := map[string]bool{}
	for _, c := range codes {
		out[c] = true
	}
	return out, err
}

// catalogueOrder sorts service codes as the catalogue lists them, so the
// same choice is always stored and exported the same way.
func (s *Store) catalogueOrder(ctx context.Context, codes []string) []string {
	svcs, err := s.Services(ctx)
	if err != nil {
		return codes
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	var out []string
	for _, svc := range svcs {
		if want[svc.Code] {
			out = append(out, svc.Code)
			delete(want, svc.Code)
		}
	}
	for _, c := range codes { // unknown codes stay, for validation to name
		if want[c] {
			out = append(out, c)
		}
	}
	return out
}

// IsConflict reports whether err means someone else changed the referral.
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }
