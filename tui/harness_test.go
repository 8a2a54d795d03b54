package tui

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"envei/intake"
	"envei/store"
)

// Every console test draws in plain ASCII on a dark background, so golden
// files do not depend on the terminal running the tests.
func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

var testToday = intake.MustParseDate("2026-11-22")

func testNow() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }

type seededSource struct{ r *rand.Rand }

func (s seededSource) IntN(n int) int { return s.r.IntN(n) }

// testStore is a real store on a temp file: a test database with root as
// admin. With demo set, it holds the fictional roster and N synthetic
// referrals (seed 1).
func testStore(t testing.TB, demo int) *store.Store {
	t.Helper()
	ctx := context.Background()
	root := intake.Clinician{Username: "root", Name: "Rut Rot", Role: intake.RoleAdmin}
	// Not t.TempDir: a console's last command can still be finishing on the
	// store when the test ends (a program's Wait does not wait for commands
	// in flight), and SQLite's files then appear while t.TempDir's cleanup
	// removes the folder, failing a test that passed. The folder is removed
	// after the store is closed, a few times if it has to be.
	dir, err := os.MkdirTemp("", "envei-tui-")
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, filepath.Join(dir, "t.db"), store.Options{Create: true, Test: true, Creator: root, Now: testNow})
	if err != nil {
		os.RemoveAll(dir)
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		for range 20 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("could not remove %s", dir)
	})
	if demo > 0 {
		for _, c := range intake.DemoRoster() {
			if err := s.AddClinician(ctx, root, c); err != nil {
				t.Fatal(err)
			}
		}
		roster, _ := s.Roster(ctx)
		_, err := s.LoadGenerated(ctx, root, func(emit func(intake.Referral) error) error {
			return intake.GenerateDemo(intake.DemoOptions{Patients: demo, Seed: 1, Today: testToday, Clinicians: roster}, emit)
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func testOptions(t testing.TB, s *store.Store, user string, lang Lang) Options {
	t.Helper()
	who, err := s.Actor(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	return Options{
		Backend: s, User: who, Lang: lang, Test: true, DBPath: s.Path(),
		Random: seededSource{rand.New(rand.NewPCG(5, 5))},
		Today:  func() intake.Date { return testToday },
		Dark:   true, NoColor: true, Renderer: testRenderer(termenv.Ascii),
		LoadDemo: func(ctx context.Context) (int, error) {
			for _, c := range intake.DemoRoster() {
				_ = s.AddClinician(ctx, who, c)
			}
			return s.LoadGenerated(ctx, who, func(emit func(intake.Referral) error) error {
				for _, r := range intake.PilotReferrals() {
					if err := emit(r); err != nil {
						return err
					}
				}
				return nil
			}, nil)
		},
	}
}

// console runs the console as a real Bubble Tea program at the given size.
type console struct {
	t  *testing.T
	tm *teatest.TestModel
	m  *Model
}

func startConsole(t *testing.T, opts Options, w, h int) *console {
	t.Helper()
	m := New(opts)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return &console{t: t, tm: tm, m: m}
}

// waitFor waits until the screen shows every one of texts.
// waitPatience is how long waitFor waits for the screen. Generous: on a
// loaded two-core machine (go test ./... runs packages side by side) a
// break-glass reason typed key by key and the form after it once took
// more than 5 s to draw (TestScreensGolden/route_80x24). A screen that
// never comes still fails the test.
const waitPatience = 20 * time.Second

func (c *console) waitFor(texts ...string) {
	c.t.Helper()
	var last string
	teatest.WaitFor(c.t, c.tm.Output(), func(b []byte) bool {
		last = ansi.Strip(string(b))
		for _, s := range texts {
			if !strings.Contains(last, s) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(waitPatience), teatest.WithCheckInterval(20*time.Millisecond))
}

// key sends one key by name: "enter", "esc", "tab", "down", … or a rune.
func (c *console) key(name string) { c.tm.Send(keyMsg(name)) }

func (c *console) typeText(s string) { c.tm.Type(s) }

func keyMsg(name string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"down": tea.KeyDown, "up": tea.KeyUp, "ctrl+c": tea.KeyCtrlC, "backspace": tea.KeyBackspace,
		"space": tea.KeySpace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if k, ok := special[name]; ok {
		return tea.KeyMsg{Type: k}
	}
	if len([]rune(name)) != 1 {
		// A name of several characters would be a word typed fast, which
		// the console takes as text (textkeys.go): a key name missing
		// above is a mistake in the test.
		panic("keyMsg: no key named " + name)
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// quit ends the program and returns the final model.
func (c *console) quit() *Model {
	c.t.Helper()
	if err := c.tm.Quit(); err != nil {
		c.t.Fatal(err)
	}
	return c.tm.FinalModel(c.t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

// rootReading is how a test reads a record to check what the console
// stored: as root, with a reason (root is seldom the assigned clinician).
var rootReading = intake.Access{
	Who:    intake.Clinician{Username: "root", Role: intake.RoleAdmin},
	Reason: "console test checks the stored record",
}

// breakGlass answers the break-the-glass question the console asks root
// before it opens a record assigned to someone else.
func (c *console) breakGlass(ref string) {
	c.t.Helper()
	c.waitFor("Reason to open "+ref, "Why do you need this record?")
	c.typeText("checking the record in a test")
	c.key("enter")
}
