-- envei schema on PostgreSQL, version 12: the funnel by month's two
-- covering indexes, as SQLite's 0012 (which says why). PostgreSQL picks
-- them by itself (the store names indexes to SQLite only).
CREATE INDEX referrals_report_month_counts ON referrals (received_month, state, outcome_codes,
    days_to_routed, days_to_withdrawn, attended, received);
CREATE INDEX referrals_report_month_first ON referrals (received_month, attended, days_to_first, state,
    clinician_org, received);
DROP INDEX referrals_report_month;
DROP INDEX referrals_report_month_close;
