package io.cohortflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.actions.ExecuteSQLQueryAction.Builder.query;
import static org.citrusframework.actions.SleepAction.Builder.sleep;
import static org.citrusframework.container.RepeatOnErrorUntilTrue.Builder.repeatOnError;
import static io.cohortflow.e2e.Checks.check;

import io.cohortflow.extraction.SampleCohort;
import io.cohortflow.store.Database;
import io.cohortflow.testsupport.TestDatabase;
import io.cohortflow.watch.WatchApplication;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.csv.CSVRecord;
import org.citrusframework.TestActionBuilder;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue test (b), with a poison file among good ones (d): a generated cohort dropped as a dataset
 * folder with a READY marker ends in the database exactly as the ground truth says, with the
 * dataset's CSV files and summary in the outbox, the poison file in failed/ with its sidecar and
 * job_error row, and the folder archived, one exchange per series. A dataset cut short by a
 * database outage is resumed once the database is back, each instance imported once. A dataset
 * that keeps failing (the database refuses one of its subjects) waits between attempts while
 * another dataset goes on, and is resumed once the cause is gone; so does one whose start fails
 * (the database away when its job row is written). A dataset without any DICOM file is refused
 * as a whole.
 */
@CitrusSupport
class DatasetDropTest {
  @TempDir Path temp;
  private Database db;
  private WatchApplication app;
  private Path inbox;
  private Path outbox;

  @BeforeEach
  void start() throws Exception {
    db = Database.openMigrated(TestDatabase.fresh("watch_drop"), 8);
    inbox = temp.resolve("inbox");
    outbox = temp.resolve("outbox");
    app = WatchHarness.start(WatchHarness.settings(inbox, outbox, "trickle"), db.dataSource());
  }

  @AfterEach
  void stop() {
    app.close();
    db.close();
  }

