package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession is the real envei binary running in a real terminal (tmux),
// driven with send-keys and read with capture-pane.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

// buildEnvei compiles the command once per test into a temp dir.
func buildEnvei(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "envei")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// needTmux skips without tmux, unless ENVEI_REQUIRE_TMUX is set (CI sets
// it), where a missing tmux must fail rather than hide a broken console.
func needTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("ENVEI_REQUIRE_TMUX") != "" {
			t.Fatal("tmux is required (ENVEI_REQUIRE_TMUX is set) but not installed")
		}
		t.Skip("tmux is not installed; install it to run the end-to-end console test")
	}
}

func startTmux(t *testing.T, width, height int, env []string, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("envei-e2e-%d", os.Getpid()), name: "e2e"}
	args := []string{"-L", s.socket, "-f", "/dev/null", "new-session", "-d", "-s", s.name,
		"-x", fmt.Sprint(width), "-y", fmt.Sprint(height)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	// The exit status is printed after the console ends, so a test can see
	// that it quit cleanly.
	args = append(args, command+"; echo envei-exited=$?; sleep 30")
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	args := append([]string{"-L", s.socket, "send-keys", "-t", s.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		s.t.Fatalf("send-keys %v: %v\n%s", keys, err, out)
	}
}

// typeText sends literal text (no key names).
func (s *tmuxSession) typeText(text string) { s.send("-l", "--", text) }

// typeFast sends free text a few characters per send, as a fast typist
// or a network link delivers it: the console reads several characters at
// once, and bubbletea hands each run of them over as one message.
func (s *tmuxSession) typeFast(text string) {
	r := []rune(text)
	for len(r) > 0 {
		n := min(len(r), 7)
		s.typeText(string(r[:n]))
		r = r[n:]
	}
}

// Free text that names the console's keys: each word once lost itself to
// the key it names when typed fast (issue 10).
const (
	fastReason        = "Feels down and worried, cannot end the day"
	fastOwnWords      = "I feel down and worried: up down left right end home enter tab esc space pgup pgdown q ? j k g G n a s e r p l t c w f m"
	fastJustification = "Needs both, up and down: enter the DPS, end at home"
)

func (s *tmuxSession) capture() string {
	out, err := exec.Command("tmux", "-L", s.socket, "capture-pane", "-p", "-t", s.name).Output()
	if err != nil {
		s.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// waitFor polls the screen until it shows every one of texts.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := s.capture()
		all := true
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				all = false
			}
		}
		if all {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; it shows:\n%s", texts, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestConsoleEndToEndInTmux is the new user's first session: first run →
// load the demo → register a self-booking → assign → schedule → attended →
// the whole first-conversation assessment → route to two services → the
// referral view shows it and prints the transfer note → the worklist is
// clear → quit. Fields are typed only once they have the focus (┃), as a person
// would.
func TestConsoleEndToEndInTmux(t *testing.T) {
	needTmux(t)
	bin := buildEnvei(t)
	// The console makes a database on first use on the default path only
	// (a --db or ENVEI_DB that names no database is refused).
	data := t.TempDir()
	s := startTmux(t, 100, 30, []string{"LANG=en_GB.UTF-8", "XDG_DATA_HOME=" + data, "ENVEI_DB=", "NO_COLOR="}, bin)

	s.waitFor("Welcome to envei", "┃ Name")
	s.send("Enter")
	s.waitFor("┃ Organisation")
	s.send("Up", "Up", "Enter") // DPS
	s.waitFor("┃ Begin with")
	s.send("Down", "Enter") // the demo
	s.waitFor("Loaded 112 demo referrals", "TEST DATA")

	s.send("n")
	s.waitFor("┃ How did the patient come?")
	s.send("Down", "Enter")
	s.waitFor("┃ Date received")
	s.send("Enter") // today
	s.waitFor("┃ Name")
	s.typeText("Ada Tester")
	s.send("Enter")
	s.waitFor("┃ Does the patient have a Norwegian national id?")
	s.send("Enter")
	s.waitFor("┃ National id")
	s.typeText("14838510036")
	s.waitFor("national id number (synthetic)")
	s.send("Enter")
	s.waitFor("┃ Phone")
	s.send("Enter")
	s.waitFor("┃ Home municipality")
	s.send("Enter")
	s.waitFor("┃ GP")
	s.send("Enter")
	s.waitFor("┃ GP practice")
	s.send("Enter")
	s.waitFor("┃ GP office HER-id")
	s.send("Enter")
	s.waitFor("┃ Reason for contact")
	s.typeFast(fastReason)
	s.send("Enter")
	s.waitFor("┃ Urgent?")
	s.send("Enter")
	screen := s.waitFor("Registered 2026-", "Referral 2026-", "registered  →  assign")
	ref := "2026-" + strings.Fields(strings.SplitN(screen, "Registered 2026-", 2)[1])[0]
	ref = strings.TrimSuffix(ref, ".")

	// Drawing a clinician ends the registrar's work need: the record
	// closes, and opening it again asks why (break the glass).
	s.send("a")
	s.waitFor("drawn at random from 8", "Showing all open", "assigned", "book time")

	s.send("Enter")
	s.waitFor("Reason to open 2026-", "┃ Why do you need this record?")
	s.typeText("Covering the first conversation today")
	s.send("Enter")
	s.waitFor("Referral 2026-", "assigned  →  book time")
	s.send("s")
	s.waitFor("┃ Date")
	s.send("Enter")
	s.waitFor("┃ Time")
	s.send("Enter")
	s.waitFor("┃ Mode")
	s.send("Enter")
	s.waitFor("first conversation", "scheduled  →  record visit")
	s.send("s")
	s.waitFor("Did the patient come")
	s.send("Enter")
	s.waitFor(": attended.", "attended  →  assess, route")

	s.send("e")
	s.waitFor("Assessment 2026-", "┃ Reason for contact")
	s.fillAssessment()
	s.waitFor("assessment completed (version 1)", "assessed  →  route")

	s.send("r")
	s.waitFor("┃ Where does the patient go?", "Patient charge: none (self-booked", "✓ DPS")
	s.send("Down", "x", "Enter") // municipal, beside the recommended DPS
	s.waitFor("┃ Justification")
	s.typeFast(fastJustification)
	s.send("Enter")
	screen = s.waitFor("routed to dps + municipal", "routed  →  nothing")
	if !strings.Contains(screen, fastJustification) {
		t.Errorf("the referral view lacks the justification:\n%s", screen)
	}
	s.send("p")
	s.waitFor("Transfer note 2026-", "First-conversation note", "Ada Tester")
	s.send("Escape")
	s.waitFor("routed  →  nothing")
	s.send("Escape")
	s.waitFor("Showing all open", "No open referrals. 113 closed: press c to show them.")
	s.send("q")
	s.waitFor("envei-exited=0")

	// The note as printed holds every word typed fast.
	cmd := exec.Command(bin, "note", ref, "--reason", "the e2e test reads the note back")
	cmd.Env = append(os.Environ(), "ENVEI_DB="+filepath.Join(data, "envei", "envei.db"), "LANG=en_GB.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("envei note %s: %v\n%s", ref, err, out)
	}
	note := strings.Join(strings.Fields(string(out)), " ")
	for _, typed := range []string{fastReason, fastOwnWords, fastJustification} {
		if !strings.Contains(note, typed) {
			t.Errorf("the note lacks %q:\n%s", typed, out)
		}
	}
}

// fillAssessment types the whole template, each field once it has the
// focus, and completes it recommending DPS.
func (s *tmuxSession) fillAssessment() {
	s.t.Helper()
	field := func(title, text string, keys ...string) {
		s.waitFor("┃ " + title)
		if text != "" {
			s.typeFast(text)
		}
		s.send(append(keys, "Enter")...)
	}
	for _, f := range [][2]string{
		{"Reason for contact, in the patient's own words", fastOwnWords}, {"Current situation", "On sick leave"},
		{"How long has it lasted?", "Four months"}, {"Earlier help and treatment", "None"}, {"Somatic health", "Healthy"},
		{"Medication", "None"}, {"Substance use", "Little"}, {"Daily functioning", "Manages the home"},
		{"Network and resources", "A sister"},
	} {
		field(f[0], f[1])
	}
	field("Minor children in the home?", "", "Right", "Right")
	field("If so: how are the children", "")
	field("The patient's own goals", "Back to work")
	s.waitFor("┃ PHQ-9: item scores")
	s.typeText("222111110")
	s.waitFor("total 11 (9 of 9 items) · moderate · case")
	s.send("Enter")
	field("Not done? Say why", "")
	field("GAD-7: item scores", "2222111")
	field("Not done? Say why", "")
	field("AUDIT: item scores", "")
	field("Not done? Say why", "Time ran out")
	field("Suicide risk", "", "Down", "Down")
	field("Protective factors", "Sister")
	field("Plan (required", "")
	field("Violence risk", "")
	field("Violence: note", "")
	field("Right to necessary health care?", "", "Right")
	field("Latest start of care", "2027-01-15")
	field("Priority", "", "Right")
	field("Reasoning: expected benefit", "Good effect expected")
	field("Reasoning: cost-effectiveness", "Reasonable")
	field("Reasoning: severity", "Moderate depression")
	field("Decided on", "")
	s.waitFor("┃ Recommendation")
	s.send("x", "Enter")
	field("Then", "", "Down")
}
