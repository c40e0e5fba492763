package io.cohortflow.e2e;

import static io.cohortflow.e2e.Checks.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.actions.ExecuteSQLQueryAction.Builder.query;
import static org.citrusframework.actions.SleepAction.Builder.sleep;
import static org.citrusframework.container.RepeatOnErrorUntilTrue.Builder.repeatOnError;

import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.Database;
import io.cohortflow.testsupport.TestDatabase;
import io.cohortflow.watch.WatchApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue tests (a), (d) and (f): a generated cohort copied into the inbox file by file ends in the
 * database and the per-series CSV files exactly as its ground truth says, with poison files (not
 * DICOM, not in a subject folder) in failed/ with sidecars and job_error rows; a service stopped
 * mid-stream and started again (f), or a database unreachable while files arrive (e), loses
 * nothing and imports nothing twice.
 */
@CitrusSupport
class TrickleInboxTest {
  private static final String COHORT = "trickle";

  @TempDir Path temp;
  private Database db;
  private Path source;
  private Path inbox;
  private Path outbox;
  private GroundTruth truth;
  private List<String> files;

  @BeforeEach
  void prepare() throws Exception {
    db = Database.openMigrated(TestDatabase.fresh("watch_trickle"), 8);
    source = temp.resolve("scanner");
    SampleCohort.write(source, 2, 5);
    truth = GroundTruth.of(source);
    files = new ArrayList<>(Observed.files(source));
    files.remove(SampleCohort.GROUND_TRUTH);
    inbox = temp.resolve("inbox");
    outbox = temp.resolve("outbox");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Properties settings() {
    return WatchHarness.settings(inbox, outbox, COHORT);
  }

  private void copy(List<String> relativePaths) throws Exception {
    for (String relative : relativePaths) {
      Path target = inbox.resolve(relative);
      Files.createDirectories(target.getParent());
      Files.copy(source.resolve(relative), target);
    }
  }

  @Test
  @CitrusTest
  void filesArrivingOneByOneBecomeSeriesAndStacks(@CitrusResource TestCaseRunner t)
      throws Exception {
    byte[] poison = "not an image".getBytes(StandardCharsets.US_ASCII);
    WatchApplication app = WatchHarness.start(settings(), db.dataSource());
    try {
      copy(files.subList(0, files.size() / 2));
      Files.createDirectories(inbox.resolve("SUBJ-001"));
      Files.write(inbox.resolve("SUBJ-001/garbage.dcm"), poison);
      Files.write(inbox.resolve("stray.dcm"), poison);
      copy(files.subList(files.size() / 2, files.size()));

      awaitAllSeries(t);
      t.then(query(db.dataSource())
          .statement("SELECT e.input_path AS PATH, e.stage AS STAGE FROM job_error e"
              + " JOIN job j ON j.id = e.job_id JOIN cohort c ON c.id = j.cohort_id"
              + " WHERE c.name = '" + COHORT + "' ORDER BY e.input_path")
          .validate("PATH", "SUBJ-001/garbage.dcm", "stray.dcm")
          .validate("STAGE", "parse", "discover"));
      t.then(check(() -> {
        for (String series : truth.series()) {
          assertThat(Observed.stacksCsv(outbox.resolve("series/" + series + ".csv")))
              .as("series CSV of %s", series).isEqualTo(truth.stacksOf(series));
        }
        assertThat(Observed.files(outbox.resolve("series"))).hasSize(truth.series().size());
        assertThat(inbox.resolve("failed/SUBJ-001/garbage.dcm")).hasBinaryContent(poison);
        assertThat(Files.readString(inbox.resolve("failed/SUBJ-001/garbage.dcm.error.txt")))
            .contains("input: SUBJ-001/garbage.dcm", "route: trickle-inbox", "stage: parse",
                "reason: not a readable DICOM file");
        assertThat(Files.readString(inbox.resolve("failed/stray.dcm.error.txt")))
            .contains("stage: discover", "not in a subject folder");
        assertThat(Observed.files(inbox.resolve("processed"))).isEqualTo(files);
      }));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT status AS STATUS, files_imported AS IMPORTED, files_failed AS FAILED"
            + " FROM job j JOIN cohort c ON c.id = j.cohort_id WHERE c.name = '" + COHORT + "'")
        .validate("STATUS", "partial")
        .validate("IMPORTED", String.valueOf(truth.instances()))
        .validate("FAILED", "2"));
  }

