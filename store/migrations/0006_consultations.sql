-- envei schema, version 5: consultations recorded on a referral — with the
-- senior DPS psychiatrist (overlege "på topp": a discussion, perhaps a
-- medication review) and by phone with the patient's GP's office. One
-- table for both kinds, since the console lists them together and the
-- reports count them together; each kind's own columns are empty for the
-- other (the CHECKs hold it).
CREATE TABLE consultations (
    id                  INTEGER PRIMARY KEY,
    referral_id         INTEGER NOT NULL REFERENCES referrals (id),
    kind                TEXT NOT NULL CHECK (kind IN ('senior', 'gp')),
    -- When it was held: the day and the time of day in Norway.
    day                 TEXT NOT NULL,
    clock               TEXT NOT NULL,
    -- The senior psychiatrist: the question put, the advice given, and
    -- whether the medication was reviewed.
    question            TEXT NOT NULL DEFAULT '',
    advice              TEXT NOT NULL DEFAULT '',
    medication_reviewed INTEGER NOT NULL DEFAULT 0 CHECK (medication_reviewed IN (0, 1)),
    -- The GP's office: who the reception spoke to, and the outcome.
    contact             TEXT NOT NULL DEFAULT '',
    outcome             TEXT NOT NULL DEFAULT '',
    recorded_by         TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    CHECK (kind = 'senior' OR (question = '' AND advice = '' AND medication_reviewed = 0)),
    CHECK (kind = 'gp' OR (contact = '' AND outcome = ''))
) STRICT;

-- A referral's consultations in the order they were held; the reports
-- count them per referral from the same index.
CREATE INDEX consultations_referral ON consultations (referral_id, kind, day, clock);
