package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// The store's tests are its conformance suite: they run on SQLite, and on
// PostgreSQL with
//
//	ENVEI_TEST_ENGINE=postgres ENVEI_TEST_POSTGRES=<admin DSN> go test ./store/
//
// Each test then gets a database of its own on that server, dropped when
// it ends. ENVEI_REQUIRE_POSTGRES=1 (set by .ci/postgres) makes a missing
// server a failure instead of a skip.

// onPostgres reports whether this run tests the PostgreSQL engine.
func onPostgres() bool { return os.Getenv("ENVEI_TEST_ENGINE") == "postgres" }

// sqliteOnly skips a test that is about SQLite's files when the suite runs
// on PostgreSQL; why says what of SQLite it is about.
func sqliteOnly(t testing.TB, why string) {
	t.Helper()
	if onPostgres() {
		t.Skip("about SQLite only: " + why)
	}
}

// postgresOnly skips a test of the PostgreSQL engine unless the suite runs
// on it (ENVEI_TEST_ENGINE=postgres) or a server is given.
func postgresOnly(t testing.TB) string {
	t.Helper()
	dsn := postgresAdmin(t)
	if dsn == "" {
		t.Skip("needs PostgreSQL: set ENVEI_TEST_POSTGRES to an admin DSN (see .ci/postgres)")
	}
	return dsn
}

// postgresAdmin returns the admin DSN of the test server, "" when none is
// given and none is required.
func postgresAdmin(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("ENVEI_TEST_POSTGRES")
	if dsn == "" && (os.Getenv("ENVEI_REQUIRE_POSTGRES") == "1" || onPostgres()) {
		if os.Getenv("ENVEI_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ENVEI_REQUIRE_POSTGRES=1 but ENVEI_TEST_POSTGRES names no server")
		}
		t.Skip("ENVEI_TEST_ENGINE=postgres needs ENVEI_TEST_POSTGRES=<admin DSN> (see .ci/postgres)")
	}
	return dsn
}

// testDatabase returns where a test's new, empty database is to be made:
// a file in t.TempDir(), or on PostgreSQL the DSN of a database of its own.
func testDatabase(t testing.TB) string {
	t.Helper()
	if !onPostgres() {
		return filepath.Join(t.TempDir(), "envei.db")
	}
	return newPostgresDatabase(t, postgresAdmin(t))
}

// newPostgresDatabase creates an empty database on the server admin names
// and drops it, whoever is still connected, when the test ends. The
// cleanup is registered first so it runs after the store's Close.
func newPostgresDatabase(t testing.TB, admin string) string {
	t.Helper()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	name := "envei_t_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), `DROP DATABASE `+name+` WITH (FORCE)`); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
