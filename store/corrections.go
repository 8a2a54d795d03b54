package store

import (
	"context"
	"fmt"
	"strings"

	"envei/intake"
)

// Corrections: a routing corrected as a new version, a registration
// voided, a duplicate merged into the referral it repeats. Each one is a
// write on a patient's referral, so it opens the record through
// openPatient first (the work-need rule, logged), and leaves its reason in
// the trail. intake/correction.go holds the rules.

// CorrectRouting replaces the routing of a routed referral with outcomes
// and note, as a new routing version with its reason. The first
// correction copies the routing as first decided into the routings table
// as version 1, so the old one stays. The day of the routing decision is
// kept: the correction fixes the record of that decision, it is not a new
// one (the reports' days to routing do not move). The GP is marked to be
// informed again. seen is the referral version the user saw (0 skips the
// check).
func (s *Store) CorrectRouting(ctx context.Context, acc intake.Access, ref string, seen int64, outcomes []string, note, reason string) (intake.ExportRow, error) {
	var out intake.ExportRow
	if len(outcomes) == 0 {
		return out, FieldErrors{{Column: "outcomes", Reason: "choose at least one service"}}
	}
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, writeCorrectRoute)
		if err != nil {
			return err
		}
		if seen != 0 && sr.version != seen {
			return ErrConflict
		}
		trail, err := events(ctx, tx, ref)
		if err != nil {
			return err
		}
		r := sr.row.Referral
		if err := intake.CanCorrectRouting(acc.Who, r, trail, reason); err != nil {
			return err
		}
		d, err := loadDetails(ctx, tx, sr.id)
		if err != nil {
			return err
		}
		versions, err := routings(ctx, tx, sr.id)
		if err != nil {
			return err
		}
		if len(versions) == 0 {
			first := intake.RoutingVersion{Version: 1, Routed: r.Routed, Outcomes: r.Outcomes, Note: d.RouteNote,
				Author: intake.RoutedBy(trail), SavedAt: routedAt(trail)}
			if err := insertRouting(ctx, tx, sr.id, first); err != nil {
				return err
			}
			versions = append(versions, first)
		}
		retired, err := s.retiredServices(ctx)
		if err != nil {
			return err
		}
		for _, o := range outcomes {
			if retired[o] && !r.HasOutcome(o) {
				return FieldErrors{{Column: "outcomes", Reason: "a retired service takes no new patients"}}
			}
		}
		was := strings.Join(r.Outcomes, "+")
		r.Outcomes = s.catalogueOrder(ctx, outcomes)
		if n := strings.TrimSpace(note); n != "" {
			d.RouteNote = n
		}
		d.GPToInform = r.Channel == intake.ChannelGP
		if err := s.validateReferral(ctx, tx, r, d); err != nil {
			return err
		}
		at := s.stamp()
		if err := s.writeReferral(ctx, tx, sr.id, r, d, at); err != nil {
			return err
		}
		v := intake.RoutingVersion{Version: versions[len(versions)-1].Version + 1, Routed: r.Routed, Outcomes: r.Outcomes,
			Note: d.RouteNote, Author: acc.Who.Username, SavedAt: at, Reason: strings.TrimSpace(reason)}
		if err := insertRouting(ctx, tx, sr.id, v); err != nil {
			return err
		}
		detail := fmt.Sprintf("version %d: to %s (was %s): %s", v.Version, strings.Join(r.Outcomes, "+"), was, v.Reason)
		if err := appendEvent(ctx, tx, at, acc.Who.Username, sr.id, intake.EventRoutingCorrected, detail); err != nil {
			return err
		}
		sr, err = loadReferral(ctx, tx, ref)
		out = sr.row
		return err
	})
	return out, err
}

// Routings returns the routing versions of a referral, oldest first, for
// acc (logged as a read of the referral). A referral routed once and
// never corrected has one version, made from the referral itself.
func (s *Store) Routings(ctx context.Context, acc intake.Access, ref string) ([]intake.RoutingVersion, error) {
	var out []intake.RoutingVersion
	err := s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, readReferral)
		if err != nil {
			return err
		}
		if out, err = routings(ctx, tx, sr.id); err != nil || len(out) > 0 || sr.row.Referral.Routed.IsZero() {
			return err
		}
		trail, err := events(ctx, tx, ref)
		if err != nil {
			return err
		}
		d, err := loadDetails(ctx, tx, sr.id)
		r := sr.row.Referral
		out = []intake.RoutingVersion{{Version: 1, Routed: r.Routed, Outcomes: r.Outcomes, Note: d.RouteNote,
			Author: intake.RoutedBy(trail), SavedAt: routedAt(trail)}}
		return err
	})
	return out, err
}

