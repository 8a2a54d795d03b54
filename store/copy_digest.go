package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sort"
	"strings"
)

// TableDigest is what envei copy compares of one table on both sides: its
// rows and SHA-256 over their content.
type TableDigest struct {
	Table  string
	Rows   int64
	Digest string // hex
}

// tableDigest hashes a table's rows as both engines return them: the
// table's name and its column names (sorted, so the order the columns
// were added in does not matter), then every row in key order, each value
// through the hash chains' encoding (appendField: a type tag, a length,
// the bytes), in the order of the sorted names. Both drivers return the
// same Go values for the same stored ones (int64, string, []byte, nil).
type tableDigest struct {
	table string
	cols  []string // sorted
	pos   []int    // pos[i]: where cols[i] is in the row as read
	h     hash.Hash
	rows  int64
	buf   []byte
}

// newTableDigest digests rows whose columns come in the order read.
func newTableDigest(table string, read []string) *tableDigest {
	d := &tableDigest{table: table, h: sha256.New()}
	d.cols = append(d.cols, read...)
	sort.Strings(d.cols)
	at := map[string]int{}
	for i, c := range read {
		at[c] = i
	}
	d.buf = appendField(d.buf, table)
	for _, c := range d.cols {
		d.pos = append(d.pos, at[c])
		d.buf = appendField(d.buf, c)
	}
	return d
}

// add hashes one row, its values in the order read.
func (d *tableDigest) add(row []any) {
	for _, p := range d.pos {
		d.buf = appendField(d.buf, row[p])
	}
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
	d.rows++
}

func (d *tableDigest) sum() TableDigest {
	d.h.Write(d.buf)
	d.buf = d.buf[:0]
	return TableDigest{Table: d.table, Rows: d.rows, Digest: hex.EncodeToString(d.h.Sum(nil))}
}

// tableColumns returns the columns of table as the engine of q lists them.
func tableColumns(ctx context.Context, q rowsQueryer, table string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table+` WHERE 1 = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	for i := range cols {
		cols[i] = strings.ToLower(cols[i])
	}
	return cols, rows.Err()
}

// scanTable reads every row of t in key order and hands each to fn; the
// slice is fn's to keep.
func scanTable(ctx context.Context, tx *Tx, t copyTable, cols []string, fn func(row []any) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+t.name+t.orderBy(tx))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// DigestTables digests every table envei copy carries, on one snapshot:
// what a copy compares, for a test or an operator comparing two databases.
func (s *Store) DigestTables(ctx context.Context) ([]TableDigest, error) {
	var out []TableDigest
	err := s.inReadTx(ctx, func(tx *Tx) error {
		var err error
		out, err = digestTables(ctx, tx)
		return err
	})
	return out, err
}

func digestTables(ctx context.Context, tx *Tx) ([]TableDigest, error) {
	var out []TableDigest
	for _, t := range copyTables() {
		cols, err := tableColumns(ctx, tx, t.name)
		if err != nil {
			return nil, err
		}
		d := newTableDigest(t.name, cols)
		if err := scanTable(ctx, tx, t, cols, func(row []any) error { d.add(row); return nil }); err != nil {
			return nil, err
		}
		out = append(out, d.sum())
	}
	return out, nil
}
