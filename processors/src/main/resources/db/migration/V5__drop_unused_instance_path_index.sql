-- Extraction: resume looks up a subject's imported files through ix_instance_subject, so the
-- (cohort_id, path_hash) index was never read, yet every inserted instance paid for maintaining it.
ALTER TABLE instance DROP INDEX ix_instance_path;
