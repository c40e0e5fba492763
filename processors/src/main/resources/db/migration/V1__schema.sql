-- cohortflow schema v1: cohorts of DICOM studies, their series stacks, and the jobs that import them.
-- Natural keys are unique per cohort, so the same study may be imported into two cohorts.
-- Later changes come as new migrations; never edit this file once applied.

CREATE TABLE cohort (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(255)  NOT NULL,
  source_path  VARCHAR(4096) NULL,
  created_at   TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT uq_cohort_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE subject (
  id               BIGINT AUTO_INCREMENT PRIMARY KEY,
  cohort_id        BIGINT       NOT NULL,
  subject_key      VARCHAR(255) NOT NULL COMMENT 'subject folder name',
  patient_id_hash  CHAR(64)     NULL     COMMENT 'HMAC-SHA256 of PatientID, hex',
  patient_id       VARCHAR(64)  NULL     COMMENT 'only with --store-identifiers',
  patient_name     VARCHAR(324) NULL     COMMENT 'only with --store-identifiers',
  patient_sex      VARCHAR(16)  NULL,
  patient_age      VARCHAR(16)  NULL,
  completed_at     TIMESTAMP(3) NULL     COMMENT 'set when every file of the folder is imported',
  CONSTRAINT uq_subject UNIQUE (cohort_id, subject_key),
  CONSTRAINT fk_subject_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE study (
  id                       BIGINT AUTO_INCREMENT PRIMARY KEY,
  cohort_id                BIGINT        NOT NULL,
  subject_id               BIGINT        NOT NULL,
  study_instance_uid       VARCHAR(64)   NOT NULL,
  study_date               DATE          NULL,
  study_time               TIME(6)       NULL,
  study_description        VARCHAR(1024) NULL,
  modality                 VARCHAR(64)   NULL COMMENT 'modality of its first imported file',
  manufacturer             VARCHAR(255)  NULL,
  manufacturer_model_name  VARCHAR(255)  NULL,
  station_name             VARCHAR(255)  NULL,
  institution_name         VARCHAR(255)  NULL,
  CONSTRAINT uq_study UNIQUE (cohort_id, study_instance_uid),
  CONSTRAINT fk_study_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
  CONSTRAINT fk_study_subject FOREIGN KEY (subject_id) REFERENCES subject (id) ON DELETE CASCADE,
  INDEX ix_study_subject (subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE series (
  id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
  cohort_id               BIGINT        NOT NULL,
  study_id                BIGINT        NOT NULL,
  series_instance_uid     VARCHAR(64)   NOT NULL,
  modality                VARCHAR(16)   NULL,
  series_number           INT           NULL,
  series_date             DATE          NULL,
  series_time             TIME(6)       NULL,
  series_description      VARCHAR(1024) NULL,
  protocol_name           VARCHAR(1024) NULL,
  sequence_name           VARCHAR(255)  NULL,
  body_part_examined      VARCHAR(64)   NULL,
  scanning_sequence       VARCHAR(255)  NULL,
  sequence_variant        VARCHAR(255)  NULL,
  scan_options            VARCHAR(255)  NULL,
  frame_of_reference_uid  VARCHAR(64)   NULL,
  slice_thickness         DOUBLE        NULL,
  instance_count          INT           NOT NULL DEFAULT 0,
  CONSTRAINT uq_series UNIQUE (cohort_id, series_instance_uid),
  CONSTRAINT fk_series_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
  CONSTRAINT fk_series_study FOREIGN KEY (study_id) REFERENCES study (id) ON DELETE CASCADE,
  INDEX ix_series_study (study_id),
  INDEX ix_series_modality (cohort_id, modality)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE mr_series_details (
  series_id                        BIGINT      PRIMARY KEY,
  repetition_time                  DOUBLE      NULL,
  echo_time                        DOUBLE      NULL,
  inversion_time                   DOUBLE      NULL,
  flip_angle                       DOUBLE      NULL,
  echo_train_length                INT         NULL,
  mr_acquisition_type              VARCHAR(16) NULL,
  diffusion_b_value                DOUBLE      NULL,
  parallel_acquisition_technique   VARCHAR(64) NULL,
  magnetic_field_strength          DOUBLE      NULL,
  CONSTRAINT fk_mr_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ct_series_details (
  series_id            BIGINT       PRIMARY KEY,
  kvp                  DOUBLE       NULL,
  exposure_time        DOUBLE       NULL,
  x_ray_tube_current   DOUBLE       NULL,
  convolution_kernel   VARCHAR(255) NULL,
  spiral_pitch_factor  DOUBLE       NULL,
  ctdi_vol             DOUBLE       NULL,
  CONSTRAINT fk_ct_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE pet_series_details (
  series_id                      BIGINT       PRIMARY KEY,
  radiopharmaceutical            VARCHAR(255) NULL,
  radionuclide_total_dose        DOUBLE       NULL,
  radionuclide_half_life         DOUBLE       NULL,
  reconstruction_method          VARCHAR(255) NULL,
  attenuation_correction_method  VARCHAR(255) NULL,
  suv_type                       VARCHAR(16)  NULL,
  CONSTRAINT fk_pet_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE series_stack (
  id                      BIGINT AUTO_INCREMENT PRIMARY KEY,
  series_id               BIGINT       NOT NULL,
  stack_index             INT          NOT NULL COMMENT '0-based, in stack_key order within the series',
  stack_key               VARCHAR(512) NOT NULL,
  modality                VARCHAR(16)  NULL,
  orientation             VARCHAR(8)   NULL COMMENT 'AX, COR, SAG or NA',
  orientation_confidence  DOUBLE       NULL COMMENT 'magnitude of the dominant normal component',
  echo_time               DOUBLE       NULL,
  inversion_time          DOUBLE       NULL,
  flip_angle              DOUBLE       NULL,
  echo_number             INT          NULL,
  image_type              VARCHAR(16)  NULL,
  kvp                     DOUBLE       NULL,
  tube_current            DOUBLE       NULL,
  exposure                DOUBLE       NULL,
  dose_modulated          BOOLEAN      NOT NULL DEFAULT FALSE,
  tube_current_min        DOUBLE       NULL,
  tube_current_max        DOUBLE       NULL,
  exposure_min            DOUBLE       NULL,
  exposure_max            DOUBLE       NULL,
  pet_bed_index           INT          NULL,
  pet_frame_type          VARCHAR(64)  NULL,
  instance_count          INT          NOT NULL DEFAULT 0,
  CONSTRAINT uq_stack_index UNIQUE (series_id, stack_index),
  CONSTRAINT uq_stack_key UNIQUE (series_id, stack_key),
  CONSTRAINT fk_stack_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE instance (
  id                          BIGINT AUTO_INCREMENT PRIMARY KEY,
  cohort_id                   BIGINT        NOT NULL,
  series_id                   BIGINT        NOT NULL,
  stack_id                    BIGINT        NULL,
  sop_instance_uid            VARCHAR(64)   NOT NULL,
  sop_class_uid               VARCHAR(64)   NULL,
  instance_number             INT           NULL,
  image_position_patient      VARCHAR(128)  NULL COMMENT 'x\\y\\z as in the file',
  image_orientation_patient   VARCHAR(255)  NULL COMMENT 'six values as in the file',
  slice_location              DOUBLE        NULL,
  rows_count                  INT           NULL,
  columns_count               INT           NULL,
  pixel_spacing_row           DOUBLE        NULL,
  pixel_spacing_column        DOUBLE        NULL,
  echo_numbers                VARCHAR(64)   NULL,
  image_type                  VARCHAR(255)  NULL,
  acquisition_date            DATE          NULL,
  acquisition_time            TIME(6)       NULL,
  number_of_frames            INT           NULL,
  transfer_syntax_uid         VARCHAR(64)   NULL,
  relative_path               VARCHAR(4096) NOT NULL COMMENT 'relative to the extraction source',
  path_hash                   BINARY(32)    NOT NULL COMMENT 'SHA-256 of relative_path, for resume lookups',
  file_size                   BIGINT        NULL,
  CONSTRAINT uq_instance UNIQUE (cohort_id, sop_instance_uid),
  CONSTRAINT fk_instance_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
  CONSTRAINT fk_instance_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE,
  CONSTRAINT fk_instance_stack FOREIGN KEY (stack_id) REFERENCES series_stack (id) ON DELETE SET NULL,
  INDEX ix_instance_series (series_id),
  INDEX ix_instance_stack (stack_id),
  INDEX ix_instance_path (cohort_id, path_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE job (
  id              BIGINT AUTO_INCREMENT PRIMARY KEY,
  kind            VARCHAR(32)  NOT NULL COMMENT 'extract, watch, annotations, radiomics, ...',
  cohort_id       BIGINT       NULL,
  parameters      JSON         NULL,
  started_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  finished_at     TIMESTAMP(3) NULL,
  status          VARCHAR(16)  NOT NULL DEFAULT 'running' COMMENT 'running, succeeded, partial, failed',
  files_found     BIGINT       NOT NULL DEFAULT 0,
  files_imported  BIGINT       NOT NULL DEFAULT 0,
  files_skipped   BIGINT       NOT NULL DEFAULT 0,
  files_failed    BIGINT       NOT NULL DEFAULT 0,
  CONSTRAINT fk_job_cohort FOREIGN KEY (cohort_id) REFERENCES cohort (id) ON DELETE CASCADE,
  INDEX ix_job_cohort (cohort_id, started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE job_error (
  id          BIGINT AUTO_INCREMENT PRIMARY KEY,
  job_id      BIGINT        NOT NULL,
  input_path  VARCHAR(4096) NOT NULL,
  stage       VARCHAR(32)   NOT NULL COMMENT 'discover, parse, validate, insert, conflict, ...',
  message     TEXT          NOT NULL,
  created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT fk_job_error_job FOREIGN KEY (job_id) REFERENCES job (id) ON DELETE CASCADE,
  INDEX ix_job_error_job (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
