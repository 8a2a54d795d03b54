package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// target is one engine the table is measured on: where its databases are,
// and the least work its own client does to answer the same question (the
// reference rows).
type target interface {
	name() string
	// demo returns where the demo database of n referrals is, and whether
	// it is already there (a kept --dir or database is reused).
	demo(n int) (where string, exists bool)
	// fresh returns where a new, empty database called label goes,
	// removing one left by an earlier run.
	fresh(label string) string
	// readAll times the engine's client reading every row of referrals
	// and outcomes: the reference for the reports.
	readAll(db string) time.Duration
	// importFloor times the engine's client loading csv into a bare table
	// of text columns: the floor for envei import.
	importFloor(csv string) time.Duration
	// cleanup removes what the run made that is not to be kept.
	cleanup()
}

// sqliteTarget keeps its files in dir.
type sqliteTarget struct{ dir string }

func (sqliteTarget) name() string { return "SQLite" }

func (t sqliteTarget) demo(n int) (string, bool) {
	db := filepath.Join(t.dir, fmt.Sprintf("demo-%d.db", n))
	_, err := os.Stat(db)
	return db, err == nil
}

func (t sqliteTarget) fresh(label string) string {
	db := filepath.Join(t.dir, label+".db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix)
	}
	return db
}

func (sqliteTarget) readAll(db string) time.Duration {
	return timed("sqlite3", db, "SELECT * FROM referrals") + timed("sqlite3", db, "SELECT * FROM referral_outcomes")
}

func (t sqliteTarget) importFloor(csv string) time.Duration {
	bare := t.fresh("bare")
	return timed("sqlite3", bare, ".import --csv "+csv+" referrals")
}

func (sqliteTarget) cleanup() {}

// postgresTarget makes databases called pgbench_<label> on the server the
// admin DSN names, and drops them at the end unless keep is set. It needs
// psql on the PATH.
type postgresTarget struct {
	admin string
	keep  bool
	made  []string
}

func (*postgresTarget) name() string { return "PostgreSQL" }

// dsn returns the admin DSN pointed at database db.
func (t *postgresTarget) dsn(db string) string {
	u, err := url.Parse(t.admin)
	check(err)
	u.Path = "/" + db
	return u.String()
}

func (t *postgresTarget) psql(db string, commands ...string) {
	args := []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", t.dsn(db)}
	for _, c := range commands {
		args = append(args, "-c", c)
	}
	run("psql", args...)
}

func (t *postgresTarget) exists(db string) bool {
	out, err := execOutput("psql", "-X", "-At", t.dsn("postgres"), "-c",
		"SELECT 1 FROM pg_database WHERE datname = '"+db+"'")
	check(err)
	return strings.TrimSpace(out) == "1"
}

func (t *postgresTarget) demo(n int) (string, bool) {
	db := fmt.Sprintf("pgbench_demo_%d", n)
	if t.exists(db) {
		return t.dsn(db), true
	}
	return t.fresh(fmt.Sprintf("demo_%d", n)), false
}

func (t *postgresTarget) fresh(label string) string {
	db := "pgbench_" + label
	t.psql("postgres", "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)", "CREATE DATABASE "+db)
	t.made = append(t.made, db)
	return t.dsn(db)
}

func (*postgresTarget) readAll(db string) time.Duration {
	return timed("psql", "-X", "-q", db, "-c", "COPY referrals TO STDOUT", "-c", "COPY referral_outcomes TO STDOUT")
}

func (t *postgresTarget) importFloor(csv string) time.Duration {
	db := t.fresh("bare")
	t.psql("pgbench_bare", "CREATE TABLE referrals (ref text, received text, channel text, addressed_to text)")
	return timed("psql", "-X", "-q", db, "-c", `\copy referrals FROM '`+csv+`' WITH (FORMAT csv, HEADER true)`)
}

func (t *postgresTarget) cleanup() {
	if t.keep {
		return
	}
	for _, db := range t.made {
		t.psql("postgres", "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)")
	}
}
