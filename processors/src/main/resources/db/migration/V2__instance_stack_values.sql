-- Extraction: the per-instance values that decide an instance's stack, kept with the instance so
-- stacks can be re-planned when a later run adds files to a series; and the patient's age/sex
-- source. Also lets a resumed run find a subject's imported files quickly.

ALTER TABLE instance
  ADD COLUMN echo_time               DOUBLE      NULL AFTER echo_numbers,
  ADD COLUMN inversion_time          DOUBLE      NULL AFTER echo_time,
  ADD COLUMN flip_angle              DOUBLE      NULL AFTER inversion_time,
  ADD COLUMN kvp                     DOUBLE      NULL AFTER flip_angle,
  ADD COLUMN tube_current            DOUBLE      NULL AFTER kvp,
  ADD COLUMN exposure                DOUBLE      NULL AFTER tube_current,
  ADD COLUMN orientation             VARCHAR(8)  NULL AFTER exposure,
  ADD COLUMN orientation_confidence  DOUBLE      NULL AFTER orientation,
  ADD COLUMN pet_number_of_slices    INT         NULL AFTER orientation_confidence,
  ADD COLUMN pet_series_type         VARCHAR(64) NULL AFTER pet_number_of_slices,
  ADD COLUMN subject_id              BIGINT      NULL AFTER series_id,
  ADD CONSTRAINT fk_instance_subject FOREIGN KEY (subject_id) REFERENCES subject (id) ON DELETE CASCADE,
  ADD INDEX ix_instance_subject (subject_id);

ALTER TABLE ct_series_details
  ADD COLUMN exposure DOUBLE NULL AFTER x_ray_tube_current;
