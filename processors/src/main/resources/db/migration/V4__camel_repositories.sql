-- State of `cohortflow watch` kept in the database, so that a restart loses nothing: the
-- instances collected per series while they trickle in (Camel's JDBC aggregation repository:
-- open aggregations and completed ones not yet confirmed), and the dataset markers already
-- ingested (Camel's JDBC idempotent repository). Column names are the ones Camel expects.

CREATE TABLE camel_series_aggregation (
  id       VARCHAR(255) NOT NULL PRIMARY KEY,
  exchange LONGBLOB     NOT NULL,
  version  BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE camel_series_aggregation_completed (
  id       VARCHAR(255) NOT NULL PRIMARY KEY,
  exchange LONGBLOB     NOT NULL,
  version  BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE CAMEL_MESSAGEPROCESSED (
  processorName VARCHAR(255) NOT NULL,
  messageId     VARCHAR(500) NOT NULL,
  createdAt     TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (processorName, messageId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
