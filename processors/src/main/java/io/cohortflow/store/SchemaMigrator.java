package io.cohortflow.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies and reports the Flyway migrations in {@code db/migration} (MariaDB dialect). Flyway
 * validates the applied migrations' checksums before running anything, so an edited migration stops
 * the run with no change made.
 */
final class SchemaMigrator {
  static final String HISTORY_TABLE = "flyway_schema_history";

  private SchemaMigrator() {}

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table(HISTORY_TABLE)
        .cleanDisabled(true)
        .load();
  }

  static List<String> migrate(DataSource dataSource) {
    try {
      MigrateResult result = flyway(dataSource).migrate();
      List<String> versions = new ArrayList<>();
      result.migrations.forEach(m -> versions.add(m.version));
      return versions;
    } catch (FlywayException e) {
      throw new SchemaMigrationException("schema migration refused, nothing was changed: "
          + e.getMessage().replaceAll("\\s+", " ").trim(), e);
    }
  }

  static SchemaStatus status(DataSource dataSource) {
    List<SchemaStatus.AppliedMigration> applied = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (MigrationInfo info : flyway(dataSource).info().all()) {
      if (info.getState() == MigrationState.PENDING) {
        pending.add(info.getVersion().getVersion());
      } else if (info.getState().isApplied()) {
        applied.add(new SchemaStatus.AppliedMigration(info.getVersion().getVersion(),
            info.getDescription(), String.valueOf(info.getInstalledOn()),
            !info.getState().isFailed()));
      }
    }
    return new SchemaStatus(applied, pending, rowCounts(dataSource));
  }

  private static Map<String, Long> rowCounts(DataSource dataSource) {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
              + " ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      tables.remove(HISTORY_TABLE);
      for (String table : tables) {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("cannot count rows: " + e.getMessage(), e);
    }
    return counts;
  }
}
