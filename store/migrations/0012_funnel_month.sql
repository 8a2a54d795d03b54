-- The funnel by month (issue 14: 1.18 s at a million referrals) walked two
-- covering indexes of every referral, one grouping the days to the first
-- conversation with the clinician's organisation, state, attendance and
-- outcomes (52k groups at 1M), the other the days to routing and
-- withdrawal with the state and outcomes (42k). Most of the walks' cost
-- is comparing the group keys entry by entry, and most of the rest is
-- reading the groups out one column at a time.
--
-- Now one walk counts the referrals received, attended and at every
-- closing stage with the days to routing and withdrawal (42k groups), and
-- a narrow one groups the days to the first conversation by attendance,
-- counting the assigned with count(clinician_org) (7k groups): fewer key
-- columns to compare, half the groups to read. received, last, serves a
-- --from/--to filter; state serves leaving out voided referrals without a
-- table row. (Not partial indexes: a bulk load keeps partial indexes up
-- row by row, store/bulktx.go, and these hold nearly every referral.)
CREATE INDEX referrals_report_month_counts ON referrals (received_month, state, outcome_codes,
    days_to_routed, days_to_withdrawn, attended, received);
CREATE INDEX referrals_report_month_first ON referrals (received_month, attended, days_to_first, state,
    clinician_org, received);
DROP INDEX referrals_report_month;
DROP INDEX referrals_report_month_close;
