package intake

// What a message may repeat of what the user typed. A value typed where a
// ref belongs may be a national id or a name typed in the wrong place, and
// error messages end up in terminals' scrollback, logs and support emails.
// A value with the shape of a ref is repeated, to help the user see a typo;
// anything else is not.

// NotShown stands in a message for a value that is not repeated.
const NotShown = "(not shown)"

// EchoRef returns ref when it has the shape of a ref that is not also the
// shape of a national id or a name: a well-formed ref (ValidRef) with at
// least one digit (a name has none), at most 10 digits and no run of more
// than 6 (a national id has 11; a birth date 6). envei's own refs
// (2026-00001) and the usual imported ones (R1, DPS-2024/17) pass.
// Anything else comes back as NotShown.
func EchoRef(ref string) string {
	if !ValidRef(ref) {
		return NotShown
	}
	digits, run, longest := 0, 0, 0
	for i := 0; i < len(ref); i++ {
		if ref[i] >= '0' && ref[i] <= '9' {
			digits++
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	if digits == 0 || digits > 10 || longest > 6 {
		return NotShown
	}
	return ref
}
