package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// verifySchema on PostgreSQL compares the database's schema with one the
// embedded migrations make afresh in a schema of their own, inside a
// transaction that is rolled back: nothing of it stays behind.
func (e *postgresEngine) verifySchema(ctx context.Context, s *Store) ([]string, error) {
	tx, err := s.db.pool.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t := &Tx{tx: tx, eng: e}
	var live string
	if err := t.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&live); err != nil {
		return nil, err
	}
	got, err := readPostgresSchema(ctx, t, live)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	fresh := "envei_expected_" + hex.EncodeToString(b)
	ms, err := postgresMigrations()
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `CREATE SCHEMA `+fresh); err != nil {
		return nil, fmt.Errorf("making the expected schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL search_path TO `+fresh); err != nil {
		return nil, err
	}
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return nil, fmt.Errorf("making the expected schema: migration %s: %w", m.name, err)
		}
	}
	want, err := readPostgresSchema(ctx, t, fresh)
	if err != nil {
		return nil, err
	}
	return compareSchema(want, got), nil
}

// postgresSchemaQuery lists the objects of schema ?1 with their
// definitions as PostgreSQL prints them: each table's columns, its
// constraints, indexes and triggers, and the functions.
const postgresSchemaQuery = `
SELECT 'table', c.relname, c.relname,
       string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) ||
                  CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END ||
                  coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = ?1 AND c.relkind = 'r'
GROUP BY c.relname
UNION ALL
SELECT 'constraint', con.conname, c.relname, pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?1
UNION ALL
SELECT 'index', i.indexname, i.tablename, i.indexdef
FROM pg_indexes i WHERE i.schemaname = ?1
UNION ALL
SELECT 'trigger', t.tgname, c.relname, pg_get_triggerdef(t.oid)
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ?1 AND NOT t.tgisinternal
UNION ALL
SELECT 'function', p.proname, '', pg_get_functiondef(p.oid)
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ?1`

// readPostgresSchema reads schema's objects, keyed by kind and name, with
// the schema's own name taken out of their definitions so that two
// schemas made alike compare equal.
func readPostgresSchema(ctx context.Context, tx *Tx, schema string) (map[string]schemaObject, error) {
	rows, err := tx.QueryContext(ctx, postgresSchemaQuery, schema)
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
		o.sql = strings.ReplaceAll(o.sql, schema+".", "")
		o.sql = normaliseSQL(o.sql)
		out[o.kind+" "+o.name] = o
	}
	return out, rows.Err()
}
