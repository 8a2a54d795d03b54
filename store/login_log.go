package store

import (
	"context"
	"errors"

	"envei/intake"
)

// LoginEvent is what the access log records of an `envei serve` session (a
// login, not a treatment session: see LogSession).
type LoginEvent string

// The session rows of the access log. They name no referral and no scope,
// so a patient's audit never lists them; their basis is assigned (a
// person's own login reads no patient's data and needs no review).
const (
	LoginStart   LoginEvent = "session:login"
	LoginEnd     LoginEvent = "session:logout"
	LoginRefused LoginEvent = "session:refused" // a person on the roster turned away (too many sessions)
)

// LogLogin writes one session row to the access log for who: detail
// says how (key fingerprint, remote address, console or command) and is
// kept as the row's reason. It must hold no patient data.
func (s *Store) LogLogin(ctx context.Context, who intake.Clinician, ev LoginEvent, detail string) error {
	switch ev {
	case LoginStart, LoginEnd, LoginRefused:
	default:
		return errors.New("unknown session event")
	}
	return s.InTx(ctx, func(tx *Tx) error {
		return logAccess(ctx, tx, s.stamp(), accessEntry{
			actor: who, what: string(ev), basis: intake.BasisAssigned, reason: intake.SafeText(detail),
		})
	})
}
