-- watch: a dataset marker still in the inbox is a dataset not yet done (a finished one is moved
-- to processed/), and its resume rules live in the instance rows; the idempotent repository of
-- V4 is no longer written or read. It could also keep a marker from ever being taken again: a
-- failed ingestion could not remove its key while the database was away.
DROP TABLE CAMEL_MESSAGEPROCESSED;
