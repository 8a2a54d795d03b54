package intake

import "strings"

// WorklistScope says which referrals a worklist page holds.
type WorklistScope string

const (
	ScopeOpen   WorklistScope = ""       // what needs something done (the worklist proper)
	ScopeClosed WorklistScope = "closed" // routed, withdrawn, voided, treatment closed
	ScopeAll    WorklistScope = "all"
)

// NextScope cycles open → closed → all → open.
func (s WorklistScope) Next() WorklistScope {
	switch s {
	case ScopeOpen:
		return ScopeClosed
	case ScopeClosed:
		return ScopeAll
	}
	return ScopeOpen
}

// NationalIDQuery reports whether a search text is a national id (11
// digits, spaces allowed between them, as people read a number out) and
// returns the digits. A search by national id is a lookup of a person and
// is logged; a search by name or ref is not (see SECURITY.md).
func NationalIDQuery(s string) (string, bool) {
	digits := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(digits) != 11 {
		return "", false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return digits, true
}