  @Test
  @CitrusTest
  void datasetWithReadyMarkerIsIngestedWhole(@CitrusResource TestCaseRunner t) throws Exception {
    Path dataset = inbox.resolve("datasets").resolve("cohortB");
    SampleCohort.write(dataset, 2, 11);
    GroundTruth truth = GroundTruth.of(dataset);
    byte[] poison = "this is not DICOM".getBytes(StandardCharsets.US_ASCII);
    Files.write(dataset.resolve("SUBJ-002").resolve("notes.dcm"), poison);
    Files.createFile(dataset.resolve("READY"));

    t.then(repeatOnError().until("i = 90").autoSleep(500).actions(
        query(db.dataSource())
            .statement("SELECT status AS STATUS, files_found AS FOUND, files_imported AS IMPORTED,"
                + " files_failed AS FAILED FROM job j JOIN cohort c ON c.id = j.cohort_id"
                + " WHERE c.name = 'cohortB'")
            .validate("STATUS", "partial")
            .validate("FOUND", String.valueOf(truth.instances() + 1))
            .validate("IMPORTED", String.valueOf(truth.instances()))
            .validate("FAILED", "1"),
        check(() -> assertThat(outbox.resolve("datasets/cohortB/summary.csv")).exists()),
        check(() -> assertThat(inbox.resolve("processed/datasets/cohortB/READY")).exists())));
    t.then(query(db.dataSource())
        .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT i.sop_instance_uid) AS DISTINCT_N"
            + " FROM instance i JOIN cohort c ON c.id = i.cohort_id WHERE c.name = 'cohortB'")
        .validate("N", String.valueOf(truth.instances()))
        .validate("DISTINCT_N", String.valueOf(truth.instances())));
    t.then(query(db.dataSource())
        .statement("SELECT e.input_path AS PATH, e.stage AS STAGE FROM job_error e"
            + " JOIN job j ON j.id = e.job_id JOIN cohort c ON c.id = j.cohort_id"
            + " WHERE c.name = 'cohortB'")
        .validate("PATH", "SUBJ-002/notes.dcm")
        .validate("STAGE", "parse"));
    t.then(check(() -> {
      assertThat(Observed.stacks(db.dataSource(), "cohortB")).isEqualTo(truth.stackRows());
      Path outputs = outbox.resolve("datasets/cohortB");
      assertThat(Observed.stacksCsv(outputs.resolve("stacks.csv")))
          .isEqualTo(truth.stackRows());
      List<CSVRecord> summary = Observed.csv(outputs.resolve("summary.csv"));
      assertThat(summary).hasSize(1);
      CSVRecord s = summary.get(0);
      assertThat(List.of(s.get("dataset"), s.get("subjects"), s.get("files_found"),
          s.get("files_imported"), s.get("files_skipped"), s.get("files_failed"),
          s.get("studies"), s.get("series"), s.get("stacks"), s.get("instances")))
          .containsExactly("cohortB", "2", String.valueOf(truth.instances() + 1),
              String.valueOf(truth.instances()), "0", "1",
              String.valueOf(truth.studies().size()), String.valueOf(truth.series().size()),
              String.valueOf(truth.stackRows().size()), String.valueOf(truth.instances()));
      // one exchange per series
      assertThat(app.statistics().seriesWritten()).isEqualTo(truth.series().size());
      List<String> seriesFiles = truth.series().stream().map(uid -> "series/" + uid + ".csv")
          .toList();
      List<String> expectedOutputs = new ArrayList<>(List.of("instances.csv", "series.csv",
          "stacks.csv", "studies.csv", "subjects.csv", "summary.csv"));
      expectedOutputs.addAll(seriesFiles);
      expectedOutputs.sort(null);
      assertThat(Observed.files(outputs)).isEqualTo(expectedOutputs);
      seriesFilesHoldTheirStacks(outputs, truth);

      Path failed = inbox.resolve("failed/datasets/cohortB/SUBJ-002");
      assertThat(failed.resolve("notes.dcm")).hasBinaryContent(poison);
      assertThat(Files.readString(failed.resolve("notes.dcm.error.txt")))
          .contains("input: datasets/cohortB/SUBJ-002/notes.dcm", "route: dataset-drop",
              "stage: parse", "reason: not a readable DICOM file", "time: ");
      assertThat(inbox.resolve("datasets/cohortB")).doesNotExist();
      assertThat(Observed.files(inbox.resolve("processed/datasets/cohortB")))
          .hasSize((int) truth.instances() + 3); // + poison, READY, ground-truth.csv
    }));
  }

  /** Settings of a second service beside the shared one, in its own inbox-NAME/outbox-NAME. */
  private Properties otherServiceSettings(String name) {
    return WatchHarness.settings(temp.resolve("inbox-" + name), temp.resolve("outbox-" + name),
        "trickle-" + name);
  }

  /**
   * Settings of a second service whose failed datasets are held back for 4 s (8 s at most), long
   * enough to count the attempts at a 200 ms poll; one redelivery per attempt.
   */
  private Properties heldBackServiceSettings(String name) {
    Properties settings = otherServiceSettings(name);
    settings.setProperty("cohortflow.watch.redelivery-max", "1");
    settings.setProperty("cohortflow.watch.dataset-retry-delay", "4000");
    settings.setProperty("cohortflow.watch.dataset-retry-max-delay", "8000");
    return settings;
  }

  @Test
  @CitrusTest
  void datasetCutShortByADatabaseOutageIsResumedWithEachInstanceOnce(
      @CitrusResource TestCaseRunner t) throws Exception {
    Path otherInbox = temp.resolve("inbox-outage");
    Properties settings = otherServiceSettings("outage");
    settings.setProperty("cohortflow.watch.batch-size", "4");
    settings.setProperty("cohortflow.watch.redelivery-max", "2");
    OutageDataSource outage = new OutageDataSource(db.dataSource());
    WatchApplication service = WatchHarness.start(settings, outage);
    try {
      Path dataset = otherInbox.resolve("datasets").resolve("cohortC");
      SampleCohort.write(dataset, 3, 12);
      GroundTruth truth = GroundTruth.of(dataset);
      // the database goes away once the first batches of the dataset are committed
      outage.downAfter(16);
      Files.createFile(dataset.resolve("READY"));
      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(
          check(() -> assertThat(service.statistics().filesImported()).isPositive()),
          check(() -> assertThat(service.statistics().filesImported())
              .isLessThan(truth.instances()))));
      t.then(sleep().milliseconds(2000));
      t.then(check(() -> assertThat(dataset.resolve("READY")).exists()));
      t.then(check(outage::up));
      t.then(archived(otherInbox, "cohortC"));
      t.then(eachInstanceOnce("cohortC", truth.instances()));
      // the attempts add up to each file imported once; the last one skipped what was committed
      t.then(query(db.dataSource())
          .statement("SELECT SUM(j.files_imported) AS IMPORTED, COUNT(*) > 1 AS RESUMED,"
              + " SUM(j.status = 'succeeded') AS SUCCEEDED FROM job j"
              + " JOIN cohort c ON c.id = j.cohort_id WHERE c.name = 'cohortC'")
          .validate("IMPORTED", String.valueOf(truth.instances()))
          .validate("RESUMED", "1")
          .validate("SUCCEEDED", "1"));
      t.then(check(() -> {
        assertThat(Observed.stacks(db.dataSource(), "cohortC")).isEqualTo(truth.stackRows());
        CSVRecord summary = Observed.csv(temp.resolve("outbox-outage/datasets/cohortC/summary.csv"))
            .get(0);
        assertThat(Long.parseLong(summary.get("files_imported"))
            + Long.parseLong(summary.get("files_skipped"))).isEqualTo(truth.instances());
        assertThat(Long.parseLong(summary.get("files_skipped"))).isPositive();
        // written in the background as subjects commit; the resumed run writes what is missing
        seriesFilesHoldTheirStacks(temp.resolve("outbox-outage/datasets/cohortC"), truth);
      }));
    } finally {
      service.close();
    }
  }

  @Test
  @CitrusTest
  void datasetThatKeepsFailingWaitsBetweenAttemptsWhileOthersGoOnAndIsResumedOnceFixed(
      @CitrusResource TestCaseRunner t) throws Exception {
    Path otherInbox = temp.resolve("inbox-refused");
    Properties settings = heldBackServiceSettings("refused");
    // A failure that does not go away by itself: the database refuses the dataset's second subject.
    execute("ALTER TABLE subject ADD CONSTRAINT test_refused_subject"
        + " CHECK (subject_key <> 'SUBJ-002')");
    WatchApplication service = WatchHarness.start(settings, db.dataSource());
    try {
      Path refused = otherInbox.resolve("datasets").resolve("cohortR");
      SampleCohort.write(refused, 3, 13);
      GroundTruth truth = GroundTruth.of(refused);
      Path good = otherInbox.resolve("datasets").resolve("cohortG");
      SampleCohort.write(good, 1, 14);
      Files.createFile(refused.resolve("READY"));
      Files.createFile(good.resolve("READY"));
      t.then(repeatOnError().until("i = 60").autoSleep(100).actions(
          query(db.dataSource())
              .statement("SELECT COUNT(*) AS N FROM job j JOIN cohort c ON c.id = j.cohort_id"
                  + " WHERE c.name = 'cohortR' AND j.status = 'failed'")
              .validate("N", "1")));
      // polled every 200 ms, but held back for the 4 s retry delay: still one attempt
      t.then(sleep().milliseconds(1500));
      t.then(query(db.dataSource())
          .statement("SELECT COUNT(*) AS N FROM job j JOIN cohort c ON c.id = j.cohort_id"
              + " WHERE c.name = 'cohortR'")
          .validate("N", "1"));
      t.then(check(() -> assertThat(refused.resolve("READY")).exists()));
      t.then(archived(otherInbox, "cohortG"));
      t.then(check(() -> execute("ALTER TABLE subject DROP CONSTRAINT test_refused_subject")));
      t.then(archived(otherInbox, "cohortR"));
      t.then(eachInstanceOnce("cohortR", truth.instances()));
      t.then(query(db.dataSource())
          .statement("SELECT GROUP_CONCAT(j.status ORDER BY j.id) AS STATUSES,"
              + " SUM(j.files_imported) AS IMPORTED FROM job j"
              + " JOIN cohort c ON c.id = j.cohort_id WHERE c.name = 'cohortR'")
          .validate("STATUSES", "failed,succeeded")
          .validate("IMPORTED", String.valueOf(truth.instances())));
    } finally {
      service.close();
    }
  }

  @Test
  @CitrusTest
  void datasetWhoseStartFailsWaitsBetweenAttemptsAndIsIngestedOnceTheDatabaseIsBack(
      @CitrusResource TestCaseRunner t) throws Exception {
    Path otherInbox = temp.resolve("inbox-start");
    Properties settings = heldBackServiceSettings("start");
    OutageDataSource outage = new OutageDataSource(db.dataSource());
    WatchApplication service = WatchHarness.start(settings, outage);
    try {
      Path dataset = otherInbox.resolve("datasets").resolve("cohortS");
      SampleCohort.write(dataset, 2, 15);
      GroundTruth truth = GroundTruth.of(dataset);
      // the database is away when the dataset's job row is to be written
      outage.down();
      Files.createFile(dataset.resolve("READY"));
      t.then(repeatOnError().until("i = 60").autoSleep(100).actions(check(() ->
          assertThat(Observed.routeCounter(service, "dataset-drop", "ExchangesFailed"))
              .isEqualTo(1))));
      // polled every 200 ms, but held back for the 4 s retry delay: still one attempt
      t.then(sleep().milliseconds(1500));
      t.then(check(() -> {
        assertThat(Observed.routeCounter(service, "dataset-drop", "ExchangesTotal")).isEqualTo(1);
        assertThat(dataset.resolve("READY")).exists();
      }));
      t.then(check(outage::up));
      t.then(archived(otherInbox, "cohortS"));
      t.then(eachInstanceOnce("cohortS", truth.instances()));
      // the failed start left no job row behind
      t.then(query(db.dataSource())
          .statement("SELECT GROUP_CONCAT(j.status ORDER BY j.id) AS STATUSES FROM job j"
              + " JOIN cohort c ON c.id = j.cohort_id WHERE c.name = 'cohortS'")
          .validate("STATUSES", "succeeded"));
    } finally {
      service.close();
    }
  }

  /** Waits until the dataset {@code name} is archived: its marker is in processed/. */
  private static TestActionBuilder<?> archived(Path inbox, String name) {
    return repeatOnError().until("i = 90").autoSleep(250).actions(
        check(() -> assertThat(inbox.resolve("processed/datasets/" + name + "/READY"))
            .exists()));
  }

  /** The cohort's instances: {@code expected} rows, each SOP Instance UID once. */
  private TestActionBuilder<?> eachInstanceOnce(String cohort, long expected) {
    return query(db.dataSource())
        .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT i.sop_instance_uid) AS DISTINCT_N"
            + " FROM instance i JOIN cohort c ON c.id = i.cohort_id WHERE c.name = '" + cohort
            + "'")
        .validate("N", String.valueOf(expected))
        .validate("DISTINCT_N", String.valueOf(expected));
  }

  /** One stacks CSV per series in {@code outputs/series/}, holding exactly that series' stacks. */
  private static void seriesFilesHoldTheirStacks(Path outputs, GroundTruth truth)
      throws IOException {
    assertThat(Observed.files(outputs.resolve("series"))).hasSize(truth.series().size());
    for (String uid : truth.series()) {
      assertThat(Observed.stacksCsv(outputs.resolve("series/" + uid + ".csv")))
          .isEqualTo(truth.stacksOf(uid));
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  @CitrusTest
  void datasetWithoutDicomFilesIsRefused(@CitrusResource TestCaseRunner t) throws Exception {
    Path dataset = inbox.resolve("datasets").resolve("empty");
    Files.createDirectories(dataset.resolve("SUBJ-001"));
    Files.writeString(dataset.resolve("SUBJ-001").resolve("readme.txt"), "no images");
    Files.createFile(dataset.resolve("READY"));

    t.then(repeatOnError().until("i = 60").autoSleep(500).actions(
        check(() -> assertThat(inbox.resolve("processed/datasets/empty/READY")).exists())));
    t.then(check(() -> {
      assertThat(Files.readString(inbox.resolve("failed/datasets/empty/READY.error.txt")))
          .contains("route: dataset-drop", "stage: discover", "No DICOM files found in");
      assertThat(Observed.files(outbox.resolve("datasets"))).isEmpty();
    }));
    t.then(query(db.dataSource())
        .statement("SELECT j.status AS STATUS FROM job j JOIN cohort c ON c.id = j.cohort_id"
            + " WHERE c.name = 'empty'")
        .validate("STATUS", "failed"));
  }
}
