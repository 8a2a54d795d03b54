// Package xsdcheck validates the messages envei writes against the KITH
// schemas in testdata/kith (a copy of ../shared/standards/kith, see its
// README for where they come from) with xmllint, for tests. Without
// xmllint the test is skipped, unless ENVEI_REQUIRE_XMLLINT is set (CI
// sets it, and installs libxml2-utils), when it fails.
package xsdcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Schema is the path of the driver schema that loads the whole set.
func Schema(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the schemas")
	}
	p := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "kith", "all.xsd")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("schemas missing: %v", err)
	}
	return p
}

// Need skips t when xmllint is absent, or fails it under ENVEI_REQUIRE_XMLLINT.
func Need(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint is required (ENVEI_REQUIRE_XMLLINT is set) but not installed (Debian: libxml2-utils)")
		}
		t.Skip("xmllint not installed (Debian: libxml2-utils)")
	}
	return path
}

// Validate runs xmllint --noout --schema all.xsd on doc and fails t with
// xmllint's report when doc does not validate.
func Validate(t testing.TB, doc []byte) {
	t.Helper()
	if err := Check(t, doc); err != nil {
		t.Fatalf("schema validation failed: %v\n%s", err, doc)
	}
}

// Check is Validate returning the failure instead.
func Check(t testing.TB, doc []byte) error {
	t.Helper()
	xmllint := Need(t)
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", Schema(t), f).CombinedOutput()
	if err != nil {
		return &failure{string(out)}
	}
	return nil
}

type failure struct{ out string }

func (f *failure) Error() string { return f.out }
