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
import java.io.IOException;
import java.net.URI;
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
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue test (c): the S3 inbox against an in-process S3 server (s3proxy). Objects that trickle in
 * and a dataset whose READY object is uploaded first (it must wait for the rest) end in the
 * database as the ground truth says; keys aimed at the inbox's own areas (failed/, processed/,
 * the staging folders) and an object that is not DICOM are refused without writing anything
 * outside failed/; every object ends under processed/ or failed/, and every outbox file under
 * the output prefix. While the database is away the objects stay under the inbox prefix: they are
 * archived only once their results are committed.
 */
@CitrusSupport
class S3InboxTest {
  private static final String BUCKET = "scans";

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder()
      .withCredentials("access-e2e", "secret-e2e").build();

  @TempDir Path temp;
  private Database db;
  private S3Client s3;

  @BeforeEach
  void prepare() {
    db = Database.openMigrated(TestDatabase.fresh("watch_s3"), 8);
    s3 = S3Client.builder().region(Region.US_EAST_1)
        .endpointOverride(endpoint()).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            s3proxy.getAccessKey(), s3proxy.getSecretKey())))
        .build();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  private URI endpoint() {
    URI uri = s3proxy.getUri();
    return URI.create("http://127.0.0.1:" + uri.getPort());
  }

  @AfterEach
  void close() {
    s3.close();
    db.close();
  }

  private void upload(String key, byte[] content) {
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
  }

  /**
   * Uploads every file of a generated cohort (its ground truth aside) under {@code keyPrefix};
   * returns the keys each will have once archived under processed/.
   */
  private List<String> uploadCohort(Path source, String keyPrefix) throws IOException {
    List<String> processed = new ArrayList<>();
    for (String relative : Observed.files(source)) {
      if (!relative.equals(SampleCohort.GROUND_TRUTH)) {
        upload(keyPrefix + relative, Files.readAllBytes(source.resolve(relative)));
        processed.add("processed/" + keyPrefix + relative);
      }
    }
    return processed;
  }

  private List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
      keys.add(o.key());
    }
    keys.sort(null);
    return keys;
  }

  @Test
  @CitrusTest
  void objectsAndDatasetsFromS3WithMaliciousKeys(@CitrusResource TestCaseRunner t)
      throws Exception {
    Path trickleSource = temp.resolve("trickle-source");
    SampleCohort.write(trickleSource, 1, 21);
    GroundTruth trickleTruth = GroundTruth.of(trickleSource);
    Path datasetSource = temp.resolve("dataset-source");
    SampleCohort.write(datasetSource, 1, 22);
    GroundTruth datasetTruth = GroundTruth.of(datasetSource);
    Path inbox = temp.resolve("work/inbox");
    Path outbox = temp.resolve("work/outbox");

    // The marker first: the service must hold it back until the dataset's files are staged.
    upload("incoming/datasets/cohortS3/READY", new byte[0]);
    List<String> expectedProcessed = new ArrayList<>();
    expectedProcessed.add("processed/incoming/datasets/cohortS3/READY");
    expectedProcessed.addAll(uploadCohort(datasetSource, "incoming/datasets/cohortS3/"));
    expectedProcessed.addAll(uploadCohort(trickleSource, "incoming/"));
    // Keys aimed at the inbox's own areas. Keys with '..' or '//' segments cannot be carried by
    // s3proxy's HTTP front-end at all (400/403), so S3StagingKeysTest covers those.
    byte[] evil = "overwrite me".getBytes(StandardCharsets.US_ASCII);
    upload("incoming/failed/planted.dcm", evil);
    upload("incoming/processed/planted.dcm", evil);
    upload("incoming/.s3-staging/planted.dcm", evil);
    upload("incoming/.s3-staged/planted.properties", evil);
    // bad input: an object that is not DICOM, in a subject folder
    String poison = Observed.files(trickleSource).get(0).replaceFirst("[^/]+$", "notes.dcm");
    upload("incoming/" + poison, "not an image".getBytes(StandardCharsets.US_ASCII));
    expectedProcessed.sort(null);

    Properties settings = s3Settings(inbox, outbox, "s3trickle");
    // Fewer than the dataset's objects: its objects must not wait for room (they could not be
    // committed before all of them are staged), and trickle objects get staged as room is made.
    settings.setProperty("cohortflow.watch.s3-max-staged", "30");
    WatchApplication app = WatchHarness.start(settings, db.dataSource());
    try {
      t.then(repeatOnError().until("i = 120").autoSleep(500).actions(
          check(() -> assertThat(Observed.stacks(db.dataSource(), "s3trickle"))
              .isEqualTo(trickleTruth.stackRows())),
          check(() -> assertThat(Observed.stacks(db.dataSource(), "cohortS3"))
              .isEqualTo(datasetTruth.stackRows())),
          // archived once committed, by a pass that follows the commit
          check(() -> assertThat(keys("incoming/")).isEmpty())));
      t.then(check(() -> {
        assertThat(keys("processed/")).isEqualTo(expectedProcessed);
        assertThat(keys("failed/")).containsExactly(
            "failed/incoming/.s3-staged/planted.properties",
            "failed/incoming/.s3-staging/planted.dcm",
            "failed/incoming/" + poison, "failed/incoming/" + poison + ".error.txt",
            "failed/incoming/failed/planted.dcm", "failed/incoming/processed/planted.dcm");
        assertThat(new String(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
            .key("failed/incoming/" + poison + ".error.txt")).asByteArray(),
            StandardCharsets.UTF_8)).contains("input: " + poison, "route: trickle-inbox");
        // Nothing was planted in the inbox's own areas.
        assertThat(Observed.files(temp.resolve("work")).stream()
            .filter(f -> f.contains("planted")).toList()).isEmpty();
        assertThat(Observed.files(inbox.resolve("failed/s3"))).hasSize(4);
        // S3 is the archive: the local copies of archived objects are gone, the staged ledger
        // is empty.
        assertThat(Observed.files(inbox.resolve("processed"))).isEmpty();
        assertThat(Observed.files(inbox.resolve(".s3-staged"))).isEmpty();
        assertThat(Observed.stacksCsv(outbox.resolve("datasets/cohortS3/stacks.csv")))
            .isEqualTo(datasetTruth.stackRows());
        // every output file, byte for byte, under the output prefix
        List<String> outputs = Observed.files(outbox);
        assertThat(keys("results/")).isEqualTo(outputs.stream().map(f -> "results/" + f)
            .sorted().toList());
        for (String output : outputs) {
          assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("results/" + output))
              .asByteArray()).isEqualTo(Files.readAllBytes(outbox.resolve(output)));
        }
      }));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT e.input_path AS PATH, e.stage AS STAGE FROM job_error e"
            + " ORDER BY e.input_path")
        .validate("PATH", poison, "incoming/.s3-staged/planted.properties",
            "incoming/.s3-staging/planted.dcm", "incoming/failed/planted.dcm",
            "incoming/processed/planted.dcm")
        .validate("STAGE", "parse", "stage", "stage", "stage", "stage"));
    t.then(query(db.dataSource())
        .statement("SELECT COUNT(*) AS N FROM instance")
        .validate("N", String.valueOf(trickleTruth.instances() + datasetTruth.instances())));
  }

  @Test
  @CitrusTest
  void objectsStayInTheInboxPrefixUntilTheirResultsAreCommitted(
      @CitrusResource TestCaseRunner t) throws Exception {
    Path source = temp.resolve("source");
    SampleCohort.write(source, 1, 23);
    GroundTruth truth = GroundTruth.of(source);
    OutageDataSource outage = new OutageDataSource(db.dataSource());
    Path inbox = temp.resolve("work/inbox");
    WatchApplication app = WatchHarness.start(
        s3Settings(inbox, temp.resolve("work/outbox"), "s3outage"), outage);
    try {
      outage.down();
      List<String> expectedProcessed = new ArrayList<>(uploadCohort(source, "incoming/"));
      expectedProcessed.sort(null);
      List<String> uploaded = expectedProcessed.stream()
          .map(k -> k.substring("processed/".length())).toList();
      // Every object is staged, and none can be committed.
      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(check(() ->
          assertThat(Observed.files(inbox.resolve(".s3-staged"))).hasSize(uploaded.size()))));
      t.then(sleep().milliseconds(3000));
      t.then(check(() -> {
        assertThat(keys("incoming/")).isEqualTo(uploaded);
        assertThat(keys("processed/")).isEmpty();
        assertThat(keys("failed/")).isEmpty();
      }));
      t.then(check(outage::up));
      t.then(repeatOnError().until("i = 120").autoSleep(500).actions(
          check(() -> assertThat(Observed.stacks(db.dataSource(), "s3outage"))
              .isEqualTo(truth.stackRows())),
          check(() -> assertThat(keys("processed/")).isEqualTo(expectedProcessed))));
      t.then(check(() -> assertThat(keys("incoming/")).isEmpty()));
      // Each object was fetched once: the polls while it waited staged left it alone.
      t.then(check(() -> assertThat(Observed.routeCounter(app, "s3-inbox", "ExchangesTotal"))
          .isEqualTo(uploaded.size())));
    } finally {
      app.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT sop_instance_uid) AS DISTINCT_N"
            + " FROM instance")
        .validate("N", String.valueOf(truth.instances()))
        .validate("DISTINCT_N", String.valueOf(truth.instances())));
  }

  @Test
  @CitrusTest
  void serviceRestartedWithObjectsStagedArchivesEachOnceCommitted(
      @CitrusResource TestCaseRunner t) throws Exception {
    Path source = temp.resolve("source");
    SampleCohort.write(source, 1, 24);
    GroundTruth truth = GroundTruth.of(source);
    List<String> expectedProcessed = new ArrayList<>(uploadCohort(source, "incoming/"));
    expectedProcessed.sort(null);
    Path inbox = temp.resolve("work/inbox");
    Properties settings = s3Settings(inbox, temp.resolve("work/outbox"), "s3restart");
    // First run: everything staged, nothing committed (the database is away), then stopped.
    OutageDataSource outage = new OutageDataSource(db.dataSource());
    WatchApplication first = WatchHarness.start(settings, outage);
    try {
      outage.down();
      t.then(repeatOnError().until("i = 60").autoSleep(250).actions(check(() ->
          assertThat(Observed.files(inbox.resolve(".s3-staged")))
              .hasSize(expectedProcessed.size()))));
    } finally {
      first.close();
    }
    t.then(check(() -> assertThat(keys("processed/")).isEmpty()));
    // Second run: the ledger says what is staged; nothing is staged twice, everything archived.
    WatchApplication second = WatchHarness.start(settings, db.dataSource());
    try {
      t.then(repeatOnError().until("i = 120").autoSleep(500).actions(
          check(() -> assertThat(keys("processed/")).isEqualTo(expectedProcessed)),
          check(() -> assertThat(Observed.files(inbox.resolve(".s3-staged"))).isEmpty())));
      t.then(check(() -> {
        assertThat(keys("incoming/")).isEmpty();
        assertThat(Observed.stacks(db.dataSource(), "s3restart")).isEqualTo(truth.stackRows());
      }));
    } finally {
      second.close();
    }
    t.then(query(db.dataSource())
        .statement("SELECT COUNT(*) AS N, COUNT(DISTINCT sop_instance_uid) AS DISTINCT_N,"
            + " (SELECT COUNT(*) FROM job_error) AS ERRORS FROM instance")
        .validate("N", String.valueOf(truth.instances()))
        .validate("DISTINCT_N", String.valueOf(truth.instances()))
        .validate("ERRORS", "0"));
  }

  private Properties s3Settings(Path inbox, Path outbox, String cohort) {
    Properties settings = WatchHarness.settings(inbox, outbox, cohort);
    settings.setProperty("cohortflow.watch.s3-bucket", BUCKET);
    settings.setProperty("cohortflow.watch.s3-endpoint", endpoint().toString());
    settings.setProperty("cohortflow.watch.s3-access-key", s3proxy.getAccessKey());
    settings.setProperty("cohortflow.watch.s3-secret-key", s3proxy.getSecretKey());
    settings.setProperty("cohortflow.watch.s3-output-prefix", "results/");
    settings.setProperty("cohortflow.watch.s3-archive-interval", "200");
    return settings;
  }
}
