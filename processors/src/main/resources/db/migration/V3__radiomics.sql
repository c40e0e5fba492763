-- Radiomics: one run per `cohortflow radiomics` invocation, one row per case x ROI with its
-- status, one row per feature value (per processing setting).

CREATE TABLE radiomics_run (
  id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  settings_sha256  CHAR(64)     NOT NULL,
  settings_file    VARCHAR(1024) NULL,
  started_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  finished_at      TIMESTAMP(3) NULL,
  cases_ok         INT          NOT NULL DEFAULT 0,
  cases_failed     INT          NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE radiomics_case (
  id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  run_id     BIGINT        NOT NULL,
  case_id    VARCHAR(512)  NOT NULL,
  roi        VARCHAR(512)  NOT NULL,
  modality   VARCHAR(16)   NOT NULL,
  image_path VARCHAR(2048) NOT NULL,
  status     VARCHAR(8)    NOT NULL,
  error      TEXT          NULL,
  CONSTRAINT fk_radiomics_case_run FOREIGN KEY (run_id) REFERENCES radiomics_run (id) ON DELETE CASCADE,
  INDEX ix_radiomics_case_run (run_id, case_id(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE radiomics_feature (
  case_row_id BIGINT       NOT NULL,
  setting     VARCHAR(128) NOT NULL,
  family      VARCHAR(64)  NOT NULL,
  tag         VARCHAR(96)  NOT NULL,
  value       DOUBLE       NULL,
  PRIMARY KEY (case_row_id, setting, tag),
  CONSTRAINT fk_radiomics_feature_case FOREIGN KEY (case_row_id) REFERENCES radiomics_case (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
