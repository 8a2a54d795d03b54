package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// dropReferralForeignKeys drops the foreign keys that point at referrals
// (events, outcomes, assessments… and merged_into) and at services (the
// outcomes' codes) for a bulk load into an empty referrals table, and
// returns what adds them back. PostgreSQL checks such a key with one
// query per row inserted: loading 50,000 referrals' events spent 2.2 s of
// 3.0 s there, and the outcomes of a demo of 100,000 1.5 s of 1.9 s.
// Adding a key back checks every row in one join, inside the same
// transaction, so a row pointing at no referral still fails the load
// whole. The tables stay locked until the commit, as referrals already is
// by its dropped indexes (services too: a console starting waits, as it
// does for referrals).
func dropReferralForeignKeys(ctx context.Context, tx *Tx) (restore func(context.Context) error, err error) {
	return dropConstraints(ctx, tx, `contype = 'f' AND confrelid IN ('referrals'::regclass, 'services'::regclass)`,
		`1, 2`, "checking the foreign keys after the bulk load")
}

// dropConstraints drops the constraints that where selects (in
// pg_constraint), in the order orderBy gives (of table, name), and
// returns what adds them back in the same order, in the same transaction:
// each checks every row as it comes back, and a row that breaks it fails
// with what, and the bulk load with it.
func dropConstraints(ctx context.Context, tx *Tx, where, orderBy, what string) (restore func(context.Context) error, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
		FROM pg_constraint WHERE `+where+` ORDER BY `+orderBy)
	if err != nil {
		return nil, err
	}
	type constraint struct{ table, name, def string }
	var all []constraint
	for rows.Next() {
		var c constraint
		if err := rows.Scan(&c.table, &c.name, &c.def); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range all {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+c.table+` DROP CONSTRAINT `+quoteIdent(c.name)); err != nil {
			return nil, err
		}
	}
	return func(ctx context.Context) error {
		for _, c := range all {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+c.table+` ADD CONSTRAINT `+quoteIdent(c.name)+` `+c.def); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
		}
		return nil
	}, nil
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(name string) string {
	q := `"`
	for _, r := range name {
		if r == '"' {
			q += `""`
		} else {
			q += string(r)
		}
	}
	return q + `"`
}

// bulkConn takes the connection a bulk load runs on. Nothing of the
// load's input has been read yet, so a connection that cannot be made
// because the server is restarting is tried again, for as long as a
// writer waits for the lock, as InTx does for a lost connection.
func bulkConn(ctx context.Context, pool *sql.DB) (*sql.Conn, error) {
	giveUp := time.Now().Add(busyPatience)
	for attempt := 1; ; attempt++ {
		conn, err := pool.Conn(ctx)
		if err == nil || !isConnectionLost(err) || time.Now().After(giveUp) {
			return conn, err
		}
		if err := pause(ctx, attempt); err != nil {
			return nil, err
		}
	}
}
