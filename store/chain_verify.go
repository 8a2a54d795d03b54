package store

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// maxChainProblems is how many breaks check lists per chain; one is enough
// to know, the first few to find where.
const maxChainProblems = 20

// ChainStatus is one chain as check found it.
type ChainStatus struct {
	Name  string // events, access_log, draws, assessments
	Count int64  // links
	Head  []byte // the last link's hash (nil: empty chain)
	// at is the hash of the link at the position asked for (the anchor's
	// count), nil when the chain is shorter.
	at []byte
}

// verifyChain walks ch in key order, recomputing every link, and returns
// what it found, problems naming the rows (never their content). atCount,
// when positive, asks for the hash of the link at that position.
func verifyChain(ctx context.Context, q rowsQueryer, ch *chainSpec, atCount int64) (ChainStatus, []string, error) {
	st := ChainStatus{Name: ch.name}
	var problems []string
	more := 0
	report := func(format string, args ...any) {
		if len(problems) < maxChainProblems {
			problems = append(problems, fmt.Sprintf(format, args...))
		} else {
			more++
		}
	}
	query := fmt.Sprintf(`SELECT %s, hash, %s FROM %s ORDER BY %s`, ch.key, strings.Join(ch.cols, ", "), ch.table, ch.key)
	if ch == sealsChain {
		// A seal covers its assessment's row; a seal whose assessment is
		// gone shows the id it sealed in place of a NULL.
		query = `SELECT s.seq, s.hash, coalesce(a.id, -s.assessment_id), a.referral_id, a.version, a.status, a.body, a.author, a.saved_at, a.amendment_reason
			FROM assessment_seals s LEFT JOIN assessments a ON a.id = s.assessment_id ORDER BY s.seq`
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return st, nil, err
	}
	defer rows.Close()
	values := make([]any, len(ch.cols))
	ptrs := make([]any, len(ch.cols)+2)
	var key int64
	var hash []byte
	ptrs[0], ptrs[1] = &key, &hash
	for i := range values {
		ptrs[i+2] = &values[i]
	}
	// A run of consecutive rows with the same finding (rows renumbered to
	// make room for one put in between, say) is reported once.
	type run struct {
		what        string
		first, last int64
	}
	var open *run
	flush := func() {
		switch {
		case open == nil:
		case open.first == open.last:
			report("%s %d: %s", ch.what, open.first, open.what)
		default:
			report("%s %d to %d: %s", ch.what, open.first, open.last, open.what)
		}
		open = nil
	}
	note := func(key int64, what string) {
		if open != nil && open.what == what && open.last == key-1 {
			open.last = key
			return
		}
		flush()
		open = &run{what, key, key}
	}
	var prev []byte   // the last hash stored, which the next link chains onto
	var lastKey int64 // the key of the row before
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return st, nil, err
		}
		st.Count++
		where := fmt.Sprintf("%s %d", ch.what, key)
		if ch == sealsChain {
			if id, ok := values[0].(int64); ok && id < 0 {
				report("assessments id %d (sealed as seq %d): deleted", -id, key)
				prev, lastKey = hash, key
				continue
			}
			where = fmt.Sprintf("assessments id %v (sealed as seq %d)", values[0], key)
		}
		ok := len(hash) != 0 && bytes.Equal(hash, linkHash(ch.name, prev, key, values))
		switch {
		case ok:
			flush()
		case len(hash) == 0:
			// Not a link: written by something other than envei. The
			// next link chains onto the last hash before it.
			flush()
			report("%s: inserted outside envei (it is not a link of the chain)", where)
		case key > lastKey+1 && lastKey+1 == key-1:
			flush()
			report("%s %d: deleted (the chain breaks at %s)", ch.what, lastKey+1, where)
		case key > lastKey+1:
			flush()
			report("%s %d to %d: deleted (the chain breaks at %s)", ch.what, lastKey+1, key-1, where)
		case ch == sealsChain:
			report("%s: changed (it, or its link to the seal before it, no longer matches its hash)", where)
		case bytes.Equal(hash, linkHash(ch.name, prev, key-1, values)):
			note(key, "renumbered (each was the id one lower: rows were moved up to make room)")
		case bytes.Equal(hash, linkHash(ch.name, prev, key+1, values)):
			note(key, "renumbered (each was the id one higher: rows were moved down to close a gap)")
		default:
			note(key, "changed (the row, or its link to the row before it, no longer matches its hash)")
		}
		if len(hash) != 0 {
			prev = hash
		}
		lastKey = key
		if st.Count == atCount {
			st.at = hash
		}
	}
	if err := rows.Err(); err != nil {
		return st, nil, err
	}
	flush()
	st.Head = prev
	if ch == sealsChain {
		unsealed, err := stringColumn(ctx, q, `SELECT id FROM assessments
			WHERE status = 'completed' AND id NOT IN (SELECT assessment_id FROM assessment_seals) ORDER BY id`)
		if err != nil {
			return st, nil, err
		}
		for _, id := range unsealed {
			report("assessments id %s: completed but not sealed (inserted or completed outside envei)", id)
		}
	}
	if more > 0 {
		problems = append(problems, fmt.Sprintf("%s: %d more problems", ch.name, more))
	}
	return st, problems, nil
}

// ChainReport is what verifying the chains found.
type ChainReport struct {
	Chains   []ChainStatus
	Problems []string
	// Anchor is the one line that stands for every chain as it is now
	// (anchor.String); empty when there are problems, since an anchor
	// would vouch for them.
	Anchor string
	// Since, when an anchor was given, says what was appended after it.
	Since []SinceCount
}

// SinceCount is how many links a chain gained after an anchor.
type SinceCount struct {
	Name  string
	Added int64
}

// VerifyChains checks every hash chain, on one snapshot of the database
// (a read transaction: writers carry on). since, when not empty, is an
// anchor printed earlier (envei check --anchor): the chains must then
// still hash to it up to its counts, and the report says what came after.
func (s *Store) VerifyChains(ctx context.Context, since string) (ChainReport, error) {
	var rep ChainReport
	var want anchor
	if since != "" {
		var err error
		if want, err = parseAnchor(since); err != nil {
			return rep, err
		}
	}
	err := s.inReadTx(ctx, func(tx *Tx) error {
		var err error
		rep, err = verifyChains(ctx, tx, want, since != "")
		return err
	})
	return rep, err
}

func verifyChains(ctx context.Context, tx *Tx, want anchor, haveAnchor bool) (ChainReport, error) {
	var rep ChainReport
	for i, ch := range chains() {
		var at int64
		if haveAnchor {
			at = want.counts[i]
		}
		st, problems, err := verifyChain(ctx, tx, ch, at)
		if err != nil {
			return rep, err
		}
		rep.Chains = append(rep.Chains, st)
		rep.Problems = append(rep.Problems, problems...)
	}
	roster, err := verifyRoster(ctx, tx)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, roster...)
	if haveAnchor {
		rep.Problems = append(rep.Problems, compareAnchor(want, rep.Chains)...)
		for i, st := range rep.Chains {
			if st.Count > want.counts[i] {
				rep.Since = append(rep.Since, SinceCount{st.Name, st.Count - want.counts[i]})
			}
		}
	}
	if len(rep.Problems) == 0 {
		rep.Anchor = anchorOf(rep.Chains).String()
	}
	return rep, nil
}
