-- envei schema on PostgreSQL, version 13: each report grouping reads one
-- packed key, as SQLite's 0013 (which says why). The keys are compared
-- byte by byte (COLLATE "C"), as SQLite's BINARY: the database's default
-- collation may be a slow locale, and the order must not depend on it.
ALTER TABLE referrals ADD COLUMN tally_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN month_counts_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN month_first_key TEXT COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX referrals_report_stats;
DROP INDEX referrals_report_month_counts;
DROP INDEX referrals_report_month_first;
ALTER TABLE referrals DROP COLUMN outcome_codes, DROP COLUMN days_to_first, DROP COLUMN days_to_routed,
    DROP COLUMN days_to_withdrawn, DROP COLUMN deadline_class, DROP COLUMN open_deadline,
    DROP COLUMN received_month, DROP COLUMN clinician_org;
-- envei:go tally_keys_existing_rows
CREATE INDEX referrals_report_stats ON referrals (tally_key, received);
CREATE INDEX referrals_report_month_counts ON referrals (month_counts_key, received);
CREATE INDEX referrals_report_month_first ON referrals (month_first_key, received);
