-- envei schema on PostgreSQL, version 10: nothing to do. SQLite's 0010
-- drops the triggers that kept the report tally columns; the store's Go
-- code keeps them, and on PostgreSQL there never were such triggers.
SELECT 1;
