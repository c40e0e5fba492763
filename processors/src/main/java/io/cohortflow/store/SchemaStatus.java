package io.cohortflow.store;

import java.util.List;
import java.util.Map;

/**
 * What {@code cohortflow db status} reports: the migrations applied to the database, in order, and
 * the exact row count of each cohortflow table.
 *
 * @param applied applied migrations, oldest first
 * @param pending versions known to this build but not yet applied
 * @param rowCounts table name to row count, in table-name order
 */
public record SchemaStatus(List<AppliedMigration> applied, List<String> pending,
    Map<String, Long> rowCounts) {

  /** One applied migration. */
  public record AppliedMigration(String version, String description, String installedOn,
      boolean success) {}
}
