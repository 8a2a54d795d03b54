package store

import (
	"bytes"
	"errors"
	"strconv"

	"envei/intake"
	"envei/intake/report"
)

// A referral's report tally is stored as three packed keys (migration
// 0013), one per grouping query of the reports, each the only column but
// received of its covering index:
//
//	tally_key         channel|addressed_to|org|state|attended|codes|first|routed|withdrawn|class|open
//	month_counts_key  month|state|codes|routed|withdrawn|attended
//	month_first_key   month|attended|first|state|assigned
//
// Grouping by one text column compared byte by byte costs a memcmp per
// comparison, where grouping by a dozen columns made both engines walk
// every column before the one they compare (PostgreSQL's B-tree sort spent
// most of an index build doing so). This file is the one place that writes
// and reads the encoding: the bulk writer and retally through
// tallyKeysOf, the report scanners through the parse functions.
//
// The encoding is unambiguous: fields are separated by '|'; a text field
// is written as is when it holds only letters, digits, '_', '-' and '.'
// (every code, state and date envei writes), any other byte as %XX, so no
// field holds '|' or '~'; an absent value (SQL NULL: no clinician, no
// date, no deadline) is "~", distinct from an empty text (""); a number is
// its decimal form, negative with '-'; the outcome codes are the sorted
// codes, each escaped, joined by ' ' (escaped inside a code). The month
// keys start with the month received (YYYY-MM), so a month's groups come
// together.

const (
	keySep    = '|'
	keyAbsent = "~"
)

// tallyKeys are the three stored keys of one referral, in the order of
// tallyColumns.
type tallyKeys struct {
	stats, monthCounts, monthFirst string
}

// tallyKeysOf returns the keys of the referral whose report row is r.
func tallyKeysOf(r report.Row) tallyKeys {
	t := report.TallyOf(r)
	codes := keyCodes(sortedCodes(r.Outcomes))
	org := keyAbsent
	if r.Assigned {
		org = keyText(string(r.ClinicianOrg))
	}
	assigned := "0"
	if r.Assigned {
		assigned = "1"
	}
	class := keyAbsent
	if t.Deadline != report.DeadlineNone {
		class = strconv.Itoa(t.Deadline)
	}
	open := keyAbsent
	if !t.OpenDeadline.IsZero() {
		open = t.OpenDeadline.String()
	}
	month := r.Received.String()[:7]
	state, attended := keyText(string(t.State)), keyText(string(t.Attended))
	first, routed, withdrawn := keyDays(t.DaysToFirst), keyDays(t.DaysToRouted), keyDays(t.DaysToWithdrawn)
	return tallyKeys{
		stats: joinKey(keyText(string(t.Channel)), keyText(string(t.AddressedTo)), org, state, attended, codes,
			first, routed, withdrawn, class, open),
		monthCounts: joinKey(month, state, codes, routed, withdrawn, attended),
		monthFirst:  joinKey(month, attended, first, state, assigned),
	}
}

func joinKey(fields ...string) string {
	n := len(fields) - 1
	for _, f := range fields {
		n += len(f)
	}
	b := make([]byte, 0, n)
	for i, f := range fields {
		if i > 0 {
			b = append(b, keySep)
		}
		b = append(b, f...)
	}
	return string(b)
}

// keyDays is a day count as a key field.
func keyDays(days int) string {
	if days == report.NoDays {
		return keyAbsent
	}
	return strconv.Itoa(days)
}

// keyCodes is the sorted outcome codes as a key field.
func keyCodes(codes []string) string {
	b := make([]byte, 0, 16*len(codes))
	for i, c := range codes {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendKeyText(b, c)
	}
	return string(b)
}

// keyText is a text as a key field.
func keyText(s string) string {
	for i := 0; i < len(s); i++ {
		if !keyPlain(s[i]) {
			return string(appendKeyText(nil, s))
		}
	}
	return s
}

