package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ApplicationID marks a SQLite file as an envei database (PRAGMA
// application_id; the bytes spell "enVI").
const ApplicationID = 0x656E5649

// migration is one numbered schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Files are named
// NNNN_description.sql and numbered from 1 without gaps.
func migrations() ([]migration, error) {
	out, err := readMigrations(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// readMigrations reads the NNNN_description.sql files of dir in fsys, in
// the order of their numbers; each is named by its path below
// migrations/.
func readMigrations(fsys embed.FS, dir string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	name := strings.TrimPrefix(strings.TrimPrefix(dir, "migrations"), "/")
	if name != "" {
		name += "/"
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s%s: name must start with a number and _", name, e.Name())
		}
		body, err := fsys.ReadFile(dir + "/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, name + e.Name(), string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the schema this binary writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		panic(err) // the embedded files are part of the binary; a test covers them
	}
	return len(ms)
}

// migrateSQLite brings the schema from its current user_version to the newest, one
// transaction per step, so a crash leaves the file at a whole version.
func (s *Store) migrateSQLite(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		err := s.InTx(ctx, func(tx *Tx) error {
			var current int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
				return err
			}
			if current >= m.version {
				return nil // another process got here first
			}
			if err := applyMigration(ctx, tx, m); err != nil {
				return err
			}
			// PRAGMAs take no bound parameters; both values are our own integers.
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", m.version, ApplicationID))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// goStepMarker, at the start of a line of a migration, names a step in Go
// (migrationStep) run at that point in the migration's transaction: what
// SQL cannot compute, such as the hashes of rows already written.
const goStepMarker = "-- envei:go "

// applyMigration runs one migration's SQL and Go steps inside tx.
func applyMigration(ctx context.Context, tx *Tx, m migration) error {
	rest := m.sql
	for rest != "" {
		part, step := rest, ""
		if i := strings.Index(rest, "\n"+goStepMarker); i >= 0 {
			part = rest[:i+1]
			line, after, _ := strings.Cut(rest[i+1+len(goStepMarker):], "\n")
			step, rest = strings.TrimSpace(line), after
		} else {
			rest = ""
		}
		if strings.TrimSpace(part) != "" {
			if _, err := tx.ExecContext(ctx, part); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if step != "" {
			run, ok := migrationStep(step)
			if !ok {
				return fmt.Errorf("migration %s: no Go step %q", m.name, step)
			}
			if err := run(ctx, tx); err != nil {
				return fmt.Errorf("migration %s, step %s: %w", m.name, step, err)
			}
		}
	}
	return nil
}

// migrationStep returns the Go step a migration names.
func migrationStep(name string) (func(context.Context, *Tx) error, bool) {
	switch name {
	case "chain_existing_rows":
		return chainExistingRows, true
	case "tally_keys_existing_rows":
		return tallyKeysExistingRows, true
	}
	return nil, false
}