  @Test
  @CitrusTest
  void serviceStoppedMidStreamLosesNothingAndDuplicatesNothing(@CitrusResource TestCaseRunner t)
      throws Exception {
    Properties settings = settings();
    // Long enough that the first run stops with series still being collected.
    settings.setProperty("cohortflow.watch.series-quiet-period", "4000");
    int half = files.size() / 2;
    WatchApplication first = WatchHarness.start(settings, db.dataSource());
    try {
      copy(files.subList(0, half));
      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(check(() ->
          assertThat(Observed.files(inbox.resolve("processed"))).hasSize(half))));
    } finally {
      first.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT COUNT(*) AS OPEN_SERIES FROM camel_series_aggregation")
        .validate("OPEN_SERIES", "@greaterThan(0)@"));
    copy(files.subList(half, files.size()));
    WatchApplication second = WatchHarness.start(settings, db.dataSource());
    try {
      awaitAllSeries(t);
    } finally {
      second.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT (SELECT COUNT(*) FROM camel_series_aggregation) AS OPEN_SERIES,"
            + " (SELECT COUNT(*) FROM camel_series_aggregation_completed) AS UNCONFIRMED,"
            + " (SELECT SUM(files_imported) FROM job) AS IMPORTED_BY_JOBS")
        .validate("OPEN_SERIES", "0")
        .validate("UNCONFIRMED", "0")
        .validate("IMPORTED_BY_JOBS", String.valueOf(truth.instances())));
  }

  @Test
  @CitrusTest
  void databaseOutageWhileFilesArriveEndsWithEverythingCommittedOnce(
      @CitrusResource TestCaseRunner t) throws Exception {
    OutageDataSource outage = new OutageDataSource(db.dataSource());
    WatchApplication app = WatchHarness.start(settings(), outage);
    try {
      outage.down();
      copy(files);
      // Files are taken, fail to reach the database, and stay in the inbox for a later poll.
      t.then(sleep().milliseconds(3000));
      t.then(check(() -> {
        assertThat(Observed.files(inbox.resolve("processed"))).isEmpty();
        assertThat(Observed.files(inbox.resolve("failed"))).isEmpty();
      }));
      t.then(query(db.dataSource())
          .statement("SELECT COUNT(*) AS N FROM instance")
          .validate("N", "0"));
      t.then(check(outage::up));
      awaitAllSeries(t);
      t.then(check(() -> assertThat(Observed.files(inbox.resolve("processed")))
          .isEqualTo(files)));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT (SELECT COUNT(*) FROM camel_series_aggregation) AS OPEN_SERIES,"
            + " (SELECT COUNT(*) FROM camel_series_aggregation_completed) AS UNCONFIRMED,"
            + " (SELECT SUM(files_imported) FROM job) AS IMPORTED_BY_JOBS,"
            + " (SELECT COUNT(*) FROM job_error) AS ERRORS")
        .validate("OPEN_SERIES", "0")
        .validate("UNCONFIRMED", "0")
        .validate("IMPORTED_BY_JOBS", String.valueOf(truth.instances()))
        .validate("ERRORS", "0"));
  }

  /** Waits until every series is in the database with its stacks, then checks them exactly. */
  private void awaitAllSeries(TestCaseRunner t) {
    t.then(repeatOnError().until("i = 120").autoSleep(500).actions(
        query(db.dataSource())
            .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT i.sop_instance_uid) AS DISTINCT_N,"
                + " COUNT(i.stack_id) AS IN_STACKS"
                + " FROM instance i JOIN cohort c ON c.id = i.cohort_id"
                + " WHERE c.name = '" + COHORT + "'")
            .validate("N", String.valueOf(truth.instances()))
            .validate("DISTINCT_N", String.valueOf(truth.instances()))
            .validate("IN_STACKS", String.valueOf(truth.instances())),
        check(() -> assertThat(Observed.stacks(db.dataSource(), COHORT))
            .isEqualTo(truth.stackRows())),
        check(() -> assertThat(Observed.files(outbox.resolve("series")))
            .hasSize(truth.series().size()))));
  }
}
