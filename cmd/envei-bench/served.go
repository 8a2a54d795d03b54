package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"envei/intake"
)

// The served console is measured as a reception meets it: the real
// envei serve on the demo database, N clients at once, each a Go SSH
// client with a pty (xterm-256color, 80×24, as the local reference) logged in with the key of
// one of the demo clinicians, typing moves, pages and a search at a
// person's pace. A keypress is timed from the key written to the SSH
// channel to the first bytes of the next frame read back; nothing else
// writes to the screen during the run (the data does not change, and the
// 5 s poll finds nothing new), so that frame is the key's.

// servedKeys is one session's script: moves, pages and a search typed
// and erased, as a clinician goes through the worklist.
var servedKeys = func() []string {
	const down, pgdown, pgup, esc, bs = "j", "\x1b[6~", "\x1b[5~", "\x1b", "\x7f"
	var k []string
	for range 10 {
		k = append(k, down)
	}
	for range 5 {
		k = append(k, pgdown)
	}
	for range 5 {
		k = append(k, pgup)
	}
	k = append(k, "/")
	for _, c := range "D-00042" {
		k = append(k, string(c))
	}
	for range 7 {
		k = append(k, bs)
	}
	return append(k, esc)
}()

// think is the pause between two keys of one session, a brisk typist's,
// plus up to 17 ms at random.
const think = 150 * time.Millisecond

// screenTerm is what the driver needs of a terminal: local or served.
type screenTerm interface {
	size() int
	send(keys string)
	// waitGrown waits until the output is longer than mark.
	waitGrown(mark int, limit time.Duration) bool
}

func (p *ptyRun) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Len()
}

func (p *ptyRun) waitGrown(mark int, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if p.size() > mark {
			return true
		}
		time.Sleep(100 * time.Microsecond)
	}
	return false
}

// noFrameAfter is how long a key waits for its frame before it is counted
// as having none.
const noFrameAfter = 3 * time.Second

// typeScript types the script into t and returns each key's time to the
// next frame, and how many keys brought no frame within noFrameAfter.
func typeScript(t screenTerm, keys []string) (out []time.Duration, noFrame int) {
	for _, k := range keys {
		// Let the previous frame settle (a frame may come in several
		// reads), and land the key anywhere in Bubble Tea's 16.7 ms frame
		// period: a fixed pause would land every key at the same phase.
		time.Sleep(think + time.Duration(mrand.Int64N(int64(17*time.Millisecond))))
		mark := t.size()
		start := time.Now()
		t.send(k)
		if !t.waitGrown(mark, noFrameAfter) {
			noFrame++
			continue
		}
		out = append(out, time.Since(start))
	}
	return out, noFrame
}

// sshTerm is one served console session.
type sshTerm struct {
	s    *gossh.Session
	in   interface{ Write([]byte) (int, error) }
	mu   sync.Mutex
	out  bytes.Buffer
	cond *sync.Cond
}

func (t *sshTerm) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.out.Write(p)
	t.cond.Broadcast()
	return len(p), nil
}

func (t *sshTerm) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.out.Len()
}

func (t *sshTerm) send(keys string) {
	_, err := t.in.Write([]byte(keys))
	check(err)
}

func (t *sshTerm) waitGrown(mark int, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if t.size() > mark {
			return true
		}
		time.Sleep(100 * time.Microsecond)
	}
	return false
}

func (t *sshTerm) waitText(re *regexp.Regexp, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		t.mu.Lock()
		ok := re.Match(ansiSeq.ReplaceAll(t.out.Bytes(), nil))
		t.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	fail("a served console never showed %s", re)
}

// dialFrom opens an SSH connection from the local address 127.0.0.(2+i),
// so each client has its own address for the server's per-address rate
// limit (a burst of 20, as a reception's PCs each have their own).
func dialFrom(addr string, i int, signer gossh.Signer) *gossh.Client {
	local := &net.TCPAddr{IP: net.IPv4(127, 0, byte(1+(i+1)/250), byte(2+i%250))}
	conn, err := (&net.Dialer{LocalAddr: local, Timeout: 10 * time.Second}).Dial("tcp", addr)
	check(err)
	c, chans, reqs, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{
		User: "bench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	check(err)
	return gossh.NewClient(c, chans, reqs)
}

// openServed opens a console session and waits for its first worklist page.
func openServed(c *gossh.Client) *sshTerm {
	s, err := c.NewSession()
	check(err)
	t := &sshTerm{s: s}
	t.cond = sync.NewCond(&t.mu)
	s.Stdout, s.Stderr = t, t
	in, err := s.StdinPipe()
	check(err)
	t.in = in
	check(s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{})) // as the local console's pty
	check(s.Shell())
	t.waitText(regexp.MustCompile(`D-[0-9]{7}`), time.Minute)
	return t
}

// servedFigures is one served run of n sessions.
type servedFigures struct {
	n                 int
	p50, p99, max     time.Duration
	baseKiB           int // the server's RSS before any session
	rssKiB, hwmKiB    int
	activeCPU, active time.Duration // the server's CPU over the typing, and how long it lasted
	idleCPU, idle     time.Duration // the server's CPU with n sessions open and nobody typing
	noFrame           int           // keys that brought no frame within noFrameAfter
}

