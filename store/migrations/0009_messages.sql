-- envei schema, version 8: the transfer e-message (Dialogmelding 1.1 in a
-- MsgHead v1.2 envelope) and its application receipt (AppRec 1.1).

-- Addresses. The reception's own name, HER-id and organisation number are
-- settings (keys reception_name, reception_her_id, reception_org_number);
-- each service's receiving unit and the GP's office have theirs here. ''
-- means not yet filled in: a message to it is refused, naming the command.
ALTER TABLE services ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN her_id TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN org_number TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN gp_her_id TEXT NOT NULL DEFAULT '';

-- Every message written, as written: its MsgId (a UUID, the key the
-- receipt names), the receiver (a service code, or 'gp'), who wrote it and
-- when, and which note it carried (the kind, and the number of earlier
-- printings and messages of the referral: a corrected note is a new
-- message, never a rewritten one). The receipt columns are filled once,
-- by the one receipt the receiver sends back.
CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    msg_id         TEXT NOT NULL UNIQUE,
    referral_id    INTEGER NOT NULL REFERENCES referrals (id),
    receiver       TEXT NOT NULL,               -- service code, or 'gp'
    receiver_her   TEXT NOT NULL,               -- the HER-id it was addressed to
    note_kind      TEXT NOT NULL CHECK (note_kind IN ('transfer', 'gp_letter')),
    note_version   INTEGER NOT NULL,            -- the assessment version the note shows, 0 for none
    attachment     INTEGER NOT NULL DEFAULT 0 CHECK (attachment IN (0, 1)),
    written_by     TEXT NOT NULL,
    written_at     TEXT NOT NULL,
    receipt_status TEXT CHECK (receipt_status IN ('1', '2', '3')),
    receipt_errors TEXT NOT NULL DEFAULT '',    -- code: text lines, as the receiver sent them
    receipt_at     TEXT
) STRICT;

CREATE INDEX messages_referral ON messages (referral_id, id);

-- A message is never rewritten: only its receipt may be filled in, once.
CREATE TRIGGER messages_unchanged BEFORE UPDATE ON messages
WHEN OLD.receipt_status IS NOT NULL
  OR NEW.msg_id IS NOT OLD.msg_id OR NEW.referral_id IS NOT OLD.referral_id
  OR NEW.receiver IS NOT OLD.receiver OR NEW.receiver_her IS NOT OLD.receiver_her
  OR NEW.note_kind IS NOT OLD.note_kind OR NEW.note_version IS NOT OLD.note_version
  OR NEW.attachment IS NOT OLD.attachment
  OR NEW.written_by IS NOT OLD.written_by OR NEW.written_at IS NOT OLD.written_at
BEGIN
    SELECT RAISE(ABORT, 'a message is never rewritten; its receipt is recorded once');
END;
CREATE TRIGGER messages_kept BEFORE DELETE ON messages
BEGIN
    SELECT RAISE(ABORT, 'a message is never deleted');
END;
