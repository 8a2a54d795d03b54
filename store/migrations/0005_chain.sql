-- envei schema, version 5: hash chains that make tampering evident
-- (issue 11). The event trail, the access log, the random draws and the
-- completed assessment versions are SHA-256 chains: each link's hash covers
-- its content and the previous link's hash (store/chain.go computes them;
-- SQL has no SHA-256). envei check verifies them and this schema.

ALTER TABLE events ADD COLUMN hash BLOB;
ALTER TABLE access_log ADD COLUMN hash BLOB;
ALTER TABLE draws ADD COLUMN hash BLOB;

-- A completed assessment version is sealed when it is completed: the seal
-- is the chain's link and covers the whole assessment row. (The versions
-- are not chained by their own ids: a draft is completed after later rows
-- were written.)
CREATE TABLE assessment_seals (
    seq           INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id),
    hash          BLOB NOT NULL
) STRICT;

-- The rows written before this version are chained here, in the order of
-- their ids, by the Go step below (store/chain_backfill.go), inside this
-- migration's transaction; the access log's update trigger is dropped
-- for it and put back unchanged.
DROP TRIGGER access_log_no_update;
-- envei:go chain_existing_rows
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

-- The event trail, the draws and the seals are append-only too.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event trail is append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event trail is append-only');
END;
CREATE TRIGGER draws_no_update BEFORE UPDATE ON draws
BEGIN
    SELECT RAISE(ABORT, 'a draw is never changed');
END;
CREATE TRIGGER draws_no_delete BEFORE DELETE ON draws
BEGIN
    SELECT RAISE(ABORT, 'a draw is never deleted');
END;
CREATE TRIGGER assessment_seals_no_update BEFORE UPDATE ON assessment_seals
BEGIN
    SELECT RAISE(ABORT, 'a seal is never changed');
END;
CREATE TRIGGER assessment_seals_no_delete BEFORE DELETE ON assessment_seals
BEGIN
    SELECT RAISE(ABORT, 'a seal is never deleted');
END;