// measureServed starts envei serve on db and runs n sessions at once.
func measureServed(envei, db string, n int, signers []gossh.Signer) servedFigures {
	port := freePort()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(envei, "--db", db, "serve", "--listen", addr, "--max-sessions", strconv.Itoa(n+10), "--idle-timeout", "0",
		"--host-key", db+".hostkey")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	check(cmd.Start())
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 30*time.Second {
			fail("envei serve did not listen:\n%s", logs.String())
		}
	}
	pid := cmd.Process.Pid
	baseKiB := procKiB(pid, "VmRSS:")
	terms := make([]*sshTerm, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c := dialFrom(addr, i, signers[i%len(signers)])
			terms[i] = openServed(c)
		})
		time.Sleep(20 * time.Millisecond) // logins spread as people arrive
	}
	wg.Wait()
	time.Sleep(time.Second)

	f := servedFigures{n: n, baseKiB: baseKiB}
	cpu0, t0 := procCPU(pid), time.Now()
	lat := make([][]time.Duration, n)
	missed := make([]int, n)
	for i, t := range terms {
		wg.Go(func() { lat[i], missed[i] = typeScript(t, servedKeys) })
	}
	wg.Wait()
	for _, m := range missed {
		f.noFrame += m
	}
	f.activeCPU, f.active = procCPU(pid)-cpu0, time.Since(t0)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	f.p50, f.p99, f.max = percentile(all, 50), percentile(all, 99), slices.Max(all)
	f.rssKiB, f.hwmKiB = procKiB(pid, "VmRSS:"), procKiB(pid, "VmHWM:")

	// Idle: every session open, nobody typing, for 20 s (four of the
	// console's 5 s polls).
	time.Sleep(2 * time.Second)
	cpu0, t0 = procCPU(pid), time.Now()
	time.Sleep(20 * time.Second)
	f.idleCPU, f.idle = procCPU(pid)-cpu0, time.Since(t0)
	for _, t := range terms {
		t.s.Close()
	}
	return f
}

// measureLocalKeys types the same script into one local console under a
// pty (the reference) and returns each key's time to the next frame.
func measureLocalKeys(envei, db string) []time.Duration {
	p := startPty(envei + " --db " + db)
	p.wait("re:D-[0-9]{7}", time.Minute)
	time.Sleep(time.Second)
	d, noFrame := typeScript(p, servedKeys)
	p.end()
	if noFrame > 0 {
		fmt.Printf("local console: %d keys brought no frame within %v\n", noFrame, noFrameAfter)
	}
	return d
}

// makeBenchKeys puts one new key for each demo clinician on db's roster
// and returns the signers.
func makeBenchKeys(envei, db string) []gossh.Signer {
	var out []gossh.Signer
	for _, c := range intake.DemoRoster() {
		if c.Role != intake.RoleClinician {
			continue
		}
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		check(err)
		signer, err := gossh.NewSignerFromKey(priv)
		check(err)
		cmd := exec.Command(envei, "--db", db, "clinician", "key", "add", c.Username, "-")
		cmd.Stdin = bytes.NewReader(gossh.MarshalAuthorizedKey(signer.PublicKey()))
		cmd.Stderr = os.Stderr
		check(cmd.Run())
		out = append(out, signer)
	}
	return out
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// procCPU is a process's user+system CPU time so far.
func procCPU(pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	check(err)
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	// After the comm: state(0) ppid(1) … utime(11) stime(12), in clock ticks.
	u, _ := strconv.Atoi(fields[11])
	k, _ := strconv.Atoi(fields[12])
	return time.Duration(u+k) * time.Second / 100 // USER_HZ is 100 on Linux
}

// procKiB reads one kB line (VmRSS:, VmHWM:) of a process's status.
func procKiB(pid int, key string) int {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kib, _ := strconv.Atoi(strings.Fields(rest)[0])
			return kib
		}
	}
	return 0
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

// servedRun is the served-console part of the benchmark: the local
// console's keys as the reference, then each session count.
func servedRun(envei, db string, counts []int) {
	load := func() string {
		b, _ := os.ReadFile("/proc/loadavg")
		return strings.Join(strings.Fields(string(b) + " ? ? ?")[:3], " ")
	}
	signers := makeBenchKeys(envei, db)
	fmt.Printf("\nServed console (envei serve, Go SSH clients, %d keys a session, %v apart):\n", len(servedKeys), think)
	fmt.Println("\n| sessions | keypress → frame p50 | p99 | max | server RSS (peak; before any session) | RSS per session over that | server CPU while typing | CPU, all sessions idle | keys with no frame in 3 s | load before |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	local := measureLocalKeys(envei, db)
	fmt.Printf("| local console (reference) | %s | %s | %s | — | — | — | — | — | %s |\n",
		ms(percentile(local, 50)), ms(percentile(local, 99)), ms(slices.Max(local)), load())
	for _, n := range counts {
		before := load()
		f := measureServed(envei, db, n, signers)
		fmt.Printf("| %d | %s | %s | %s | %.1f MiB (%.1f; %.1f) | %.2f MiB | %.0f %% of a core | %.2f %% of a core | %d of %d | %s |\n",
			n, ms(f.p50), ms(f.p99), ms(f.max), float64(f.rssKiB)/1024, float64(f.hwmKiB)/1024, float64(f.baseKiB)/1024,
			float64(f.rssKiB-f.baseKiB)/1024/float64(n), 100*f.activeCPU.Seconds()/f.active.Seconds(),
			100*f.idleCPU.Seconds()/f.idle.Seconds(), f.noFrame, n*len(servedKeys), before)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
