package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"envei/intake"
	"envei/store"
)

// postgresDatabase creates a database of its own on the test server
// (ENVEI_TEST_POSTGRES, an admin DSN) and drops it when the test ends.
// Without a server the test is skipped, unless ENVEI_REQUIRE_POSTGRES=1.
func postgresDatabase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("ENVEI_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("ENVEI_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ENVEI_REQUIRE_POSTGRES=1 but ENVEI_TEST_POSTGRES names no server")
		}
		t.Skip("needs PostgreSQL: set ENVEI_TEST_POSTGRES to an admin DSN (see .ci/postgres)")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "envei_t_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err == nil {
			_, err = db.ExecContext(context.Background(), `DROP DATABASE `+name+` WITH (FORCE)`)
			db.Close()
		}
		if err != nil {
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

// The commands run on a PostgreSQL database as on a file; backup and
// restore say that the server's own tools do that.
func TestPostgresCommands(t *testing.T) {
	dsn := postgresDatabase(t)
	h := newHarness(t)
	h.db = dsn
	h.ok("init")
	h.ok("clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps")
	h.stdin = "ref,received,channel\nR1,2026-11-02,self\nR2,2026-11-03,self\n"
	h.ok("import", "-")
	h.stdin = ""
	if out := h.ok("status"); !strings.Contains(out, "2") {
		t.Errorf("status:\n%s", out)
	}
	if out := h.ok("check"); !strings.Contains(out, "ok") || !strings.Contains(out, "chain") {
		t.Logf("%s", out)
		t.Errorf("check:\n%s", out)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	for _, args := range [][]string{{"backup", dest}, {"restore", dest}} {
		r := h.run(args...)
		if r.code == 0 || !strings.Contains(r.stderr, "pg_dump") {
			t.Errorf("envei %v on PostgreSQL: %+v", args, r)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("backup wrote %s", dest)
	}
}

// The files that go with a database on a server (the outbox, the host
// key) go into envei's own folder on this machine, never into a folder
// named after the address.
func TestPostgresFilesBesideTheDatabase(t *testing.T) {
	dsn := postgresDatabase(t)
	data := t.TempDir()
	a := &app{getenv: func(k string) string {
		if k == "XDG_DATA_HOME" {
			return data
		}
		return ""
	}}
	s, err := store.Open(context.Background(), dsn, store.Options{Create: true, Creator: intake.Clinician{Username: "root", Role: intake.RoleAdmin}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir, err := a.outboxDir(s)
	if err != nil || dir != filepath.Join(data, "envei", "outbox") {
		t.Errorf("outbox %q (%v), want it under %s", dir, err, data)
	}
}

// A region report merges receptions of either engine: one on a
// PostgreSQL server and one in a file count together, and the server's
// is named without its password.
func TestPostgresRegionAcrossEngines(t *testing.T) {
	dsn := postgresDatabase(t)
	h := newHarness(t)
	file := filepath.Join(t.TempDir(), "nord.db")
	h.ok("--db", dsn, "demo")
	h.ok("--db", file, "demo", "--patients", "300")
	server, _ := routingCounts(t, h.ok("--db", dsn, "stats", "--format", "json"))
	local, _ := routingCounts(t, h.ok("--db", file, "stats", "--format", "json"))
	both, names := routingCounts(t, h.ok("stats", "--db", dsn, "--db", file, "--format", "json"))
	if both["total/patients"] != 112+300 {
		t.Errorf("total %d, want 412 (%v)", both["total/patients"], names)
	}
	for k, n := range both {
		if n != server[k]+local[k] {
			t.Errorf("%s: %d, want %d + %d", k, n, server[k], local[k])
		}
	}
}
