package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"envei/store"
)

// Environment of a console worker process (see TestConsolesLoseNoUpdate).
const (
	envConsole = "ENVEI_CONSOLE_WORKER" // the worker's number; unset in a normal run
	envDB      = "ENVEI_STRESS_DB"
	envOps     = "ENVEI_STRESS_OPS"
	envLong    = "ENVEI_STRESS_LONG"
)

// TestConsoleWorker is not a test of its own: it is the body of one console
// process of TestConsolesLoseNoUpdate. It runs the real console on the
// shared database, headless, and works the referrals as a clinician
// would: open one, read its booking off the screen, and either book the
// conversation one minute later or record that the patient did not come.
// It prints "ack …" only once the console said the change was saved.
func TestConsoleWorker(t *testing.T) {
	id := os.Getenv(envConsole)
	if id == "" {
		t.Skip("a console process for TestConsolesLoseNoUpdate; started by it")
	}
	ops, _ := strconv.Atoi(os.Getenv(envOps))
	s, err := store.Open(context.Background(), os.Getenv(envDB), store.Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := startHeadless(t, testOptions(t, s, "k"+id, LangEN), 100, 60)
	defer h.quit()
	n, _ := strconv.Atoi(id)
	rng := rand.New(rand.NewPCG(uint64(n), uint64(os.Getpid())))
	h.waitAfter(0, "the worklist", onScreen("Worklist"))
	// The referrals are k0's: the other consoles open each once through
	// the worklist and give a reason, as a clinician covering would; the
	// console keeps it for the session.
	for _, ref := range consoleRefs() {
		openThroughWorklist(h, ref)
	}
	for i := 0; i < ops; i++ {
		consoleStep(h, consoleRefs()[rng.IntN(len(consoleRefs()))])
	}
}

// onScreen matches a screen whose header names title.
func onScreen(title string) func(string) bool {
	return func(s string) bool {
		first, _, _ := strings.Cut(s, "\n")
		return strings.Contains(first, "· "+title)
	}
}

// consoleStep opens ref from the worklist, acts on what the screen shows,
// and returns to the worklist.
func consoleStep(h *headless, ref string) {
	mark := h.mark()
	h.send(pushMsg{newReferralView(h.m.c, ref)})
	screen := h.waitAfter(mark, "referral "+ref, func(s string) bool {
		return onScreen("Referral "+ref)(s) && strings.Contains(s, "  →  ")
	})
	// "Date   2026-11-22 00:05": the booking is the counter.
	n := 0
	if f := strings.Fields(lineWith(screen, "Date ")); len(f) == 3 {
		hh, _ := strconv.Atoi(f[2][:2])
		mm, _ := strconv.Atoi(f[2][3:])
		n = hh*60 + mm
	}
	const conflict = "Someone else changed this referral meanwhile."
	failed := func(s string) bool { return strings.Contains(s, "busy") || strings.Contains(s, "locked") }
	switch {
	case strings.Contains(screen, "did not attend  →"):
		h.step("schedule form", onScreen("Schedule "+ref), "s")
		saved := ref + ": first conversation " + testToday.String() + "."
		// huh moves between fields by a command of its own, so each move is
		// awaited before the next key: keys sent at once would land in the
		// field being left.
		h.step("the time field", has("┃ Time"), "enter")
		h.step("the new time typed", has("┃ > "+clockOf(n+1)),
			"backspace", "backspace", "backspace", "backspace", "backspace", "text:"+clockOf(n+1))
		h.step("the mode field", has("┃ Mode"), "enter")
		out := h.step("the booking saved or refused", func(s string) bool {
			return strings.Contains(s, saved) || strings.Contains(s, conflict) || failed(s)
		}, "enter")
		switch {
		case strings.Contains(out, saved):
			say("ack sched %s %d", ref, n+1)
		case strings.Contains(out, conflict):
			// The form closes on a conflict and the referral reloads.
			say("conflict")
			h.step("the referral again", onScreen("Referral "+ref))
		default:
			say("fail %s", out)
			os.Exit(3)
		}
	case strings.Contains(screen, "scheduled  →"):
		h.step("attendance form", onScreen("Attendance "+ref), "s")
		saved := ref + ": did not attend."
		out := h.step("the attendance saved or refused", func(s string) bool {
			return (strings.Contains(s, saved) && onScreen("Missed "+ref)(s)) || strings.Contains(s, conflict) || failed(s)
		}, "down", "enter")
		switch {
		case strings.Contains(out, saved):
			say("ack dna %s", ref)
			h.step("the referral again", onScreen("Referral "+ref), "esc")
		case strings.Contains(out, conflict):
			say("conflict")
			h.step("the referral again", onScreen("Referral "+ref))
		default:
			say("fail %s", out)
			os.Exit(3)
		}
	default:
		say("fail unexpected screen:\n%s", screen)
		os.Exit(3)
	}
	h.step("the worklist", onScreen("Worklist"), "esc")
}

// openThroughWorklist opens ref as a user does: search for it on the
// worklist, open it, answer the break-the-glass question if the console
// asks it, then go back and clear the search.
func openThroughWorklist(h *headless, ref string) {
	only := func(s string) bool {
		if !strings.Contains(s, "/ "+ref) {
			return false
		}
		for _, other := range consoleRefs() {
			if other != ref && strings.Contains(s, " "+other+" ") {
				return false
			}
		}
		return strings.Contains(s, " "+ref+" ")
	}
	h.step("the search for "+ref, only, "/", "text:"+ref)
	// The question is answered once its field has the focus (┃).
	asked := "┃ Why do you need this record?"
	screen := h.step("the record or the question why", func(s string) bool {
		return onScreen("Referral "+ref)(s) && strings.Contains(s, "  →  ") || strings.Contains(s, asked)
	}, "enter")
	if strings.Contains(screen, asked) {
		h.step("the record", func(s string) bool { return onScreen("Referral "+ref)(s) && strings.Contains(s, "  →  ") },
			"text:covering for k0 in the stress test", "enter")
	}
	h.step("the worklist", onScreen("Worklist"), "esc")
	h.step("the search cleared", func(s string) bool { return !strings.Contains(s, "/ "+ref) }, "/", "esc")
}

// step sends keys and waits for the screen they lead to.
func (h *headless) step(what string, ok func(string) bool, keys ...string) string {
	h.t.Helper()
	mark := h.mark()
	h.keys(keys...)
	return h.waitAfter(mark, what, ok)
}

func say(format string, args ...any) {
	os.Stdout.WriteString(fmt.Sprintf(format, args...) + "\n")
}

func consoleRefs() []string {
	if os.Getenv(envLong) == "1" {
		return []string{"D1", "D2", "D3"}
	}
	return []string{"D1", "D2"}
}