func appendKeyText(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keyPlain(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

func keyPlain(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

var errDamagedKey = errors.New("referral tally: damaged key")

// keyFields splits a stored key into exactly n fields, into buf.
func keyFields(key []byte, n int, buf [][]byte) ([][]byte, error) {
	buf = buf[:0]
	for len(buf) < n-1 {
		i := bytes.IndexByte(key, keySep)
		if i < 0 {
			return buf, errDamagedKey
		}
		buf, key = append(buf, key[:i]), key[i+1:]
	}
	if bytes.IndexByte(key, keySep) >= 0 {
		return buf, errDamagedKey
	}
	return append(buf, key), nil
}

// keyScanner reads keys back into tallies, sharing the report scanner's
// interned strings and dates (a few distinct values over tens of
// thousands of groups). A damaged field sets err, which sticks until the
// key is read whole.
type keyScanner struct {
	sc     *reportScanner
	fields [][]byte
	codes  []string
	month  monthCache
	plain  []byte
	err    error
}

func (k *keyScanner) damaged() { k.err = errDamagedKey }

// text reads a text field, interned.
func (k *keyScanner) text(f []byte) string {
	if bytes.IndexByte(f, '%') < 0 {
		return k.sc.intern(f)
	}
	b := k.plain[:0]
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b = append(b, f[i])
			continue
		}
		if i+2 >= len(f) {
			k.damaged()
			return ""
		}
		v, err := strconv.ParseUint(string(f[i+1:i+3]), 16, 8)
		if err != nil {
			k.damaged()
			return ""
		}
		b, i = append(b, byte(v)), i+2
	}
	k.plain = b
	return k.sc.intern(b)
}

// number reads a number, absent when the field is.
func (k *keyScanner) number(f []byte, absent int) int {
	if string(f) == keyAbsent {
		return absent
	}
	n, err := strconv.Atoi(string(f))
	if err != nil {
		k.damaged()
	}
	return n
}

// outcomes reads the outcome codes, into a buffer reused by the next key.
func (k *keyScanner) outcomes(f []byte) []string {
	k.codes = k.codes[:0]
	for len(f) > 0 {
		code := f
		if i := bytes.IndexByte(f, ' '); i >= 0 {
			code, f = f[:i], f[i+1:]
		} else {
			f = nil
		}
		k.codes = append(k.codes, k.text(code))
	}
	return k.codes
}

// period reads a month received (YYYY-MM) as its first day.
func (k *keyScanner) period(f []byte) intake.Date {
	d, err := k.month.of(k.sc, f)
	if err != nil || d.IsZero() {
		k.damaged()
	}
	return d
}

// split splits key into its n fields.
func (k *keyScanner) split(key []byte, n int) [][]byte {
	k.err = nil
	var err error
	if k.fields, err = keyFields(key, n, k.fields); err != nil {
		k.err = err
		return nil
	}
	return k.fields
}

// tally reads the key of a group of n referrals of the grouping part
// (tallyQueries) and says whether the group counts. A voided referral
// counts nowhere (see reported in report.go): the state is in every key,
// not a column of the key indexes, so its groups are dropped as read. In
// the funnel by month's second grouping a group with a first
// conversation booked is assigned and scheduled; of a group without one,
// only a group with a clinician assigned counts, as assigned.
func (k *keyScanner) tally(part report.TallyPart, key []byte, n int) (t report.Tally, counted bool, err error) {
	switch part {
	case report.TallyCounts:
		t, err = k.monthCounts(key, n)
		return t, t.State != intake.StateVoided, err
	case report.TallyFirst:
		t, state, assigned, err := k.monthFirst(key, n)
		return t, state != intake.StateVoided && (t.DaysToFirst != report.NoDays || assigned), err
	}
	t, err = k.stats(key, n)
	return t, t.State != intake.StateVoided, err
}

// stats reads a tally_key into a whole tally of n referrals.
func (k *keyScanner) stats(key []byte, n int) (report.Tally, error) {
	f := k.split(key, 11)
	if f == nil {
		return report.Tally{}, k.err
	}
	t := report.Tally{N: n, Channel: intake.Channel(k.text(f[0])), AddressedTo: intake.Addressee(k.text(f[1])),
		State: intake.State(k.text(f[3])), Attended: intake.Attendance(k.text(f[4])), Outcomes: k.outcomes(f[5]),
		DaysToFirst: k.number(f[6], report.NoDays), DaysToRouted: k.number(f[7], report.NoDays),
		DaysToWithdrawn: k.number(f[8], report.NoDays), Deadline: k.number(f[9], report.DeadlineNone),
		Part: report.TallyWhole}
	if string(f[2]) != keyAbsent {
		t.Assigned, t.ClinicianOrg = true, intake.Org(k.text(f[2]))
	}
	if string(f[10]) != keyAbsent {
		var err error
		if t.OpenDeadline, err = k.sc.date(f[10]); err != nil {
			k.damaged()
		}
	}
	return t, k.err
}

// monthCounts reads a month_counts_key into a TallyCounts of n referrals.
func (k *keyScanner) monthCounts(key []byte, n int) (report.Tally, error) {
	f := k.split(key, 6)
	if f == nil {
		return report.Tally{}, k.err
	}
	t := report.Tally{N: n, Period: k.period(f[0]), State: intake.State(k.text(f[1])), Outcomes: k.outcomes(f[2]),
		DaysToFirst: report.NoDays, DaysToRouted: k.number(f[3], report.NoDays),
		DaysToWithdrawn: k.number(f[4], report.NoDays), Attended: intake.Attendance(k.text(f[5])),
		Deadline: report.DeadlineNone, Part: report.TallyCounts}
	return t, k.err
}

// monthFirst reads a month_first_key of n referrals into a TallyFirst
// (Assigned set), with their state and whether a clinician is assigned to
// them.
func (k *keyScanner) monthFirst(key []byte, n int) (t report.Tally, state intake.State, assigned bool, err error) {
	f := k.split(key, 5)
	if f == nil {
		return t, "", false, k.err
	}
	t = report.Tally{N: n, Period: k.period(f[0]), Assigned: true, Attended: intake.Attendance(k.text(f[1])),
		DaysToFirst: k.number(f[2], report.NoDays), DaysToRouted: report.NoDays, DaysToWithdrawn: report.NoDays,
		Deadline: report.DeadlineNone, Part: report.TallyFirst}
	state = intake.State(k.text(f[3]))
	if string(f[4]) != "0" && string(f[4]) != "1" {
		k.damaged()
	}
	return t, state, string(f[4]) == "1", k.err
}
