package store

import (
	"context"
	"testing"

	"envei/intake"
)

// BenchmarkAppendEventAndAccess is the cost the chain adds to a write
// without the disk: one event and one access-log row per iteration, a
// thousand to a transaction, so the commit's fsync is shared out. It
// calls only appendEvent and logAccess, whose signatures predate the
// chain, so the same file runs against the code before it.
func BenchmarkAppendEventAndAccess(b *testing.B) {
	s := newStoreTB(b)
	ctx := context.Background()
	who := intake.Clinician{Username: "root", Role: intake.RoleAdmin}
	var tx *Tx
	n := 0
	for b.Loop() {
		if tx == nil {
			var err error
			if tx, err = s.db.BeginTx(ctx, nil); err != nil {
				b.Fatal(err)
			}
		}
		if err := appendEvent(ctx, tx, "2026-11-22T09:00:00Z", "root", 0, "benchmark", "detail"); err != nil {
			b.Fatal(err)
		}
		if err := logAccess(ctx, tx, "2026-11-22T09:00:00Z", accessEntry{actor: who, what: readExport, basis: intake.BasisBulk}); err != nil {
			b.Fatal(err)
		}
		if n++; n%1000 == 0 {
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			tx = nil
		}
	}
	if tx != nil {
		tx.Commit()
	}
}
