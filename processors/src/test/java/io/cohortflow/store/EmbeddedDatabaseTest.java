package io.cohortflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded MariaDB: schema migration, re-running it, the data-directory lock, orphan recovery. */
class EmbeddedDatabaseTest {
  @TempDir static Path directory;
  static Database database;

  @BeforeAll
  static void start() {
    database = Database.open(DatabaseSettings.embedded(directory), 2);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void migratesAnEmptyDatabaseThenFindsNothingToDo() throws Exception {
    List<String> versions = io.cohortflow.testsupport.MigrationFiles.versions();
    assertThat(versions).startsWith("1", "2");
    assertThat(database.migrate()).isEqualTo(versions);
    assertThat(database.migrate()).isEmpty();

    SchemaStatus status = database.status();
    assertThat(status.applied()).extracting(SchemaStatus.AppliedMigration::version)
        .isEqualTo(versions);
    assertThat(status.pending()).isEmpty();
    assertThat(status.rowCounts()).containsKeys("cohort", "subject", "study", "series",
        "mr_series_details", "ct_series_details", "pet_series_details", "instance",
        "series_stack", "job", "job_error");
    assertThat(status.rowCounts().values()).containsOnly(0L);

    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO cohort (name) VALUES ('c1')");
      try (ResultSet rs = s.executeQuery("SELECT @@character_set_database")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("utf8mb4");
      }
    }
    assertThat(database.status().rowCounts()).containsEntry("cohort", 1L);
  }

  @Test
  void secondProcessOnTheSameDirectoryIsToldItIsInUse() {
    assertThatThrownBy(() -> Database.open(DatabaseSettings.embedded(directory), 1))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("in use by another cohortflow process")
        .hasMessageContaining(directory.toString());
  }

  @Test
  void serverOrphanedByAKilledProcessIsStoppedAndTheDataKept(@TempDir Path dir) throws Exception {
    Process holder = startHolder(dir);
    holder.destroyForcibly();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(dir.resolve("mariadbd.pid")).trim()).matches("\\d+");
    assertOnlyKeptRow(dir);
  }

  @Test
  void sigtermStopsTheServerCleanlyAndKeepsTheData(@TempDir Path dir) throws Exception {
    Process holder = startHolder(dir);
    long serverPid = Long.parseLong(Files.readString(dir.resolve("mariadbd.pid")).trim());
    holder.destroy(); // SIGTERM, as Ctrl-C or a service manager would send
    assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false))
        .as("mariadbd stopped with the process").isFalse();
    assertOnlyKeptRow(dir);
  }

  private static Process startHolder(Path dir) throws Exception {
    Process holder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldEmbeddedDatabase.class.getName(),
        dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
    assertThat(lines.lines().filter("READY"::equals).findFirst()).isPresent();
    return holder;
  }

  private static void assertOnlyKeptRow(Path dir) throws Exception {
    try (Database reopened = Database.open(DatabaseSettings.embedded(dir), 1)) {
      try (Connection c = reopened.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM cohort")) {
        List<String> names = new java.util.ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        assertThat(names).containsExactly("kept");
      }
    }
  }
}
