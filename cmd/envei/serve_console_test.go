package main

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"envei/intake"
	"envei/tui"
)

// servedConsole is one console over a real SSH session: what it drew so
// far, and its keyboard.
type servedConsole struct {
	t    *testing.T
	s    *gossh.Session
	out  *syncBuffer
	keys io.Writer
}

// openConsole logs in with signer, asks for a terminal of type term with
// the client environment env (as OpenSSH's SendEnv passes it), and waits
// for the console's first screen to show want.
func openConsole(t *testing.T, ts *testServer, signer gossh.Signer, term string, env map[string]string, want string) *servedConsole {
	t.Helper()
	c, err := ts.dial(gossh.PublicKeys(signer))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := s.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RequestPty(term, 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	s.Stdout, s.Stderr = out, out
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	sc := &servedConsole{t: t, s: s, out: out, keys: in}
	sc.waitAfter(0, want, 10*time.Second)
	return sc
}

// mark is how much the console has drawn so far.
func (sc *servedConsole) mark() int { return len(sc.out.String()) }

// press types keys as a terminal sends them.
func (sc *servedConsole) press(keys string) {
	sc.t.Helper()
	if _, err := io.WriteString(sc.keys, keys); err != nil {
		sc.t.Fatal(err)
	}
}

// waitAfter waits until what the console drew after mark shows want
// (escape sequences taken out), and returns how long it took.
func (sc *servedConsole) waitAfter(mark int, want string, within time.Duration) time.Duration {
	sc.t.Helper()
	start := time.Now()
	for {
		drawn := sc.out.String()[mark:]
		if strings.Contains(plainText(drawn), want) {
			return time.Since(start)
		}
		if time.Since(start) > within {
			sc.t.Fatalf("within %v the screen never showed %q; it drew:\n%s", within, want, plainText(drawn))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

var escapes = regexp.MustCompile(`\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])`)

// plainText is what the console drew with its escape sequences taken out.
func plainText(s string) string { return escapes.ReplaceAllString(s, "") }

// hasColour says whether s sets a foreground or background colour.
var colourEscape = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

// loaded is on the worklist once its rows are read (the pilot has no open
// referral): keys typed before that may find an empty list.
const loaded = "closed: press c to show them"

// Two clinicians' consoles at once, the poll at its default 5 s: a
// referral imported over SSH, then a draw made in one console, each reach
// the other console within a second, which only the server's push can do.
// Then the same referral's booking form, open in two consoles, is saved
// in one; saving the other is refused as a conflict, not a lost update.
func TestServeConsolesSeeEachOthersChangesAtOnce(t *testing.T) {
	r := newServedReception(t)
	// kari is the only one drawn, so the draw below is hers.
	for _, c := range intake.DemoRoster() {
		if c.Role == intake.RoleClinician {
			r.h.ok("clinician", "leave", c.Username)
		}
	}
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10})
	kari := openConsole(t, ts, r.kari, "xterm-256color", nil, loaded)
	root := openConsole(t, ts, r.root, "xterm-256color", nil, loaded)

	// A command that writes tells the consoles.
	c, err := ts.dial(gossh.PublicKeys(r.root))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	mk, mr := kari.mark(), root.mark()
	start := time.Now()
	if got := sshRun(t, c, "import -", "ref,received,channel,addressed_to\nS1,2026-11-20,gp,dps\n"); got.code != 0 {
		t.Fatalf("import over SSH: %+v", got)
	}
	kari.waitAfter(mk, "S1", time.Second)
	root.waitAfter(mr, "S1", time.Second)
	t.Logf("an import reached both consoles in %v", time.Since(start).Round(time.Millisecond))

	// A change made in one console reaches the other.
	mk, mr = kari.mark(), root.mark()
	kari.press("a")
	kari.waitAfter(mk, "S1 → kari", 5*time.Second)
	d := root.waitAfter(mr, "assigned", time.Second)
	t.Logf("kari's draw reached root's console %v after kari saw it", d.Round(time.Millisecond))

	// A lost update: kari's second console and the first open S1's
	// booking form on the same version; the first saves, the second is
	// told someone else changed it.
	kari2 := openConsole(t, ts, r.kari, "xterm-256color", nil, "S1")
	for _, k := range []*servedConsole{kari, kari2} {
		m := k.mark()
		k.press("s")
		k.waitAfter(m, "Schedule S1", 5*time.Second)
	}
	saved := "S1: first conversation"
	const conflict = "Someone else changed this referral meanwhile."
	saveForm(kari, saved)
	m := kari2.mark()
	kari2.press("\r")
	time.Sleep(150 * time.Millisecond)
	kari2.press("\r")
	time.Sleep(150 * time.Millisecond)
	kari2.press("\r")
	kari2.waitAfter(m, conflict, 5*time.Second)
}

// saveForm walks a booking form's fields with enter, one at a time (huh
// moves between fields by a command of its own), until want shows.
func saveForm(k *servedConsole, want string) {
	k.t.Helper()
	m := k.mark()
	for i := 0; i < 3; i++ {
		k.press("\r")
		time.Sleep(150 * time.Millisecond)
	}
	k.waitAfter(m, want, 5*time.Second)
}

// Two sessions at the same time, each with its client's terminal: one
// sends NO_COLOR and LANG=nb_NO.UTF-8 and gets a screen in bokmål without
// a colour; the other sends nothing and gets English in its xterm's 256
// colours. Neither takes anything from the server's own environment.
func TestServeEachSessionHasItsOwnColoursAndLanguage(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10})
	plain := openConsole(t, ts, r.kari, "xterm-256color", map[string]string{"NO_COLOR": "1", "LANG": "nb_NO.UTF-8"}, "112")
	colour := openConsole(t, ts, r.root, "xterm-256color", nil, loaded)
	// Both drawn again after both are open: one did not change the other.
	for _, sc := range []*servedConsole{plain, colour} {
		m := sc.mark()
		sc.press("?")
		sc.waitAfter(m, "│", 5*time.Second)
	}
	if got := colourEscape.FindString(plain.out.String()); got != "" {
		t.Errorf("the NO_COLOR session drew a colour: %q", got)
	}
	if strings.Contains(plainText(plain.out.String()), "Worklist") {
		t.Error("the bokmål session shows English")
	}
	if !strings.Contains(colour.out.String(), "\x1b[38;5;") {
		t.Errorf("the xterm-256color session is not drawn in 256 colours:\n%q", colour.out.String())
	}
	if strings.Contains(plainText(colour.out.String()), "Arbeidsliste") {
		t.Error("the English session shows bokmål")
	}
}

