package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"envei/intake"
)

// Kinds of printed document, as NoteInput takes them.
const (
	NoteTransfer = "transfer"  // the first-conversation note that goes with a transfer
	NoteGPLetter = "gp_letter" // the letter telling the GP the outcome
)

// noteEvents are the trail entries a printing leaves.
var noteEvents = map[string]string{
	NoteTransfer: "note_printed",
	NoteGPLetter: "gp_letter_printed",
}

// NoteInput reads what a printed note or GP letter says for acc and logs
// the printing and the access (see openPatient), all in one write
// transaction: a note that leaves the
// reception is always in the trail with who, when and which patient, and
// never shows data other than what was read under that entry. The event
// detail is empty, since whatever it held would be personal data.
//
// A transfer note needs the completed assessment, or a patient who did
// not attend (the note then says so); it may be printed before routing. A
// GP letter needs a GP to write to and an outcome to tell: the patient was
// routed or did not attend. The language is the caller's to set
// (NoteInput.Lang); everything else is filled in here.
func (s *Store) NoteInput(ctx context.Context, acc intake.Access, ref string, kind string) (intake.NoteInput, error) {
	event, ok := noteEvents[kind]
	if !ok {
		return intake.NoteInput{}, fmt.Errorf("note kind must be %q or %q", NoteTransfer, NoteGPLetter)
	}
	var in intake.NoteInput
	err := s.InTx(ctx, func(tx *Tx) error {
		var err error
		in, _, err = s.noteInput(ctx, tx, acc, ref, kind, kind, event, "")
		return err
	})
	if err != nil {
		return intake.NoteInput{}, err
	}
	return in, nil
}

// noteInput is NoteInput inside the caller's transaction: the access is
// logged as what, and the trail entry is event with detail (the
// e-message logs its own, message_written, with the MsgId).
func (s *Store) noteInput(ctx context.Context, tx *Tx, acc intake.Access, ref, kind, what, event, detail string) (intake.NoteInput, int64, error) {
	var in intake.NoteInput
	who := acc.Who
	sr, err := s.openPatient(ctx, tx, acc, ref, what)
	if err != nil {
		return in, 0, err
	}
	err = func() error {
		r := sr.row.Referral
		history, err := assessments(ctx, tx, ref)
		if err != nil {
			return err
		}
		// The latest completed version is the record; a draft on top of
		// it cannot exist (intake.CanSaveDraft), and a draft alone is no
		// one's finding yet.
		var latest *intake.AssessmentVersion
		for k := len(history) - 1; k >= 0; k-- {
			if history[k].Status == intake.AssessmentCompleted {
				v := history[k]
				latest = &v
				break
			}
		}
		if err := notePrintable(r, latest != nil, kind); err != nil {
			return err
		}
		details, err := loadDetails(ctx, tx, sr.id)
		if err != nil {
			return err
		}
		catalogue, err := services(ctx, tx)
		if err != nil {
			return err
		}
		// The note is signed by whoever completed the assessment it
		// shows, which need not be the assigned clinician (a colleague
		// covering, an amendment).
		signBy := r.Clinician
		if latest != nil && latest.Author != "" {
			signBy = latest.Author
		}
		signer, err := noteSigner(ctx, tx, signBy, who)
		if err != nil {
			return err
		}
		consulted, err := consultations(ctx, tx, sr.id)
		if err != nil {
			return err
		}
		in = intake.NoteInput{
			Row: sr.row, Details: details, Assessment: latest, Services: catalogue,
			Clinician: signer, Printed: s.today(), Consultations: consulted,
		}
		if latest != nil && latest.Rights.DecidedBy != "" {
			if in.Decider, err = noteSigner(ctx, tx, latest.Rights.DecidedBy, who); err != nil {
				return err
			}
		}
		if in.GPLetter, err = lastPrinting(ctx, tx, sr.id, noteEvents[NoteGPLetter], who); err != nil {
			return err
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, sr.id, event, detail)
	}()
	return in, sr.id, err
}

// notePrintable says why a note of kind cannot be printed for r yet, or
// nil. The messages name the referral by its ref only.
func notePrintable(r intake.Referral, assessed bool, kind string) error {
	dna := r.Attended == intake.AttendanceNo
	switch kind {
	case NoteTransfer:
		if !assessed && !dna {
			return fmt.Errorf("%w: referral %s has no completed first-conversation assessment; complete the assessment first (the note is made from it)", ErrStep, r.Ref)
		}
	case NoteGPLetter:
		switch {
		case strings.TrimSpace(r.GP) == "" && r.Channel == intake.ChannelSelf:
			return fmt.Errorf("%w: referral %s is a self-booking with no GP recorded, so there is no GP to write to", ErrStep, r.Ref)
		case strings.TrimSpace(r.GP) == "":
			return fmt.Errorf("%w: referral %s has no GP recorded, so there is no one to address the letter to", ErrStep, r.Ref)
		case !r.Withdrawn.IsZero():
			return fmt.Errorf("%w: referral %s was withdrawn, so there is no outcome to tell the GP", ErrStep, r.Ref)
		case r.Routed.IsZero() && !dna:
			return fmt.Errorf("%w: the letter tells the GP the outcome; route referral %s first", ErrStep, r.Ref)
		}
	}
	return nil
}

// noteSigner reads username's roster entry, for a note to name a person:
// the signer or the rights decider. Someone since removed from the roster
// is still who did it, so removed entries are read too. With no username
// (an imported referral with no one assigned), the person printing signs.
func noteSigner(ctx context.Context, q queryer, username string, who intake.Clinician) (intake.Clinician, error) {
	if username == "" {
		return who, nil
	}
	c := intake.Clinician{Username: username}
	var org, role string
	err := q.QueryRowContext(ctx, `SELECT name, org, role FROM clinicians WHERE username = ?`, username).
		Scan(&c.Name, &org, &role)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// An import may name a clinician the roster never held; the
		// username is then all there is to sign with.
		return c, nil
	case err != nil:
		return c, err
	}
	c.Org, c.Role = intake.Org(org), intake.Role(role)
	return c, nil
}

// lastPrinting is the latest printing of a document of the event kind for
// the referral (the trail holds every printing), or zero when there was
// none. It is read before this printing's own entry is added.
func lastPrinting(ctx context.Context, q queryer, referralID int64, kind string, who intake.Clinician) (intake.Printing, error) {
	var at, actor string
	err := q.QueryRowContext(ctx, `SELECT at, actor FROM events WHERE referral_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`,
		referralID, kind).Scan(&at, &actor)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return intake.Printing{}, nil
	case err != nil:
		return intake.Printing{}, err
	}
	ts, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return intake.Printing{}, fmt.Errorf("event time %q: %w", at, err)
	}
	by, err := noteSigner(ctx, q, actor, who)
	return intake.Printing{Day: intake.DateOf(ts, intake.Oslo), By: by}, err
}
