package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// schemaObject is one row of sqlite_schema: a table, index, trigger or
// view.
type schemaObject struct {
	kind, name, table, sql string
}

// VerifySchema compares the database's tables, indexes, triggers and views
// with what the embedded migrations make, and names every object deleted,
// changed or added. The expected schema is made by running the migrations
// on an empty database in memory, never listed by hand, so it is right
// for whatever migrations this binary holds. (A dropped append-only
// trigger, or a trigger added to rewrite rows as they are written, shows
// here even when the rows it let through are not in a chain.)
func (s *Store) VerifySchema(ctx context.Context) ([]string, error) {
	return s.eng.verifySchema(ctx, s)
}

// verifySchema is VerifySchema on SQLite.
func (sqliteEngine) verifySchema(ctx context.Context, s *Store) ([]string, error) {
	want, err := expectedSchema(ctx)
	if err != nil {
		return nil, fmt.Errorf("making the expected schema: %w", err)
	}
	got, err := readSchema(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return compareSchema(want, got), nil
}

// expectedSchema runs every embedded migration on a new in-memory database.
func expectedSchema(ctx context.Context) (map[string]schemaObject, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // every connection to :memory: is a database of its own
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		if err := applyMigration(ctx, &Tx{tx: tx, eng: sqliteEngine{}}, m); err != nil {
			tx.Rollback()
			return nil, err
		}
		if err := tx.Commit(); err != nil {
			return nil, err
		}
	}
	return readSchema(ctx, db)
}

// readSchema reads sqlite_schema, keyed by type and name. SQLite's own
// statistics tables (ANALYZE, PRAGMA optimize) are no part of the schema.
func readSchema(ctx context.Context, q rowsQueryer) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_stat%' ESCAPE '\' AND name <> 'sqlite_sequence'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.sql = normaliseSQL(o.sql)
		out[o.kind+" "+o.name] = o
	}
	return out, rows.Err()
}

// normaliseSQL makes SQL that differs only in white space compare equal.
func normaliseSQL(s string) string { return strings.Join(strings.Fields(s), " ") }

// compareSchema names what differs, sorted by kind and name.
func compareSchema(want, got map[string]schemaObject) []string {
	var problems []string
	for key, w := range want {
		g, ok := got[key]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("schema: %s %s (on %s): deleted", w.kind, w.name, w.table))
		case g.table != w.table || g.sql != w.sql:
			problems = append(problems, fmt.Sprintf("schema: %s %s (on %s): changed from what the migrations made", w.kind, w.name, g.table))
		}
	}
	for key, g := range got {
		if _, ok := want[key]; !ok {
			problems = append(problems, fmt.Sprintf("schema: %s %s (on %s): added; the migrations make no such %s", g.kind, g.name, g.table, g.kind))
		}
	}
	sort.Strings(problems)
	return problems
}
