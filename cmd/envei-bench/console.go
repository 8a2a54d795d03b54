package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The console is measured as a user meets it: the real binary under a
// pseudo-terminal (script, from util-linux) that never answers a terminal
// query, 80×24. Nothing here needs a real terminal.

// ptyRun is one program running under script.
type ptyRun struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	start time.Time

	mu     sync.Mutex
	out    bytes.Buffer
	marks  map[string]time.Duration // when each awaited text first showed
	closed chan struct{}
}

// ansiSeq matches the escape sequences a terminal program writes (CSI, OSC
// and two-byte escapes), so the text between them can be searched.
var ansiSeq = regexp.MustCompile(`\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])`)

func startPty(command string) *ptyRun {
	// stty sets the size of the pseudo-terminal: script gives it the size
	// of its own standard input, which is a pipe here.
	cmd := exec.Command("script", "-qfec", "stty cols 80 rows 24; exec "+command, "/dev/null")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	stdin, err := cmd.StdinPipe()
	check(err)
	stdout, err := cmd.StdoutPipe()
	check(err)
	p := &ptyRun{cmd: cmd, stdin: stdin, marks: map[string]time.Duration{}, closed: make(chan struct{})}
	p.start = time.Now()
	check(cmd.Start())
	go func() {
		r := bufio.NewReader(stdout)
		buf := make([]byte, 64<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				p.mu.Lock()
				p.out.Write(buf[:n])
				p.mu.Unlock()
			}
			if err != nil {
				close(p.closed)
				return
			}
		}
	}()
	return p
}

// wait returns how long after the start text first appeared on the screen
// (escape sequences stripped); a regexp when text starts with "re:".
func (p *ptyRun) wait(text string, limit time.Duration) time.Duration {
	var re *regexp.Regexp
	if after, ok := strings.CutPrefix(text, "re:"); ok {
		re = regexp.MustCompile(after)
	}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		screen := ansiSeq.ReplaceAll(p.out.Bytes(), nil)
		p.mu.Unlock()
		if (re != nil && re.Match(screen)) || (re == nil && bytes.Contains(screen, []byte(text))) {
			return time.Since(p.start)
		}
		select {
		case <-p.closed:
			fail("%q never showed; the program ended:\n%s", text, screen)
		case <-time.After(time.Millisecond):
		}
	}
	fail("%q did not show within %s", text, limit)
	return 0
}

// send types keys into the terminal.
func (p *ptyRun) send(keys string) {
	_, err := io.WriteString(p.stdin, keys)
	check(err)
}

// end sends ctrl+c and waits for the program to exit.
func (p *ptyRun) end() {
	p.send("\x03")
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// peakKiB is the resident high-water mark (VmHWM) of the process named
// name among script's descendants.
func (p *ptyRun) peakKiB(name string) int {
	pid := findChild(p.cmd.Process.Pid, name)
	if pid == 0 {
		fail("no %s process under script", name)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	check(err)
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.Atoi(strings.Fields(rest)[0])
			check(err)
			return kib
		}
	}
	fail("no VmHWM for %d", pid)
	return 0
}

// findChild walks /proc for a process called name whose parent, or its
// parent, is root.
func findChild(root int, name string) int {
	entries, err := os.ReadDir("/proc")
	check(err)
	parent := map[int]int{}
	comm := map[int]string{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces, so cut at the last ')'.
		s := string(stat)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			continue
		}
		comm[pid] = s[open+1 : close]
		fields := strings.Fields(s[close+1:])
		if len(fields) > 1 {
			parent[pid], _ = strconv.Atoi(fields[1])
		}
	}
	for pid, c := range comm {
		if c == name && (parent[pid] == root || parent[parent[pid]] == root) {
			return pid
		}
	}
	return 0
}

// consoleFigures is what one run of the console gives.
type consoleFigures struct {
	firstFrame, worklist, version time.Duration
	peakKiB                       int
}

// measureConsole starts the console on db, times its first frame and its
// first worklist page, pages through it (down, to the bottom, up, a
// search typed and erased), and reads the peak resident memory. envei
// version under the same pseudo-terminal is the start-up reference.
func measureConsole(envei, db string) consoleFigures {
	v := startPty(envei + " version")
	version := v.wait("envei ", 30*time.Second)
	v.end()

	// The DSN of a PostgreSQL database holds ? and &: quoted for the shell.
	p := startPty(envei + " --db '" + db + "'")
	var f consoleFigures
	f.version = version
	f.firstFrame = p.wait("re:[A-Za-z]{3}", time.Minute)
	f.worklist = p.wait("re:D-[0-9]{7}", time.Minute)
	const pgdown, pgup = "\x1b[6~", "\x1b[5~"
	for range 200 {
		p.send(pgdown)
		time.Sleep(5 * time.Millisecond)
	}
	p.send("G")
	time.Sleep(500 * time.Millisecond)
	for range 200 {
		p.send(pgup)
		time.Sleep(5 * time.Millisecond)
	}
	p.send("/")
	for range 20 {
		for _, k := range []string{"b", "e", "r", "\x7f", "\x7f", "\x7f"} {
			p.send(k)
			time.Sleep(5 * time.Millisecond)
		}
	}
	p.send("\x1b")
	time.Sleep(time.Second)
	f.peakKiB = p.peakKiB("envei")
	p.end()
	return f
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "envei-bench: "+format+"\n", args...)
	os.Exit(1)
}
