package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"envei/intake"
)

// create makes a new database at path. It is built in a temporary file next
// to it and linked into place only when complete, so a crash never leaves a
// half-made database at path, and a database made meanwhile by someone else
// is never overwritten.
func create(ctx context.Context, path string, opts Options, now func() time.Time) error {
	if !intake.ValidUsername(opts.Creator.Username) {
		return errors.New("create database: the creating user has no valid login name")
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create database folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".envei-new-*.db") // mode 0600
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer removeWithSidecars(tmpPath)

	s, err := openPool(tmpPath, now)
	if err != nil {
		return err
	}
	err = s.eng.migrate(ctx, s)
	if err == nil {
		err = s.seed(ctx, opts)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create database: %w", err)
	}
	if err := syncFile(tmpPath); err != nil {
		return err
	}
	if err := os.Link(tmpPath, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil // someone else created it meanwhile; use theirs
		}
		return fmt.Errorf("create database: %w", err)
	}
	return syncDir(dir)
}

// seed fills a new database: settings, the default service catalogue and
// the creator as admin.
func (s *Store) seed(ctx context.Context, opts Options) error {
	return s.InTx(ctx, func(tx *Tx) error { return s.seedIn(ctx, tx, opts) })
}

// seedIn is seed inside the caller's transaction.
func (s *Store) seedIn(ctx context.Context, tx *Tx, opts Options) error {
	at := s.stamp()
	settings := map[string]string{
		settingTestData:      boolText(opts.Test),
		settingCountSaturday: "0",
		settingCreatedAt:     at,
		settingCreatedBy:     opts.Creator.Username,
	}
	for k, v := range settings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}
	for i, svc := range intake.DefaultCatalogue() {
		if err := insertService(ctx, tx, svc, i+1); err != nil {
			return err
		}
	}
	creator := opts.Creator
	creator.Role = intake.RoleAdmin
	if creator.Name == "" {
		creator.Name = creator.Username
	}
	if err := insertClinician(ctx, tx, creator, at); err != nil {
		return err
	}
	return appendEvent(ctx, tx, at, creator.Username, 0, "database_created", "")
}

// removeWithSidecars removes a database file and its -wal and -shm files.
func removeWithSidecars(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		_ = os.Remove(p)
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a new directory entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func boolText(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
