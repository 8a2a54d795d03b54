package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is a bytes.Buffer the server's goroutines may write while a
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a real envei serve, in-process, on a random local port.
type testServer struct {
	addr           string
	stdout, stderr *syncBuffer
	stop           context.CancelFunc
	done           chan int
}

// serveHarness starts envei serve on h's database.
func serveHarness(t *testing.T, h *harness, o serveOptions) *testServer {
	t.Helper()
	ts := &testServer{stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan int, 1)}
	a := &app{
		stdin:      strings.NewReader(""),
		stdout:     ts.stdout,
		stderr:     ts.stderr,
		getenv:     func(string) string { return "" },
		username:   func() (string, string, error) { return "envei", "", nil },
		now:        func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) },
		random:     seededSource{rand.New(rand.NewPCG(7, 7))},
		isTerminal: func(any) bool { return false },
		global:     globalOptions{db: h.db},
	}
	if o.rateBurst == 0 {
		o.rateBurst = 1000
	}
	if o.listen == "" {
		o.listen = "127.0.0.1:0"
	}
	ready := make(chan net.Addr, 1)
	o.ready = func(addr net.Addr) { ready <- addr }
	ctx, cancel := context.WithCancel(context.Background())
	ts.stop = cancel
	go func() { ts.done <- a.report("serve", a.serve(ctx, o)) }()
	select {
	case addr := <-ready:
		ts.addr = addr.String()
	case code := <-ts.done:
		t.Fatalf("serve exited %d:\n%s%s", code, ts.stdout, ts.stderr)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	t.Cleanup(func() {
		cancel()
		select {
		case <-ts.done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return ts
}

func (ts *testServer) dial(auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "root", // ignored by the server: the key says who
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// dialInTurn tries the auth methods one after another, each once, even
// two of the same kind (the client's Auth list would try a kind once).
func (ts *testServer) dialInTurn(methods ...gossh.AuthMethod) (*gossh.Client, error) {
	next := 0
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: "root",
		AuthCallback: func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			if next == len(methods) {
				return nil, errors.New("no more methods")
			}
			next++
			return methods[next-1], nil
		},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// sshRun runs one command over a new session of c.
func sshRun(t *testing.T, c *gossh.Client, cmd, stdin string) result {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	s.Stdin, s.Stdout, s.Stderr = strings.NewReader(stdin), &out, &errOut
	code := 0
	if err := s.Run(cmd); err != nil {
		var ee *gossh.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("ssh %s: %v", cmd, err)
		}
		code = ee.ExitStatus()
	}
	return result{code, out.String(), errOut.String()}
}

// offeredOnly offers pub but cannot sign for it: the client asks the
// server whether pub would do (the server's roster check says yes), then
// fails to sign and goes on to its next method. The server has seen the
// admin's key offered before another key signs.
type offeredOnly struct{ pub gossh.PublicKey }

func (o offeredOnly) PublicKey() gossh.PublicKey { return o.pub }
func (o offeredOnly) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("offered only: no private key")
}

// servedReception is the pilot database with root (admin) and kari
// (clinician), each with a key on the roster, and a stranger's key not on it.
type servedReception struct {
	h                   *harness
	root, kari, strange gossh.Signer
}

func newServedReception(t *testing.T) servedReception {
	h := pilotHarness(t)
	dir := t.TempDir()
	h.ok("clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps")
	root, rootPub := writeKeyPair(t, dir, "root", "root@server")
	kari, kariPub := writeKeyPair(t, dir, "kari", "kari@desk")
	strange, _ := writeKeyPair(t, dir, "stranger", "x@y")
	h.ok("clinician", "key", "add", "root", rootPub)
	h.ok("clinician", "key", "add", "kari", kariPub)
	return servedReception{h, root, kari, strange}
}

func TestServeIdentityIsTheKeyThatSigned(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10})
	if !strings.Contains(ts.stdout.String(), "Host key fingerprint: SHA256:") || !strings.Contains(ts.stdout.String(), "ssh -p ") {
		t.Errorf("serve does not print the fingerprint and the line to type:\n%s", ts.stdout)
	}

	for who, signer := range map[string]gossh.Signer{"root": r.root, "kari": r.kari} {
		c, err := ts.dial(gossh.PublicKeys(signer))
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		got := sshRun(t, c, "status", "")
		c.Close()
		if got.code != 0 || !strings.Contains(got.stdout, "You are "+who+" ") {
			t.Errorf("%s's key: %+v", who, got)
		}
	}
	if _, err := ts.dial(gossh.PublicKeys(r.strange)); err == nil {
		t.Error("a key not on the roster got in")
	}
	if _, err := ts.dial(gossh.Password("secret")); err == nil {
		t.Error("a password got in")
	}
	if _, err := ts.dial(gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"secret"}, nil
	})); err == nil {
		t.Error("keyboard-interactive got in")
	}

	// The offered-key attack: the admin's public key offered, another key
	// signing. The signer acts, never the admin.
	c, err := ts.dialInTurn(gossh.PublicKeys(offeredOnly{r.root.PublicKey()}), gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatalf("%v\n%s", err, ts.stderr)
	}
	got := sshRun(t, c, "status", "")
	c.Close()
	if !strings.Contains(got.stdout, "You are kari ") {
		t.Errorf("offered the admin's key, signed with kari's: %+v", got)
	}
	if _, err := ts.dialInTurn(gossh.PublicKeys(offeredOnly{r.root.PublicKey()}), gossh.PublicKeys(r.strange)); err == nil {
		t.Error("offered the admin's key, signed with a key not on the roster: got in")
	}
	// Every login and logout is in the access log, with the key that
	// signed; the refused strangers are in the server's log only.
	ts.stop()
	<-ts.done
	ts.done <- 0
	counts := accessLogCounts(t, r.h.db)
	if counts["session:login root"] != 1 || counts["session:login kari"] != 2 || counts["session:logout kari"] != 2 {
		t.Errorf("access log session rows: %v", counts)
	}
	if !strings.Contains(ts.stderr.String(), "refused key not on the roster") {
		t.Errorf("the server's log does not say a key was refused:\n%s", ts.stderr)
	}
	// The monthly review lists the sessions per person.
	review := r.h.ok("audit", "--review")
	_, sessions, ok := strings.Cut(review, "Sessions over SSH (envei serve) at all:\n")
	if !ok {
		t.Fatalf("the review lists no sessions:\n%s", review)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(sessions), "\n")[1:] {
		f := strings.Fields(line)
		rows[f[0]] = strings.Join(f[1:4], " ")
	}
	if rows["kari"] != "2 2 0" || rows["root"] != "1 1 0" || len(rows) != 2 {
		t.Errorf("sessions per person (began, ended, refused): %v\n%s", rows, review)
	}
}

