package io.cohortflow.cli;

import io.cohortflow.store.Database;
import io.cohortflow.watch.WatchApplication;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cohortflow watch}: runs the ingestion service until SIGTERM or Ctrl-C. Options left out
 * keep the value of {@code application.properties}, the {@code --config} file or the environment
 * ({@code COHORTFLOW_WATCH_*}).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Watch an inbox folder and keep the database and the CSV outputs current.",
        "Files that trickle in are grouped per series (complete after a quiet period or a"
        + " series marker file);"
        + " a folder under INBOX/datasets/ with a READY file is ingested as a whole cohort.",
        "Stops gracefully on SIGTERM or Ctrl-C."})
final class WatchCommand implements Callable<Integer> {

  @Option(names = "--inbox", paramLabel = "DIR", description = "Folder to watch.")
  Path inbox;

  @Option(names = "--outbox", paramLabel = "DIR", description = "Folder of the CSV outputs.")
  Path outbox;

  @Option(names = "--cohort", paramLabel = "NAME",
      description = "Cohort of the files that trickle in (default: inbox).")
  String cohort;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Extra properties file (keys cohortflow.watch.*).")
  Path config;

  @Option(names = "--workers", paramLabel = "N", description = "Threads reading headers.")
  Integer workers;

  @Option(names = "--max-series-in-flight", paramLabel = "N",
      description = "Series written at once.")
  Integer maxSeriesInFlight;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Instances per database transaction.")
  Integer batchSize;

  @Option(names = "--series-quiet-period", paramLabel = "MS",
      description = "A series is complete when no file arrived for this long (default 30000).")
  Long seriesQuietPeriod;

  @Option(names = "--series-marker", paramLabel = "NAME",
      description = "File that, written last into a folder, marks its trickle series complete"
          + " (default SERIES_COMPLETE).")
  String seriesMarker;

  @Option(names = "--ready-marker", paramLabel = "NAME",
      description = "File that marks a dataset drop complete (default READY).")
  String readyMarker;

  @Option(names = "--s3-bucket", paramLabel = "BUCKET",
      description = "Also stage objects from this S3 bucket (default: no S3 inbox).")
  String s3Bucket;

  @Option(names = "--s3-prefix", paramLabel = "PREFIX",
      description = "Key prefix of the S3 inbox (default incoming/).")
  String s3Prefix;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint, e.g. MinIO (path-style addressing).")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default"
      + " us-east-1). Credentials: env COHORTFLOW_WATCH_S3_ACCESS_KEY/_SECRET_KEY, else the AWS"
      + " default chain.")
  String s3Region;

  @Option(names = "--s3-output-prefix", paramLabel = "PREFIX",
      description = "Also upload every outbox file under this key prefix of the S3 bucket"
          + " (default: outputs stay local).")
  String s3OutputPrefix;

  @Option(names = "--store-identifiers",
      description = "Store PatientID and PatientName in clear (default: a keyed hash).")
  Boolean storeIdentifiers;

  @Option(names = "--identifier-secret", paramLabel = "SECRET",
      defaultValue = "${env:COHORTFLOW_IDENTIFIER_SECRET}",
      description = "Secret for the PatientID hash (env COHORTFLOW_IDENTIFIER_SECRET).")
  String identifierSecret;

  @Mixin DatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Database db = database.openMigrated(16);
    WatchApplication application;
    try {
      application = WatchApplication.start(overrides(), config, db.dataSource(),
          ExtractCommand.ExtractionSettings.identifiers(identifierSecret, database.settings()));
    } catch (IllegalArgumentException e) {
      db.close();
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    } catch (Exception e) {
      db.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and Ctrl-C close the database from its shutdown hook: the service stops first, so
    // in-flight exchanges finish their writes.
    db.beforeClose(() -> {
      application.close();
      stopped.countDown();
    });
    stopped.await();
    return ExitCodes.OK;
  }

  private Properties overrides() {
    Properties p = new Properties();
    put(p, "inbox", inbox);
    put(p, "outbox", outbox);
    put(p, "cohort", cohort);
    put(p, "workers", workers);
    put(p, "max-series-in-flight", maxSeriesInFlight);
    put(p, "batch-size", batchSize);
    put(p, "series-quiet-period", seriesQuietPeriod);
    put(p, "ready-marker", readyMarker);
    put(p, "series-marker", seriesMarker);
    put(p, "store-identifiers", storeIdentifiers);
    put(p, "s3-bucket", s3Bucket);
    put(p, "s3-prefix", s3Prefix);
    put(p, "s3-endpoint", s3Endpoint);
    put(p, "s3-region", s3Region);
    put(p, "s3-output-prefix", s3OutputPrefix);
    return p;
  }

  private static void put(Properties properties, String key, Object value) {
    if (value != null) {
      properties.setProperty("cohortflow.watch." + key, value.toString());
    }
  }
}
