package io.cohortflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.Database;
import io.cohortflow.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cohortflow watch} on its embedded MariaDB stopped with SIGTERM, as a container runtime or
 * systemd stops it, while series are being written: the service finishes its in-flight writes and
 * closes the run's job row before the embedded server stops, and every file is either committed
 * (its instance row there, the file in {@code processed/}) or left for the next start.
 */
class WatchShutdownTest {
  private static final Path JAR = Distribution.ARCHIVE.resolveSibling("cohortflow.jar");

  @TempDir Path work;

  @Test
  void sigtermWhileSeriesAreWrittenClosesTheJobBeforeTheDatabaseStops() throws Exception {
    Path source = work.resolve("scanner");
    SampleCohort.write(source, 6, 31);
    Files.delete(source.resolve(SampleCohort.GROUND_TRUTH));
    long total = files(source);
    Path inbox = work.resolve("inbox");
    Path db = work.resolve("db");
    Path config = work.resolve("watch.properties");
    Files.writeString(config, String.join("\n", "cohortflow.watch.poll-delay=200",
        "cohortflow.watch.read-lock-min-age=200", "cohortflow.watch.read-lock-check-interval=100",
        "cohortflow.watch.series-quiet-period=500", ""));
    Path stderr = work.resolve("watch.err");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-jar", JAR.toString(), "watch", "--inbox", inbox.toString(),
        "--outbox", work.resolve("outbox").toString(), "--db-dir", db.toString(),
        "--cohort", "sigterm", "--workers", "2", "--config", config.toString())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(work.resolve("watch.out").toFile())
        .redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(Distribution.environment());
    Process watch = builder.start();
    try {
      await(() -> read(stderr).contains("Watching "), "the service to start", stderr);
      try (DirectoryStream<Path> subjects = Files.newDirectoryStream(source)) {
        for (Path subject : subjects) {
          Files.move(subject, inbox.resolve(subject.getFileName()));
        }
      }
      // SIGTERM as soon as the first series is written: the others are still on their way.
      await(() -> anyCsv(work.resolve("outbox/series")), "a first series", stderr);
      watch.destroy();
      assertThat(watch.waitFor(120, TimeUnit.SECONDS)).as("stopped within 2 minutes").isTrue();
      // the JVM's status after a SIGTERM it handled with its shutdown hooks
      assertThat(watch.exitValue()).isEqualTo(143);
    } finally {
      watch.destroyForcibly();
    }
    assertThat(read(stderr)).contains("Stopped: ").doesNotContain("Could not close job");

    long processed = files(inbox.resolve("processed"));
    long waiting = files(inbox) - processed;
    try (Database database = Database.openMigrated(DatabaseSettings.embedded(db), 2);
        Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT j.status FROM job j JOIN cohort co ON co.id = j.cohort_id"
          + " WHERE co.name = 'sigterm' AND j.kind = 'watch'")).isEqualTo("succeeded");
      assertThat(single(s, "SELECT COUNT(*) FROM instance i JOIN cohort co"
          + " ON co.id = i.cohort_id WHERE co.name = 'sigterm'"))
          .isEqualTo(String.valueOf(processed));
      assertThat(single(s, "SELECT files_imported FROM job WHERE kind = 'watch'"))
          .isEqualTo(String.valueOf(processed));
    }
    assertThat(processed).isPositive();
    assertThat(processed + waiting).isEqualTo(total);
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      String value = rs.getString(1);
      assertThat(rs.next()).as("one row: " + sql).isFalse();
      return value;
    }
  }

  private static void await(BooleanSupplier condition, String what, Path stderr)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s; the service said: %s", what,
          read(stderr)).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static boolean anyCsv(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.anyMatch(p -> p.getFileName().toString().endsWith(".csv"));
    } catch (IOException | UncheckedIOException e) {
      return false; // not there yet
    }
  }

  /** Regular files below {@code folder}, hidden areas (the pending area) included. */
  private static long files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
