package intake

import (
	"errors"
	"strconv"
	"strings"
)

// Addresses in the Norwegian health network: a HER-id (the key of the
// address register, Adresseregisteret, that Norsk Helsenett routes a
// message by) and an organisation number (Enhetsregisteret). The transfer
// e-message needs both for the reception that sends it and for each
// receiver.

// Errors of the address checks; they never quote the value typed.
var (
	ErrOrgNumber = errors.New("an organisation number is 9 digits with a valid control digit (mod 11)")
	ErrHerID     = errors.New("a HER-id is a positive whole number (digits only, at most 9)")
)

// orgWeights are Brønnøysundregistrene's weights for the control digit.
var orgWeights = [8]int{3, 2, 7, 6, 5, 4, 3, 2}

// NormaliseOrgNumber checks an organisation number, given with or without
// spaces, and returns its 9 digits. The 9th digit is the mod-11 control
// digit over the first 8; a remainder giving 10 has no valid number.
func NormaliseOrgNumber(s string) (string, error) {
	digits := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(digits) != 9 {
		return "", ErrOrgNumber
	}
	sum := 0
	for i, r := range digits {
		if r < '0' || r > '9' {
			return "", ErrOrgNumber
		}
		if i < 8 {
			sum += int(r-'0') * orgWeights[i]
		}
	}
	control := 11 - sum%11
	if control == 11 {
		control = 0
	}
	if control == 10 || control != int(digits[8]-'0') {
		return "", ErrOrgNumber
	}
	return digits, nil
}

// NormaliseHerID checks a HER-id and returns it without leading zeros.
// The register's ids are positive integers; the schema types them as text,
// so nothing but digits is let through.
func NormaliseHerID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 9 {
		return "", ErrHerID
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", ErrHerID
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return "", ErrHerID
	}
	return strconv.Itoa(n), nil
}

// Address is one party of a message: an organisation (or a unit of one)
// by its name, HER-id and organisation number. OrgNumber may be "" (a GP's
// office is addressed by HER-id alone).
type Address struct {
	Name      string
	HerID     string
	OrgNumber string
}

// ServiceAddress is a service's receiving unit, as envei service set records it.
type ServiceAddress struct {
	Code string
	Address
}

// PatientBirthDate is the recorded birth date, else the one the national
// id encodes: what a message names the patient by.
func PatientBirthDate(r Referral) Date { return birthDate(r) }

// ErrMessageAddress: a party of a transfer e-message has no address yet
// (the reception, the service's unit, or the GP's office).
var ErrMessageAddress = errors.New("address missing")

// EventMessageWritten is the trail entry of a transfer e-message written.
// After the routing it sends the transfer (TransferSentEvents).
const EventMessageWritten = "message_written"
