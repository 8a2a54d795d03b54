package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// An anchor is one line that stands for every chain at one moment: each
// chain's count and a hash over every chain's count and head. A reception
// writes it down, or a script stores it away from the database; later,
// `envei check --since ANCHOR` proves that the chains still hash to it up
// to those counts. That is what catches what the chains alone cannot: the
// last rows deleted, or everything from some row on written again by
// someone who recomputed the hashes.
//
// The line reads v1-e<events>-a<access log>-d<draws>-s<seals>-<hash>, the
// hash cut to 128 bits (32 hex digits): short enough to copy by hand, and
// still 2^128 work to forge.

const anchorDomain = "envei-anchor-1"

// anchorLetters name the chains in the line, in the order of chains().
const anchorLetters = "eads"

// anchorHashSize is how many bytes of the SHA-256 the line keeps.
const anchorHashSize = 16

// ErrBadAnchor means the text given is not an anchor line.
var ErrBadAnchor = errors.New("not an envei anchor (expected v1-e<n>-a<n>-d<n>-s<n>-<32 hex digits>, as envei check --anchor prints)")

type anchor struct {
	counts []int64 // per chain, in the order of chains()
	hash   []byte
}

// anchorOf computes the anchor of chains as found, each at its head.
func anchorOf(chains []ChainStatus) anchor {
	a := anchor{counts: make([]int64, len(chains))}
	heads := make([][]byte, len(chains))
	for i, st := range chains {
		a.counts[i], heads[i] = st.Count, st.Head
	}
	a.hash = anchorHash(chains, a.counts, heads)
	return a
}

func anchorHash(chains []ChainStatus, counts []int64, heads [][]byte) []byte {
	buf := appendField(nil, anchorDomain)
	for i, st := range chains {
		head := heads[i]
		if head == nil {
			head = genesis()
		}
		buf = appendField(buf, st.Name)
		buf = appendField(buf, counts[i])
		buf = appendField(buf, head)
	}
	sum := sha256.Sum256(buf)
	return sum[:anchorHashSize]
}

// String is the anchor's line.
func (a anchor) String() string {
	var b strings.Builder
	b.WriteString("v1")
	for i, n := range a.counts {
		fmt.Fprintf(&b, "-%c%d", anchorLetters[i], n)
	}
	b.WriteString("-" + hex.EncodeToString(a.hash))
	return b.String()
}

// ValidateAnchor says whether text is an anchor line, so a command can
// refuse a mistyped one before it opens the database.
func ValidateAnchor(text string) error {
	_, err := parseAnchor(text)
	return err
}

// parseAnchor reads an anchor line (surrounding space ignored).
func parseAnchor(text string) (anchor, error) {
	parts := strings.Split(strings.TrimSpace(text), "-")
	if len(parts) != len(anchorLetters)+2 || parts[0] != "v1" {
		return anchor{}, ErrBadAnchor
	}
	a := anchor{counts: make([]int64, len(anchorLetters))}
	for i := range anchorLetters {
		p := parts[i+1]
		if len(p) < 2 || p[0] != anchorLetters[i] {
			return anchor{}, ErrBadAnchor
		}
		n, err := strconv.ParseInt(p[1:], 10, 64)
		if err != nil || n < 0 {
			return anchor{}, ErrBadAnchor
		}
		a.counts[i] = n
	}
	h, err := hex.DecodeString(strings.ToLower(parts[len(parts)-1]))
	if err != nil || len(h) != anchorHashSize {
		return anchor{}, ErrBadAnchor
	}
	a.hash = h
	return a, nil
}

// compareAnchor says how the chains as found differ from an anchor: a
// chain shorter than it was (its last rows deleted), or chains that no
// longer hash to it up to its counts (rows up to it changed and the chain
// written again).
func compareAnchor(want anchor, chains []ChainStatus) []string {
	var problems []string
	heads := make([][]byte, len(chains))
	for i, st := range chains {
		if st.Count < want.counts[i] {
			problems = append(problems, fmt.Sprintf("%s: %d rows at the anchor, %d now: the last %d were deleted",
				st.Name, want.counts[i], st.Count, want.counts[i]-st.Count))
		}
		heads[i] = st.at
	}
	if len(problems) > 0 {
		return problems
	}
	if !bytes.Equal(anchorHash(chains, want.counts, heads), want.hash) {
		problems = append(problems, "the chains no longer hash to the anchor: rows written before it were changed, deleted or inserted, and the chain written again after them")
	}
	return problems
}
