package io.cohortflow.radiomics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes a radiomics batch into MariaDB (tables of migration V3): the run, each case × ROI with its
 * status and error, and every feature value with its family. Each case is one transaction, so a
 * case is stored completely or not at all.
 */
public final class RadiomicsStore {
  private final DataSource dataSource;

  public RadiomicsStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the whole batch as one run; returns the run id. */
  public long write(List<CaseOutcome> outcomes, String settingsHash, String settingsFile)
      throws SQLException {
    long ok = outcomes.stream().filter(CaseOutcome::succeeded).count();
    long runId;
    try (Connection c = dataSource.getConnection();
        PreparedStatement run = c.prepareStatement("INSERT INTO radiomics_run (settings_sha256,"
            + " settings_file, cases_ok, cases_failed, finished_at) VALUES (?, ?, ?, ?,"
            + " CURRENT_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS)) {
      run.setString(1, settingsHash);
      run.setString(2, settingsFile);
      run.setLong(3, ok);
      run.setLong(4, outcomes.size() - ok);
      run.executeUpdate();
      runId = generatedKey(run);
    }
    for (CaseOutcome o : outcomes) {
      writeCase(runId, o);
    }
    return runId;
  }

  private void writeCase(long runId, CaseOutcome o) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long caseRow;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO radiomics_case (run_id, case_id,"
            + " roi, modality, image_path, status, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
          RoiCase rc = o.roiCase();
          s.setLong(1, runId);
          s.setString(2, rc.caseId());
          s.setString(3, rc.roiName());
          s.setString(4, rc.modality());
          s.setString(5, rc.image().toString());
          s.setString(6, o.succeeded() ? "ok" : "error");
          s.setString(7, o.error());
          s.executeUpdate();
          caseRow = generatedKey(s);
        }
        if (o.succeeded()) {
          writeFeatures(c, caseRow, o.features());
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void writeFeatures(Connection c, long caseRow, CaseFeatures features)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO radiomics_feature (case_row_id,"
        + " setting, family, tag, value) VALUES (?, ?, ?, ?, ?)")) {
      for (CaseFeatures.Row row : features.rows()) {
        for (Map.Entry<String, Double> f : row.features().entrySet()) {
          s.setLong(1, caseRow);
          s.setString(2, row.setting());
          s.setString(3, FeatureFamily.ofTag(f.getKey()).ibsiName());
          s.setString(4, f.getKey());
          if (f.getValue().isNaN() || f.getValue().isInfinite()) {
            s.setNull(5, Types.DOUBLE);
          } else {
            s.setDouble(5, f.getValue());
          }
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  private static long generatedKey(Statement s) throws SQLException {
    try (ResultSet keys = s.getGeneratedKeys()) {
      if (!keys.next()) {
        throw new SQLException("no generated key returned");
      }
      return keys.getLong(1);
    }
  }
}
