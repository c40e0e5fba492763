package io.cohortflow.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** Test helper process: opens an embedded database, writes a row, says READY and waits to be killed. */
public final class HoldEmbeddedDatabase {
  private HoldEmbeddedDatabase() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.openMigrated(DatabaseSettings.embedded(Path.of(args[0])), 1);
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO cohort (name) VALUES ('kept')");
    }
    System.out.print("READY\n");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
