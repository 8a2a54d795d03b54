package store

import (
	"context"
	"fmt"
)

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
	rows, err := tx.QueryContext(ctx, `SELECT conname, pg_get_constraintdef(oid)
		FROM pg_constraint
		WHERE conrelid = 'referrals'::regclass AND contype IN ('p', 'u')
		ORDER BY contype, conname`) // the primary key first
	if err != nil {
		return nil, err
	}
	type key struct{ name, def string }
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.name, &k.def); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE referrals DROP CONSTRAINT `+quoteIdent(k.name)); err != nil {
			return nil, err
		}
	}
	return func(ctx context.Context) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE referrals ADD CONSTRAINT `+quoteIdent(k.name)+` `+k.def); err != nil {
				return fmt.Errorf("checking the keys of referrals after the bulk load: %w", err)
			}
		}
		return nil
	}, nil
}
