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
    what         TEXT NOT NULL,            -- referral, assessment, treatment, transfer, gp_letter, lookup, export, import, audit
    -- basis: why the access was allowed (intake.AccessBasis): assigned
    -- (the patient's clinician), registrar (registering, or registered it
    -- and no one is drawn yet), break_glass (anyone else, with a reason),
    -- bulk (an admin's identifiable export or import), audit (a supervisor
    -- reading who accessed the patient). All but assigned are reviewed.
    basis        TEXT NOT NULL CHECK (basis IN ('assigned', 'registrar', 'break_glass', 'bulk', 'audit')),
    reason       TEXT NOT NULL DEFAULT '',
    scope_from   TEXT,
    scope_to     TEXT,
    scope_min_id INTEGER,
    scope_max_id INTEGER
) STRICT;

CREATE INDEX access_log_referral ON access_log (referral_id, at) WHERE referral_id IS NOT NULL;
CREATE INDEX access_log_bulk ON access_log (at) WHERE referral_id IS NULL;
CREATE INDEX access_log_review ON access_log (at) WHERE basis <> 'assigned';

-- The log is evidence: nothing rewrites or removes a row.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
