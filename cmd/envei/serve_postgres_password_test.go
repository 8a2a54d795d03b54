package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"envei/internal/pgtest"
	"envei/store"
)

// pgPassword is the envei role's password on the test's own server: the
// one string no output, log line or process argument may show.
const pgPassword = "Zq7-pw-NEVER-shown-4Kx"

// passwordServer starts a PostgreSQL server of the test's own where the
// role envei_pw must give its password (scram-sha-256) and owns the
// databases envei_pw and envei_pw_query, and returns their DSNs with the
// password in them, in each form a DSN may carry it (user:password@,
// ?password=), and the server's folder. The test's admin comes in without
// a password; everyone else must give theirs.
func passwordServer(t *testing.T) (dsns map[string]string, dir string) {
	t.Helper()
	srv := pgtest.Start(t, pgtest.Options{
		Conf: "shared_buffers = 16MB\npassword_encryption = 'scram-sha-256'",
		HBA:  "local all postgres trust\nlocal all all scram-sha-256\n",
	})
	srv.Admin(t, `CREATE ROLE envei_pw LOGIN PASSWORD '`+pgPassword+`'`,
		`CREATE DATABASE envei_pw OWNER envei_pw`, `CREATE DATABASE envei_pw_query OWNER envei_pw`)
	return map[string]string{
		"userinfo": srv.DSN(url.UserPassword("envei_pw", pgPassword), "envei_pw"),
		"query":    srv.DSN(url.User("envei_pw"), "envei_pw_query", "password", pgPassword),
	}, srv.Dir
}

// envei serve --db postgres://user:password@… on a server that requires
// the password: every session, the console and the commands over SSH (Go's
// client and OpenSSH's), opens the database with it, and the password
// shows nowhere: not in any session's output or errors, not in serve's
// output or log, not in the arguments of any process on the machine.
func TestServeOnPostgresWithAPassword(t *testing.T) {
	dsns, pgDir := passwordServer(t)
	for _, form := range []string{"userinfo", "query"} {
		t.Run(form, func(t *testing.T) { serveWithPassword(t, dsns[form], pgDir) })
	}
}

