package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	gossh "golang.org/x/crypto/ssh"
)

// hostKey loads the server's SSH host key from path, or makes an ed25519
// key there (mode 0600, never over an existing file) on first start.
// created says it was made now: the fingerprint is new, and clients must
// be told it.
func hostKey(path string) (signer gossh.Signer, created bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return makeHostKey(path)
	}
	if err != nil {
		return nil, false, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("%s: the host key can be read by others (mode %#o); chmod 600 it", path, fi.Mode().Perm())
	}
	signer, err = gossh.ParsePrivateKey(b)
	if err != nil {
		// The key's bytes are not repeated.
		return nil, false, fmt.Errorf("%s: not an unencrypted OpenSSH private key", path)
	}
	return signer, false, nil
}

func makeHostKey(path string) (gossh.Signer, bool, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, false, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "envei serve host key")
	if err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, err
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		os.Remove(path)
		return nil, false, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, false, err
	}
	if err := f.Close(); err != nil {
		return nil, false, err
	}
	signer, err := gossh.NewSignerFromKey(priv)
	return signer, true, err
}
