-- envei schema, version 2: the first-conversation assessment template with
-- its version history, and treatment in the reception.

-- The day the assessment was first completed: the referral is then
-- "assessed" until it is routed.
ALTER TABLE referrals ADD COLUMN assessed TEXT;

-- The rights decision as reports need it, copied from the latest completed
-- version: the day it was made, the right (yes/no) and whether it came after
-- the 10-working-day deadline.
ALTER TABLE referrals ADD COLUMN rights_decided TEXT;
ALTER TABLE referrals ADD COLUMN rights_right TEXT CHECK (rights_right IN ('yes', 'no'));
ALTER TABLE referrals ADD COLUMN rights_late INTEGER NOT NULL DEFAULT 0 CHECK (rights_late IN (0, 1));

-- Every version of a referral's assessment. Version 1 may be a draft that
-- is saved over as the clinician works; a completed version is never
-- changed or deleted (the triggers refuse it), and an amendment is a new
-- version with its reason. body is the template as JSON.
CREATE TABLE assessments (
    id               INTEGER PRIMARY KEY,
    referral_id      INTEGER NOT NULL REFERENCES referrals (id),
    version          INTEGER NOT NULL CHECK (version >= 1),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
    body             TEXT NOT NULL,
    author           TEXT NOT NULL,
    saved_at         TEXT NOT NULL,
    amendment_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (referral_id, version)
) STRICT;

CREATE TRIGGER assessments_completed_unchanged BEFORE UPDATE ON assessments
WHEN OLD.status = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed assessment is never changed; amend it as a new version');
END;

CREATE TRIGGER assessments_completed_kept BEFORE DELETE ON assessments
WHEN OLD.status = 'completed'
BEGIN
    SELECT RAISE(ABORT, 'a completed assessment is never deleted');
END;

-- Treatment in the reception: sessions of up to six hours in all, then the
-- episode is closed with an outcome.
CREATE TABLE treatment_sessions (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id),
    day         TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 240),
    mode        TEXT NOT NULL CHECK (mode IN ('in_person', 'video', 'etreatment')),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;

CREATE INDEX treatment_sessions_referral ON treatment_sessions (referral_id, day);

ALTER TABLE referrals ADD COLUMN treatment_closed TEXT;
ALTER TABLE referrals ADD COLUMN treatment_outcome TEXT NOT NULL DEFAULT '';

-- The worklist holds what needs something done: open referrals, and
-- patients routed to treatment in the reception until that is closed. One
-- stored flag says so, so its partial indexes stay one range scan.
ALTER TABLE referrals ADD COLUMN on_worklist INTEGER NOT NULL DEFAULT 0 CHECK (on_worklist IN (0, 1));
UPDATE referrals SET on_worklist = (state NOT IN ('routed', 'withdrawn'));
DROP INDEX referrals_open_due;
DROP INDEX referrals_open_state_due;
DROP INDEX referrals_open_clinician_due;
CREATE INDEX referrals_worklist_due ON referrals (due, id) WHERE on_worklist = 1;
CREATE INDEX referrals_worklist_state_due ON referrals (state, due, id) WHERE on_worklist = 1;
CREATE INDEX referrals_worklist_clinician_due ON referrals (clinician_id, due, id) WHERE on_worklist = 1;
