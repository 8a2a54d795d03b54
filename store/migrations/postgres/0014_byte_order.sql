-- The identifiers envei sorts by compare byte by byte, as SQLite's BINARY
-- does, whatever locale the database was created with: a reception's
-- database made with a Norwegian locale (ICU nb-NO, or nb_NO.UTF-8) sorted
-- refs as a10, b1, B2 where SQLite sorts B2, a10, b1, so envei export, the
-- draw's order and the lists by username came out in another order than
-- on a file. Names and free text keep the database's collation (and with
-- it lower()'s folding of Æ, Ø and Å in search).
ALTER TABLE referrals ALTER COLUMN ref TYPE text COLLATE "C";
ALTER TABLE clinicians ALTER COLUMN username TYPE text COLLATE "C";
ALTER TABLE ssh_keys ALTER COLUMN username TYPE text COLLATE "C";
ALTER TABLE access_log ALTER COLUMN actor TYPE text COLLATE "C";
ALTER TABLE events ALTER COLUMN actor TYPE text COLLATE "C";
