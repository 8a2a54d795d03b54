-- envei schema on PostgreSQL, version 11: as SQLite's 0011, a rejected
-- transfer brings the referral back onto the worklist until it is
-- acknowledged or recorded as handled here.
CREATE TABLE message_rejections_handled (
    message_id bigint PRIMARY KEY REFERENCES messages (id),
    handled_by text NOT NULL,
    handled_at text NOT NULL,
    note       text NOT NULL DEFAULT ''
);

UPDATE referrals SET on_worklist = 1
WHERE id IN (SELECT m.referral_id FROM messages m
             WHERE m.receipt_status = '2'
               AND NOT EXISTS (SELECT 1 FROM messages n
                               WHERE n.referral_id = m.referral_id AND n.receiver = m.receiver
                                 AND n.id > m.id AND n.receipt_status IN ('1', '3')));
