-- envei schema: the SSH public keys by which people on the roster log in
-- to `envei serve`. The key that signed the handshake is the person's
-- identity; the login name the client sends is ignored. A person may have
-- several keys (a desk PC, a laptop); a key belongs to one person only.
-- A removed key is deleted (the event trail keeps who removed which
-- fingerprint and when); removing a person deletes their keys too, so a
-- username given to someone else later does not inherit them.
CREATE TABLE ssh_keys (
    id          INTEGER PRIMARY KEY,
    username    TEXT NOT NULL REFERENCES clinicians (username),
    -- The authorized-key line's type (ssh-ed25519, ecdsa-sha2-nistp256,
    -- ssh-rsa, …) and its base64 blob, as OpenSSH writes them.
    key_type    TEXT NOT NULL,
    blob        TEXT NOT NULL,
    -- SHA256:… as ssh-keygen -l prints it: one person per key.
    fingerprint TEXT NOT NULL UNIQUE,
    comment     TEXT NOT NULL DEFAULT '',
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL
) STRICT;

CREATE INDEX ssh_keys_username ON ssh_keys (username);
