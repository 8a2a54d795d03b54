package store

import "context"

// dropReferralKeys drops the primary key and the UNIQUE ref of referrals
// for a bulk load into an empty referrals table (after the foreign keys
// that need the primary key: dropReferralForeignKeys), and returns what
// adds them back. Keeping both up row by row was half the time of the
// referrals' COPY: a million rows went in in 3.1 s into the bare table and
// 6.5 s with the two keys, which are built again in 0.9 s (BENCHMARKS.md).
//
// A duplicate ref is still refused: the decoder refuses a ref repeated
// within the file, nothing is in the table to repeat, and adding the
// UNIQUE constraint back checks every row, inside the same transaction,
// so a duplicate fails the load whole (ErrDuplicate), as a row refused by
// the kept key did.
func dropReferralKeys(ctx context.Context, tx *Tx) (restore func(context.Context) error, err error) {
	// The primary key first (contype 'p' before 'u'): the UNIQUE ref
	// needs nothing of it, but the foreign keys added back after both do.
	return dropConstraints(ctx, tx, `conrelid = 'referrals'::regclass AND contype IN ('p', 'u')`,
		`contype, conname`, "checking the keys of referrals after the bulk load")
}