// A console nobody types in warns before --idle-timeout, then clears its
// screen and ends the session, long before the connection's own idle
// limit (a minute later) could.
func TestServeIdleConsoleWarnsThenEnds(t *testing.T) {
	r := newServedReception(t)
	ts := serveHarness(t, r.h, serveOptions{maxSessions: 10, idleTimeout: 600 * time.Millisecond})
	sc := openConsole(t, ts, r.kari, "xterm", nil, "Worklist")
	ended := make(chan error, 1)
	start := time.Now()
	go func() { ended <- sc.s.Wait() }()
	select {
	case <-ended:
	case <-time.After(8 * time.Second):
		t.Fatal("an idle console is still open")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the idle console ended after %v", d)
	}
	drawn := sc.out.String()
	const warning = "The session ends in 1 minute unless you press a key."
	if !strings.Contains(plainText(drawn), warning) {
		t.Fatalf("no idle warning before the end:\n%s", plainText(drawn))
	}
	if strings.LastIndex(drawn, "\x1b[2J") < strings.Index(drawn, "The session ends") {
		t.Error("the screen was not cleared after the warning")
	}
	time.Sleep(200 * time.Millisecond)
	if !strings.Contains(ts.stderr.String(), "logout user=kari") {
		t.Errorf("the idle session's end is not logged:\n%s", ts.stderr)
	}
}

// The client's language wins when it sends one; else the server's --lang;
// else English.
func TestSessionLang(t *testing.T) {
	for _, c := range []struct {
		env    []string
		server tui.Lang
		want   tui.Lang
	}{
		{nil, "", tui.LangEN},
		{nil, tui.LangNB, tui.LangNB},
		{[]string{"LANG=nb_NO.UTF-8"}, "", tui.LangNB},
		{[]string{"LANG=en_GB.UTF-8"}, tui.LangNB, tui.LangEN},
		{[]string{"LC_ALL=nb_NO.UTF-8", "LANG=en_US.UTF-8"}, "", tui.LangNB},
		{[]string{"HOME=/root"}, tui.LangNB, tui.LangNB},
	} {
		if got := sessionLang(clientEnv(c.env), c.server); got != c.want {
			t.Errorf("client %v, server %q: %q, want %q", c.env, c.server, got, c.want)
		}
	}
}