// routedAt is when the first routing was recorded, from the trail.
func routedAt(trail []intake.Event) string {
	for _, e := range trail {
		if e.Kind == intake.EventRouted {
			return e.At
		}
	}
	return ""
}

func routings(ctx context.Context, q rowsQueryer, referralID int64) ([]intake.RoutingVersion, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, routed, outcomes, note, author, saved_at, reason
		FROM routings WHERE referral_id = ? ORDER BY version`, referralID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []intake.RoutingVersion
	for rows.Next() {
		var v intake.RoutingVersion
		var routed, outcomes string
		if err := rows.Scan(&v.Version, &routed, &outcomes, &v.Note, &v.Author, &v.SavedAt, &v.Reason); err != nil {
			return nil, err
		}
		if v.Routed, err = intake.ParseDate(routed); err != nil {
			return nil, fmt.Errorf("routing row of referral %d: damaged date", referralID)
		}
		v.Outcomes = splitOutcomes(outcomes)
		out = append(out, v)
	}
	return out, rows.Err()
}

func insertRouting(ctx context.Context, tx *Tx, referralID int64, v intake.RoutingVersion) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO routings (referral_id, version, routed, outcomes, note, author, saved_at, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		referralID, v.Version, v.Routed.String(), strings.Join(v.Outcomes, "+"), v.Note, v.Author, v.SavedAt, v.Reason)
	return err
}

// VoidReferral voids a registration that should never have been a
// referral of its own (entered twice with nothing to merge, a test entry,
// the wrong patient): a supervisor, with a reason. Nothing is deleted:
// the referral keeps its trail, draws and assessment and can still be
// opened; it leaves the worklist and every report.
func (s *Store) VoidReferral(ctx context.Context, acc intake.Access, ref string, seen int64, reason string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		sr, err := s.openPatient(ctx, tx, acc, ref, writeVoid)
		if err != nil {
			return err
		}
		if seen != 0 && sr.version != seen {
			return ErrConflict
		}
		if err := intake.CanVoid(acc.Who, sr.row.Referral, reason); err != nil {
			return err
		}
		at := s.stamp()
		if err := s.markVoided(ctx, tx, sr, 0, at); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, acc.Who.Username, sr.id, intake.EventVoided, strings.TrimSpace(reason))
	})
}

// MergeReferral merges the duplicate registration dup into the referral
// into, which survives: a supervisor, with a reason. The simplest honest
// rule: nothing moves. The duplicate is voided and points to the
// survivor; its events, draws and assessment stay where they were made,
// in its own trail, readable from it (under the work-need rule like any
// record). Both trails say so: merged_into on the duplicate,
// merged_from on the survivor. Whatever of the duplicate still matters
// is entered on the survivor by its clinician, in the normal way.
func (s *Store) MergeReferral(ctx context.Context, acc intake.Access, dup, into, reason string) error {
	return s.InTx(ctx, func(tx *Tx) error {
		d, err := s.openPatient(ctx, tx, acc, dup, writeMerge)
		if err != nil {
			return err
		}
		keep, err := s.openPatient(ctx, tx, acc, into, writeMerge)
		if err != nil {
			return err
		}
		if err := intake.CanMerge(acc.Who, d.row.Referral, keep.row.Referral, reason); err != nil {
			return err
		}
		at := s.stamp()
		if err := s.markVoided(ctx, tx, d, keep.id, at); err != nil {
			return err
		}
		// The survivor's version moves too, so a console showing it
		// reloads and shows the merge in its timeline.
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET version = version + 1, updated_at = ? WHERE id = ?`, at, keep.id); err != nil {
			return err
		}
		reason = strings.TrimSpace(reason)
		if err := appendEvent(ctx, tx, at, acc.Who.Username, d.id, intake.EventMergedInto, into+": "+reason); err != nil {
			return err
		}
		return appendEvent(ctx, tx, at, acc.Who.Username, keep.id, intake.EventMergedFrom, dup+": "+reason)
	})
}

// markVoided sets the voided day (and the survivor of a merge, when
// mergedInto is not 0), the derived state, and takes the referral off the
// worklist.
func (s *Store) markVoided(ctx context.Context, tx *Tx, sr storedReferral, mergedInto int64, at string) error {
	r := sr.row.Referral
	r.Voided = s.today()
	_, err := tx.ExecContext(ctx, `UPDATE referrals SET voided = ?, merged_into = ?, state = ?, on_worklist = 0,
		version = version + 1, updated_at = ? WHERE id = ?`,
		r.Voided.String(), nullID(mergedInto), string(r.State()), at, sr.id)
	if err != nil {
		return err
	}
	return retally(ctx, tx, sr.id)
}
