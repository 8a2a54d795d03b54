package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// writeKeyPair writes an ed25519 key pair as ssh-keygen does (NAME, NAME.pub)
// in dir and returns the signer and the .pub path.
func writeKeyPair(t *testing.T, dir, name, comment string) (gossh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSuffix(string(gossh.MarshalAuthorizedKey(signer.PublicKey())), "\n") + " " + comment + "\n"
	if err := os.WriteFile(path+".pub", []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	return signer, path + ".pub"
}

func TestClinicianKeyCommands(t *testing.T) {
	h := newHarness(t)
	dir := t.TempDir()
	h.ok("init")
	h.ok("clinician", "add", "kari", "--name", "Kari Nordmann", "--org", "dps")
	desk, deskPub := writeKeyPair(t, dir, "desk", "kari@desk")
	laptop, laptopPub := writeKeyPair(t, dir, "laptop", "kari@laptop")

	if out := h.ok("clinician", "key", "add", "kari", deskPub); !strings.Contains(out, gossh.FingerprintSHA256(desk.PublicKey())) {
		t.Errorf("add prints no fingerprint: %s", out)
	}
	b, _ := os.ReadFile(laptopPub)
	h.stdin = string(b)
	h.ok("clinician", "key", "add", "kari", "-")
	list := h.ok("clinician", "key", "list", "kari")
	for _, k := range []gossh.Signer{desk, laptop} {
		if !strings.Contains(list, gossh.FingerprintSHA256(k.PublicKey())) {
			t.Errorf("list lacks a key:\n%s", list)
		}
	}
	// The same key for a second person: one person per key.
	if r := h.run("clinician", "key", "add", "root", deskPub); r.code != exitFail || !strings.Contains(r.stderr, "already on the roster") {
		t.Errorf("same key twice: %+v", r)
	}
	// A private key given by mistake is refused and not echoed.
	priv, _ := os.ReadFile(filepath.Join(dir, "desk"))
	r := h.run("clinician", "key", "add", "kari", filepath.Join(dir, "desk"))
	if r.code != exitFail || !strings.Contains(r.stderr, "private key") {
		t.Errorf("private key: %+v", r)
	}
	body := strings.Split(string(priv), "\n")[1]
	if strings.Contains(r.stderr+r.stdout, body[:20]) {
		t.Errorf("the private key was echoed: %s", r.stderr)
	}
	junk := filepath.Join(dir, "junk.pub")
	os.WriteFile(junk, []byte("Kari Nordmann 01019012345\n"), 0o600)
	if r := h.run("clinician", "key", "add", "kari", junk); r.code != exitFail || strings.Contains(r.stderr, "Nordmann") || strings.Contains(r.stderr, "0101") {
		t.Errorf("junk: %+v", r)
	}
	if r := h.run("clinician", "key", "add", "kari"); r.code != exitUsage {
		t.Errorf("add without a file: %+v", r)
	}
	// Admins only.
	h.user = "kari"
	if r := h.run("clinician", "key", "list"); r.code != exitFail || !strings.Contains(r.stderr, "needs the role admin") {
		t.Errorf("clinician listing keys: %+v", r)
	}
	h.user = "root"
	h.ok("clinician", "key", "remove", "kari", gossh.FingerprintSHA256(desk.PublicKey()))
	if list := h.ok("clinician", "key", "list"); strings.Contains(list, gossh.FingerprintSHA256(desk.PublicKey())) {
		t.Errorf("removed key listed:\n%s", list)
	}
}
