-- envei schema, version 10: the report tally columns of migration 0004 are
-- kept by the store's Go code, no longer by SQLite triggers.
--
-- The triggers wrote the deadline class and the day counts a second time,
-- in SQL, beside intake/report's TallyOf; and PostgreSQL would need a third
-- copy in PL/pgSQL. Now every write that changes a column the tally is
-- derived from calls retally (store/retally.go) in its own transaction,
-- and the bulk writers compute the tally as they write, both through
-- TallyOf. The columns and their indexes stay as they are: the values the
-- triggers stored are the ones TallyOf gives (a store test compared them),
-- so nothing is recomputed here.
DROP TRIGGER referrals_tally_insert;
DROP TRIGGER referrals_tally_update;
DROP TRIGGER clinicians_tally_org;
DROP TRIGGER referral_outcomes_tally_insert;
DROP TRIGGER referral_outcomes_tally_delete;
