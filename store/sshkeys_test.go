package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"envei/intake"
)

// newKeyLine makes a fresh ed25519 key and returns its public key and the
// line ssh-keygen would write in the .pub file.
func newKeyLine(t *testing.T, comment string) (gossh.PublicKey, []byte) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSuffix(string(gossh.MarshalAuthorizedKey(sp)), "\n") + " " + comment + "\n"
	return sp, []byte(line)
}

func TestSSHKeysAddListResolveRemove(t *testing.T) {
	ctx := context.Background()
	s := newStore(t, true)
	kari := clinician("kari", intake.OrgDPS)
	mustAdd(t, s, kari)

	pub1, line1 := newKeyLine(t, "kari@desk")
	pub2, line2 := newKeyLine(t, "kari@laptop")
	k1, err := s.AddSSHKey(ctx, admin, "kari", line1)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Fingerprint != gossh.FingerprintSHA256(pub1) || k1.Type != "ssh-ed25519" || k1.Comment != "kari@desk" {
		t.Fatalf("added %+v", k1)
	}
	if _, err := s.AddSSHKey(ctx, admin, "kari", line2); err != nil {
		t.Fatal(err)
	}
	// One person per key: the same key for root is refused.
	if _, err := s.AddSSHKey(ctx, admin, "root", line1); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("same key for a second person: %v, want ErrDuplicate", err)
	}
	// Admins only.
	if _, err := s.AddSSHKey(ctx, kari, "kari", line1); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a clinician adding a key: %v", err)
	}
	if _, err := s.SSHKeys(ctx, kari, ""); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a clinician listing keys: %v", err)
	}
	if _, err := s.AddSSHKey(ctx, admin, "nobody", line1); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a key for someone not on the roster: %v", err)
	}
	keys, err := s.SSHKeys(ctx, admin, "kari")
	if err != nil || len(keys) != 2 {
		t.Fatalf("kari's keys: %v %+v", err, keys)
	}

	for _, pub := range []gossh.PublicKey{pub1, pub2} {
		c, err := s.ClinicianByKey(ctx, pub)
		if err != nil || c == nil || c.Username != "kari" {
			t.Fatalf("resolve: %v %+v", err, c)
		}
	}
	unknown, _ := newKeyLine(t, "")
	if c, err := s.ClinicianByKey(ctx, unknown); err != nil || c != nil {
		t.Fatalf("unknown key resolved to %+v, %v", c, err)
	}
	// On leave is still a person.
	if err := s.SetLeave(ctx, admin, "kari", true); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ClinicianByKey(ctx, pub1); c == nil || !c.OnLeave {
		t.Fatalf("on leave: %+v", c)
	}

	if err := s.RemoveSSHKey(ctx, admin, "kari", k1.Fingerprint); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ClinicianByKey(ctx, pub1); c != nil {
		t.Fatalf("removed key still resolves to %s", c.Username)
	}
	if err := s.RemoveSSHKey(ctx, admin, "kari", k1.Fingerprint); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
	// A removed person's keys go with them: the username given to
	// someone else later inherits nothing.
	if err := s.RemoveClinician(ctx, admin, "kari"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ClinicianByKey(ctx, pub2); c != nil {
		t.Fatalf("removed person's key resolves to %s", c.Username)
	}
	mustAdd(t, s, kari)
	if c, _ := s.ClinicianByKey(ctx, pub2); c != nil {
		t.Fatal("a re-added username inherited the old keys")
	}
	evs := 0
	rows, err := s.db.QueryContext(ctx, `SELECT kind FROM events WHERE kind LIKE 'ssh_key_%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		evs++
	}
	rows.Close()
	if evs != 3 { // two added, one removed
		t.Fatalf("%d key events, want 3", evs)
	}
}

func TestParseSSHKeyRefusesWithoutEchoing(t *testing.T) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	privPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	openssh, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	_, line := newKeyLine(t, "x")
	_, line2 := newKeyLine(t, "y")
	for name, in := range map[string][]byte{
		"pkcs8 private":   privPEM,
		"openssh private": pem.EncodeToMemory(openssh),
		"junk":            []byte("01019012345 Kari Nordmann secret\n"),
		"empty":           nil,
		"two keys":        append(append([]byte{}, line...), line2...),
		"options":         append([]byte(`from="10.0.0.1" `), line...),
	} {
		_, _, err := ParseSSHKey(in)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		for _, word := range []string{"Kari", "01019012345", string(line[40:60]), "10.0.0.1"} {
			if strings.Contains(err.Error(), word) {
				t.Errorf("%s: the error repeats the input: %v", name, err)
			}
		}
	}
	if _, _, err := ParseSSHKey(pem.EncodeToMemory(openssh)); !errors.Is(err, ErrPrivateKey) {
		t.Errorf("openssh private key: %v, want ErrPrivateKey", err)
	}
	// A comment with control characters is neutralised, not kept raw.
	_, line3 := newKeyLine(t, "evil\x1b]0;x\x07")
	_, comment, err := ParseSSHKey(line3)
	if err != nil || intake.HasControl(comment) {
		t.Fatalf("comment %q, %v", comment, err)
	}
}
