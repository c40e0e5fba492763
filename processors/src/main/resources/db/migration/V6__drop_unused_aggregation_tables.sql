-- watch: trickle files wait in INBOX/.pending/ and their rows in memory, so the persistent
-- aggregation repository of V4 is no longer written or read; the idempotent repository stays.
DROP TABLE camel_series_aggregation_completed;
DROP TABLE camel_series_aggregation;
