package store

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
)

// pgServer is a PostgreSQL server a test starts for itself with initdb in
// a folder of its own, listening only on a Unix socket there, with fsync
// and synchronous commit on as a real server has them. Unlike the shared
// server of ENVEI_TEST_POSTGRES, a test may restart or crash it.
type pgServer struct {
	bin  string // the folder of initdb and pg_ctl
	dir  string // the folder holding data/ and the socket
	as   []string
	port int
}

// startPGServer starts a private server, or skips the test when no initdb
// is installed (fails when ENVEI_REQUIRE_POSTGRES=1). PostgreSQL refuses
// to run as root: as root it runs as the user postgres.
func startPGServer(t *testing.T) *pgServer {
	t.Helper()
	bin := findPGBin()
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
	srv := &pgServer{bin: bin, dir: dir, port: 5432}
	t.Cleanup(func() {
		_ = srv.pgCtl("stop", "-m", "immediate")
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
		srv.as = []string{"runuser", "-u", "postgres", "--"}
	}
	if out, err := srv.command(filepath.Join(bin, "initdb"), "-D", srv.data(), "-U", "postgres", "--auth=trust", "--no-sync").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	conf := fmt.Sprintf("listen_addresses = ''\nunix_socket_directories = '%s'\nport = %d\nfsync = on\nsynchronous_commit = on\nmax_connections = 40\nshared_buffers = 32MB\n", dir, srv.port)
	f, err := os.OpenFile(filepath.Join(srv.data(), "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(conf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := srv.pgCtl("start"); err != nil {
		t.Fatalf("starting the test's own server: %v", err)
	}
	return srv
}

func (s *pgServer) data() string { return filepath.Join(s.dir, "data") }

func (s *pgServer) command(name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string{}, s.as...), name), args...)
	return exec.Command(argv[0], argv[1:]...)
}

// pgCtl runs pg_ctl on the server's data folder and waits for it.
func (s *pgServer) pgCtl(args ...string) error {
	args = append(args, "-D", s.data(), "-w", "-l", filepath.Join(s.dir, "server.log"))
	out, err := s.command(filepath.Join(s.bin, "pg_ctl"), args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl %v: %v\n%s", args, err, out)
	}
	return nil
}

// dsn returns the address of database db on the server.
func (s *pgServer) dsn(db string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/" + db,
		RawQuery: url.Values{"host": {s.dir}, "port": {strconv.Itoa(s.port)}}.Encode()}
	return u.String()
}

// createDatabase makes an empty database and returns its DSN.
func (s *pgServer) createDatabase(t *testing.T, name string) string {
	t.Helper()
	db, err := sql.Open("pgx", s.dsn("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	return s.dsn(name)
}

// findPGBin returns the folder of initdb (on PATH, or the newest in
// Debian's /usr/lib/postgresql/*/bin), or "".
func findPGBin() string {
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