func serveWithPassword(t *testing.T, dsn, pgDir string) {
	ctx := context.Background()
	// The server does want the password: without it, no way in.
	noPassword := strings.NewReplacer(":"+pgPassword+"@", "@", "&password="+pgPassword, "", "password="+pgPassword+"&", "").Replace(dsn)
	if strings.Contains(noPassword, pgPassword) {
		t.Fatalf("the test could not take the password out of its DSN")
	}
	if _, err := store.Open(ctx, noPassword, store.Options{}); err == nil {
		t.Fatal("opened the database without its password: the test would prove nothing")
	}
	var seen []string // everything envei printed or logged
	h := newHarness(t)
	h.db = dsn
	seen = append(seen, h.ok("demo"), h.ok("clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps"))
	keys := t.TempDir()
	root, rootPub := writeKeyPair(t, keys, "root", "root@server")
	kari, kariPub := writeKeyPair(t, keys, "kari", "kari@desk")
	seen = append(seen, h.ok("clinician", "key", "add", "root", rootPub), h.ok("clinician", "key", "add", "kari", kariPub))

	hostKey := filepath.Join(t.TempDir(), "ssh_host_ed25519_key")
	ts := serveHarness(t, h, serveOptions{maxSessions: 10, hostKey: hostKey})
	if !strings.Contains(ts.stdout.String(), "/envei_pw") {
		t.Errorf("serve does not say which database it serves:\n%s", ts.stdout)
	}
	rootC, err := ts.dial(gossh.PublicKeys(root))
	if err != nil {
		t.Fatal(err)
	}
	defer rootC.Close()
	kariC, err := ts.dial(gossh.PublicKeys(kari))
	if err != nil {
		t.Fatal(err)
	}
	defer kariC.Close()

	// Each command over SSH opens the database anew, with the password.
	ok := func(c *gossh.Client, cmd, stdin string) string {
		t.Helper()
		r := sshRun(t, c, cmd, stdin)
		seen = append(seen, r.stdout, r.stderr)
		if r.code != 0 {
			t.Errorf("ssh %s: exit %d\n%s", cmd, r.code, r.stderr)
		}
		return r.stdout
	}
	if out := ok(kariC, "status", ""); !strings.Contains(out, "You are kari") {
		t.Errorf("status over SSH:\n%s", out)
	}
	ok(rootC, "check", "")
	if got, local := ok(rootC, "stats --format csv", ""), h.ok("stats", "--format", "csv"); got != local {
		t.Errorf("stats over SSH differs from the local command:\n%s\n%s", got, local)
	}
	ok(rootC, "import -", "ref,received,channel\nPW1,2026-11-02,self\n")
	if out := ok(rootC, "export", ""); !strings.Contains(out, "PW1,") {
		t.Error("the import over SSH is not in the export over SSH")
	}
	ok(rootC, "funnel --by week", "")
	// Commands that fail print errors of their own: no password there
	// either.
	for _, cmd := range []string{"export", "referral show NO-SUCH-REF", "stats --db " + noPassword} {
		r := sshRun(t, kariC, cmd, "")
		seen = append(seen, r.stdout, r.stderr)
		if r.code == 0 {
			t.Errorf("ssh %s as kari succeeded", cmd)
		}
	}

	// The password changed on the server while serve runs: a session's
	// command cannot open the database, and says so without showing the
	// password it tried.
	admin, err := sql.Open("pgx", (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/postgres",
		RawQuery: url.Values{"host": {pgDir}, "port": {"5432"}}.Encode()}).String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`ALTER ROLE envei_pw PASSWORD 'another-one'`); err != nil {
		t.Fatal(err)
	}
	r := sshRun(t, rootC, "status", "")
	seen = append(seen, r.stdout, r.stderr)
	if r.code == 0 || !strings.Contains(r.stderr, "password authentication failed") {
		t.Errorf("status with a stale password: %+v", r)
	}
	if _, err := admin.Exec(`ALTER ROLE envei_pw PASSWORD '` + pgPassword + `'`); err != nil {
		t.Fatal(err)
	}

	// The console, over a terminal.
	s, err := kariC.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	screen := &syncBuffer{}
	s.Stdout = screen
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, screen, "Worklist")

	// OpenSSH's client, where it is installed.
	if sshBin, err := exec.LookPath("ssh"); err == nil {
		_, port, _ := strings.Cut(ts.addr, ":")
		cmd := exec.Command(sshBin, "-F", "/dev/null", "-p", port, "-i", strings.TrimSuffix(rootPub, ".pub"),
			"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
			"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
			"-o", "ConnectTimeout=10", "-l", "someone", "127.0.0.1", "stats", "--format", "csv")
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Errorf("stats over OpenSSH: %v\n%s", err, errOut.String())
		}
		if !strings.Contains(out.String(), ",") {
			t.Errorf("stats over OpenSSH printed no table:\n%s", out.String())
		}
		seen = append(seen, out.String(), errOut.String())
	} else {
		t.Log("OpenSSH client not installed: Go's client only")
	}

	// While the sessions are open, no process on the machine shows the
	// password among its arguments (envei starts none that would).
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(pgPassword)) {
			t.Errorf("%s shows the password: %q", p, bytes.ReplaceAll(b, []byte{0}, []byte{' '}))
		}
	}

	in.Write([]byte("q"))
	s.Close()
	ts.stop()
	<-ts.done
	ts.done <- 0 // for serveHarness's cleanup

	seen = append(seen, screen.String(), ts.stdout.String(), ts.stderr.String())
	for i, text := range seen {
		if strings.Contains(text, pgPassword) {
			t.Errorf("output %d shows the password:\n%s", i, text)
		}
	}
	for _, want := range []string{"login", "user=kari", "user=root", "command=stats"} {
		if !strings.Contains(ts.stderr.String(), want) {
			t.Errorf("serve's log lacks %q:\n%s", want, ts.stderr)
		}
	}
	// Nor does the database server's own log (a failed login names the
	// role, never what was tried).
	if b, err := os.ReadFile(filepath.Join(pgDir, "server.log")); err == nil && bytes.Contains(b, []byte(pgPassword)) {
		t.Errorf("the server's log shows the password")
	} else if errors.Is(err, os.ErrNotExist) {
		t.Log("no server log")
	}
}
