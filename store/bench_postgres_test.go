package store

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"
)

// copyPostgresBenchDB makes a copy of the PostgreSQL database src (a DSN)
// for a benchmark that writes, as writableBenchStore copies a SQLite file,
// and drops it when the benchmark ends. CREATE DATABASE … TEMPLATE needs
// no one else connected to src: envei-bench runs the writing benchmarks in
// a process of their own.
func copyPostgresBenchDB(b *testing.B, src string) string {
	b.Helper()
	u, err := url.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	from := strings.TrimPrefix(u.Path, "/")
	to := from + "_writes"
	u.Path = "/postgres"
	adminDSN := u.String()
	admin, err := sql.Open("pgx", adminDSN)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	for _, q := range []string{
		`DROP DATABASE IF EXISTS ` + to + ` WITH (FORCE)`,
		`CREATE DATABASE ` + to + ` TEMPLATE ` + from,
	} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() {
		db, err := sql.Open("pgx", adminDSN)
		if err != nil {
			b.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, `DROP DATABASE IF EXISTS `+to+` WITH (FORCE)`); err != nil {
			b.Error(err)
		}
	})
	u.Path = "/" + to
	return u.String()
}
