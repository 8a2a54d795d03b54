-- envei schema, version 4: what the reports count, kept on each referral so
-- that envei stats and envei funnel group a million referrals in SQL
-- through one covering index each, instead of reading every row in Go.
--
-- The columns are derived, like state and due, but by triggers rather than
-- by the code that writes: every write path (register, route, assess,
-- import, demo) keeps them right without knowing they exist. intake/report
-- (TallyOf) computes the same values from a report row; a store test checks
-- that both ways give the same reports.

-- Service codes of the referral's outcomes, sorted, space-separated. (The
-- sort is a subquery's ORDER BY, not group_concat(... ORDER BY ...): that
-- needs SQLite 3.44, and an older sqlite3 CLI could not read the schema.)
ALTER TABLE referrals ADD COLUMN outcome_codes TEXT NOT NULL DEFAULT '';
-- Calendar days from received to the first conversation, the routing
-- decision and the withdrawal; NULL when that date is not recorded.
ALTER TABLE referrals ADD COLUMN days_to_first INTEGER;
ALTER TABLE referrals ADD COLUMN days_to_routed INTEGER;
ALTER TABLE referrals ADD COLUMN days_to_withdrawn INTEGER;
-- The assessment deadline, as intake/report's deadlineStatus sorts it:
-- NULL no deadline, 0 met, 1 late, 2 not held, 4 withdrawn before it, 3 open
-- and not yet assessed (ahead or not held depending on the day the report
-- is made: open_deadline holds the deadline for that).
ALTER TABLE referrals ADD COLUMN deadline_class INTEGER;
ALTER TABLE referrals ADD COLUMN open_deadline TEXT;
-- YYYY-MM of received: the funnel's month. '' until the triggers ran.
ALTER TABLE referrals ADD COLUMN received_month TEXT NOT NULL DEFAULT '';
-- The home organisation of the referral's clinician as the roster says
-- now; NULL when no clinician is recorded.
ALTER TABLE referrals ADD COLUMN clinician_org TEXT;

-- The two triggers below compute the same values: one when a referral is
-- written, one when a column they depend on changes. Their own UPDATE sets
-- none of those columns, so neither fires itself. A bulk writer (import,
-- demo) that sets received_month has computed them itself, in Go: the
-- insert trigger then stays out of the way.
CREATE TRIGGER referrals_tally_insert AFTER INSERT ON referrals WHEN NEW.received_month = ''
BEGIN
    UPDATE referrals SET
        days_to_first = CAST(julianday(first_conversation) - julianday(received) AS INTEGER),
        days_to_routed = CAST(julianday(routed) - julianday(received) AS INTEGER),
        days_to_withdrawn = CAST(julianday(withdrawn) - julianday(received) AS INTEGER),
        deadline_class = CASE
            WHEN deadline IS NULL THEN NULL
            WHEN coalesce(nullif(rights_decided, ''), CASE WHEN attended = 'yes' THEN first_conversation END) IS NOT NULL THEN
                coalesce(nullif(rights_decided, ''), CASE WHEN attended = 'yes' THEN first_conversation END) > deadline
            WHEN withdrawn IS NOT NULL AND withdrawn <= deadline THEN 4
            WHEN state NOT IN ('routed', 'withdrawn') THEN 3
            ELSE 2 END,
        received_month = substr(received, 1, 7),
        clinician_org = (SELECT org FROM clinicians WHERE id = clinician_id)
    WHERE id = NEW.id;
    UPDATE referrals SET open_deadline = CASE WHEN deadline_class = 3 THEN deadline END
    WHERE id = NEW.id AND deadline_class = 3;
END;

CREATE TRIGGER referrals_tally_update AFTER UPDATE OF received, state, first_conversation, attended, routed, withdrawn,
    deadline, rights_decided, clinician_id ON referrals
BEGIN
    UPDATE referrals SET
        days_to_first = CAST(julianday(first_conversation) - julianday(received) AS INTEGER),
        days_to_routed = CAST(julianday(routed) - julianday(received) AS INTEGER),
        days_to_withdrawn = CAST(julianday(withdrawn) - julianday(received) AS INTEGER),
        deadline_class = CASE
            WHEN deadline IS NULL THEN NULL
            WHEN coalesce(nullif(rights_decided, ''), CASE WHEN attended = 'yes' THEN first_conversation END) IS NOT NULL THEN
                coalesce(nullif(rights_decided, ''), CASE WHEN attended = 'yes' THEN first_conversation END) > deadline
            WHEN withdrawn IS NOT NULL AND withdrawn <= deadline THEN 4
            WHEN state NOT IN ('routed', 'withdrawn') THEN 3
            ELSE 2 END,
        received_month = substr(received, 1, 7),
        clinician_org = (SELECT org FROM clinicians WHERE id = clinician_id)
    WHERE id = NEW.id;
    UPDATE referrals SET open_deadline = CASE WHEN deadline_class = 3 THEN deadline END
    WHERE id = NEW.id;
END;

CREATE TRIGGER clinicians_tally_org AFTER UPDATE OF org ON clinicians
BEGIN
    UPDATE referrals SET clinician_org = NEW.org WHERE clinician_id = NEW.id;
END;

-- A bulk writer puts the codes in the referral row before its outcomes.
CREATE TRIGGER referral_outcomes_tally_insert AFTER INSERT ON referral_outcomes
WHEN instr(' ' || (SELECT outcome_codes FROM referrals WHERE id = NEW.referral_id) || ' ', ' ' || NEW.service_code || ' ') = 0
BEGIN
    UPDATE referrals SET outcome_codes = coalesce((SELECT group_concat(service_code, ' ')
        FROM (SELECT service_code FROM referral_outcomes WHERE referral_id = NEW.referral_id ORDER BY service_code)), '')
    WHERE id = NEW.referral_id;
END;

CREATE TRIGGER referral_outcomes_tally_delete AFTER DELETE ON referral_outcomes
BEGIN
    UPDATE referrals SET outcome_codes = coalesce((SELECT group_concat(service_code, ' ')
        FROM (SELECT service_code FROM referral_outcomes WHERE referral_id = OLD.referral_id ORDER BY service_code)), '')
    WHERE id = OLD.referral_id;
END;

-- Existing referrals: setting received to itself fires the update trigger.
UPDATE referrals SET received = received;
UPDATE referrals SET outcome_codes = coalesce((SELECT group_concat(service_code, ' ')
    FROM (SELECT service_code FROM referral_outcomes WHERE referral_id = referrals.id ORDER BY service_code)), '');

-- envei stats groups by the leading columns of this index and reads no
-- table row; received, last, serves a --from/--to filter and the range of
-- days. The funnel by month groups by the leading columns of the other
-- two: the steps with the days to the first conversation, then the days to
-- routing and withdrawal (grouping both at once would make almost a group
-- per referral).
CREATE INDEX referrals_report_stats ON referrals (channel, addressed_to, clinician_org, state, attended,
    outcome_codes, days_to_first, days_to_routed, days_to_withdrawn, deadline_class, open_deadline, received);
CREATE INDEX referrals_report_month ON referrals (received_month, clinician_org, state, attended,
    outcome_codes, days_to_first, received);
CREATE INDEX referrals_report_month_close ON referrals (received_month, state, outcome_codes,
    days_to_routed, days_to_withdrawn, received);
