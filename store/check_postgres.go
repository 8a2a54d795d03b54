package store

import (
	"context"
	"fmt"
)

// check is Store.Check on PostgreSQL. The server checks its own pages
// (with data checksums, when the cluster has them) and has no integrity
// check to run from SQL without an extension, so Integrity says "ok" once
// every table has been read through; the foreign keys are checked row by
// row, as SQLite's foreign_key_check does, since a superuser can turn
// them off (session_replication_role) while rows go in.
func (*postgresEngine) check(ctx context.Context, s *Store) (CheckReport, error) {
	var r CheckReport
	if err := s.db.QueryRowContext(ctx, `SELECT version, application_id FROM envei_schema`).Scan(&r.SchemaVersion, &r.ApplicationID); err != nil {
		return r, err
	}
	orphans, err := postgresForeignKeyOrphans(ctx, s.db)
	if err != nil {
		return r, err
	}
	r.Integrity = "ok"
	r.ForeignKeys = orphans
	if r.ForeignKeys > 0 {
		r.Problems = append(r.Problems, fmt.Sprintf("foreign keys: %d rows point at nothing", r.ForeignKeys))
	}
	if r.SchemaVersion != SchemaVersion() {
		r.Problems = append(r.Problems, fmt.Sprintf("schema version %d, this envei writes %d", r.SchemaVersion, SchemaVersion()))
	}
	if r.ApplicationID != ApplicationID {
		r.Problems = append(r.Problems, fmt.Sprintf("application id %#x is not envei's %#x", r.ApplicationID, ApplicationID))
	}
	return r, nil
}

// postgresForeignKeyOrphans counts the rows whose foreign key points at no
// row, over every single-column foreign key of the schema (envei has no
// other kind).
func postgresForeignKeyOrphans(ctx context.Context, db *DB) (int, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT child.relname, ca.attname, parent.relname, pa.attname
		FROM pg_constraint con
		JOIN pg_class child ON child.oid = con.conrelid
		JOIN pg_class parent ON parent.oid = con.confrelid
		JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = con.conkey[1]
		JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
		WHERE con.contype = 'f' AND child.relnamespace = current_schema()::regnamespace
		ORDER BY 1, 2`)
	if err != nil {
		return 0, err
	}
	type fk struct{ child, col, parent, pcol string }
	var fks []fk
	for rows.Next() {
		var f fk
		if err := rows.Scan(&f.child, &f.col, &f.parent, &f.pcol); err != nil {
			rows.Close()
			return 0, err
		}
		fks = append(fks, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	total := 0
	for _, f := range fks {
		// The names come from the catalogue, quoted as identifiers.
		var n int
		err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q c WHERE c.%q IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM %q p WHERE p.%q = c.%q)`, f.child, f.col, f.parent, f.pcol, f.col)).Scan(&n)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
