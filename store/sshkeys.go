package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"envei/intake"
)

// SSHKey is a public key on the roster: the key by which its person logs
// in to `envei serve`.
type SSHKey struct {
	Username    string
	Type        string // ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, …
	Fingerprint string // SHA256:…, as ssh-keygen -l prints it
	Comment     string
	AddedBy     string
	AddedAt     string
}

// maxKeyComment bounds the comment kept from a key line (user@host, as a rule).
const maxKeyComment = 200

// Errors of a key line. None of them repeats what the line held: a file
// given by mistake may be a private key.
var (
	ErrPrivateKey = errors.New("that is a private key: give the public key (the .pub file, one line starting with ssh-ed25519, ecdsa-sha2-… or ssh-rsa); never send anyone a private key")
	ErrNotAKey    = errors.New("not an OpenSSH public key: give one line as in a .pub file or authorized_keys (ssh-ed25519 AAAA… comment)")
)

// ParseSSHKey reads one OpenSSH public-key line, as ssh-keygen writes it in
// a .pub file. Blank lines and # comments around it are allowed; two keys,
// key options (from=, command=: envei would not enforce them) and
// certificates are refused.
func ParseSSHKey(line []byte) (gossh.PublicKey, string, error) {
	if bytes.Contains(line, []byte("PRIVATE KEY")) {
		return nil, "", ErrPrivateKey
	}
	key, comment, options, rest, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return nil, "", ErrNotAKey
	}
	if len(options) > 0 {
		return nil, "", errors.New("key options (from=, command=, …) are not supported: give the key line without them")
	}
	if _, isCert := key.(*gossh.Certificate); isCert {
		return nil, "", errors.New("certificates are not supported: give the plain public key")
	}
	if _, _, _, _, err := gossh.ParseAuthorizedKey(rest); err == nil {
		return nil, "", errors.New("more than one key: give one key line at a time")
	}
	comment = intake.SafeText(strings.TrimSpace(comment))
	if r := []rune(comment); len(r) > maxKeyComment {
		comment = string(r[:maxKeyComment])
	}
	return key, comment, nil
}

// AddSSHKey puts a public key on the roster for username (admins only).
// A key already on the roster, for anyone, is ErrDuplicate: one person per
// key, or the key would not say who acts.
func (s *Store) AddSSHKey(ctx context.Context, who intake.Clinician, username string, line []byte) (SSHKey, error) {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return SSHKey{}, ErrForbidden
	}
	pub, comment, err := ParseSSHKey(line)
	if err != nil {
		return SSHKey{}, err
	}
	k := SSHKey{
		Username:    username,
		Type:        pub.Type(),
		Fingerprint: gossh.FingerprintSHA256(pub),
		Comment:     comment,
		AddedBy:     who.Username,
		AddedAt:     s.stamp(),
	}
	err = s.InTx(ctx, func(tx *Tx) error {
		if _, err := s.clinician(ctx, tx, username); errors.Is(err, ErrNotFound) {
			return fmt.Errorf("that username is not on the roster: %w", err)
		} else if err != nil {
			return err
		}
		var owner string
		switch err := tx.QueryRowContext(ctx, `SELECT username FROM ssh_keys WHERE fingerprint = ?`, k.Fingerprint).Scan(&owner); {
		case err == nil:
			return fmt.Errorf("that key is already on the roster, for %s: %w", owner, ErrDuplicate)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO ssh_keys (username, key_type, blob, fingerprint, comment, added_by, added_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			k.Username, k.Type, base64.StdEncoding.EncodeToString(pub.Marshal()), k.Fingerprint,
			k.Comment, k.AddedBy, k.AddedAt); err != nil {
			return err
		}
		return appendEvent(ctx, tx, k.AddedAt, who.Username, 0, "ssh_key_added", username+" "+k.Fingerprint)
	})
	if err != nil {
		return SSHKey{}, err
	}
	return k, nil
}

// SSHKeys lists the keys on the roster, of one person when username is
// given, sorted by username and time added (admins only).
func (s *Store) SSHKeys(ctx context.Context, who intake.Clinician, username string) ([]SSHKey, error) {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return nil, ErrForbidden
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT username, key_type, fingerprint, comment, added_by, added_at FROM ssh_keys
		WHERE ?1 = '' OR username = ?1 ORDER BY username, added_at, id`, username)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SSHKey
	for rows.Next() {
		var k SSHKey
		if err := rows.Scan(&k.Username, &k.Type, &k.Fingerprint, &k.Comment, &k.AddedBy, &k.AddedAt); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RemoveSSHKey takes a key off the roster (admins only); the server
// refuses it from the next handshake.
func (s *Store) RemoveSSHKey(ctx context.Context, who intake.Clinician, username, fingerprint string) error {
	if !who.Role.AtLeast(intake.RoleAdmin) {
		return ErrForbidden
	}
	return s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM ssh_keys WHERE username = ? AND fingerprint = ?`, username, fingerprint)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("that person has no key with that fingerprint (envei clinician key list shows them): %w", ErrNotFound)
		}
		return appendEvent(ctx, tx, s.stamp(), who.Username, 0, "ssh_key_removed", username+" "+fingerprint)
	})
}

// ClinicianByKey returns the person on the roster whose key pub is, or nil
// when the key is on no one's entry or its person was removed. A person on
// leave is still a person: leave stops the draw, not the login.
func (s *Store) ClinicianByKey(ctx context.Context, pub gossh.PublicKey) (*intake.Clinician, error) {
	if pub == nil {
		return nil, nil
	}
	var c intake.Clinician
	var org, role string
	// The whole key is compared, not only its fingerprint.
	err := s.db.QueryRowContext(ctx, `
		SELECT c.username, c.name, c.org, c.role, c.on_leave
		FROM ssh_keys k JOIN clinicians c ON c.username = k.username
		WHERE k.fingerprint = ? AND k.key_type = ? AND k.blob = ? AND c.removed_at IS NULL`,
		gossh.FingerprintSHA256(pub), pub.Type(), base64.StdEncoding.EncodeToString(pub.Marshal())).
		Scan(&c.Username, &c.Name, &org, &role, &c.OnLeave)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.Org, c.Role = intake.Org(org), intake.Role(role)
	return &c, nil
}

// deleteSSHKeys removes every key of a person leaving the roster, inside
// the removal's transaction, so the username given to someone else later
// does not inherit them.
func deleteSSHKeys(ctx context.Context, tx *Tx, username string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM ssh_keys WHERE username = ?`, username)
	return err
}
