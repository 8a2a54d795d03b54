package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestServeWithOpenSSH connects with Debian's OpenSSH client, as a
// clinician does: keys made by ssh-keygen, the host key checked against
// the fingerprint serve printed. Skipped where ssh is not installed
// (.ci/run installs openssh-client).
func TestServeWithOpenSSH(t *testing.T) {
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		if os.Getenv("ENVEI_REQUIRE_OPENSSH") != "" {
			t.Fatal("the OpenSSH client is required (ENVEI_REQUIRE_OPENSSH is set) but not installed")
		}
		t.Skip("OpenSSH client (ssh) not installed")
	}
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Skip("ssh-keygen not installed")
	}
	h := pilotHarness(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "root@desk", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	h.ok("clinician", "key", "add", "root", key+".pub")
	stranger := filepath.Join(dir, "stranger")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-f", stranger).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}

	ts := serveHarness(t, h, serveOptions{maxSessions: 10})
	// The host key's fingerprint, as ssh-keygen reads the file, is the one
	// serve printed; known_hosts gets the public key.
	hostKeyPath := filepath.Join(filepath.Dir(h.db), "ssh_host_ed25519_key")
	fi, err := os.Stat(hostKeyPath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", err, fi)
	}
	fp, err := exec.Command(keygen, "-l", "-f", hostKeyPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(string(fp)); len(f) < 2 || !strings.Contains(ts.stdout.String(), "Host key fingerprint: "+f[1]) {
		t.Errorf("ssh-keygen says %s; serve printed:\n%s", fp, ts.stdout)
	}
	b, _ := os.ReadFile(hostKeyPath)
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := strings.Cut(ts.addr, ":")
	knownHosts := filepath.Join(dir, "known_hosts")
	os.WriteFile(knownHosts, []byte("[127.0.0.1]:"+port+" "+string(gossh.MarshalAuthorizedKey(signer.PublicKey()))), 0o600)

	run := func(identity, stdin string, args ...string) result {
		t.Helper()
		cmd := exec.Command(sshBin, append([]string{"-F", "/dev/null", "-p", port,
			"-i", identity, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
			"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts,
			"-o", "ConnectTimeout=10", "-l", "someone", host}, args...)...)
		var out, errOut bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errOut
		code := 0
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		return result{code, out.String(), errOut.String()}
	}
	if got := run(key, "", "status"); got.code != 0 || !strings.Contains(got.stdout, "You are root ") {
		t.Errorf("status over OpenSSH: %+v", got)
	}
	local := h.ok("stats", "--format", "csv")
	if got := run(key, "", "stats", "--format", "csv"); got.code != 0 || got.stdout != local {
		t.Errorf("stats over OpenSSH differs (exit %d, %q)", got.code, got.stderr)
	}
	if got := run(key, "", "stats", "--bad-flag"); got.code != exitUsage {
		t.Errorf("a bad flag over OpenSSH: %+v", got)
	}
	csv := "ref,received,channel,addressed_to\nO1,2026-11-02,gp,dps\nO2,2026-11-03,self,\n"
	if got := run(key, csv, "import", "-"); got.code != 0 {
		t.Errorf("import - over OpenSSH: %+v", got)
	}
	if exported := h.ok("export"); !strings.Contains(exported, "O1,") || !strings.Contains(exported, "O2,") {
		t.Error("the import over OpenSSH did not land")
	}
	// OpenSSH exits 255 when the server refuses every key.
	if got := run(stranger, "", "status"); got.code != 255 || got.stdout != "" {
		t.Errorf("a stranger's key over OpenSSH: %+v", got)
	}
}
