package intake

import (
	"errors"
	"time"
)

// A national identity number is personal data. Every error below is a fixed
// sentinel and never quotes the input, so errors can be logged, shown in
// import reports and wrapped by callers without leaking any digits.
var (
	ErrIDLength = errors.New("must be 11 digits")
	// ErrIDNotDigits is returned when anything but digits and spaces is given.
	ErrIDNotDigits = errors.New("must contain only digits")
	ErrIDControl   = errors.New("control digits do not match")
	// ErrIDBirthDate is also returned when the individual number (digits
	// 7–9) does not fit any century for the two-digit year: the full birth
	// date then cannot be determined.
	ErrIDBirthDate = errors.New("digits 1–6 are not a valid date")
	ErrIDSynthetic = errors.New("a synthetic test number (month + 80) is only accepted in a test database")

	// ErrIDIndividual is returned by MakeNationalID when the individual
	// number is outside 000–999 or does not encode the birth year's century.
	ErrIDIndividual = errors.New("individual number does not match the birth year")
	// ErrNoControlDigit is returned by MakeNationalID when a control digit
	// would be 10: no valid number exists for that individual number, and
	// the caller should try the next one.
	ErrNoControlDigit = errors.New("no control digit exists for this individual number")
)

// IDKind says which kind of Norwegian identity number it is.
type IDKind int

const (
	// IDBirthNumber is an ordinary fødselsnummer.
	IDBirthNumber IDKind = iota
	// IDDNumber is a D-number (temporary number for people not registered as
	// residents): 40 is added to the day.
	IDDNumber
	// IDHNumber is an H-number (help number used within health services):
	// 40 is added to the month.
	IDHNumber
)

// String returns an English name for the kind, for logs and messages.
func (k IDKind) String() string {
	switch k {
	case IDBirthNumber:
		return "birth number"
	case IDDNumber:
		return "D-number"
	case IDHNumber:
		return "H-number"
	}
	return "unknown"
}

// NationalID is a parsed and validated identity number.
type NationalID struct {
	Digits    string // exactly 11 ASCII digits, spaces removed
	Kind      IDKind
	Synthetic bool // a Test-Norge/Tenor number (month + 80)
	BirthDate Date // the birth date the number encodes
}

// Control digit weights, from Skatteetaten's specification.
var (
	k1Weights = [9]int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	k2Weights = [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
)

// weightedSum returns the sum of digits[i]*weights[i].
func weightedSum(digits []int, weights []int) int {
	s := 0
	for i, w := range weights {
		s += digits[i] * w
	}
	return s
}

// classicControl returns 11 − (sum mod 11) with 11 mapped to 0. A result of
// 10 means no control digit exists.
func classicControl(sum int) int {
	k := 11 - sum%11
	if k == 11 {
		k = 0
	}
	return k
}

// centuryYear returns the four-digit birth year for a two-digit year and an
// individual number, following Skatteetaten's allocation of individual
// number ranges to centuries. ok is false for combinations never issued.
func centuryYear(yy, individual int) (year int, ok bool) {
	switch {
	case individual < 0 || individual > 999 || yy < 0 || yy > 99:
		return 0, false
	case individual <= 499:
		return 1900 + yy, true
	case individual <= 749 && yy >= 54:
		return 1800 + yy, true
	case yy <= 39: // individual 500–999
		return 2000 + yy, true
	case individual >= 900 && yy >= 40:
		return 1900 + yy, true
	}
	return 0, false
}

// MakeNationalID builds an ordinary birth number (or a synthetic one, month +
// 80) for the given birth date and individual number using the classic
// control digit rule. The caller picks an individual number in the range that
// encodes the birth year's century; when ErrNoControlDigit is returned it
// should try another individual number.
func MakeNationalID(birth Date, individual int, synthetic bool) (string, error) {
	if birth.IsZero() {
		return "", ErrIDBirthDate
	}
	yy := birth.Year() % 100
	if y, ok := centuryYear(yy, individual); !ok || y != birth.Year() {
		return "", ErrIDIndividual
	}
	month := int(birth.Month())
	if synthetic {
		month += 80
	}
	var d [11]int
	d[0], d[1] = birth.Day()/10, birth.Day()%10
	d[2], d[3] = month/10, month%10
	d[4], d[5] = yy/10, yy%10
	d[6], d[7], d[8] = individual/100, individual/10%10, individual%10
	k1 := classicControl(weightedSum(d[:9], k1Weights[:]))
	if k1 == 10 {
		return "", ErrNoControlDigit
	}
	d[9] = k1
	k2 := classicControl(weightedSum(d[:10], k2Weights[:]))
	if k2 == 10 {
		return "", ErrNoControlDigit
	}
	d[10] = k2
	var b [11]byte
	for i, v := range d {
		b[i] = byte('0' + v)
	}
	return string(b[:]), nil
}

// ParseNationalID validates a Norwegian national identity number (birth
// number, D-number or H-number), given as 11 digits optionally separated by
// spaces. Synthetic test numbers are only accepted when allowSynthetic is set
// (a test database), because a production register must never hold them.
//
// Both control digit rules are accepted: the classic one and the one
// Skatteetaten introduces from 2032, because numbers issued under the new
// rule must be accepted by existing systems.
func ParseNationalID(s string, allowSynthetic bool) (NationalID, error) {
	var b [11]byte
	n := 0
	for _, r := range s {
		if r == ' ' {
			continue
		}
		// Count every other character, digit or not, so that a wrong length
		// is reported as such; anything outside ASCII is kept as a marker
		// that fails the digit check below.
		if n < len(b) {
			if r < 0x80 {
				b[n] = byte(r)
			} else {
				b[n] = '?'
			}
		}
		n++
	}
	if n != len(b) {
		return NationalID{}, ErrIDLength
	}
	var d [11]int
	for i, c := range b {
		if c < '0' || c > '9' {
			return NationalID{}, ErrIDNotDigits
		}
		d[i] = int(c - '0')
	}

	// Classic k1 satisfies (sum + k1) mod 11 == 0; the 2032 rule allows the
	// remainder to be 0, 1, 2 or 3, which includes the classic case.
	if (weightedSum(d[:9], k1Weights[:])+d[9])%11 > 3 {
		return NationalID{}, ErrIDControl
	}
	if k2 := classicControl(weightedSum(d[:10], k2Weights[:])); k2 != d[10] {
		return NationalID{}, ErrIDControl
	}

	id := NationalID{Digits: string(b[:]), Kind: IDBirthNumber}
	day := d[0]*10 + d[1]
	month := d[2]*10 + d[3]
	yy := d[4]*10 + d[5]
	individual := d[6]*100 + d[7]*10 + d[8]

	if day > 40 {
		day -= 40
		id.Kind = IDDNumber
	}
	switch {
	case month > 80:
		month -= 80
		id.Synthetic = true
	case month > 40:
		if id.Kind == IDDNumber {
			// No number is both a D-number and an H-number.
			return NationalID{}, ErrIDBirthDate
		}
		month -= 40
		id.Kind = IDHNumber
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return NationalID{}, ErrIDBirthDate
	}
	year, ok := centuryYear(yy, individual)
	if !ok {
		return NationalID{}, ErrIDBirthDate
	}
	birth := NewDate(year, time.Month(month), day)
	if birth.Day() != day { // NewDate normalised e.g. 31 April to 1 May
		return NationalID{}, ErrIDBirthDate
	}
	// Checked last so that a malformed synthetic number reports what is
	// actually wrong with it.
	if id.Synthetic && !allowSynthetic {
		return NationalID{}, ErrIDSynthetic
	}
	id.BirthDate = birth
	return id, nil
}