// accessLogCounts counts the access log's session rows by what and actor.
func accessLogCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT what, actor, reason FROM access_log WHERE what LIKE 'session:%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var what, actor, reason string
		if err := rows.Scan(&what, &actor, &reason); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(reason, "SHA256:") {
			t.Errorf("a session row without the key: %q", reason)
		}
		out[what+" "+actor]++
	}
	return out
}

func TestServeRunsCommands(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10})
	root, err := ts.dial(gossh.PublicKeys(r.root))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	kari, err := ts.dial(gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatal(err)
	}
	defer kari.Close()

	local := r.h.ok("stats", "--format", "csv")
	if got := sshRun(t, root, "stats --format csv", ""); got.code != 0 || got.stdout != local {
		t.Errorf("stats over SSH differs from the local command (exit %d, stderr %q)", got.code, got.stderr)
	}
	if got := sshRun(t, kari, "stats --no-such-flag", ""); got.code != exitUsage || got.stdout != "" || !strings.Contains(got.stderr, "--no-such-flag") {
		t.Errorf("a bad flag: %+v", got)
	}
	if got := sshRun(t, kari, "export", ""); got.code != exitFail || got.stdout != "" || !strings.Contains(got.stderr, "needs the role admin") {
		t.Errorf("a clinician's export: %+v", got)
	}
	for _, cmd := range []string{"stats --db /tmp/other.db", "export --out /tmp/x.csv", "--db=/tmp/x stats", "import /etc/passwd", "clinician key add kari /etc/hostname", "note 2026-00001 --out=/tmp/n.txt", "init", "demo", "backup /tmp/b", "copy --to /tmp/c.db", "serve"} {
		if got := sshRun(t, root, cmd, ""); got.code != exitUsage || !strings.Contains(got.stderr, "SSH") {
			t.Errorf("%s over SSH: %+v", cmd, got)
		}
	}
	if got := sshRun(t, root, "", ""); got.code != exitUsage {
		t.Errorf("no command and no terminal: %+v", got)
	}
	// A national id typed where the command goes is refused and reaches
	// no log.
	if got := sshRun(t, root, "14838510036", ""); got.code != exitUsage || strings.Contains(got.stderr, "14838510036") {
		t.Errorf("an id as the command: %+v", got)
	}
	if strings.Contains(ts.stderr.String(), "14838510036") {
		t.Errorf("the server logged what was typed:\n%s", ts.stderr)
	}

	csv := "ref,received,channel,addressed_to\nS1,2026-11-02,gp,dps\nS2,2026-11-03,self,\nS3,2026-11-04,gp,municipal\n"
	if got := sshRun(t, root, "import -", csv); got.code != 0 {
		t.Fatalf("import - over SSH: %+v", got)
	}
	exported := r.h.ok("export")
	for _, ref := range []string{"S1,", "S2,", "S3,"} {
		if !strings.Contains(exported, ref) {
			t.Errorf("imported referral %s missing", ref)
		}
	}
	// The whole export over SSH is the local one, byte for byte.
	if got := sshRun(t, root, "export", ""); got.code != 0 || got.stdout != exported {
		t.Errorf("export over SSH differs (exit %d, %q)", got.code, got.stderr)
	}
}

