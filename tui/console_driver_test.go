package tui

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// headless runs the real console (root model, screens, forms, the real
// store behind it) in a real Bubble Tea program with no terminal, and lets
// a driver read the whole screen as the user would see it after every
// message. The screen is taken inside the program's own loop, so reading
// it races with nothing.
type headless struct {
	t       *testing.T
	p       *tea.Program
	m       *Model
	mu      sync.Mutex
	cond    *sync.Cond
	screen  string
	seq     int // grows with every message handled
	stopped bool
}

// probe wraps the root model and publishes its view after each Update.
type probe struct {
	m *Model
	h *headless
}

func (p probe) Init() tea.Cmd { return p.m.Init() }

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.m.Update(msg)
	view := ansi.Strip(p.m.View())
	p.h.mu.Lock()
	p.h.screen, p.h.seq = view, p.h.seq+1
	p.h.cond.Broadcast()
	p.h.mu.Unlock()
	return p, cmd
}

func (p probe) View() string { return "" }

func startHeadless(t *testing.T, opts Options, width, height int) *headless {
	h := &headless{t: t, m: New(opts)}
	h.cond = sync.NewCond(&h.mu)
	h.p = tea.NewProgram(probe{h.m, h}, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutRenderer(),
		tea.WithoutSignalHandler())
	go func() {
		_, _ = h.p.Run()
		h.mu.Lock()
		h.stopped = true
		h.cond.Broadcast()
		h.mu.Unlock()
	}()
	h.p.Send(tea.WindowSizeMsg{Width: width, Height: height})
	return h
}

// mark returns the current message count, to wait for screens after it.
func (h *headless) mark() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.seq
}

// waitAfter waits until a screen drawn after mark satisfies ok and returns
// it. The limit only guards against a console that hangs; it is generous
// because the machine may be loaded.
func (h *headless) waitAfter(mark int, what string, ok func(screen string) bool) string {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	timer := time.AfterFunc(time.Until(deadline), func() {
		h.mu.Lock()
		h.cond.Broadcast()
		h.mu.Unlock()
	})
	defer timer.Stop()
	h.mu.Lock()
	defer h.mu.Unlock()
	for !(h.seq > mark && ok(h.screen)) {
		if h.stopped || time.Now().After(deadline) {
			h.t.Fatalf("waiting for %s; the screen shows:\n%s", what, h.screen)
		}
		h.cond.Wait()
	}
	return h.screen
}

func (h *headless) send(msgs ...tea.Msg) {
	for _, m := range msgs {
		h.p.Send(m)
	}
}

// keys sends keys by name (see keyMsg); "text:…" types text rune by rune.
func (h *headless) keys(names ...string) {
	for _, n := range names {
		if text, ok := strings.CutPrefix(n, "text:"); ok {
			for _, r := range text {
				h.p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
			continue
		}
		h.p.Send(keyMsg(n))
	}
}

func (h *headless) quit() {
	h.p.Quit()
	h.p.Wait()
}

// has reports whether a screen contains every one of texts.
func has(texts ...string) func(string) bool {
	return func(s string) bool {
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	}
}

// lineWith returns the first line of screen that starts with prefix after
// leading spaces, or "".
func lineWith(screen, prefix string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

func clockOf(n int) string { return fmt.Sprintf("%02d:%02d", n/60, n%60) }
