package store

import (
	"context"
	"fmt"
	"strings"
)

// bulkTables are the tables a referral writer fills.
var bulkTables = []string{"referrals", "referral_outcomes", "events", "assessments"}

// bulkCacheKiB is the page cache of the connection that does a bulk load.
// The secondary indexes are rebuilt at the end by sorting, and SQLite's
// sorter works in memory up to the cache size; 32 MiB keeps a million-row
// index build to a few merge passes and the peak memory of envei demo near
// 100 MiB (64 MiB gave 285 MiB: the sorter holds as much again as the cache).
const bulkCacheKiB = 32 * 1024

// bulkThreads is how many helper threads the sorter may use.
const bulkThreads = 1

// inBulkTx runs fn in one BEGIN IMMEDIATE transaction like InTx, tuned for
// writing many referrals: on its own connection with a larger page cache
// and, when the referrals table is empty at the start, without most
// secondary indexes of referrals and the triggers of the bulk tables
// (dropSecondary). Those are dropped inside the transaction and created
// again from their own SQL before the commit, so the schema is unchanged
// afterwards and a failed load leaves nothing behind.
//
// Why: maintaining seven indexes on referrals row by row walks seven
// B-trees in random order per insert, where building each once is one
// sort. And an
// INSERT on a table with an insert trigger is a multi-row write to SQLite,
// so every one writes a statement journal (about a fifth of the CPU of a
// load). (Since migration 0010 no bulk table has an insert trigger: the
// writer computes the report tally keys itself, see retally.go.)
// The foreign keys and UNIQUE constraints stay: a bad clinician or a
// duplicate ref is still refused row by row.
//
// fn runs once (an import consumes its file): on PostgreSQL a transaction
// the server breaks off is reported as ErrInterrupted, not run again.
func (s *Store) inBulkTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.eng.bulkTx(ctx, s, fn)
}

// bulkTx is inBulkTx on SQLite.
func (sqliteEngine) bulkTx(ctx context.Context, s *Store, fn func(tx *Tx) error) error {
	conn, err := s.db.pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cache, threads int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, `PRAGMA threads`).Scan(&threads); err != nil {
		return err
	}
	// threads lets SQLite's sorter use a helper thread for the index
	// builds at the end (the default is none).
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d; PRAGMA threads = %d`, bulkCacheKiB, bulkThreads)); err != nil {
		return err
	}
	// The connection goes back to the pool as it came.
	defer conn.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA cache_size = %d; PRAGMA threads = %d`, cache, threads))

	return s.inTxOnce(ctx, conn.BeginTx, func(tx *Tx) error {
		// Foreign keys are checked at the commit instead of per statement,
		// so a multi-row INSERT needs no statement journal (see rowBatch);
		// a violation still fails the commit and the load is rolled back.
		// SQLite turns the setting off again at the end of the transaction.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		return bulkLoad(ctx, tx, fn)
	})
}

func bulkLoad(ctx context.Context, tx *Tx, fn func(tx *Tx) error) error {
	var empty bool
	if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM referrals)`).Scan(&empty); err != nil {
		return err
	}
	if !empty {
		return fn(tx)
	}
	saved, err := dropSecondary(ctx, tx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		return err
	}
	for _, ddl := range saved {
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("rebuilding after the bulk load: %w", err)
		}
	}
	return nil
}

// dropSecondary drops the triggers of the bulk tables and the indexes of
// referrals that are rebuilt faster than kept, and returns the SQL that
// creates them again, indexes first so that triggers come back onto a
// complete schema. Kept: the indexes of PRIMARY KEY and UNIQUE constraints
// (they have no SQL of their own, and they refuse a duplicate ref);
// partial indexes (the worklist's hold only open referrals, a few
// thousand, and building one scans the whole table); and the indexes of
// the other tables, which lead with referral_id, so a bulk load appends to
// them in order.
func dropSecondary(ctx context.Context, tx *Tx) ([]string, error) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(bulkTables)), ", ")
	args := make([]any, len(bulkTables))
	for i, t := range bulkTables {
		args[i] = t
	}
	rows, err := tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema s
		WHERE sql IS NOT NULL AND (
			(type = 'trigger' AND tbl_name IN (`+marks+`)) OR
			(type = 'index' AND tbl_name = 'referrals' AND NOT EXISTS (
				SELECT 1 FROM pragma_index_list('referrals') l WHERE l.name = s.name AND l.partial)))
		ORDER BY type = 'trigger', name`, args...)
	if err != nil {
		return nil, err
	}
	type object struct{ kind, name, ddl string }
	var objects []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.ddl); err != nil {
			rows.Close()
			return nil, err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	saved := make([]string, 0, len(objects))
	for _, o := range objects {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`DROP %s "%s"`, strings.ToUpper(o.kind), o.name)); err != nil {
			return nil, err
		}
		saved = append(saved, o.ddl)
	}
	return saved, nil
}
