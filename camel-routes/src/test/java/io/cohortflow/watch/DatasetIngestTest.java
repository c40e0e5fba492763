package io.cohortflow.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohortflow.extraction.DicomHeaderReader;
import io.cohortflow.extraction.PatientIdentifiers;
import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.CohortExporter;
import io.cohortflow.store.Database;
import io.cohortflow.store.ExtractionWriter;
import io.cohortflow.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a dataset drop: a folder that cannot be listed (gone by the time its marker is acted
 * on) fails before any cohort or job row exists, so no attempt leaves a job {@code running} or an
 * empty cohort; a folder that can be listed gets its {@code extract} job, closed as
 * {@code failed} when the run is abandoned.
 */
class DatasetIngestTest {
  @TempDir Path temp;
  private Database db;
  private Path inbox;
  private DatasetIngest ingest;

  @BeforeEach
  void open() {
    db = Database.openMigrated(TestDatabase.fresh("watch_dataset_start"), 4);
    inbox = temp.resolve("inbox");
    WatchConfig config = new WatchConfig(inbox, temp.resolve("outbox"), "c", "datasets",
        "READY", "SERIES_COMPLETE", 1, 10, false);
    ingest = new DatasetIngest(config, new DicomHeaderReader(),
        PatientIdentifiers.withSecret("test"), new ExtractionWriter(db.dataSource()),
        new CohortExporter(db.dataSource()), new FailedInputs(config.failedArea()),
        new WatchStatistics(), new DatasetRetries(1000, 2000, Clock.systemUTC()), Runnable::run,
        OutboxChanges.ignored());
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFolderThatCannotBeListedLeavesNoJobRow() throws Exception {
    Path marker = inbox.resolve("datasets/gone/READY");
    assertThatThrownBy(() -> ingest.start(marker)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("gone");
    assertThat(jobs()).isEmpty();
    assertThat(count("cohort")).isZero();
  }

  @Test
  void aFolderThatCanBeListedGetsItsJobClosedWhenAbandoned() throws Exception {
    Path dataset = inbox.resolve("datasets/d1");
    SampleCohort.write(dataset, 1, 3);
    Path marker = Files.createFile(dataset.resolve("READY"));
    DatasetIngest.Run run = ingest.start(marker);
    assertThat(jobs()).containsExactly("extract d1 running");
    ingest.abandon(marker, run);
    assertThat(jobs()).containsExactly("extract d1 failed");
  }

  private long count(String table) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Each job row as "kind cohort status". */
  private List<String> jobs() throws SQLException {
    List<String> jobs = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT j.kind, co.name, j.status FROM job j"
            + " JOIN cohort co ON co.id = j.cohort_id ORDER BY j.id")) {
      while (rs.next()) {
        jobs.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    return jobs;
  }
}
