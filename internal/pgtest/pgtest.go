// Package pgtest starts PostgreSQL servers of a test's own: initdb in a
// temporary folder, listening only on a Unix socket there, stopped and
// removed when the test ends. Tests of the store (crash and restart) and
// of the command line (serve with a password) use it; nothing else does.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Server is a running server of the test's own. Unlike the shared server
// of ENVEI_TEST_POSTGRES, a test may restart or crash it.
type Server struct {
	bin  string   // the folder of initdb and pg_ctl
	Dir  string   // the folder holding data/, the socket and server.log
	as   []string // runuser … when the test runs as root
	Port int
}

// Options shape a server beyond the defaults.
type Options struct {
	// Conf is appended to postgresql.conf (after the socket, the port,
	// fsync and synchronous commit on, and 40 connections).
	Conf string
	// HBA, when set, replaces pg_hba.conf (the default trusts everyone on
	// the socket).
	HBA string
}

// Start starts a server, or skips the test when no initdb is installed
// (fails when ENVEI_REQUIRE_POSTGRES=1). PostgreSQL refuses to run as
// root: as root it runs as the user postgres. The superuser is postgres.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	bin := FindBin()
	if bin == "" {
		if os.Getenv("ENVEI_REQUIRE_POSTGRES") == "1" {
			t.Fatal("ENVEI_REQUIRE_POSTGRES=1 but no initdb is installed (PATH, /usr/lib/postgresql/*/bin)")
		}
		t.Skip("needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql); none found on PATH or in /usr/lib/postgresql/*/bin")
	}
	// Not t.TempDir(): as root the server's user must reach the folder,
	// and the socket's path must stay short (108 bytes).
	dir, err := os.MkdirTemp("", "envei-pg-")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{bin: bin, Dir: dir, Port: 5432}
	t.Cleanup(func() {
		_ = s.Ctl("stop", "-m", "immediate")
		os.RemoveAll(dir)
	})
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skip("running as root, and no user postgres to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		s.as = []string{"runuser", "-u", "postgres", "--"}
	}
	if out, err := s.command(filepath.Join(bin, "initdb"), "-D", s.Data(), "-U", "postgres", "--auth=trust", "--no-sync").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	conf := fmt.Sprintf("listen_addresses = ''\nunix_socket_directories = '%s'\nport = %d\nfsync = on\nsynchronous_commit = on\nmax_connections = 40\n%s\n",
		dir, s.Port, o.Conf)
	if err := appendFile(filepath.Join(s.Data(), "postgresql.conf"), conf); err != nil {
		t.Fatal(err)
	}
	if o.HBA != "" {
		if err := os.WriteFile(filepath.Join(s.Data(), "pg_hba.conf"), []byte(o.HBA), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Ctl("start"); err != nil {
		t.Fatalf("starting the test's own server: %v", err)
	}
	return s
}

// Data is the server's data folder.
func (s *Server) Data() string { return filepath.Join(s.Dir, "data") }

func (s *Server) command(name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string{}, s.as...), name), args...)
	return exec.Command(argv[0], argv[1:]...)
}

// Ctl runs pg_ctl on the server's data folder and waits for it.
func (s *Server) Ctl(args ...string) error {
	args = append(args, "-D", s.Data(), "-w", "-l", filepath.Join(s.Dir, "server.log"))
	out, err := s.command(filepath.Join(s.bin, "pg_ctl"), args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl %v: %v\n%s", args, err, out)
	}
	return nil
}

// DSN returns the address of database db as who, with query's pairs
// (name, value, …) added.
func (s *Server) DSN(who *url.Userinfo, db string, query ...string) string {
	q := url.Values{"host": {s.Dir}, "port": {strconv.Itoa(s.Port)}}
	for i := 0; i+1 < len(query); i += 2 {
		q.Set(query[i], query[i+1])
	}
	u := url.URL{Scheme: "postgres", User: who, Path: "/" + db, RawQuery: q.Encode()}
	return u.String()
}

// Admin runs statements as the superuser on the database postgres.
func (s *Server) Admin(t testing.TB, statements ...string) {
	t.Helper()
	db, err := sql.Open("pgx", s.DSN(url.User("postgres"), "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range statements {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// FindBin returns the folder of initdb (on PATH, or the newest in
// Debian's /usr/lib/postgresql/*/bin), or "".
func FindBin() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p)
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return ""
	}
	sort.Strings(found) // one-digit versions before 10 do not matter: 15+ is needed
	return filepath.Dir(found[len(found)-1])
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
