-- envei schema, version 3: the access log (Normen: every access to a
-- patient's identifiable data logged, break-the-glass flagged for review,
-- the patient entitled to see who looked).
--
-- One row per access. A read of one patient names the referral; a bulk
-- read (an identifiable export, an import) names no referral but records
-- which referrals it covered: those received from scope_from to
-- scope_to (NULL: open end) with id at most scope_max_id, or for an
-- import the ids from scope_min_id to scope_max_id it created. The
-- patient's audit finds both kinds.
CREATE TABLE access_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,            -- username, as in events
    role         TEXT NOT NULL CHECK (role IN ('clinician', 'supervisor', 'admin')),
    referral_id  INTEGER REFERENCES referrals (id),
    what         TEXT NOT NULL,            -- referral, assessment, note, gp_letter, lookup, export, import
    -- basis: why the access was allowed. assigned (the patient's
    -- clinician), registrar (registered the referral), unassigned (no
    -- clinician yet: triage), break_glass (a reason was given), admin (bulk
    -- work by an admin).
    basis        TEXT NOT NULL CHECK (basis IN ('assigned', 'registrar', 'unassigned', 'break_glass', 'admin')),
    reason       TEXT NOT NULL DEFAULT '',
    scope_from   TEXT,
    scope_to     TEXT,
    scope_min_id INTEGER,
    scope_max_id INTEGER
) STRICT;

CREATE INDEX access_log_referral ON access_log (referral_id, at) WHERE referral_id IS NOT NULL;
CREATE INDEX access_log_bulk ON access_log (at) WHERE referral_id IS NULL;
CREATE INDEX access_log_review ON access_log (at) WHERE basis IN ('break_glass', 'unassigned');

-- The log is evidence: nothing rewrites or removes a row.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
