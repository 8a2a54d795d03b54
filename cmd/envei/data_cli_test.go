package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The pilot reconstruction loads, exports as testdata/pilot.csv byte for
// byte, and export → import into an empty database → export is stable.
func TestDemoExportImportRoundTrip(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("demo"); !strings.Contains(out, "Loaded 112 demo referrals") {
		t.Fatalf("demo: %s", out)
	}
	first := h.ok("export")
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pilot.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if first != string(want) {
		t.Errorf("export of the pilot differs from testdata/pilot.csv")
	}

	second := newHarness(t)
	second.ok("init", "--test")
	second.user = "root"
	second.ok("demo") // an empty test database takes demo data
	if r := second.run("demo"); r.code != exitFail || !strings.Contains(r.stderr, "new or empty database") {
		t.Errorf("demo into a non-empty database: %+v", r)
	}

	empty := newHarness(t)
	empty.ok("init", "--test")
	for _, c := range []struct{ user, org string }{{"dps.astrid", "dps"}, {"dps.henrik", "dps"}, {"dps.ingrid", "dps"}, {"dps.olav", "dps"},
		{"kom.eirik", "municipal"}, {"kom.hanne", "municipal"}, {"kom.marte", "municipal"}, {"kom.sindre", "municipal"}} {
		empty.ok("clinician", "add", c.user, "--name", "Demo "+c.user, "--org", c.org)
	}
	empty.stdin = first
	if out := empty.ok("import", "-"); !strings.Contains(out, "Imported 112 referrals") {
		t.Fatalf("import: %s", out)
	}
	if again := empty.ok("export"); again != first {
		t.Errorf("export → import → export changed the bytes")
	}
	j1, j2 := h.ok("export", "--format", "json"), empty.ok("export", "--format", "json")
	if j1 != j2 || !strings.HasPrefix(j1, "[") {
		t.Errorf("json exports differ or are not an array")
	}
}

func TestExportToFileRefusesOverwrite(t *testing.T) {
	h := newHarness(t)
	h.ok("demo")
	out := filepath.Join(t.TempDir(), "export.csv")
	h.ok("export", "--out", out)
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %o, want 600 (it holds patient data)", fi.Mode().Perm())
	}
	if r := h.run("export", "--out", out); r.code != exitFail || !strings.Contains(r.stderr, "exists") {
		t.Errorf("second export over the file: %+v", r)
	}
}

// A bad file lists every bad row with line and column, never echoes a
// value, and writes nothing.
func TestImportErrorsListRowsAndWriteNothing(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	name, id := "Kari Hemmelig Nordmann", "02013299997"
	h.stdin = "ref;received;channel;addressed_to;name;national_id\n" +
		"A1;2026-11-02;gp;dps;;\n" +
		"A2;2026-11-02;" + name + ";dps;;\n" +
		"A3;2026-13-02;self;;;\n" +
		"A4;2026-11-02;self;;" + name + ";" + id[:10] + "\n" +
		"A5;2026-11-02;gp;;;\n"
	r := h.run("import", "-")
	if r.code != exitFail {
		t.Fatalf("exit %d", r.code)
	}
	for _, want := range []string{"line 3, column channel", "line 4, column received", "line 5, column national_id", "line 6, column addressed_to", "nothing was imported"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, name) || strings.Contains(r.stderr, id[:10]) || strings.Contains(r.stderr, "Hemmelig") {
		t.Errorf("an error echoes personal data:\n%s", r.stderr)
	}
	if out := h.ok("export"); strings.Count(out, "\n") != 1 {
		t.Errorf("rows were written despite errors:\n%s", out)
	}
}

func TestImportStopsListingAtFifty(t *testing.T) {
	h := newHarness(t)
	h.ok("init")
	var b strings.Builder
	b.WriteString("ref,received,channel\n")
	for i := 0; i < 80; i++ {
		b.WriteString("X,2026-11-02,bus\n")
	}
	h.stdin = b.String()
	r := h.run("import", "-")
	lines := 0
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(l, "line ") {
			lines++
		}
	}
	if r.code != exitFail || lines != 50 {
		t.Errorf("listed %d problems (exit %d), want 50:\n%s", lines, r.code, r.stderr)
	}
}

func TestDemoGeneratesSyntheticPatients(t *testing.T) {
	h := newHarness(t)
	if out := h.ok("demo", "--patients", "300", "--seed", "4"); !strings.Contains(out, "Loaded 300") {
		t.Fatalf("demo: %s", out)
	}
	status := h.ok("status")
	if !strings.Contains(status, "TEST database") || !hasRow(status, "total", "300") {
		t.Errorf("status:\n%s", status)
	}
	other := newHarness(t)
	other.ok("demo", "--patients", "300", "--seed", "4")
	if h.ok("export") != other.ok("export") {
		t.Error("the same seed gave different data")
	}
	if r := h.run("demo", "--patients", "0"); r.code != exitUsage {
		t.Errorf("--patients 0: %+v", r)
	}
}
