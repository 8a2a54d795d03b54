package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// A served console takes its language and colours from its client (the
// server passes them in Options), never from the server process's
// environment: no console source reads the environment.
func TestConsoleReadsNoProcessEnvironment(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	readers := []string{"os.Getenv", "os.LookupEnv", "os.Environ", "EnvColorProfile", "EnvNoColor", "termenv.NewOutput(os."}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range readers {
			if strings.Contains(string(src), r) {
				t.Errorf("%s reads the process environment (%s)", f, r)
			}
		}
	}
}

// The server process's LANG, NO_COLOR and ENVEI_THEME do not reach a
// console whose Options say otherwise.
func TestConsoleFollowsOptionsNotTheProcessEnvironment(t *testing.T) {
	t.Setenv("LANG", "nb_NO.UTF-8")
	t.Setenv("LC_ALL", "nb_NO.UTF-8")
	t.Setenv("NO_COLOR", "1")
	t.Setenv("ENVEI_THEME", "light")
	opts := testOptions(t, testStore(t, 20), "root", LangEN)
	opts.NoColor = false
	opts.Renderer = testRenderer(termenv.TrueColor)
	c := startConsole(t, opts, 100, 30)
	c.waitFor("Worklist", "D-0000020")
	view := c.quit().View()
	if !strings.Contains(view, "\x1b[38;2;") {
		t.Error("NO_COLOR in the process environment took the console's colour away")
	}
	if strings.Contains(view, "Arbeidsliste") {
		t.Error("LANG in the process environment made the console Norwegian")
	}
}