func TestServeConsoleAndShutdown(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 1})
	c, err := ts.dial(gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	s.Stdout = out
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, out, "Worklist")
	if !strings.Contains(out.String(), "kari") {
		t.Errorf("the console does not name kari:\n%s", out)
	}

	// --max-sessions 1: the next session is refused with a message.
	got := sshRun(t, c, "status", "")
	if got.code == 0 || !strings.Contains(got.stderr, "sessions open") {
		t.Errorf("a session beyond --max-sessions: %+v", got)
	}

	// Stopping with the console open: the session is told and ended, and
	// serve returns 0 well within 5 s.
	start := time.Now()
	ts.stop()
	select {
	case code := <-ts.done:
		ts.done <- code // for the cleanup
		if code != 0 {
			t.Errorf("serve exited %d:\n%s", code, ts.stderr)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5 s")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v", d)
	}
	_ = in
	if err := s.Wait(); err == nil {
		t.Log("session ended cleanly")
	}
	for _, want := range []string{"login", "logout", "user=kari", "stopped"} {
		if !strings.Contains(ts.stderr.String(), want) {
			t.Errorf("the server's log lacks %q:\n%s", want, ts.stderr)
		}
	}
}

// waitFor waits until out holds want.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", want, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Taking a person's key off the roster (here with the local command, as an
// admin on the server does) ends their open console within seconds.
func TestServeRemovedKeyEndsTheSession(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10, recheckEvery: 50 * time.Millisecond})
	c, err := ts.dial(gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	// A client that reports no size, in Norwegian (LANG as OpenSSH's
	// SendEnv passes it).
	if err := s.Setenv("LANG", "nb_NO.UTF-8"); err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm", 0, 0, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	s.Stdout, s.Stderr = out, out
	if _, err := s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, out, "Arbeidsliste")
	r.h.ok("clinician", "key", "remove", "kari", gossh.FingerprintSHA256(r.kari.PublicKey()))
	ended := make(chan error, 1)
	go func() { ended <- s.Wait() }()
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the session of a removed key is still open")
	}
	waitFor(t, out, "roster changed")
	if _, err := ts.dial(gossh.PublicKeys(r.kari)); err == nil {
		t.Error("a removed key got in again")
	}
}

// Sessions from one address beyond the rate limit's burst are refused
// with a message (wish's ratelimiter), before anything runs.
func TestServeRateLimitsOneAddress(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10, rateBurst: 2, rateEvery: time.Hour})
	c, err := ts.dial(gossh.PublicKeys(r.kari))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < 2; i++ {
		if got := sshRun(t, c, "status", ""); got.code != 0 {
			t.Fatalf("session %d within the burst: %+v", i+1, got)
		}
	}
	if got := sshRun(t, c, "status", ""); got.code == 0 || got.stdout != "" || !strings.Contains(got.stderr, "rate limit") {
		t.Errorf("a session beyond the burst: %+v", got)
	}
}

// Twenty consoles and twenty commands at once, from two people (run it
// under -race): each console shows its own person's worklist, each command
// its own person.
func TestServeManySessionsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("40 sessions")
	}
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 60})
	var wg sync.WaitGroup
	errs := make(chan string, 80)
	for i := 0; i < 20; i++ {
		signer, who := r.kari, "kari"
		if i%2 == 1 {
			signer, who = r.root, "root"
		}
		wg.Add(2)
		go func() {
			defer wg.Done()
			c, err := ts.dial(gossh.PublicKeys(signer))
			if err != nil {
				errs <- err.Error()
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				errs <- err.Error()
				return
			}
			defer s.Close()
			out := &syncBuffer{}
			s.Stdout = out
			in, _ := s.StdinPipe()
			if err := s.RequestPty("xterm", 30, 100, gossh.TerminalModes{}); err != nil {
				errs <- err.Error()
				return
			}
			if err := s.Shell(); err != nil {
				errs <- err.Error()
				return
			}
			deadline := time.Now().Add(20 * time.Second)
			for !strings.Contains(out.String(), who+" (") {
				if time.Now().After(deadline) {
					errs <- who + "'s console never named them"
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			in.Write([]byte("q"))
		}()
		go func() {
			defer wg.Done()
			c, err := ts.dial(gossh.PublicKeys(signer))
			if err != nil {
				errs <- err.Error()
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				errs <- err.Error()
				return
			}
			defer s.Close()
			out, err := s.Output("status")
			if err != nil || !strings.Contains(string(out), "You are "+who+" ") {
				errs <- "status as " + who + ": " + string(out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
