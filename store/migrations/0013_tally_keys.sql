-- envei schema, version 13: each report grouping reads one packed key.
--
-- envei stats and the funnel by month grouped by up to eleven columns of
-- three covering indexes (0004, 0012). Comparing such keys walks every
-- column before the one compared, in each comparison: most of the
-- reports' cost on SQLite, and on PostgreSQL most of rebuilding the
-- indexes after a bulk load (12.6 s of a 1M import, its hottest function
-- nocache_index_getattr). Now the store computes each grouping's columns
-- into one text key, in Go (store/tally_key.go, from intake/report's
-- TallyOf), and each index is (key, received): the GROUP BY walks the key
-- in order, compared byte by byte (BINARY here, COLLATE "C" on
-- PostgreSQL), and received, last, serves a --from/--to filter. The state
-- is in every key: the voided groups are left out as they are read.
--
-- The old tally columns went only into those indexes: they go, and the
-- bulk writer writes three values instead of eight.
ALTER TABLE referrals ADD COLUMN tally_key TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN month_counts_key TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN month_first_key TEXT NOT NULL DEFAULT '';
DROP INDEX referrals_report_stats;
DROP INDEX referrals_report_month_counts;
DROP INDEX referrals_report_month_first;
ALTER TABLE referrals DROP COLUMN outcome_codes;
ALTER TABLE referrals DROP COLUMN days_to_first;
ALTER TABLE referrals DROP COLUMN days_to_routed;
ALTER TABLE referrals DROP COLUMN days_to_withdrawn;
ALTER TABLE referrals DROP COLUMN deadline_class;
ALTER TABLE referrals DROP COLUMN open_deadline;
ALTER TABLE referrals DROP COLUMN received_month;
ALTER TABLE referrals DROP COLUMN clinician_org;
-- The keys of the referrals already written, computed as every write
-- computes them (store/tally_key_backfill.go).
-- envei:go tally_keys_existing_rows
CREATE INDEX referrals_report_stats ON referrals (tally_key, received);
CREATE INDEX referrals_report_month_counts ON referrals (month_counts_key, received);
CREATE INDEX referrals_report_month_first ON referrals (month_first_key, received);
