-- envei schema: a rejected transfer brings the referral back onto the
-- worklist. A patient whose transfer e-message the receiver rejected is
-- not transferred, so the referral needs work until a message sent again
-- to that receiver is acknowledged, or someone records here that the
-- rejection was handled another way (the unit phoned, the note sent by
-- post). One row per rejected message handled; a message itself is never
-- rewritten (0009), so this is where the fact lives.
CREATE TABLE message_rejections_handled (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id),
    handled_by TEXT NOT NULL,
    handled_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);

-- Rejections received before this version bring their referrals back now.
UPDATE referrals SET on_worklist = 1
WHERE id IN (SELECT m.referral_id FROM messages m
             WHERE m.receipt_status = '2'
               AND NOT EXISTS (SELECT 1 FROM messages n
                               WHERE n.referral_id = m.referral_id AND n.receiver = m.receiver
                                 AND n.id > m.id AND n.receipt_status IN ('1', '3')));
