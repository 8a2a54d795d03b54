-- Nothing to do on SQLite: its text columns compare byte by byte (BINARY).
-- PostgreSQL's migration 0014 makes the columns envei sorts by do the same
-- whatever the database's locale.
SELECT 1;
