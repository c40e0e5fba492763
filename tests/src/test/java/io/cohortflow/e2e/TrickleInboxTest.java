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
import java.util.stream.Stream;
import org.apache.camel.component.file.FileEndpoint;
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
 * nothing and imports nothing twice: the files of open series wait in the pending area until
 * their series is committed.
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
    copy(relativePaths, inbox);
  }

  private void copy(List<String> relativePaths, Path root) throws Exception {
    for (String relative : relativePaths) {
      Path target = root.resolve(relative);
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
      // The files are archived just after their series' CSV is written.
      t.then(repeatOnError().until("i = 20").autoSleep(250).actions(check(() -> {
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
        assertThat(Observed.files(inbox.resolve(".pending"))).isEmpty();
      })));
      // The subject folders the files left empty, and their copies in the pending area, are
      // removed once quiet for the quiet period.
      t.then(repeatOnError().until("i = 40").autoSleep(250).actions(check(() -> {
        try (Stream<Path> entries = Files.list(inbox)) {
          assertThat(entries.map(p -> p.getFileName().toString()))
              .containsExactlyInAnyOrder("processed", "failed", ".pending", "datasets", "annotations");
        }
        assertThat(inbox.resolve(".pending")).isEmptyDirectory();
      })));
      // Camel's route statistics over JMX: one exchange per file taken, poison files included.
      t.then(check(() -> {
        // every file consumer keeps its in-progress files in the service's own repository
        assertThat(app.context().getEndpoints().stream()
            .filter(e -> e instanceof FileEndpoint)
            .map(e -> ((FileEndpoint) e).getInProgressRepository().getClass().getSimpleName()))
            .containsExactly("InputsInProgress", "InputsInProgress", "InputsInProgress");
        assertThat(Observed.routeCounter(app, "trickle-inbox", "ExchangesCompleted"))
            .isEqualTo(files.size() + 2);
        assertThat(Observed.routeCounter(app, "trickle-inbox", "ExchangesFailed")).isZero();
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
      // Every file of the first half taken: read and waiting for its series, or archived.
      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(check(() ->
          assertThat(Observed.files(inbox.resolve(".pending")).size()
              + Observed.files(inbox.resolve("processed")).size()).isEqualTo(half))));
    } finally {
      first.close();
    }
    // Stopped with series still open: their files wait in the pending area, none is lost.
    t.then(check(() -> assertThat(Observed.files(inbox.resolve(".pending"))).isNotEmpty()));
    copy(files.subList(half, files.size()));
    WatchApplication second = WatchHarness.start(settings, db.dataSource());
    try {
      awaitAllSeries(t);
      t.then(repeatOnError().until("i = 20").autoSleep(250).actions(check(() -> {
        assertThat(Observed.files(inbox.resolve("processed"))).isEqualTo(files);
        assertThat(Observed.files(inbox.resolve(".pending"))).isEmpty();
      })));
    } finally {
      second.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT (SELECT SUM(files_imported) FROM job) AS IMPORTED_BY_JOBS,"
            + " (SELECT COUNT(*) FROM job_error) AS ERRORS")
        .validate("IMPORTED_BY_JOBS", String.valueOf(truth.instances()))
        .validate("ERRORS", "0"));
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
      // Files are taken, their series fail to reach the database, and the files go back into
      // the inbox for a later poll: none is archived or refused.
      // Long enough for series to exhaust their redeliveries and go to the dead-letter route.
      t.then(sleep().milliseconds(6000));
      t.then(check(() -> {
        assertThat(Observed.files(inbox.resolve("processed"))).isEmpty();
        assertThat(Observed.files(inbox.resolve("failed"))).isEmpty();
      }));
      t.then(query(db.dataSource())
          .statement("SELECT COUNT(*) AS N FROM instance")
          .validate("N", "0"));
      // Put back into the inbox by the dead-letter route and taken again.
      t.then(check(() -> assertThat(app.statistics().filesReceived())
          .isGreaterThan(files.size())));
      t.then(check(outage::up));
      awaitAllSeries(t);
      t.then(repeatOnError().until("i = 20").autoSleep(250).actions(check(() -> {
        assertThat(Observed.files(inbox.resolve("processed"))).isEqualTo(files);
        assertThat(Observed.files(inbox.resolve(".pending"))).isEmpty();
      })));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT (SELECT SUM(files_imported) FROM job) AS IMPORTED_BY_JOBS,"
            + " (SELECT COUNT(*) FROM job_error) AS ERRORS")
        .validate("IMPORTED_BY_JOBS", String.valueOf(truth.instances()))
        .validate("ERRORS", "0"));
  }

  @Test
  @CitrusTest
  void seriesMarkerCompletesTheSeriesOfItsFolderWithoutWaitingForTheQuietPeriod(
      @CitrusResource TestCaseRunner t) throws Exception {
    Properties settings = settings();
    settings.setProperty("cohortflow.watch.series-quiet-period", "600000");
    String marked = Path.of(files.get(0)).getParent().toString();
    List<String> markedFiles = files.stream()
        .filter(f -> Path.of(f).getParent().toString().equals(marked)).toList();
    List<String> unmarkedFiles = files.stream()
        .filter(f -> Path.of(f).getParent().toString().equals(
            Path.of(files.get(files.size() - 1)).getParent().toString())).toList();
    WatchApplication app = WatchHarness.start(settings, db.dataSource());
    try {
      copy(unmarkedFiles);
      // The marked folder arrives whole, its marker in it: the marker must wait until each of the
      // folder's files has been collected with its series, even when they come in the same poll.
      Path staged = temp.resolve("staged-" + System.nanoTime());
      copy(markedFiles, staged);
      Files.writeString(staged.resolve(marked).resolve("SERIES_COMPLETE"), "");
      Files.createDirectories(inbox.resolve(marked).getParent());
      Files.move(staged.resolve(marked), inbox.resolve(marked));
      // bad input: a marker outside any subject folder, and one in a folder without images
      Files.writeString(inbox.resolve("SERIES_COMPLETE"), "");
      Files.createDirectories(inbox.resolve("SUBJ-001/empty"));
      Files.writeString(inbox.resolve("SUBJ-001/empty/SERIES_COMPLETE"), "");

      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(
          query(db.dataSource())
              .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT series_id) AS SERIES,"
                  + " COUNT(stack_id) AS IN_STACKS FROM instance")
              .validate("N", String.valueOf(markedFiles.size()))
              .validate("SERIES", "1")
              .validate("IN_STACKS", String.valueOf(markedFiles.size())),
          check(() -> {
            List<String> archived = new ArrayList<>(markedFiles);
            archived.add(marked + "/SERIES_COMPLETE");
            archived.add("SUBJ-001/empty/SERIES_COMPLETE");
            archived.sort(null);
            assertThat(Observed.files(inbox.resolve("processed"))).isEqualTo(archived);
          })));
      t.then(query(db.dataSource())
          .statement("SELECT MIN(relative_path) AS FIRST, MAX(relative_path) AS LAST"
              + " FROM instance")
          .validate("FIRST", markedFiles.get(0))
          .validate("LAST", markedFiles.get(markedFiles.size() - 1)));
      t.then(check(() -> {
        // the series of the folder without a marker is still open: its files wait
        assertThat(Observed.files(inbox.resolve(".pending"))).isEqualTo(unmarkedFiles);
        assertThat(Observed.files(outbox.resolve("series"))).hasSize(1);
        assertThat(Files.readString(inbox.resolve("failed/SERIES_COMPLETE.error.txt")))
            .contains("stage: discover", "not in a subject folder");
      }));
    } finally {
      app.close();
    }
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
