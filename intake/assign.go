package intake

import (
	"crypto/rand"
	"errors"
	"math/big"
)

// RandomSource picks an integer uniformly from [0, n). Production uses
// CryptoSource; tests inject a seeded source so draws are repeatable.
type RandomSource interface {
	IntN(n int) int
}

// CryptoSource draws from the operating system's cryptographic generator, so
// nobody can predict or steer who is drawn.
type CryptoSource struct{}

// IntN returns a uniform integer in [0, n). crypto/rand.Int rejects samples
// rather than taking a modulus, so there is no bias towards low indexes.
func (CryptoSource) IntN(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		// The kernel's generator does not fail on a supported system;
		// a draw that is not random must never be recorded as one.
		panic("intake: crypto/rand failed: " + err.Error())
	}
	return int(v.Int64())
}

// ErrNoEligible means nobody can be drawn: no one on the roster has the role
// clinician without being on leave (or the only one is the current clinician
// on a reassignment).
var ErrNoEligible = errors.New("no clinician is eligible for the draw")

// Draw is the record of one random assignment: everyone who could have been
// drawn and who was. It is stored as is, so the fairness of every assignment
// can be checked afterwards.
type Draw struct {
	Eligible []string // usernames, sorted
	Drawn    string
}

// DrawClinician picks one clinician uniformly at random from the roster
// members who are drawable. exclude (may be "") is left out, so that a
// reassignment goes to someone else. roster must be sorted by username so
// that the same source gives the same draw.
func DrawClinician(roster []Clinician, exclude string, src RandomSource) (Draw, error) {
	var eligible []string
	for _, c := range roster {
		if c.Drawable() && c.Username != exclude {
			eligible = append(eligible, c.Username)
		}
	}
	if len(eligible) == 0 {
		return Draw{}, ErrNoEligible
	}
	return Draw{Eligible: eligible, Drawn: eligible[src.IntN(len(eligible))]}, nil
}
