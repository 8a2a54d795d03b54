-- envei schema, version 5: finding a patient and correcting mistakes.

-- A registration that should never have been a referral of its own (a
-- duplicate, a test entry) is voided by a supervisor with a reason: the
-- day it was voided, and for a merged duplicate the referral it was a
-- duplicate of. Nothing of the voided referral is deleted or moved: its
-- events, draws and assessment stay with it in the trail. The reports
-- leave voided referrals out altogether (they were never a patient's
-- separate referral), unlike withdrawn ones.
ALTER TABLE referrals ADD COLUMN voided TEXT;
ALTER TABLE referrals ADD COLUMN merged_into INTEGER REFERENCES referrals (id);

-- Every version of a referral's routing, once it has been corrected:
-- version 1 is the routing as first decided, copied here by the first
-- correction; each correction is a new version with its reason. The
-- referral row and referral_outcomes hold the latest version, so every
-- report counts that one. Versions are never changed or deleted.
CREATE TABLE routings (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id),
    version     INTEGER NOT NULL CHECK (version >= 1),
    routed      TEXT NOT NULL,            -- the day of the routing decision
    outcomes    TEXT NOT NULL,            -- service codes joined by +
    note        TEXT NOT NULL DEFAULT '', -- the justification
    author      TEXT NOT NULL,            -- username
    saved_at    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '', -- why it was corrected; '' for version 1
    UNIQUE (referral_id, version)
) STRICT;

CREATE TRIGGER routings_unchanged BEFORE UPDATE ON routings
BEGIN
    SELECT RAISE(ABORT, 'a routing version is never changed; correct it as a new version');
END;
CREATE TRIGGER routings_kept BEFORE DELETE ON routings
BEGIN
    SELECT RAISE(ABORT, 'a routing version is never deleted');
END;

-- The worklist's closed and all views page by due date like the open one.
CREATE INDEX referrals_due ON referrals (due, id, on_worklist);
